/** Whole-file validation before anything is stored: {@link no.permed.vcf.validate.VcfValidator}. */
package no.permed.vcf.validate;
