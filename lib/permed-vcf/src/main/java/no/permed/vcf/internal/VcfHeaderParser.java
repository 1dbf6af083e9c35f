package no.permed.vcf.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import no.permed.vcf.VcfErrorCode;
import no.permed.vcf.genome.Assembly;
import no.permed.vcf.genome.AssemblyRecognition;
import no.permed.vcf.genome.Contigs;
import no.permed.vcf.header.ContigDefinition;
import no.permed.vcf.header.FieldDefinition;
import no.permed.vcf.header.VcfHeader;

/**
 * Reads the header of a VCF ({@code ##} lines and the {@code #CHROM} line) from a {@link LineReader}, checks
 * it, and settles the assembly. Leaves the line reader on the {@code #CHROM} line.
 */
public final class VcfHeaderParser {
    /** The VCF versions this reader accepts. VCFv4.0 files (old 1000 Genomes releases) read the same way. */
    public static final Set<String> SUPPORTED_VERSIONS = Set.of("VCFv4.0", "VCFv4.1", "VCFv4.2", "VCFv4.3");

    static final List<String> FIXED_COLUMNS = List.of("#CHROM", "POS", "ID", "REF", "ALT", "QUAL", "FILTER", "INFO");

    private final LineReader lines;
    private final String file;

    private VcfHeaderParser(LineReader lines) {
        this.lines = lines;
        this.file = lines.file();
    }

    /**
     * Parses the header.
     *
     * @param givenAssembly the assembly the caller says the file is on, if any
     * @param requireAssembly whether a missing (neither given nor recognised) assembly is an error
     */
    public static VcfHeader parse(LineReader lines, Optional<Assembly> givenAssembly, boolean requireAssembly) {
        return new VcfHeaderParser(lines).parse(givenAssembly, requireAssembly);
    }

    private VcfHeader parse(Optional<Assembly> givenAssembly, boolean requireAssembly) {
        if (!lines.next()) {
            throw VcfErrors.error(VcfErrorCode.EMPTY_INPUT, file, 1, "fileformat",
                    "the input has no lines; expected a VCF file starting with ##fileformat=VCFv4.x");
        }
        byte[] buffer = lines.buffer();
        int start = lines.lineStart();
        if (lines.lineEnd() - start >= 3 && buffer[start] == 'B' && buffer[start + 1] == 'C' && buffer[start + 2] == 'F') {
            throw VcfErrors.error(VcfErrorCode.UNSUPPORTED_FORMAT, file, 1, VcfErrors.FIELD_FILE,
                    "the input is BCF (binary VCF); convert it with 'bcftools view -Ov' first");
        }
        int end = lines.lineEnd();
        if (end - start >= 3 && (buffer[start] & 0xff) == 0xef && (buffer[start + 1] & 0xff) == 0xbb && (buffer[start + 2] & 0xff) == 0xbf) {
            throw VcfErrors.error(VcfErrorCode.MISSING_FILEFORMAT, file, 1, "fileformat",
                    "the file starts with a UTF-8 byte-order mark (bytes EF BB BF, invisible in most editors) before"
                            + " ##fileformat; save it without BOM (as plain UTF-8 or ASCII)");
        }
        String first = currentLine();
        if (!first.startsWith("##fileformat=")) {
            throw VcfErrors.error(VcfErrorCode.MISSING_FILEFORMAT, file, 1, "fileformat",
                    "the first line must be ##fileformat=VCFv4.x but starts with " + VcfErrors.shorten(first));
        }
        String fileFormat = first.substring("##fileformat=".length()).trim();
        if (!SUPPORTED_VERSIONS.contains(fileFormat)) {
            throw VcfErrors.error(VcfErrorCode.UNSUPPORTED_VERSION, file, 1, "fileformat",
                    "version " + VcfErrors.shorten(fileFormat) + " is not supported; supported are VCFv4.0 to VCFv4.3");
        }
        List<String> metaLines = new ArrayList<>();
        metaLines.add(first);
        List<ContigDefinition> contigs = new ArrayList<>();
        Map<String, Long> contigLines = new HashMap<>();
        List<FieldDefinition> infoFields = new ArrayList<>();
        List<FieldDefinition> formatFields = new ArrayList<>();
        while (true) {
            if (!lines.next()) {
                throw VcfErrors.error(VcfErrorCode.MISSING_COLUMN_HEADER, file, lines.lineNumber() + 1, "#CHROM",
                        "the input ends before the #CHROM column header line");
            }
            String line = currentLine();
            long lineNumber = lines.lineNumber();
            if (line.startsWith("##")) {
                metaLines.add(line);
                parseMetaLine(line, lineNumber, contigs, contigLines, infoFields, formatFields);
            } else if (line.startsWith("#")) {
                List<String> samples = parseColumnHeader(line, lineNumber);
                Optional<Assembly> assembly = settleAssembly(contigs, contigLines, givenAssembly, requireAssembly, lineNumber);
                return new VcfHeader(fileFormat, contigs, infoFields, formatFields, samples, metaLines, assembly);
            } else {
                throw VcfErrors.error(VcfErrorCode.MISSING_COLUMN_HEADER, file, lineNumber, "#CHROM",
                        "a record appears before the #CHROM column header line; every VCF needs the line"
                                + " #CHROM POS ID REF ALT QUAL FILTER INFO (FORMAT and samples) before its records");
            }
        }
    }

    private String currentLine() {
        byte[] buffer = lines.buffer();
        int start = lines.lineStart();
        int end = lines.lineEnd();
        for (int index = start; index < end; index++) {
            int value = buffer[index] & 0xff;
            if ((value < 0x20 && value != '\t') || value == 0x7f) {
                String hint = lines.lineNumber() <= 1 ? BinaryTextHint.describe(buffer, start, end) : null;
                if (hint != null) {
                    throw VcfErrors.error(VcfErrorCode.BINARY_CONTENT, file, 1, VcfErrors.FIELD_LINE, hint + String.format(
                            java.util.Locale.ROOT, " (the control byte 0x%02x at character %d of the first line)", value, index - start + 1));
                }
                throw VcfErrors.error(VcfErrorCode.BINARY_CONTENT, file, lines.lineNumber() + (lines.lineNumber() == 0 ? 1 : 0),
                        VcfErrors.FIELD_LINE, String.format(java.util.Locale.ROOT,
                                "the header line contains the control byte 0x%02x at character %d; this is binary data, not VCF text",
                                value, index - start + 1));
            }
        }
        return new String(buffer, start, end - start, StandardCharsets.UTF_8);
    }

    private void parseMetaLine(String line, long lineNumber, List<ContigDefinition> contigs, Map<String, Long> contigLines,
            List<FieldDefinition> infoFields, List<FieldDefinition> formatFields) {
        int equals = line.indexOf('=');
        if (equals < 3) {
            throw VcfErrors.error(VcfErrorCode.MALFORMED_HEADER_LINE, file, lineNumber, "##",
                    "a meta-information line must have the form ##key=value but is " + VcfErrors.shorten(line));
        }
        String key = line.substring(2, equals);
        String value = line.substring(equals + 1);
        switch (key) {
            case "fileformat" -> throw VcfErrors.error(VcfErrorCode.MALFORMED_HEADER_LINE, file, lineNumber, "##fileformat",
                    "##fileformat appears a second time; it must be the first line only");
            case "contig" -> {
                Map<String, String> attributes = structured(key, value, lineNumber);
                String id = attributes.get("ID");
                OptionalLong length = OptionalLong.empty();
                String lengthText = attributes.get("length");
                if (lengthText != null) {
                    try {
                        long parsed = Long.parseLong(lengthText);
                        if (parsed <= 0) {
                            throw new NumberFormatException();
                        }
                        length = OptionalLong.of(parsed);
                    } catch (NumberFormatException exception) {
                        throw VcfErrors.error(VcfErrorCode.MALFORMED_HEADER_LINE, file, lineNumber, "##contig",
                                "the length of contig " + VcfErrors.shorten(id) + " must be a positive integer but is "
                                        + VcfErrors.shorten(lengthText));
                    }
                }
                String canonical = Contigs.canonical(id);
                if (contigLines.containsKey(canonical)) {
                    throw VcfErrors.error(VcfErrorCode.DUPLICATE_CONTIG, file, lineNumber, "##contig",
                            "contig " + VcfErrors.shorten(id) + " is declared a second time (first on line "
                                    + contigLines.get(canonical) + ")");
                }
                contigLines.put(canonical, lineNumber);
                contigs.add(new ContigDefinition(id, canonical, length));
            }
            case "INFO", "FORMAT" -> {
                Map<String, String> attributes = structured(key, value, lineNumber);
                FieldDefinition definition = new FieldDefinition(attributes.get("ID"), attributes.getOrDefault("Number", ""),
                        attributes.getOrDefault("Type", ""), attributes.getOrDefault("Description", ""));
                if (key.equals("INFO")) {
                    infoFields.add(definition);
                } else {
                    formatFields.add(definition);
                }
            }
            case "FILTER", "ALT" -> structured(key, value, lineNumber);
            default -> {
                // other meta lines are kept as written in metaLines
            }
        }
    }

    /** Parses {@code <ID=x,key=value,Description="quoted, with \" escapes">}; ID is required. */
    private Map<String, String> structured(String key, String value, long lineNumber) {
        String field = "##" + key;
        if (!value.startsWith("<") || !value.endsWith(">")) {
            throw VcfErrors.error(VcfErrorCode.MALFORMED_HEADER_LINE, file, lineNumber, field,
                    "the value must be enclosed in < and >, as in ##" + key + "=<ID=…>");
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        String body = value.substring(1, value.length() - 1);
        int index = 0;
        while (index < body.length()) {
            int equals = body.indexOf('=', index);
            if (equals < 0) {
                throw VcfErrors.error(VcfErrorCode.MALFORMED_HEADER_LINE, file, lineNumber, field,
                        "attribute " + VcfErrors.shorten(body.substring(index)) + " has no '='");
            }
            String name = body.substring(index, equals).trim();
            StringBuilder attributeValue = new StringBuilder();
            index = equals + 1;
            if (index < body.length() && body.charAt(index) == '"') {
                index++;
                boolean closed = false;
                while (index < body.length()) {
                    char character = body.charAt(index);
                    if (character == '\\' && index + 1 < body.length()) {
                        attributeValue.append(body.charAt(index + 1));
                        index += 2;
                    } else if (character == '"') {
                        closed = true;
                        index++;
                        break;
                    } else {
                        attributeValue.append(character);
                        index++;
                    }
                }
                if (!closed) {
                    throw VcfErrors.error(VcfErrorCode.MALFORMED_HEADER_LINE, file, lineNumber, field,
                            "the quoted value of attribute " + name + " is not closed");
                }
                while (index < body.length() && body.charAt(index) != ',') {
                    index++;
                }
            } else {
                int comma = body.indexOf(',', index);
                int end = comma < 0 ? body.length() : comma;
                attributeValue.append(body, index, end);
                index = end;
            }
            if (index < body.length()) {
                index++; // the comma
            }
            if (!attributes.containsKey(name)) {
                attributes.put(name, attributeValue.toString());
            }
        }
        String id = attributes.get("ID");
        if (id == null || id.isBlank()) {
            throw VcfErrors.error(VcfErrorCode.MALFORMED_HEADER_LINE, file, lineNumber, field,
                    "the definition has no ID attribute");
        }
        return attributes;
    }

    private List<String> parseColumnHeader(String line, long lineNumber) {
        if (!line.startsWith("#CHROM")) {
            throw VcfErrors.error(VcfErrorCode.MALFORMED_COLUMN_HEADER, file, lineNumber, "#CHROM",
                    "a line starting with a single # must be the column header #CHROM POS ID REF ALT QUAL FILTER INFO,"
                            + " but it starts with " + VcfErrors.shorten(line));
        }
        String[] columns = line.split("\t", -1);
        if (columns.length < FIXED_COLUMNS.size()) {
            String hint = line.indexOf('\t') < 0 && line.indexOf(' ') > 0 ? " (columns must be separated by tabs, not spaces)" : "";
            throw VcfErrors.error(VcfErrorCode.MALFORMED_COLUMN_HEADER, file, lineNumber, "#CHROM",
                    "the column header has " + columns.length + " columns but needs at least the 8 fixed columns " + FIXED_COLUMNS + hint);
        }
        for (int index = 0; index < FIXED_COLUMNS.size(); index++) {
            if (!columns[index].equals(FIXED_COLUMNS.get(index))) {
                throw VcfErrors.error(VcfErrorCode.MALFORMED_COLUMN_HEADER, file, lineNumber, FIXED_COLUMNS.get(index),
                        "column " + (index + 1) + " of the column header must be " + FIXED_COLUMNS.get(index)
                                + " but is " + VcfErrors.shorten(columns[index]));
            }
        }
        if (columns.length == FIXED_COLUMNS.size()) {
            return List.of();
        }
        if (!columns[8].equals("FORMAT")) {
            throw VcfErrors.error(VcfErrorCode.MALFORMED_COLUMN_HEADER, file, lineNumber, "FORMAT",
                    "column 9 of the column header must be FORMAT but is " + VcfErrors.shorten(columns[8]));
        }
        List<String> samples = new ArrayList<>(columns.length - 9);
        Map<String, Integer> seen = new HashMap<>();
        for (int index = 9; index < columns.length; index++) {
            String sample = columns[index];
            if (sample.isBlank()) {
                throw VcfErrors.error(VcfErrorCode.MALFORMED_COLUMN_HEADER, file, lineNumber, "sample column " + (index + 1),
                        "sample column " + (index + 1) + " has an empty name");
            }
            Integer previous = seen.putIfAbsent(sample, index + 1);
            if (previous != null) {
                throw VcfErrors.sampleError(VcfErrorCode.DUPLICATE_SAMPLE, file, lineNumber, "sample column " + (index + 1), sample,
                        "the sample name appears twice, in columns " + previous + " and " + (index + 1)
                                + "; sample names must be unique");
            }
            samples.add(sample);
        }
        return samples;
    }

    private Optional<Assembly> settleAssembly(List<ContigDefinition> contigs, Map<String, Long> contigLines,
            Optional<Assembly> givenAssembly, boolean requireAssembly, long columnHeaderLine) {
        Map<String, Long> lengths = new HashMap<>();
        for (ContigDefinition contig : contigs) {
            if (contig.length().isPresent()) {
                lengths.put(contig.canonicalName(), contig.length().getAsLong());
            }
        }
        AssemblyRecognition recognition = AssemblyRecognition.of(lengths);
        if (givenAssembly.isPresent()) {
            Assembly given = givenAssembly.get();
            for (String contig : Contigs.PRIMARY_CONTIGS) {
                Long length = lengths.get(contig);
                if (length == null || contig.equals("MT")) {
                    continue;
                }
                long expected = given.primaryContigLength(contig).orElseThrow();
                if (length != expected) {
                    String recognised = recognition.assembly().map(Assembly::displayName).orElse("another assembly");
                    throw VcfErrors.error(VcfErrorCode.ASSEMBLY_MISMATCH, file, contigLines.get(contig), "##contig",
                            "the file was submitted as " + given.displayName() + ", but the header declares contig " + contig
                                    + " with length " + length + " (" + given.displayName() + ": " + expected + "), which is "
                                    + recognised + "; submit it with the right assembly or lift it over");
                }
            }
            return givenAssembly;
        }
        if (recognition.isConflicting()) {
            String grch37Contig = recognition.grch37Contigs().get(0);
            String grch38Contig = recognition.grch38Contigs().get(0);
            throw VcfErrors.error(VcfErrorCode.ASSEMBLY_CONFLICT, file, contigLines.get(grch38Contig), "##contig",
                    "the header's contig lengths mix assemblies: contig " + grch37Contig + " has its GRCh37 length but contig "
                            + grch38Contig + " its GRCh38 length");
        }
        Optional<Assembly> recognised = recognition.assembly();
        if (recognised.isEmpty() && requireAssembly) {
            String reason = recognition.unmatchedContigs().isEmpty()
                    ? "the header declares no lengths for chromosomes 1–22, X or Y"
                    : "the declared length of contig " + recognition.unmatchedContigs().get(0) + " matches neither GRCh37 nor GRCh38";
            throw VcfErrors.error(VcfErrorCode.ASSEMBLY_UNKNOWN, file, columnHeaderLine, "assembly",
                    "the assembly cannot be recognised (" + reason + "); give it explicitly (GRCh37 or GRCh38)");
        }
        return recognised;
    }
}
