/** Reference assemblies (GRCh37, GRCh38), their recognition from contig lengths, and canonical contig names. */
package no.permed.vcf.genome;
