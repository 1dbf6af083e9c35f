/**
 * ClinVar-style aggregation of laboratories' classifications per variant and condition: aggregate class, review status,
 * gold stars and the conflicted flag ({@link no.permed.interpretation.aggregate.ClinVarAggregator}).
 */
package no.permed.interpretation.aggregate;
