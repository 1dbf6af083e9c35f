/**
 * Scoring: {@link no.permed.prs.calc.VcfScorer} scores every sample of a VCF in one pass with plink2
 * {@code --score} semantics (sum, allele count, average; mean imputation of missing calls by default);
 * {@link no.permed.prs.calc.ScoreTsvWriter} writes the {@code sample allele_count sum avg} table.
 */
package no.permed.prs.calc;
