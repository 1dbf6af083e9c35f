/**
 * Implementation details of permed-vcf (decompression, line splitting, header parsing, error building). Not API:
 * other modules must not use these classes; they may change without notice.
 */
package no.permed.vcf.internal;
