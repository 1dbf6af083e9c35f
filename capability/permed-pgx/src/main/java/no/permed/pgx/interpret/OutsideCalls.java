package no.permed.pgx.interpret;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import no.permed.kernel.PermedException;
import no.permed.pgx.knowledge.PgxKnowledge;

/**
 * The outside calls of one sample, read from a file in PharmCAT's outside-call format.
 *
 * <p>The format: UTF-8 text, one gene per line, tab-separated {@code GENE  DIPLOTYPE  [PHENOTYPE]  [ACTIVITY_SCORE]}.
 * Lines starting with {@code #} and blank lines are ignored. The diplotype may be empty when a phenotype or activity
 * score is given ({@code HLA-B<TAB><TAB>*57:01 positive}, {@code CYP2C9<TAB><TAB><TAB>2.0}); alternatives are
 * separated by {@code " or "}. Allele names may carry the gene as prefix ({@code CYP2D6*3/CYP2D6*4}).
 *
 * <p>Allele names are checked against the knowledge: the allele definitions and the CPIC/DPWG function and phenotype
 * tables of the gene; for CYP2D6 also copies and tandems of known alleles ({@code *1x2}, {@code *4x≥3},
 * {@code *36x2+*10}); for HLA-A and HLA-B any well-formed allele name ({@code *15:02}); for MT-RNR1 the variant
 * with or without its {@code m.} prefix ({@code 1555A>G}). Former names still used by PharmCAT's own examples
 * (G6PD {@code B (wildtype)}) are read as the current name, with a warning.
 *
 * <p>Errors are {@link PermedException}s with an {@link InterpretErrorCode} and name the file, the line and the field.
 * The file's content (which is personal data) is quoted only for the gene symbol and allele names.
 */
public final class OutsideCalls {
    private static final Pattern ACTIVITY_SCORE = Pattern.compile("(≥|>=)?\\d+(\\.\\d+)?");

    private final List<OutsideCall> calls;
    private final List<String> warnings;

    private OutsideCalls(List<OutsideCall> calls, List<String> warnings) {
        this.calls = List.copyOf(calls);
        this.warnings = List.copyOf(warnings);
    }

    /** No outside calls. */
    public static OutsideCalls none() {
        return new OutsideCalls(List.of(), List.of());
    }

    /** Reads the file, checking genes and alleles against {@link PgxKnowledge#load()}. */
    public static OutsideCalls parse(Path file) {
        return parse(file, PgxKnowledge.load());
    }

    /**
     * Reads the file, checking genes and alleles against {@code knowledge}.
     *
     * @throws PermedException {@code PGX_OUTSIDE_CALL_*} naming file, line and field
     */
    public static OutsideCalls parse(Path file, PgxKnowledge knowledge) {
        return parse(file, file.toString(), knowledge);
    }

    /**
     * Reads the file, naming it {@code displayName} in messages (e.g. the name a laboratory uploaded it under, rather
     * than the temporary file it was saved to).
     *
     * @throws PermedException {@code PGX_OUTSIDE_CALL_*} naming the file, line and field
     */
    public static OutsideCalls parse(Path file, String displayName, PgxKnowledge knowledge) {
        requireNonNull(displayName, "displayName is null");
        requireNonNull(file, "file is null");
        requireNonNull(knowledge, "knowledge is null");
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw error(InterpretErrorCode.OUTSIDE_CALL_UNREADABLE, displayName, 0, "file", "the file is not UTF-8 text", Map.of());
        } catch (IOException e) {
            throw new PermedException(InterpretErrorCode.OUTSIDE_CALL_UNREADABLE,
                    "Cannot read the outside-call file " + displayName + ": " + e.getClass().getSimpleName(), Map.of("file", displayName), e);
        }
        return parse(text, displayName, knowledge);
    }

    /**
     * Outside calls from records (e.g. stored ones), checked against {@code knowledge} exactly as a file would be;
     * messages name {@code source} and the call's position in the list as its line.
     */
    public static OutsideCalls of(List<OutsideCall> calls, String source, PgxKnowledge knowledge) {
        requireNonNull(calls, "calls is null");
        StringBuilder text = new StringBuilder();
        for (OutsideCall call : calls) {
            text.append(call.gene()).append('\t').append(call.diplotype().orElse("")).append('\t').append(call.phenotype().orElse(""))
                    .append('\t').append(call.activityScore().orElse("")).append('\n');
        }
        return parse(text.toString(), requireNonNull(source, "source is null"), requireNonNull(knowledge, "knowledge is null"));
    }

    /** Reads outside calls from text; {@code source} names it in messages. */
    static OutsideCalls parse(String text, String source, PgxKnowledge knowledge) {
        KnownAlleles alleles = new KnownAlleles(knowledge);
        Map<String, OutsideCall> byGene = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        Path file = Path.of(source);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String[] lines = text.split("\r?\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNumber = i + 1;
            String line = lines[i];
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            int count = fields.length;
            while (count > 4 && fields[count - 1].isBlank()) {
                count--;
            }
            if (count < 2 || count > 4) {
                throw error(InterpretErrorCode.OUTSIDE_CALL_COLUMNS, file, lineNumber, "columns",
                        "expected 2 to 4 tab-separated columns (GENE, DIPLOTYPE, PHENOTYPE, ACTIVITY_SCORE), found " + count
                                + (count < 2 ? " (are the columns separated by spaces instead of tabs?)" : ""),
                        Map.of("columns", count));
            }
            String gene = fields[0].strip();
            if (!knowledge.genes().containsKey(gene)) {
                throw error(InterpretErrorCode.OUTSIDE_CALL_UNKNOWN_GENE, file, lineNumber, "GENE",
                        "unknown gene '" + gene + "'; known genes (case-sensitive): " + String.join(", ", knowledge.genes().keySet()),
                        Map.of("gene", gene, "allowed", List.copyOf(knowledge.genes().keySet())));
            }
            OutsideCall earlier = byGene.get(gene);
            if (earlier != null) {
                throw error(InterpretErrorCode.OUTSIDE_CALL_DUPLICATE_GENE, file, lineNumber, "GENE",
                        gene + " is given twice (also on line " + earlier.line() + "); give one line per gene, alternatives joined with ' or '",
                        Map.of("gene", gene, "firstLine", earlier.line()));
            }
            Optional<String> diplotype = diplotype(fields[1], gene, alleles, file, lineNumber, warnings);
            Optional<String> phenotype = count >= 3 ? nonBlank(fields[2].replace(gene, "")) : Optional.empty();
            Optional<String> activityScore = Optional.empty();
            if (count >= 4 && !fields[3].isBlank()) {
                String score = fields[3].strip();
                if (score.equalsIgnoreCase("n/a")) {
                    activityScore = Optional.of("n/a");
                } else if (ACTIVITY_SCORE.matcher(score).matches()) {
                    activityScore = Optional.of(score.replace(">=", "≥"));
                } else {
                    throw error(InterpretErrorCode.OUTSIDE_CALL_BAD_ACTIVITY_SCORE, file, lineNumber, "ACTIVITY_SCORE",
                            "the activity score of " + gene + " is not a number (1.5), a bound (≥3.0) or n/a", Map.of("gene", gene));
                }
            }
            if (diplotype.isEmpty() && phenotype.isEmpty() && activityScore.isEmpty()) {
                throw error(InterpretErrorCode.OUTSIDE_CALL_EMPTY, file, lineNumber, "DIPLOTYPE",
                        "the line for " + gene + " gives no diplotype, phenotype or activity score", Map.of("gene", gene));
            }
            byGene.put(gene, new OutsideCall(gene, diplotype, phenotype, activityScore, lineNumber));
        }
        return new OutsideCalls(List.copyOf(byGene.values()), warnings);
    }

    private static Optional<String> diplotype(
            String field, String gene, KnownAlleles alleles, Path file, int line, List<String> warnings) {
        if (field.isBlank()) {
            return Optional.empty();
        }
        List<String> diplotypes = new ArrayList<>();
        for (String candidate : field.strip().split(OutsideCall.OR)) {
            String[] names = candidate.strip().split("/", -1);
            if (names.length > 2) {
                throw error(InterpretErrorCode.OUTSIDE_CALL_UNKNOWN_ALLELE, file, line, "DIPLOTYPE",
                        "a diplotype of " + gene + " has more than two alleles; write one diplotype as ALLELE/ALLELE, alternatives joined with ' or '",
                        Map.of("gene", gene));
            }
            List<String> resolved = new ArrayList<>();
            for (String raw : names) {
                String name = raw.strip();
                if (name.startsWith(gene)) {
                    name = name.substring(gene.length()).strip();
                }
                String allele = name;
                KnownAlleles.Resolved r = alleles.resolve(gene, allele).orElseThrow(() -> {
                    List<String> known = List.copyOf(alleles.names(gene));
                    String shown = known.isEmpty() ? "well-formed HLA alleles such as *57:01"
                            : String.join(", ", known.size() <= 30 ? known : known.subList(0, 30)) + (known.size() > 30 ? ", ..." : "");
                    return error(InterpretErrorCode.OUTSIDE_CALL_UNKNOWN_ALLELE, file, line, "DIPLOTYPE",
                            "unknown allele '" + allele + "' for " + gene + " (names are case-sensitive). Known: " + shown,
                            Map.of("gene", gene, "allele", allele));
                });
                r.note().ifPresent(note -> warnings.add(file + " line " + line + ": " + note));
                resolved.add(r.name());
            }
            diplotypes.add(String.join("/", resolved));
        }
        return Optional.of(String.join(OutsideCall.OR, diplotypes));
    }

    private static Optional<String> nonBlank(String s) {
        return s.isBlank() ? Optional.empty() : Optional.of(s.strip());
    }

    private static PermedException error(InterpretErrorCode code, Object file, int line, String field, String what, Map<String, ?> extra) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("file", file.toString());
        details.put("line", line);
        details.put("field", field);
        details.putAll(extra);
        return new PermedException(code, "Outside-call file " + file + " line " + line + ", field " + field + ": " + what, details);
    }

    /** The calls in file order, one per gene. */
    public List<OutsideCall> calls() {
        return calls;
    }

    /** The call for a gene, if the file has one. */
    public Optional<OutsideCall> call(String gene) {
        return calls.stream().filter(c -> c.gene().equals(gene)).findFirst();
    }

    /** Warnings from reading the file (former allele names read as current ones). */
    public List<String> warnings() {
        return warnings;
    }
}
