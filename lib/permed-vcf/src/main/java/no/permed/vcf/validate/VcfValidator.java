package no.permed.vcf.validate;

import static java.util.Objects.requireNonNull;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import no.permed.kernel.PermedException;
import no.permed.vcf.normalise.NormalisedRecordVisitor;
import no.permed.vcf.normalise.VariantKey;
import no.permed.vcf.normalise.VariantNormaliser;
import no.permed.vcf.read.Genotypes;
import no.permed.vcf.read.RecordKind;
import no.permed.vcf.read.VcfReader;
import no.permed.vcf.read.VcfReaderOptions;
import no.permed.vcf.read.VcfRecord;

/**
 * Reads a whole VCF input and throws the first problem, so that nothing is stored from an invalid file. It runs
 * the same parser as {@link VcfReader} (so validation and ingest cannot disagree), and, when given a
 * normaliser, also normalises every record (which checks REF against the reference when there is one).
 *
 * <p>What is checked: the container (gzip/BGZF complete and undamaged, no binary content, no line over the
 * limit); the header ({@code ##fileformat} first and supported, well-formed meta lines, no duplicate contigs,
 * the {@code #CHROM} line with the fixed columns and unique sample names, the assembly); and every record
 * (column count, CHROM declared when the header declares contigs, POS a positive integer within the contig, REF
 * and ALT alleles (no ALT equal to REF or listed twice), QUAL a number, INFO END and white space, FORMAT keys
 * unique and no sample with more values than FORMAT keys, sort order within a contig, no reference block
 * overlapping the next record, contigs not revisited, GT syntax, ploidy, allele indices within the ALTs).
 */
public final class VcfValidator {
    private VcfValidator() {
    }

    /** Validates a file. @throws PermedException at the first problem */
    public static ValidationSummary validate(Path path, VcfReaderOptions options) {
        return validate(path, options, Optional.empty());
    }

    /** Validates a file and normalises every record with {@code normaliser}. @throws PermedException at the first problem */
    public static ValidationSummary validate(Path path, VcfReaderOptions options, Optional<VariantNormaliser> normaliser) {
        requireNonNull(path, "path is null");
        try (VcfReader reader = VcfReader.open(path, options)) {
            return validate(reader, normaliser);
        }
    }

    /** Validates a stream (closed when done). @throws PermedException at the first problem */
    public static ValidationSummary validate(InputStream input, String fileName, VcfReaderOptions options,
            Optional<VariantNormaliser> normaliser) {
        try (VcfReader reader = VcfReader.open(input, fileName, options)) {
            return validate(reader, normaliser);
        }
    }

    private static ValidationSummary validate(VcfReader reader, Optional<VariantNormaliser> normaliser) {
        requireNonNull(normaliser, "normaliser is null");
        long variants = 0;
        long blocks = 0;
        long[] biallelic = new long[1];
        List<String> contigs = new ArrayList<>();
        NormalisedRecordVisitor counter = new NormalisedRecordVisitor() {
            @Override
            public void variant(VariantKey key, Genotypes genotypes, VcfRecord source) {
                biallelic[0]++;
            }
        };
        while (reader.advance()) {
            VcfRecord record = reader.record();
            if (contigs.isEmpty() || !contigs.get(contigs.size() - 1).equals(record.contig())) {
                contigs.add(record.contig());
            }
            if (record.kind() == RecordKind.REFERENCE_BLOCK) {
                blocks++;
            } else {
                variants++;
                if (normaliser.isEmpty()) {
                    biallelic[0] += record.alternateAlleles().size();
                }
            }
            if (normaliser.isPresent()) {
                normaliser.get().split(record, counter);
            }
        }
        return new ValidationSummary(reader.fileName(), reader.header(), variants, blocks, biallelic[0], reader.lineNumber(), contigs,
                reader.isCompressed());
    }
}
