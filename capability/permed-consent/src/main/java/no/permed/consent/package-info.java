/** Dynamic consent: the model, its versioned store, and the enforcement point every aggregate asks. */
package no.permed.consent;
