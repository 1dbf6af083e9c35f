/** The national register of interpreted variants: variant identity, ACMG/AMP classification, submissions, aggregation, recall. */
package no.permed.interpretation;
