/**
 * Streaming reading of VCF records: {@link no.permed.vcf.read.VcfReader} hands out one reused
 * {@link no.permed.vcf.read.VcfRecord} at a time, with the genotypes of all samples as primitive arrays
 * ({@link no.permed.vcf.read.Genotypes}).
 */
package no.permed.vcf.read;
