/**
 * Variant identity: the normalised key ({@link no.permed.interpretation.variant.VariantKeys}), GA4GH VRS computed
 * identifiers ({@link no.permed.interpretation.variant.VrsIdentifier}) and HGVS input
 * ({@link no.permed.interpretation.variant.HgvsGenomic}): genomic, and coding where the transcript-anchor table
 * ({@link no.permed.interpretation.variant.TranscriptAnchors}) places it exactly.
 */
package no.permed.interpretation.variant;
