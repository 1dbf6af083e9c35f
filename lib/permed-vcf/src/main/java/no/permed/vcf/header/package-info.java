/** The immutable model of a VCF header: version, contigs, INFO/FORMAT definitions, samples, assembly. */
package no.permed.vcf.header;
