package no.permed.vcf.read;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The current record of a {@link VcfReader}. The reader reuses one instance (and its {@link Genotypes}) for
 * every record, so a record is valid only until the next {@link VcfReader#advance()}; copy what you keep.
 *
 * <p>Alleles are upper-cased. {@code <NON_REF>} and {@code <*>} (gVCF) are dropped from the ALT alleles and
 * genotypes are re-indexed accordingly (a call of the dropped allele becomes {@link Genotypes#MISSING}); a record
 * left without ALT alleles is a {@link RecordKind#REFERENCE_BLOCK}.
 */
public final class VcfRecord {
    /**
     * What {@link #formatIntegerOrMissing(int)} gives for a sample without a value (the key is not in FORMAT, the
     * sample has fewer subfields, or the value is {@code .}): BCF's missing Integer, outside the VCF Integer range.
     */
    public static final int MISSING_INTEGER = Integer.MIN_VALUE;

    final String fileName;
    /** The FORMAT key read as an Integer per sample ({@link VcfReaderOptions#formatInteger()}), or null when none is. */
    final String formatIntegerKey;
    /** Its value per sample for the current record, {@link #MISSING_INTEGER} where absent; null when no key is read. */
    final int[] formatIntegers;
    long lineNumber;
    String contig;
    String contigAsWritten;
    int position;
    int end;
    String referenceAllele;
    List<String> alternateAlleles;
    RecordKind kind;
    final Genotypes genotypes;
    /** Whether the sample columns of the current record were parsed (false when a {@link SiteFilter} passed it over). */
    boolean genotypesRead = true;
    byte[] line;
    int identifierStart;
    int identifierEnd;
    int qualityStart;
    int qualityEnd;
    int filterStart;
    int filterEnd;
    int infoStart;
    int infoEnd;

    VcfRecord(String fileName, int sampleCount) {
        this(fileName, sampleCount, null);
    }

    VcfRecord(String fileName, int sampleCount, String formatIntegerKey) {
        this.fileName = fileName;
        this.genotypes = new Genotypes(sampleCount);
        this.formatIntegerKey = formatIntegerKey;
        this.formatIntegers = formatIntegerKey == null ? null : new int[sampleCount];
    }

    /** The name of the file the record comes from, as errors name it. */
    public String fileName() {
        return fileName;
    }

    /** The 1-based line number in the file. */
    public long lineNumber() {
        return lineNumber;
    }

    /** The canonical contig name ({@code 1}…{@code 22}, {@code X}, {@code Y}, {@code MT}, or the name as written for others). */
    public String contig() {
        return contig;
    }

    /** CHROM as written in the file. */
    public String contigAsWritten() {
        return contigAsWritten;
    }

    /** POS, 1-based. */
    public int position() {
        return position;
    }

    /** The last position the record covers: INFO {@code END} when present, else POS + length(REF) − 1. */
    public int end() {
        return end;
    }

    public RecordKind kind() {
        return kind;
    }

    /** REF, upper-case. */
    public String referenceAllele() {
        return referenceAllele;
    }

    /** The ALT alleles without gVCF's {@code <NON_REF>}/{@code <*>}; empty for a reference block. Immutable. */
    public List<String> alternateAlleles() {
        return alternateAlleles;
    }

    /**
     * The genotypes of all samples (the reader's reused buffer).
     *
     * @throws IllegalStateException when the record was read by {@link VcfReader#advance(SiteFilter)} and the filter
     *     did not want its site: its sample columns were not parsed
     */
    public Genotypes genotypes() {
        if (!genotypesRead) {
            throw new IllegalStateException("the sample columns of line " + lineNumber + " were not read: the site filter passed it over");
        }
        return genotypes;
    }

    /** Whether {@link #genotypes()} may be asked: false for a record a {@link SiteFilter} passed over. */
    public boolean hasGenotypes() {
        return genotypesRead;
    }

    /**
     * The value of the FORMAT key the reader was asked to read ({@link VcfReaderOptions#withFormatInteger(String)},
     * {@link VcfReaderOptions#withPhaseSets()}) for sample {@code sample} (0-based, in column order); empty when the
     * record's FORMAT lacks the key, the sample has fewer subfields, or the value is {@code .}.
     *
     * @throws IllegalStateException when the reader was not asked for a FORMAT integer, or the record's sample columns
     *     were not read (a {@link SiteFilter} passed it over)
     */
    public OptionalInt formatInteger(int sample) {
        int value = formatIntegerOrMissing(sample);
        return value == MISSING_INTEGER ? OptionalInt.empty() : OptionalInt.of(value);
    }

    /** As {@link #formatInteger(int)}, without an object: {@link #MISSING_INTEGER} where there is no value. */
    public int formatIntegerOrMissing(int sample) {
        if (formatIntegers == null) {
            throw new IllegalStateException("the reader was not asked for a FORMAT integer (VcfReaderOptions.withFormatInteger)");
        }
        if (!genotypesRead) {
            throw new IllegalStateException("the sample columns of line " + lineNumber + " were not read: the site filter passed it over");
        }
        return formatIntegers[sample];
    }

    /** The FORMAT key read as an Integer per sample, if the reader was asked for one. */
    public Optional<String> formatIntegerKey() {
        return Optional.ofNullable(formatIntegerKey);
    }

    /** ID as written ({@code .} when absent). */
    public String identifier() {
        return text(identifierStart, identifierEnd);
    }

    /** QUAL as written ({@code .} when absent). */
    public String quality() {
        return text(qualityStart, qualityEnd);
    }

    /** FILTER as written ({@code PASS}, {@code .}, or {@code ;}-separated filter names). */
    public String filter() {
        return text(filterStart, filterEnd);
    }

    /** The whole INFO column as written. */
    public String info() {
        return text(infoStart, infoEnd);
    }

    /**
     * The value of one INFO key: empty if absent, {@code ""} for a flag, the raw text otherwise.
     */
    public Optional<String> info(String key) {
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        int index = infoStart;
        while (index < infoEnd) {
            int entryEnd = index;
            while (entryEnd < infoEnd && line[entryEnd] != ';') {
                entryEnd++;
            }
            int keyLength = keyBytes.length;
            if (entryEnd - index >= keyLength && matches(keyBytes, index)) {
                if (index + keyLength == entryEnd) {
                    return Optional.of("");
                }
                if (line[index + keyLength] == '=') {
                    return Optional.of(text(index + keyLength + 1, entryEnd));
                }
            }
            index = entryEnd + 1;
        }
        return Optional.empty();
    }

    private boolean matches(byte[] keyBytes, int at) {
        for (int offset = 0; offset < keyBytes.length; offset++) {
            if (line[at + offset] != keyBytes[offset]) {
                return false;
            }
        }
        return true;
    }

    private String text(int start, int stop) {
        return new String(line, start, stop - start, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "VcfRecord[line " + lineNumber + ", " + contig + ":" + position + " " + referenceAllele + ">" + alternateAlleles + "]";
    }
}
