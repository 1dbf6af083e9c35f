/**
 * Variant identity: the normalised key ({@link no.permed.interpretation.variant.VariantKeys}), GA4GH VRS computed
 * identifiers ({@link no.permed.interpretation.variant.VrsIdentifier}) and genomic HGVS input
 * ({@link no.permed.interpretation.variant.HgvsGenomic}).
 */
package no.permed.interpretation.variant;
