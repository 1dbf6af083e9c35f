/** Polygenic scores: one person's score normalised against a reference panel. */
package no.permed.prs.person;
