/**
 * The VCF foundation of the genome store: a streaming, validating reader of VCF 4.0–4.3 and gVCF (plain, gzip or
 * BGZF), a validator that checks a whole file before anything is stored, and a normaliser that turns records into
 * one {@link no.permed.vcf.normalise.VariantKey} per ALT allele. Errors are {@link no.permed.kernel.PermedException}s
 * with a {@link no.permed.vcf.VcfErrorCode} and the details {@code file}, {@code line}, {@code field}.
 *
 * <p>Packages: {@code genome} (assemblies, contig names), {@code header}, {@code read} (reader, records,
 * genotypes), {@code validate}, {@code normalise}; {@code internal} is not API.
 */
package no.permed.vcf;
