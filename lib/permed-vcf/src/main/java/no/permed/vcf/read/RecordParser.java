package no.permed.vcf.read;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import no.permed.kernel.PermedException;
import no.permed.vcf.VcfErrorCode;
import no.permed.vcf.genome.Assembly;
import no.permed.vcf.genome.Contigs;
import no.permed.vcf.header.ContigDefinition;
import no.permed.vcf.header.VcfHeader;
import no.permed.vcf.internal.VcfErrors;

/**
 * Parses one data line into the reused {@link VcfRecord}, byte by byte, and checks it. The genotype loop
 * creates no objects; it has a fast path for single-digit diploid calls ({@code 0|1}) and a general path for
 * everything else. A FORMAT integer the reader was asked for (PS) is read only by the general path, in records whose
 * FORMAT has its key (never only GT).
 */
final class RecordParser {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORTS = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    /** Bytes 0, 2, 4, 6 of "a|b\tc|d\t": the four allele digits. */
    private static final long DIGIT_BYTES = 0x00FF00FF00FF00FFL;
    private static final long DIGIT_HIGH_NIBBLES = 0x00F000F000F000F0L;
    private static final long DIGIT_ZEROS = 0x0030003000300030L;
    private static final long DIGIT_SIXES = 0x0006000600060006L;
    /** Bytes 3 and 7: the tabs after each call. */
    private static final long TAB_BYTES = 0xFF000000FF000000L;
    private static final long TABS = 0x0900000009000000L;
    /** Bytes 1, 3, 5 and 7 of two phased calls "a|b\tc|d\t": the usual structure of a word. */
    /** Added to digit values (bytes 0, 2, 4, 6) sets bit 7 of those 10 or more. */
    private static final long DIGIT_LIMITS = 0x0076007600760076L;
    private static final long DIGIT_SIGNS = 0x0080008000800080L;
    private static final long PHASED_STRUCTURE = 0x09007C0009007C00L;
    private static final String[] COLUMN_NAMES = {"CHROM", "POS", "ID", "REF", "ALT", "QUAL", "FILTER", "INFO", "FORMAT"};
    private static final String[] SINGLE_BASES = new String[128];
    private static final int FORMAT_CACHE_SIZE = 8;

    static {
        for (char base : new char[] {'A', 'C', 'G', 'T', 'N'}) {
            SINGLE_BASES[base] = String.valueOf(base);
            SINGLE_BASES[Character.toLowerCase(base)] = String.valueOf(base);
        }
    }

    private final String file;
    private final List<String> samples;
    private final int sampleCount;
    private final VcfHeader header;
    private final Optional<Assembly> assembly;
    private final PloidyPolicy ploidyPolicy;
    private final VcfRecord record;
    private final int[] alleles;
    private final byte[] ploidies;
    private final boolean[] phased;
    private final Genotypes genotypes;
    private final byte[] compact;
    private final int[] columnStarts = new int[10];
    private final int[] columnEnds = new int[10];

    private byte[] previousContigBytes;
    private String currentContig;
    private String currentContigAsWritten;
    private long currentContigLength;
    private String currentContigLengthSource;
    private boolean currentContigIsAutosome;
    private final Set<String> finishedContigs = new HashSet<>();
    private int previousPosition;

    private byte[] previousFormatBytes = null;
    private int genotypeFieldIndex;
    private boolean formatIsOnlyGenotype;
    /** The number of keys in the current FORMAT: a sample may have fewer subfields, never more. */
    private int formatKeyCount;
    /** The distinct FORMAT strings checked so far (a small round-robin cache; gVCFs alternate two or three). */
    private final byte[][] checkedFormats = new byte[FORMAT_CACHE_SIZE][];
    private final int[] checkedFormatGenotypeIndex = new int[FORMAT_CACHE_SIZE];
    private final int[] checkedFormatKeyCount = new int[FORMAT_CACHE_SIZE];
    private int checkedFormatNext;
    private int[] formatKeyStarts = new int[16];
    private int[] formatKeyEnds = new int[16];
    /** The FORMAT key read as an Integer per sample (the reader's option), or null: then none is read. */
    private final byte[] formatIntegerKey;
    /** The record's per-sample values of that key ({@link VcfRecord#formatIntegers}), or null. */
    private final int[] formatIntegers;
    /** The index of that key in the current FORMAT, or -1 (absent, or not asked for). */
    private int formatIntegerFieldIndex = -1;
    private final int[] checkedFormatIntegerIndex = new int[FORMAT_CACHE_SIZE];
    /** Colons passed in the current sample column before the parse position (set by {@link #skipToGenotype}). */
    private int colonsBeforeCursor;

    /** Whether the header declares any contig: then every record's contig must be declared. */
    private final boolean headerDeclaresContigs;
    /** Whether the version is VCFv4.3 or later, where INFO values may contain spaces. */
    private final boolean spacesAllowedInInfoValues;

    /** END of the previous record when it was a reference block (no ALT, INFO END) on the current contig, else 0. */
    private long blockEnd;
    private int blockStart;
    private long blockLine;

    private long lineNumber;
    private int maximumAllele;
    private int alternateCount;

    RecordParser(String file, VcfHeader header, VcfReaderOptions options, VcfRecord record) {
        this.file = file;
        this.header = header;
        this.samples = header.samples();
        this.sampleCount = samples.size();
        this.assembly = header.assembly();
        this.ploidyPolicy = options.ploidyPolicy();
        this.record = record;
        this.alleles = record.genotypes.alleles;
        this.ploidies = record.genotypes.ploidies;
        this.phased = record.genotypes.phased;
        this.genotypes = record.genotypes;
        this.compact = record.genotypes.compact;
        this.formatIntegerKey = record.formatIntegerKey == null ? null : record.formatIntegerKey.getBytes(StandardCharsets.UTF_8);
        this.formatIntegers = record.formatIntegers;
        this.headerDeclaresContigs = !header.contigs().isEmpty();
        this.spacesAllowedInInfoValues = !header.fileFormat().equals("VCFv4.0") && !header.fileFormat().equals("VCFv4.1")
                && !header.fileFormat().equals("VCFv4.2");
    }

    void parse(byte[] line, int start, int end, long number) {
        parse(line, start, end, number, null);
    }

    /**
     * Parses a line; when {@code filter} is given and does not want the record's site, its sample columns are not
     * parsed nor checked (the fixed columns are).
     */
    void parse(byte[] line, int start, int end, long number, SiteFilter filter) {
        this.lineNumber = number;
        record.lineNumber = number;
        record.line = line;
        if (start == end) {
            throw error(VcfErrorCode.WRONG_COLUMN_COUNT, VcfErrors.FIELD_LINE,
                    "the line is empty; every record needs " + expectedColumns() + " tab-separated columns");
        }
        if (line[start] == '#') {
            throw error(VcfErrorCode.MALFORMED_HEADER_LINE, VcfErrors.FIELD_LINE,
                    "a header line appears after the #CHROM line; header lines must all come before the records");
        }
        int fixedColumns = sampleCount == 0 ? 8 : 9;
        int position = start;
        for (int column = 0; column < fixedColumns; column++) {
            columnStarts[column] = position;
            int tab = indexOfTab(line, position, end);
            if (tab < 0) {
                if (column == fixedColumns - 1 && sampleCount == 0) {
                    columnEnds[column] = end;
                    position = end;
                    break;
                }
                throw error(VcfErrorCode.WRONG_COLUMN_COUNT, VcfErrors.FIELD_LINE,
                        "the record has " + (column + 1) + " columns but the #CHROM line has " + expectedColumns());
            }
            columnEnds[column] = tab;
            position = tab + 1;
        }
        if (sampleCount == 0 && position < end) {
            // a sites-only file may still carry an (empty) FORMAT column
            columnStarts[8] = position;
            int tab = indexOfTab(line, position, end);
            if (tab >= 0) {
                throw error(VcfErrorCode.WRONG_COLUMN_COUNT, VcfErrors.FIELD_LINE,
                        "the record has more than 9 columns but the #CHROM line has no sample columns");
            }
        }
        parseContig(line, columnStarts[0], columnEnds[0]);
        int recordPosition = parsePosition(line, columnStarts[1], columnEnds[1]);
        if (blockEnd >= recordPosition) {
            throw error(VcfErrorCode.UNSORTED_RECORDS, "POS", "POS " + recordPosition + " lies inside the reference block "
                    + currentContigAsWritten + ":" + blockStart + "-" + blockEnd + " on line " + blockLine
                    + "; a reference block (a record with END and no ALT allele) must end before the next record starts");
        }
        checkControlBytes(line, columnStarts[2], columnEnds[2], 2);
        record.identifierStart = columnStarts[2];
        record.identifierEnd = columnEnds[2];
        String reference = parseReference(line, columnStarts[3], columnEnds[3]);
        int nonReferenceIndex = parseAlternates(line, columnStarts[4], columnEnds[4], reference);
        int fileAlternateCount = alternateCount;
        checkQuality(line, columnStarts[5], columnEnds[5]);
        record.qualityStart = columnStarts[5];
        record.qualityEnd = columnEnds[5];
        checkControlBytes(line, columnStarts[6], columnEnds[6], 6);
        record.filterStart = columnStarts[6];
        record.filterEnd = columnEnds[6];
        checkInfo(line, columnStarts[7], columnEnds[7]);
        record.infoStart = columnStarts[7];
        record.infoEnd = columnEnds[7];
        int infoEndPosition = parseEnd(line, columnStarts[7], columnEnds[7]);

        record.position = recordPosition;
        record.referenceAllele = reference;
        long recordEnd = infoEndPosition > 0 ? infoEndPosition : (long) recordPosition + reference.length() - 1;
        if (infoEndPosition > 0 && infoEndPosition < recordPosition) {
            throw error(VcfErrorCode.INVALID_INFO, "INFO", "END=" + infoEndPosition + " lies before POS " + recordPosition
                    + "; END must be the last position of the record");
        }
        if (recordEnd > currentContigLength) {
            throw error(VcfErrorCode.POSITION_BEYOND_CONTIG, infoEndPosition > 0 ? "INFO" : "POS",
                    "the record ends at " + recordEnd + ", beyond the end of contig " + currentContigAsWritten + " ("
                            + currentContigLength + " bases" + currentContigLengthSource + ")");
        }
        record.end = (int) recordEnd;

        record.genotypesRead = true;
        if (sampleCount > 0 && filter != null && !filter.wants(currentContig, recordPosition)) {
            record.genotypesRead = false;
        } else if (sampleCount > 0) {
            parseFormat(line, columnStarts[8], columnEnds[8]);
            parseSamples(line, position, end);
            if (maximumAllele > fileAlternateCount) {
                genotypes.alleleIndicesView(); // fills the arrays from the compact form
                checkAlleleRange(fileAlternateCount);
            }
            if (nonReferenceIndex > 0 && maximumAllele >= nonReferenceIndex) {
                genotypes.alleleIndicesView();
                dropNonReference(nonReferenceIndex);
            }
        }
        record.kind = record.alternateAlleles.isEmpty() ? RecordKind.REFERENCE_BLOCK : RecordKind.VARIANT;
        if (record.kind == RecordKind.REFERENCE_BLOCK && infoEndPosition > 0) {
            // only a gVCF reference block (no ALT allele, INFO END) claims its whole span; variants may overlap later
            // records, and so may ALT-less records without END (bcftools writes <*> records with a long REF)
            blockEnd = recordEnd;
            blockStart = recordPosition;
            blockLine = number;
        } else {
            blockEnd = 0;
        }
    }

    private int expectedColumns() {
        return sampleCount == 0 ? 8 : 9 + sampleCount;
    }

    private static int indexOfTab(byte[] line, int from, int to) {
        for (int index = from; index < to; index++) {
            if (line[index] == '\t') {
                return index;
            }
        }
        return -1;
    }

    // ---- CHROM and POS ------------------------------------------------------------------------------------

    private void parseContig(byte[] line, int start, int end) {
        int length = end - start;
        if (previousContigBytes != null && length == previousContigBytes.length && Arrays.equals(line, start, end, previousContigBytes, 0, length)) {
            return;
        }
        if (length == 0) {
            throw error(VcfErrorCode.INVALID_CONTIG, "CHROM", "CHROM is empty");
        }
        for (int index = start; index < end; index++) {
            int value = line[index] & 0xff;
            if (value <= ' ' || value == 0x7f) {
                throw error(VcfErrorCode.INVALID_CONTIG, "CHROM", "CHROM contains a space or control character at character "
                        + (index - start + 1));
            }
        }
        String asWritten = new String(line, start, length, StandardCharsets.UTF_8);
        String canonical = Contigs.canonical(asWritten);
        if (currentContig != null) {
            if (canonical.equals(currentContig)) {
                // the same contig written another way (chr1 after 1) is still the same contig
                previousContigBytes = Arrays.copyOfRange(line, start, end);
                currentContigAsWritten = asWritten;
                return;
            }
            finishedContigs.add(currentContig);
        }
        if (headerDeclaresContigs && header.contig(canonical).isEmpty()) {
            throw error(VcfErrorCode.INVALID_CONTIG, "CHROM", "contig " + VcfErrors.shorten(asWritten)
                    + " is not declared in the header, which declares " + header.contigs().size()
                    + " contig(s) with ##contig lines; add a ##contig line for it (with its length) or remove its records");
        }
        if (finishedContigs.contains(canonical)) {
            throw error(VcfErrorCode.CONTIG_NOT_CONTIGUOUS, "CHROM",
                    "contig " + VcfErrors.shorten(asWritten) + " appears again after other contigs; the records of each contig"
                            + " must be together (sort the file, e.g. with bcftools sort)");
        }
        previousContigBytes = Arrays.copyOfRange(line, start, end);
        currentContig = canonical;
        currentContigAsWritten = asWritten;
        currentContigIsAutosome = Contigs.isAutosome(canonical);
        currentContigLength = Integer.MAX_VALUE;
        currentContigLengthSource = "";
        Optional<ContigDefinition> declared = header.contig(canonical);
        if (declared.isPresent() && declared.get().length().isPresent()) {
            currentContigLength = Math.min(currentContigLength, declared.get().length().getAsLong());
            currentContigLengthSource = " as declared in the header";
        } else if (assembly.isPresent() && assembly.get().primaryContigLength(canonical).isPresent()) {
            currentContigLength = assembly.get().primaryContigLength(canonical).getAsInt();
            currentContigLengthSource = " in " + assembly.get().displayName();
        }
        previousPosition = 0;
        blockEnd = 0;
        record.contig = canonical;
        record.contigAsWritten = asWritten;
    }

    private int parsePosition(byte[] line, int start, int end) {
        if (start == end) {
            throw error(VcfErrorCode.INVALID_POSITION, "POS", "POS is empty; it must be a positive integer");
        }
        long value = 0;
        for (int index = start; index < end; index++) {
            int digit = line[index] - '0';
            if (digit < 0 || digit > 9 || end - start > 10) {
                throw error(VcfErrorCode.INVALID_POSITION, "POS",
                        "POS must be a positive integer but is " + VcfErrors.shorten(new String(line, start, end - start, StandardCharsets.UTF_8)));
            }
            value = value * 10 + digit;
        }
        if (value < 1 || value > Integer.MAX_VALUE) {
            throw error(VcfErrorCode.INVALID_POSITION, "POS", "POS must be between 1 and " + Integer.MAX_VALUE + " but is " + value);
        }
        int position = (int) value;
        if (position < previousPosition) {
            throw error(VcfErrorCode.UNSORTED_RECORDS, "POS", "POS " + position + " comes after POS " + previousPosition + " on contig "
                    + currentContigAsWritten + "; records must be sorted by position within each contig (e.g. bcftools sort)");
        }
        previousPosition = position;
        record.contig = currentContig;
        record.contigAsWritten = currentContigAsWritten;
        return position;
    }

    // ---- REF, ALT, QUAL, INFO -----------------------------------------------------------------------------

    private String parseReference(byte[] line, int start, int end) {
        if (start == end) {
            throw error(VcfErrorCode.INVALID_REFERENCE_ALLELE, "REF", "REF is empty; it must be one or more of A, C, G, T, N");
        }
        if (end - start == 1 && line[start] >= 0 && SINGLE_BASES[line[start]] != null) {
            return SINGLE_BASES[line[start]];
        }
        for (int index = start; index < end; index++) {
            if (!isBase(line[index])) {
                throw error(VcfErrorCode.INVALID_REFERENCE_ALLELE, "REF", "REF must consist of A, C, G, T, N but is "
                        + VcfErrors.shorten(new String(line, start, end - start, StandardCharsets.UTF_8)));
            }
        }
        return upperCase(line, start, end);
    }

    /** Parses ALT into the record; returns the 1-based index of {@code <NON_REF>}/{@code <*>} in the file, or 0. */
    private int parseAlternates(byte[] line, int start, int end, String reference) {
        if (start == end) {
            throw error(VcfErrorCode.INVALID_ALTERNATE_ALLELE, "ALT", "ALT is empty; write . when there is no ALT allele");
        }
        if (end - start == 1 && line[start] == '.') {
            alternateCount = 0;
            record.alternateAlleles = List.of();
            return 0;
        }
        if (end - start == 1 && line[start] >= 0 && SINGLE_BASES[line[start]] != null) {
            String alternate = SINGLE_BASES[line[start]];
            if (alternate.equals(reference)) {
                throw alternateEqualsReference(alternate, 1);
            }
            alternateCount = 1;
            record.alternateAlleles = List.of(alternate);
            return 0;
        }
        List<String> result = new ArrayList<>(2);
        int nonReferenceIndex = 0;
        int count = 0;
        int alleleStart = start;
        for (int index = start; index <= end; index++) {
            if (index < end && line[index] != ',') {
                continue;
            }
            count++;
            String allele = parseAlternate(line, alleleStart, index, count);
            if (allele == null) {
                if (nonReferenceIndex != 0) {
                    throw error(VcfErrorCode.INVALID_ALTERNATE_ALLELE, "ALT", "ALT lists <NON_REF> or <*> twice");
                }
                nonReferenceIndex = count;
            } else {
                if (allele.equals(reference)) {
                    throw alternateEqualsReference(allele, count);
                }
                for (int earlier = 0; earlier < result.size(); earlier++) {
                    if (result.get(earlier).equals(allele)) {
                        throw error(VcfErrorCode.INVALID_ALTERNATE_ALLELE, "ALT", "ALT allele " + count + " "
                                + VcfErrors.shorten(allele) + " repeats an earlier ALT allele; each ALT allele must be listed once");
                    }
                }
                result.add(allele);
            }
            alleleStart = index + 1;
        }
        alternateCount = count;
        record.alternateAlleles = List.copyOf(result);
        return nonReferenceIndex;
    }

    /** One ALT allele, upper-cased; null for gVCF's {@code <NON_REF>} or {@code <*>}. */
    private String parseAlternate(byte[] line, int start, int end, int number) {
        int length = end - start;
        if (length == 0) {
            throw error(VcfErrorCode.INVALID_ALTERNATE_ALLELE, "ALT", "ALT allele " + number + " is empty");
        }
        byte first = line[start];
        if (first == '<') {
            if (length < 3 || line[end - 1] != '>') {
                throw invalidAlternate(line, start, end, number, "a symbolic allele must look like <DEL>");
            }
            for (int index = start + 1; index < end - 1; index++) {
                byte value = line[index];
                if (value <= ' ' || value == '<' || value == '>' || value == ',') {
                    throw invalidAlternate(line, start, end, number, "a symbolic allele must look like <DEL>");
                }
            }
            String symbolic = new String(line, start, length, StandardCharsets.UTF_8);
            if (symbolic.equals("<NON_REF>") || symbolic.equals("<*>")) {
                return null;
            }
            return symbolic;
        }
        if (length == 1 && first == '*') {
            return "*";
        }
        for (int index = start; index < end; index++) {
            byte value = line[index];
            if (!isBase(value)) {
                String reason = value == '[' || value == ']'
                        ? "breakend alleles are not supported"
                        : value == '.' ? "'.' is allowed only as the whole ALT column" : "it must consist of A, C, G, T, N, be symbolic (<DEL>) or *";
                throw invalidAlternate(line, start, end, number, reason);
            }
        }
        if (length == 1) {
            return SINGLE_BASES[first];
        }
        return upperCase(line, start, end);
    }

    private PermedException alternateEqualsReference(String allele, int number) {
        return error(VcfErrorCode.INVALID_ALTERNATE_ALLELE, "ALT", "ALT allele " + number + " " + VcfErrors.shorten(allele)
                + " is the same as REF; an ALT allele must differ from REF (write . when the site has no ALT allele)");
    }

    private PermedException invalidAlternate(byte[] line, int start, int end, int number, String reason) {
        return error(VcfErrorCode.INVALID_ALTERNATE_ALLELE, "ALT", "ALT allele " + number + " "
                + VcfErrors.shorten(new String(line, start, end - start, StandardCharsets.UTF_8)) + " is not valid: " + reason);
    }

    private static boolean isBase(byte value) {
        switch (value) {
            case 'A', 'C', 'G', 'T', 'N', 'a', 'c', 'g', 't', 'n':
                return true;
            default:
                return false;
        }
    }

    private static String upperCase(byte[] line, int start, int end) {
        byte[] bases = Arrays.copyOfRange(line, start, end);
        for (int index = 0; index < bases.length; index++) {
            if (bases[index] >= 'a') {
                bases[index] -= 'a' - 'A';
            }
        }
        return new String(bases, StandardCharsets.ISO_8859_1);
    }

    /**
     * QUAL must be {@code .} or a floating-point number as the VCF specification (4.3, section 1.3) defines Float:
     * {@code [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?}, or, case-insensitively, {@code INF},
     * {@code INFINITY} or {@code NAN} with an optional sign. Thousands separators ({@code 1.622.03}), decimal
     * commas and ranges ({@code 40-60}) are refused.
     */
    private void checkQuality(byte[] line, int start, int end) {
        if (end - start == 1 && line[start] == '.') {
            return;
        }
        if (!isFloat(line, start, end)) {
            String text = new String(line, start, end - start, StandardCharsets.UTF_8);
            throw error(VcfErrorCode.INVALID_QUALITY, "QUAL", "QUAL must be . or a number (such as 50, 49.87 or 1.2e3) but is "
                    + VcfErrors.shorten(text));
        }
    }

    static boolean isFloat(byte[] line, int start, int end) {
        int index = start;
        if (index < end && (line[index] == '-' || line[index] == '+')) {
            index++;
        }
        if (index == end) {
            return false;
        }
        byte first = line[index];
        if (first != '.' && (first < '0' || first > '9')) {
            return isSpecialFloat(line, index, end);
        }
        int integerDigits = 0;
        while (index < end && line[index] >= '0' && line[index] <= '9') {
            index++;
            integerDigits++;
        }
        int fractionDigits = 0;
        if (index < end && line[index] == '.') {
            index++;
            while (index < end && line[index] >= '0' && line[index] <= '9') {
                index++;
                fractionDigits++;
            }
        }
        if (integerDigits == 0 && fractionDigits == 0) {
            return false;
        }
        if (index < end && (line[index] == 'e' || line[index] == 'E')) {
            index++;
            if (index < end && (line[index] == '-' || line[index] == '+')) {
                index++;
            }
            int exponentDigits = 0;
            while (index < end && line[index] >= '0' && line[index] <= '9') {
                index++;
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return false;
            }
        }
        return index == end;
    }

    private static boolean isSpecialFloat(byte[] line, int start, int end) {
        String text = new String(line, start, end - start, StandardCharsets.ISO_8859_1).toUpperCase(java.util.Locale.ROOT);
        return text.equals("INF") || text.equals("INFINITY") || text.equals("NAN");
    }

    /**
     * Checks INFO for control bytes and spaces. A space is never allowed in a key (nor around {@code ;} and
     * {@code =}, where it would become part of a key); in values it is allowed from VCFv4.3 on (the 4.3
     * specification permits spaces in INFO values; 4.0 to 4.2 forbid white space in INFO).
     */
    private void checkInfo(byte[] line, int start, int end) {
        boolean inKey = true;
        int entryStart = start;
        for (int index = start; index < end; index++) {
            int value = line[index];
            if (value > ' ' && value != 0x7f) {
                if (value == ';') {
                    inKey = true;
                    entryStart = index + 1;
                } else if (value == '=') {
                    inKey = false;
                }
                continue;
            }
            if (value >= 0 && value < ' ' || value == 0x7f) {
                throw error(VcfErrorCode.BINARY_CONTENT, COLUMN_NAMES[7], String.format(java.util.Locale.ROOT,
                        "the column contains the control byte 0x%02x; this is binary data, not VCF text", value));
            }
            if (value == ' ' && (inKey || !spacesAllowedInInfoValues)) {
                int entryEnd = index;
                while (entryEnd < end && line[entryEnd] != ';') {
                    entryEnd++;
                }
                String entry = VcfErrors.shorten(new String(line, entryStart, entryEnd - entryStart, StandardCharsets.UTF_8));
                throw error(VcfErrorCode.INVALID_INFO, "INFO", inKey
                        ? "the INFO entry " + entry + " has a space in its key; INFO must be KEY=VALUE entries separated by ;"
                                + " with no spaces in keys or around ; and ="
                        : "the INFO entry " + entry + " has a space in its value, which " + header.fileFormat()
                                + " does not allow (white space in INFO values is allowed only from VCFv4.3 on)");
            }
        }
    }

    private void checkControlBytes(byte[] line, int start, int end, int column) {
        for (int index = start; index < end; index++) {
            int value = line[index];
            if (value >= 0 && value < 0x20 || value == 0x7f) {
                throw error(VcfErrorCode.BINARY_CONTENT, COLUMN_NAMES[column], String.format(java.util.Locale.ROOT,
                        "the column contains the control byte 0x%02x; this is binary data, not VCF text", value));
            }
        }
    }

    /** INFO END as an integer, or 0 when absent. */
    private int parseEnd(byte[] line, int start, int end) {
        for (int index = start; index + 4 <= end; index++) {
            if ((index == start || line[index - 1] == ';') && line[index] == 'E' && line[index + 1] == 'N'
                    && line[index + 2] == 'D' && line[index + 3] == '=') {
                long value = 0;
                int digits = 0;
                int cursor = index + 4;
                for (; cursor < end && line[cursor] != ';'; cursor++) {
                    int digit = line[cursor] - '0';
                    if (digit < 0 || digit > 9 || ++digits > 10) {
                        digits = -1;
                        break;
                    }
                    value = value * 10 + digit;
                }
                if (digits <= 0 || value < 1 || value > Integer.MAX_VALUE) {
                    throw error(VcfErrorCode.INVALID_INFO, "INFO", "END must be a positive integer");
                }
                return (int) value;
            }
        }
        return 0;
    }

    // ---- FORMAT and samples -------------------------------------------------------------------------------

    private void parseFormat(byte[] line, int start, int end) {
        int length = end - start;
        if (previousFormatBytes != null && length == previousFormatBytes.length
                && Arrays.equals(line, start, end, previousFormatBytes, 0, length)) {
            return;
        }
        for (int slot = 0; slot < FORMAT_CACHE_SIZE; slot++) {
            byte[] checked = checkedFormats[slot];
            if (checked != null && checked.length == length && Arrays.equals(line, start, end, checked, 0, length)) {
                useFormat(checked, checkedFormatGenotypeIndex[slot], checkedFormatKeyCount[slot], checkedFormatIntegerIndex[slot]);
                return;
            }
        }
        if (length == 0) {
            throw error(VcfErrorCode.INVALID_FORMAT, "FORMAT", "FORMAT is empty; write GT (or .) when there are samples");
        }
        int genotypeIndex = -1;
        int integerIndex = -1;
        int field = 0;
        int fieldStart = start;
        for (int index = start; index <= end; index++) {
            if (index < end && line[index] != ':') {
                continue;
            }
            if (index - fieldStart == 0) {
                throw error(VcfErrorCode.INVALID_FORMAT, "FORMAT", "FORMAT has an empty key at position " + (field + 1));
            }
            if (field == formatKeyStarts.length) {
                formatKeyStarts = Arrays.copyOf(formatKeyStarts, field * 2);
                formatKeyEnds = Arrays.copyOf(formatKeyEnds, field * 2);
            }
            for (int earlier = 0; earlier < field; earlier++) {
                if (Arrays.equals(line, formatKeyStarts[earlier], formatKeyEnds[earlier], line, fieldStart, index)) {
                    throw error(VcfErrorCode.INVALID_FORMAT, "FORMAT", "FORMAT lists the key "
                            + VcfErrors.shorten(new String(line, fieldStart, index - fieldStart, StandardCharsets.UTF_8))
                            + " twice (keys " + (earlier + 1) + " and " + (field + 1) + "); each key may appear once");
                }
            }
            formatKeyStarts[field] = fieldStart;
            formatKeyEnds[field] = index;
            if (index - fieldStart == 2 && line[fieldStart] == 'G' && line[fieldStart + 1] == 'T') {
                genotypeIndex = field;
            } else if (formatIntegerKey != null && Arrays.equals(line, fieldStart, index, formatIntegerKey, 0, formatIntegerKey.length)) {
                integerIndex = field;
            }
            field++;
            fieldStart = index + 1;
        }
        checkControlBytes(line, start, end, 8);
        byte[] bytes = Arrays.copyOfRange(line, start, end);
        int slot = checkedFormatNext;
        checkedFormats[slot] = bytes;
        checkedFormatGenotypeIndex[slot] = genotypeIndex;
        checkedFormatKeyCount[slot] = field;
        checkedFormatIntegerIndex[slot] = integerIndex;
        checkedFormatNext = (slot + 1) % FORMAT_CACHE_SIZE;
        useFormat(bytes, genotypeIndex, field, integerIndex);
    }

    private void useFormat(byte[] bytes, int genotypeIndex, int keyCount, int integerIndex) {
        formatIntegerFieldIndex = integerIndex;
        previousFormatBytes = bytes;
        genotypeFieldIndex = genotypeIndex;
        formatKeyCount = keyCount;
        formatIsOnlyGenotype = keyCount == 1 && genotypeIndex == 0;
    }

    private void parseSamples(byte[] line, int start, int end) {
        maximumAllele = 0;
        genotypes.compactPending = false;
        int position = start;
        int genotypeIndex = genotypeFieldIndex;
        int last = sampleCount - 1;
        int sample = 0;
        // while every call so far is diploid with single-digit or missing alleles, they are kept only in the
        // compact form (one byte per sample; Genotypes fills its arrays from it when they are first read)
        boolean compactMode = formatIsOnlyGenotype;
        // the FORMAT integer, when asked for: read per sample by the general loop below when FORMAT has the key (then
        // FORMAT is not only GT), else missing for every sample
        int integerIndex = formatIntegerFieldIndex;
        if (formatIntegers != null && integerIndex < 0) {
            Arrays.fill(formatIntegers, VcfRecord.MISSING_INTEGER);
        }
        if (formatIsOnlyGenotype) {
            // FORMAT is just GT: read two single-digit diploid calls ("a|b<TAB>c|d<TAB>") per 8-byte word while they last
            int[] alleleSlots = alleles;
            byte[] compactCodes = compact;
            int allelesSeen = 0;
            while (sample + 1 < last && position + 8 <= end) {
                if (compactMode) {
                    // the common case in a tight loop of its own; it stops at the first word it does not take,
                    // which the general code below then handles
                    int pairs = Math.min((last - sample) >> 1, (end - position) >> 3);
                    int done = compactPairs(line, position, pairs, compactCodes, sample);
                    allelesSeen |= compactAllelesSeen;
                    position += done << 3;
                    sample += done << 1;
                    if (done == pairs) {
                        continue;
                    }
                }
                long word = (long) LONGS.get(line, position);
                long digits = word & DIGIT_BYTES;
                int firstSeparator = (int) (word >>> 8) & 0xff;
                int secondSeparator = (int) (word >>> 40) & 0xff;
                if ((digits & DIGIT_HIGH_NIBBLES) != DIGIT_ZEROS
                        || ((digits + DIGIT_SIXES) & DIGIT_HIGH_NIBBLES) != DIGIT_ZEROS
                        || (word & TAB_BYTES) != TABS
                        || (firstSeparator != '|' && firstSeparator != '/')
                        || (secondSeparator != '|' && secondSeparator != '/')) {
                    position = parseGenotype(line, position, end, sample);
                    if (compactMode) {
                        compactMode = keepCompact(sample);
                    }
                    if (position >= end || line[position] != '\t') {
                        position = endOfSample(line, position, end, 0, sample);
                        if (position >= end) {
                            throw error(VcfErrorCode.WRONG_COLUMN_COUNT, VcfErrors.FIELD_LINE,
                                    "the record has " + (10 + sample) + " columns but the #CHROM line has " + expectedColumns());
                        }
                    }
                    position++;
                    sample++;
                    continue;
                }
                int first = (int) word & 0x0f;
                int second = (int) (word >>> 16) & 0x0f;
                int third = (int) (word >>> 32) & 0x0f;
                int fourth = (int) (word >>> 48) & 0x0f;
                allelesSeen |= first | second | third | fourth;
                if (compactMode) {
                    // bit 6 tells '|' (0x7C) from '/' (0x2F)
                    compactCodes[sample] = (byte) (first * 22 + second * 2 + ((firstSeparator >>> 6) & 1));
                    compactCodes[sample + 1] = (byte) (third * 22 + fourth * 2 + ((secondSeparator >>> 6) & 1));
                } else {
                    int slot = sample << 1;
                    alleleSlots[slot] = first;
                    alleleSlots[slot + 1] = second;
                    alleleSlots[slot + 2] = third;
                    alleleSlots[slot + 3] = fourth;
                    ploidies[sample] = 2;
                    ploidies[sample + 1] = 2;
                    phased[sample] = firstSeparator == '|';
                    phased[sample + 1] = secondSeparator == '|';
                }
                sample += 2;
                position += 8;
            }
            // the bitwise OR of the alleles is at least their maximum: a safe bound for the range check
            if (allelesSeen > maximumAllele) {
                maximumAllele = allelesSeen;
            }
        }
        for (; sample < sampleCount; sample++) {
            int sampleStart = position;
            int colonsBefore = 0;
            if (genotypeIndex == 0) {
                position = parseGenotype(line, position, end, sample);
                if (compactMode) {
                    compactMode = keepCompact(sample);
                }
            } else {
                position = skipToGenotype(line, position, end, sample, genotypeIndex);
                colonsBefore = colonsBeforeCursor;
            }
            if (position < end && line[position] != '\t') {
                position = endOfSample(line, position, end, colonsBefore, sample);
            }
            if (integerIndex >= 0) {
                formatIntegers[sample] = formatInteger(line, sampleStart, position, integerIndex, sample);
            }
            if (sample < last) {
                if (position >= end) {
                    throw error(VcfErrorCode.WRONG_COLUMN_COUNT, VcfErrors.FIELD_LINE,
                            "the record has " + (10 + sample) + " columns but the #CHROM line has " + expectedColumns());
                }
                position++;
            } else if (position < end) {
                int columns = expectedColumns() + 1;
                for (int index = position + 1; index < end; index++) {
                    if (line[index] == '\t') {
                        columns++;
                    }
                }
                throw error(VcfErrorCode.WRONG_COLUMN_COUNT, VcfErrors.FIELD_LINE,
                        "the record has " + columns + " columns but the #CHROM line has " + expectedColumns());
            }
        }
        genotypes.compactPending = compactMode;
    }

    /** The bitwise OR of the alleles that the last {@link #compactPairs} call read. */
    private int compactAllelesSeen;

    /**
     * Reads up to {@code pairs} words of two single-digit diploid calls ("a|b<TAB>c|d<TAB>", either separator)
     * from {@code position} into compact codes from {@code sample} on, and returns how many it read: it stops
     * at the first word of another shape. Takes exactly the words the general loop of {@link #parseSamples}
     * takes (digits 0-9, separators | or /, tabs), with one comparison for the usual structure.
     */
    private int compactPairs(byte[] line, int position, int pairs, byte[] codes, int sample) {
        long seen = 0;
        long structureSeen = PHASED_STRUCTURE;
        int done = 0;
        for (; done < pairs; done++) {
            long word = (long) LONGS.get(line, position + (done << 3));
            // the digit bytes minus '0': each must be 0-9 (below 10, so adding 0x76 leaves bit 7 clear)
            long values = (word & DIGIT_BYTES) ^ DIGIT_ZEROS;
            if ((((values + DIGIT_LIMITS) | values) & DIGIT_SIGNS) != 0) {
                break;
            }
            long structure = word & ~DIGIT_BYTES;
            if (structure != structureSeen) {
                if (!isCallPairStructure(structure)) {
                    break;
                }
                structureSeen = structure;
            }
            seen |= values;
            // both compact codes (first * 22 + second * 2 + phased) at once, in bytes 0 and 4; bit 6 of a separator
            // tells '|' (0x7C) from '/' (0x2F)
            long both = ((values * 22) & 0x000000FF000000FFL) + ((values >>> 15) & 0x0000001E0000001EL)
                    + ((word >>> 14) & 0x0000000100000001L);
            SHORTS.set(codes, sample + (done << 1), (short) (both | both >>> 24));
        }
        int folded = (int) (seen | seen >>> 32);
        compactAllelesSeen = (folded | folded >>> 16) & 0x0f;
        return done;
    }

    /** Whether bytes 1, 3, 5, 7 of a word (the others zero) are a separator, a tab, a separator, a tab. */
    private static boolean isCallPairStructure(long structure) {
        if ((structure & TAB_BYTES) != TABS) {
            return false;
        }
        int first = (int) (structure >>> 8) & 0xff;
        int second = (int) (structure >>> 40) & 0xff;
        return (first == '|' || first == '/') && (second == '|' || second == '/');
    }

    /**
     * In compact mode, after {@code sample}'s call was parsed into the arrays: stores its compact code, or, when
     * it has none, fills the arrays of the samples before it and leaves compact mode (false).
     */
    private boolean keepCompact(int sample) {
        int code = ploidies[sample] == 2 ? Genotypes.compactCode(alleles[2 * sample], alleles[2 * sample + 1], phased[sample]) : -1;
        if (code >= 0) {
            compact[sample] = (byte) code;
            return true;
        }
        genotypes.expandCompact(sample);
        return false;
    }

    /**
     * Skips to the tab (or end) after the current sample column, counting its colons: a sample may have fewer
     * subfields than FORMAT has keys (trailing ones dropped), never more.
     */
    private int endOfSample(byte[] line, int from, int end, int colonsBefore, int sample) {
        int colons = colonsBefore;
        int index = from;
        for (; index < end; index++) {
            byte value = line[index];
            if (value == '\t') {
                break;
            }
            if (value == ':') {
                colons++;
            }
        }
        if (colons >= formatKeyCount) {
            throw VcfErrors.sampleError(VcfErrorCode.INVALID_FORMAT, file, lineNumber, "FORMAT", samples.get(sample),
                    "the sample column has " + (colons + 1) + " :-separated values but FORMAT has only " + formatKeyCount
                            + " key(s); a sample may have fewer values than FORMAT keys, never more");
        }
        return index;
    }

    /** The lowest VCF Integer (VCF 4.3 §1.3: −2^31 + 8; the eight below are reserved for BCF's special values). */
    private static final long LOWEST_INTEGER = Integer.MIN_VALUE + 8L;

    /**
     * Subfield {@code fieldIndex} of the sample column {@code [start, end)} (already checked to have no more subfields
     * than FORMAT keys) as a VCF Integer: {@link VcfRecord#MISSING_INTEGER} when the column has fewer subfields or the
     * value is {@code .}.
     */
    private int formatInteger(byte[] line, int start, int end, int fieldIndex, int sample) {
        int index = start;
        for (int colons = 0; colons < fieldIndex; ) {
            if (index >= end) {
                return VcfRecord.MISSING_INTEGER;
            }
            if (line[index++] == ':') {
                colons++;
            }
        }
        int valueEnd = index;
        while (valueEnd < end && line[valueEnd] != ':') {
            valueEnd++;
        }
        if (valueEnd == index + 1 && line[index] == '.') {
            return VcfRecord.MISSING_INTEGER;
        }
        String key = record.formatIntegerKey;
        if (valueEnd == index) {
            throw VcfErrors.sampleError(VcfErrorCode.INVALID_FORMAT, file, lineNumber, key, samples.get(sample),
                    key + " is empty; write . for a missing value");
        }
        boolean negative = line[index] == '-';
        int digitsStart = negative || line[index] == '+' ? index + 1 : index;
        long value = 0;
        boolean valid = digitsStart < valueEnd && valueEnd - digitsStart <= 10;
        for (int cursor = digitsStart; valid && cursor < valueEnd; cursor++) {
            int digit = line[cursor] - '0';
            valid = digit >= 0 && digit <= 9;
            value = value * 10 + digit;
        }
        if (negative) {
            value = -value;
        }
        if (!valid || value < LOWEST_INTEGER || value > Integer.MAX_VALUE) {
            throw VcfErrors.sampleError(VcfErrorCode.INVALID_FORMAT, file, lineNumber, key, samples.get(sample),
                    key + " is not a VCF Integer: it must be a whole number from " + LOWEST_INTEGER + " to " + Integer.MAX_VALUE
                            + ", or . when missing");
        }
        return (int) value;
    }

    /** Skips to the GT subfield when GT is not first in FORMAT; a sample with fewer subfields has no GT. */
    private int skipToGenotype(byte[] line, int position, int end, int sample, int genotypeIndex) {
        colonsBeforeCursor = 0;
        if (position >= end || line[position] == '\t') {
            throw sampleError(VcfErrorCode.MALFORMED_GENOTYPE, sample, "the sample column is empty; write . for a sample without data");
        }
        if (genotypeIndex > 0) {
            int colons = 0;
            int index = position;
            while (index < end) {
                byte value = line[index];
                if (value == '\t') {
                    break;
                }
                if (value == ':' && ++colons == genotypeIndex) {
                    colonsBeforeCursor = colons;
                    return parseGenotype(line, index + 1, end, sample);
                }
                index++;
            }
        }
        setNoGenotype(sample);
        return position;
    }

    private void setNoGenotype(int sample) {
        alleles[2 * sample] = Genotypes.ABSENT;
        alleles[2 * sample + 1] = Genotypes.ABSENT;
        ploidies[sample] = 0;
        phased[sample] = false;
    }

    private int parseGenotype(byte[] line, int position, int end, int sample) {
        if (position + 3 <= end) {
            int first = line[position] - '0';
            byte separator = line[position + 1];
            int second = line[position + 2] - '0';
            if (first >= 0 && first <= 9 && second >= 0 && second <= 9 && (separator == '|' || separator == '/')) {
                if (position + 3 == end || line[position + 3] == '\t' || line[position + 3] == ':') {
                    int base = sample << 1;
                    alleles[base] = first;
                    alleles[base + 1] = second;
                    ploidies[sample] = 2;
                    phased[sample] = separator == '|';
                    int larger = Math.max(first, second);
                    if (larger > maximumAllele) {
                        maximumAllele = larger;
                    }
                    return position + 3;
                }
            }
        }
        return parseGenotypeGeneral(line, position, end, sample);
    }

    private int parseGenotypeGeneral(byte[] line, int position, int end, int sample) {
        int index = position;
        int count = 0;
        int firstAllele = Genotypes.ABSENT;
        int secondAllele = Genotypes.ABSENT;
        boolean phasedCall = false;
        if (index >= end || line[index] == '\t' || line[index] == ':') {
            throw sampleError(VcfErrorCode.MALFORMED_GENOTYPE, sample,
                    index < end && line[index] == ':' ? "GT is empty; write . for a missing call" : "the sample column is empty; write . for a sample without data");
        }
        while (true) {
            int allele;
            byte value = line[index];
            if (value == '.') {
                allele = Genotypes.MISSING;
                index++;
            } else if (value >= '0' && value <= '9') {
                long number = 0;
                int digits = 0;
                while (index < end && line[index] >= '0' && line[index] <= '9') {
                    number = number * 10 + (line[index] - '0');
                    index++;
                    if (++digits > 9) {
                        throw sampleError(VcfErrorCode.ALLELE_INDEX_OUT_OF_RANGE, sample,
                                "GT has an allele index with more than 9 digits, beyond the " + alternateCount + " ALT allele(s)");
                    }
                }
                allele = (int) number;
            } else {
                throw sampleError(VcfErrorCode.MALFORMED_GENOTYPE, sample,
                        "GT must be allele indices or . separated by / or |, as in 0/1, 1|0, 1 or ./.");
            }
            count++;
            if (count == 1) {
                firstAllele = allele;
            } else if (count == 2) {
                secondAllele = allele;
            } else {
                throw sampleError(VcfErrorCode.UNSUPPORTED_PLOIDY, sample,
                        "GT has more than two alleles; only haploid and diploid calls are supported");
            }
            if (allele > maximumAllele) {
                maximumAllele = allele;
            }
            if (index == end || line[index] == '\t' || line[index] == ':') {
                break;
            }
            byte separator = line[index];
            if (separator == '|') {
                phasedCall = true;
            } else if (separator != '/') {
                throw sampleError(VcfErrorCode.MALFORMED_GENOTYPE, sample,
                        "GT must be allele indices or . separated by / or |, as in 0/1, 1|0, 1 or ./.");
            }
            index++;
            if (index == end || line[index] == '\t' || line[index] == ':') {
                throw sampleError(VcfErrorCode.MALFORMED_GENOTYPE, sample, "GT ends with a separator; write ./. or 0/. for a partly missing call");
            }
        }
        int base = sample << 1;
        alleles[base] = firstAllele;
        alleles[base + 1] = secondAllele;
        ploidies[sample] = (byte) count;
        phased[sample] = count == 2 && phasedCall;
        if (count == 1 && firstAllele != Genotypes.MISSING && currentContigIsAutosome
                && ploidyPolicy == PloidyPolicy.DIPLOID_AUTOSOMES) {
            throw sampleError(VcfErrorCode.PLOIDY_NOT_ALLOWED, sample, "a haploid call on autosome " + currentContigAsWritten
                    + " is not allowed; autosomes must be diploid (or read with the HAPLOID_OR_DIPLOID ploidy policy)");
        }
        return index;
    }

    /** Finds the first sample whose call refers to an allele beyond the ALTs; the bound that led here may be loose. */
    private void checkAlleleRange(int fileAlternateCount) {
        int largest = 0;
        for (int sample = 0; sample < sampleCount; sample++) {
            int larger = Math.max(alleles[2 * sample], alleles[2 * sample + 1]);
            if (larger > fileAlternateCount) {
                throw sampleError(VcfErrorCode.ALLELE_INDEX_OUT_OF_RANGE, sample, "GT refers to allele " + larger
                        + " but the record has only " + fileAlternateCount + " ALT allele(s)");
            }
            largest = Math.max(largest, larger);
        }
        maximumAllele = largest;
    }

    /** Re-indexes genotypes after {@code <NON_REF>} was dropped from the ALT alleles. */
    private void dropNonReference(int nonReferenceIndex) {
        for (int slot = 0; slot < 2 * sampleCount; slot++) {
            int allele = alleles[slot];
            if (allele == nonReferenceIndex) {
                alleles[slot] = Genotypes.MISSING;
            } else if (allele > nonReferenceIndex) {
                alleles[slot] = allele - 1;
            }
        }
    }

    // ---- errors -------------------------------------------------------------------------------------------

    private PermedException error(VcfErrorCode code, String field, String message) {
        return VcfErrors.error(code, file, lineNumber, field, message);
    }

    private PermedException sampleError(VcfErrorCode code, int sample, String message) {
        return VcfErrors.sampleError(code, file, lineNumber, "GT", samples.get(sample), message);
    }
}
