package no.permed.vcf.validate;

import static java.util.Objects.requireNonNull;

import java.util.List;
import no.permed.vcf.header.VcfHeader;

/**
 * What a complete, successful validation saw.
 *
 * @param fileName the file name as errors would name it
 * @param header the header
 * @param variantRecords records with at least one ALT allele
 * @param referenceBlocks gVCF reference blocks and records without ALT
 * @param biallelicVariants the variants after splitting multi-allelic records
 * @param lines all lines, header included
 * @param contigs the canonical contigs of the records, in file order
 * @param compressed whether the input was gzip or BGZF
 */
public record ValidationSummary(
        String fileName,
        VcfHeader header,
        long variantRecords,
        long referenceBlocks,
        long biallelicVariants,
        long lines,
        List<String> contigs,
        boolean compressed) {
    public ValidationSummary {
        requireNonNull(fileName, "fileName is null");
        requireNonNull(header, "header is null");
        contigs = List.copyOf(requireNonNull(contigs, "contigs is null"));
        if (variantRecords < 0 || referenceBlocks < 0 || biallelicVariants < 0 || lines < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
    }

    /** All records, variants and reference blocks. */
    public long records() {
        return variantRecords + referenceBlocks;
    }
}
