/**
 * Normalisation of variants (split multi-allelic records, trim, left-align against an indexed FASTA) into
 * {@link no.permed.vcf.normalise.VariantKey}s, and gVCF reference blocks into {@link no.permed.vcf.normalise.ReferenceBlock}s.
 */
package no.permed.vcf.normalise;
