package no.permed.prs.score;

import static java.util.Objects.requireNonNull;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import no.permed.kernel.PermedException;
import no.permed.prs.PrsErrorCode;

/**
 * Reads PGS Catalog scoring files, format 2.0, plain or gzip (recognised by content):
 * <ul>
 *   <li>the {@code #key=value} header block ({@code #pgs_id}, {@code #trait_reported}, {@code #genome_build},
 *       {@code #HmPOS_build}, {@code #license}, …; {@code ##} section titles are skipped);</li>
 *   <li>then a tab-separated column header and one row per variant. Columns are found by name: {@code rsID},
 *       {@code chr_name}, {@code chr_position}, {@code effect_allele}, {@code other_allele}, {@code effect_weight},
 *       {@code is_dominant}/{@code is_recessive}, {@code dosage_0_weight}/{@code dosage_1_weight}/{@code dosage_2_weight},
 *       and the harmonised {@code hm_rsID}, {@code hm_chr}, {@code hm_pos}, {@code hm_inferOtherAllele}.</li>
 * </ul>
 * When {@code hm_chr} and {@code hm_pos} are present they replace the authored positions, and
 * {@code hm_inferOtherAllele} fills an empty other allele (as pgsc_calc does). An other allele listing several
 * alleles ({@code A/G}) is treated as absent. The "structured" layout written by pgscatalog tooling (no header
 * block; {@code effect_type}, {@code is_duplicated}, {@code accession} columns) is read too.
 *
 * <p>Rows this scorer cannot compute are refused with {@code PRS_SCORE_ROW_UNSUPPORTED} naming file, line and
 * column: haplotype, diplotype and interaction rows ({@code is_haplotype}, {@code is_diplotype},
 * {@code is_interaction} true), and effect alleles that are not one allele ({@code A/G}, {@code A_G}, {@code A,G}).
 */
public final class ScoringFileReader {
    private static final Pattern ALLELE = Pattern.compile("[A-Za-z]+");
    private static final List<String> COMPLEX_FLAGS = List.of("is_haplotype", "is_diplotype", "is_interaction");

    private ScoringFileReader() {
    }

    /** Reads a file; its name (without directories) names it in errors. */
    public static ScoringFile read(Path path) {
        requireNonNull(path, "path is null");
        String name = path.getFileName() == null ? path.toString() : path.getFileName().toString();
        InputStream input;
        try {
            if (Files.isDirectory(path)) {
                throw error(PrsErrorCode.SCORE_FILE_NOT_READABLE, name, 0, "file", "this is a directory, not a scoring file");
            }
            input = Files.newInputStream(path);
        } catch (NoSuchFileException exception) {
            throw error(PrsErrorCode.SCORE_FILE_NOT_READABLE, name, 0, "file", "the file does not exist");
        } catch (AccessDeniedException exception) {
            throw error(PrsErrorCode.SCORE_FILE_NOT_READABLE, name, 0, "file", "the file may not be read (permission denied)");
        } catch (IOException exception) {
            throw error(PrsErrorCode.SCORE_FILE_NOT_READABLE, name, 0, "file",
                    "the file cannot be read (" + exception.getClass().getSimpleName() + ")");
        }
        return read(input, name);
    }

    /**
     * Reads from a stream (for example an upload), which this method closes.
     *
     * @param fileName the name errors give for the input (never a full path of the server)
     */
    public static ScoringFile read(InputStream input, String fileName) {
        requireNonNull(input, "input is null");
        requireNonNull(fileName, "fileName is null");
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(decompress(input), StandardCharsets.UTF_8), 1 << 16)) {
            return parse(reader, fileName);
        } catch (ZipException exception) {
            throw error(PrsErrorCode.SCORE_FILE_NOT_READABLE, fileName, 0, "file", "the gzip data are damaged or cut short");
        } catch (java.io.EOFException exception) {
            throw error(PrsErrorCode.SCORE_FILE_NOT_READABLE, fileName, 0, "file", "the gzip data are cut short");
        } catch (IOException exception) {
            throw new UncheckedIOException("cannot read " + fileName, exception);
        }
    }

    private static InputStream decompress(InputStream input) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(input, 1 << 16);
        buffered.mark(2);
        int first = buffered.read();
        int second = buffered.read();
        buffered.reset();
        if (first == 0x1f && second == 0x8b) {
            return new GZIPInputStream(buffered, 1 << 16);
        }
        return buffered;
    }

    private static ScoringFile parse(BufferedReader reader, String file) throws IOException {
        Map<String, String> header = new LinkedHashMap<>();
        String text;
        long lineNumber = 0;
        Columns columns = null;
        List<ScoreVariant> variants = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        while ((text = reader.readLine()) != null) {
            lineNumber++;
            if (lineNumber == 1 && !text.isEmpty() && text.charAt(0) == '\uFEFF') {
                text = text.substring(1);
            }
            if (text.endsWith("\r")) {
                text = text.substring(0, text.length() - 1);
            }
            if (text.isBlank()) {
                continue;
            }
            if (columns == null && text.startsWith("#")) {
                readHeaderLine(text, header);
                continue;
            }
            if (columns == null) {
                columns = Columns.of(text.split("\t", -1), file, lineNumber);
                continue;
            }
            ScoreVariant variant = columns.variant(text.split("\t", -1), variants.size(), lineNumber, file, seen);
            variants.add(variant);
        }
        if (columns == null) {
            throw error(PrsErrorCode.SCORE_FILE_EMPTY, file, lineNumber, "header",
                    "there is no column header line (rsID, chr_name, chr_position, effect_allele, …): this is not a PGS Catalog scoring file");
        }
        if (variants.isEmpty()) {
            throw error(PrsErrorCode.SCORE_FILE_EMPTY, file, lineNumber, "line", "the file has a column header but no variant rows");
        }
        if (!header.containsKey("pgs_id") && columns.accessionOf != null) {
            header.put("pgs_id", columns.accessionOf);
        }
        return new ScoringFile(file, new ScoreHeader(header), columns.harmonised, variants);
    }

    private static void readHeaderLine(String text, Map<String, String> header) {
        int start = 0;
        while (start < text.length() && text.charAt(start) == '#') {
            start++;
        }
        if (start != 1) {
            return; // "##SECTION" titles and "###PGS CATALOG SCORING FILE" banner lines
        }
        int equals = text.indexOf('=');
        if (equals <= start) {
            return;
        }
        header.putIfAbsent(text.substring(start, equals).strip(), text.substring(equals + 1).strip());
    }

    static PermedException error(PrsErrorCode code, String file, long line, String field, String message) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("file", file);
        details.put("line", line);
        details.put("field", field);
        StringBuilder text = new StringBuilder(file);
        if (line > 0) {
            text.append(", line ").append(line);
        }
        text.append(", ").append(field).append(": ").append(message);
        return new PermedException(code, text.toString(), details);
    }

    /** Shortens a value for a message so that a huge field never floods it. */
    static String shorten(String value) {
        return value.length() <= 40 ? "'" + value + "'" : "'" + value.substring(0, 40) + "…'";
    }

    /** The column indices of one file, and the row parser. */
    private static final class Columns {
        final Map<String, Integer> index = new HashMap<>();
        final String[] names;
        final int chromosome;
        final int position;
        final int effectAllele;
        final int otherAllele;
        final int inferredOtherAllele;
        final int rsId;
        final int harmonisedRsId;
        final int weight;
        final int dominant;
        final int recessive;
        final int effectType;
        final int duplicatedColumn;
        final int accession;
        final int[] dosage;
        final List<Integer> complexFlags = new ArrayList<>();
        final boolean harmonised;
        String accessionOf;

        private Columns(String[] names, String file, long line) {
            this.names = names;
            for (int column = 0; column < names.length; column++) {
                index.putIfAbsent(names[column].strip(), column);
            }
            harmonised = index.containsKey("hm_chr") && index.containsKey("hm_pos");
            chromosome = harmonised ? index.get("hm_chr") : column("chr_name");
            position = harmonised ? index.get("hm_pos") : column("chr_position");
            effectAllele = column("effect_allele");
            otherAllele = column("other_allele");
            inferredOtherAllele = column("hm_inferOtherAllele");
            rsId = column("rsID");
            harmonisedRsId = column("hm_rsID");
            weight = column("effect_weight");
            dominant = column("is_dominant");
            recessive = column("is_recessive");
            effectType = column("effect_type");
            duplicatedColumn = column("is_duplicated");
            accession = column("accession");
            dosage = new int[] {column("dosage_0_weight"), column("dosage_1_weight"), column("dosage_2_weight")};
            for (String flag : COMPLEX_FLAGS) {
                if (index.containsKey(flag)) {
                    complexFlags.add(index.get(flag));
                }
            }
            if (effectAllele < 0) {
                throw missing(file, line, "effect_allele", "the effect allele column is required");
            }
            boolean dosageWeights = dosage[0] >= 0 || dosage[1] >= 0 || dosage[2] >= 0;
            if (dosageWeights && (dosage[0] < 0 || dosage[1] < 0 || dosage[2] < 0)) {
                throw missing(file, line, dosage[0] < 0 ? "dosage_0_weight" : dosage[1] < 0 ? "dosage_1_weight" : "dosage_2_weight",
                        "dosage weights need all three columns dosage_0_weight, dosage_1_weight and dosage_2_weight");
            }
            if (weight < 0 && !dosageWeights) {
                throw missing(file, line, "effect_weight",
                        "a weight column is required (effect_weight, or dosage_0_weight/dosage_1_weight/dosage_2_weight)");
            }
            if (chromosome < 0 || position < 0) {
                String absent = chromosome < 0 ? "chr_name" : "chr_position";
                throw missing(file, line, absent, "variants are matched by chromosome and position, and this file has no "
                        + absent + " (nor hm_chr/hm_pos) column; use the PGS Catalog's harmonised file (…_hmPOS_GRCh37/38)");
            }
        }

        static Columns of(String[] names, String file, long line) {
            return new Columns(names, file, line);
        }

        private int column(String name) {
            Integer column = index.get(name);
            return column == null ? -1 : column;
        }

        private static PermedException missing(String file, long line, String column, String message) {
            return error(PrsErrorCode.SCORE_COLUMN_MISSING, file, line, column, "column " + column + " is missing: " + message);
        }

        private String field(String[] fields, int column) {
            return column < 0 || column >= fields.length ? "" : fields[column].strip();
        }

        ScoreVariant variant(String[] fields, int row, long line, String file, Set<String> seen) {
            for (int flag : complexFlags) {
                if (isTrue(field(fields, flag), file, line, names[flag])) {
                    throw error(PrsErrorCode.SCORE_ROW_UNSUPPORTED, file, line, names[flag], names[flag]
                            + " is TRUE: haplotype, diplotype and interaction terms are not computed by this scorer (only "
                            + "single-variant additive, dominant, recessive and dosage weights); remove the row or use another score");
                }
            }
            String effect = field(fields, effectAllele);
            if (effect.isEmpty()) {
                throw error(PrsErrorCode.SCORE_VALUE_INVALID, file, line, "effect_allele", "the effect allele is empty");
            }
            if (!ALLELE.matcher(effect).matches()) {
                throw error(PrsErrorCode.SCORE_ROW_UNSUPPORTED, file, line, "effect_allele", "the effect allele "
                        + shorten(effect) + " is not one allele (letters only); haplotypes and allele lists are not supported");
            }
            effect = effect.toUpperCase(Locale.ROOT);
            Optional<String> other = otherAllele(fields);
            String chromosomeValue = chromosome(field(fields, chromosome));
            int positionValue = position(field(fields, position), file, line);
            if (chromosomeValue.isEmpty() || positionValue == 0) {
                chromosomeValue = "";
                positionValue = 0;
            }
            EffectType type = effectType(fields, file, line);
            double weightValue = 0;
            Optional<DosageWeights> dosageWeights = Optional.empty();
            if (type == EffectType.DOSAGE_WEIGHTS) {
                dosageWeights = Optional.of(new DosageWeights(number(fields, dosage[0], file, line), number(fields, dosage[1], file, line),
                        number(fields, dosage[2], file, line)));
            } else {
                weightValue = number(fields, weight, file, line);
            }
            Optional<String> rs = Optional.of(field(fields, rsId)).filter(value -> !value.isEmpty())
                    .or(() -> Optional.of(field(fields, harmonisedRsId)).filter(value -> !value.isEmpty()));
            String key = chromosomeValue + ":" + positionValue + ":" + effect + ":" + other.orElse("");
            boolean duplicated = !seen.add(key) || isTrue(field(fields, duplicatedColumn), file, line, "is_duplicated");
            if (accession >= 0 && accessionOf == null && !field(fields, accession).isEmpty()) {
                accessionOf = field(fields, accession);
            }
            return new ScoreVariant(row, line, rs, chromosomeValue, positionValue, effect, other, type, weightValue, dosageWeights,
                    duplicated);
        }

        private Optional<String> otherAllele(String[] fields) {
            String other = field(fields, otherAllele);
            if (other.isEmpty() && harmonised) {
                other = field(fields, inferredOtherAllele);
            }
            if (other.isEmpty() || !ALLELE.matcher(other).matches()) {
                return Optional.empty(); // absent, or several possible alleles ("A/G"): matched on the effect allele only
            }
            return Optional.of(other.toUpperCase(Locale.ROOT));
        }

        private EffectType effectType(String[] fields, String file, long line) {
            if (dosage[0] >= 0 && !field(fields, dosage[0]).isEmpty()) {
                return EffectType.DOSAGE_WEIGHTS;
            }
            if (effectType >= 0 && !field(fields, effectType).isEmpty()) {
                String value = field(fields, effectType).toLowerCase(Locale.ROOT);
                return switch (value) {
                    case "additive" -> EffectType.ADDITIVE;
                    case "dominant" -> EffectType.DOMINANT;
                    case "recessive" -> EffectType.RECESSIVE;
                    default -> throw error(PrsErrorCode.SCORE_VALUE_INVALID, file, line, "effect_type",
                            "the effect type " + shorten(value) + " is not one of additive, dominant, recessive");
                };
            }
            boolean isDominant = isTrue(field(fields, dominant), file, line, "is_dominant");
            boolean isRecessive = isTrue(field(fields, recessive), file, line, "is_recessive");
            if (isDominant && isRecessive) {
                throw error(PrsErrorCode.SCORE_VALUE_INVALID, file, line, "is_recessive",
                        "a variant cannot be both dominant and recessive (is_dominant and is_recessive are both TRUE)");
            }
            return isDominant ? EffectType.DOMINANT : isRecessive ? EffectType.RECESSIVE : EffectType.ADDITIVE;
        }

        private static boolean isTrue(String value, String file, long line, String column) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "", "false", "f", "0", "no", "na" -> false;
                case "true", "t", "1", "yes" -> true;
                default -> throw error(PrsErrorCode.SCORE_VALUE_INVALID, file, line, column,
                        "the flag " + shorten(value) + " is not TRUE or FALSE");
            };
        }

        private double number(String[] fields, int column, String file, long line) {
            String value = field(fields, column);
            String name = names[column].strip();
            if (value.isEmpty()) {
                throw error(PrsErrorCode.SCORE_VALUE_INVALID, file, line, name, "the weight is empty");
            }
            double parsed;
            try {
                parsed = Double.parseDouble(value);
            } catch (NumberFormatException exception) {
                throw error(PrsErrorCode.SCORE_VALUE_INVALID, file, line, name, "the weight " + shorten(value) + " is not a number");
            }
            if (!Double.isFinite(parsed)) {
                throw error(PrsErrorCode.SCORE_VALUE_INVALID, file, line, name, "the weight " + shorten(value) + " is not finite");
            }
            return parsed;
        }

        private int position(String value, String file, long line) {
            if (value.isEmpty()) {
                return 0;
            }
            try {
                long parsed = Long.parseLong(value);
                if (parsed < 1 || parsed > Integer.MAX_VALUE) {
                    throw new NumberFormatException();
                }
                return (int) parsed;
            } catch (NumberFormatException exception) {
                throw error(PrsErrorCode.SCORE_VALUE_INVALID, file, line, names[position].strip(),
                        "the position " + shorten(value) + " is not a positive whole number");
            }
        }

        private static String chromosome(String value) {
            String name = value;
            if (name.regionMatches(true, 0, "chr", 0, 3)) {
                name = name.substring(3);
            }
            return switch (name.toUpperCase(Locale.ROOT)) {
                case "23" -> "X";
                case "24" -> "Y";
                case "M", "MT", "26" -> "MT";
                case "X", "Y" -> name.toUpperCase(Locale.ROOT);
                default -> name;
            };
        }
    }
}
