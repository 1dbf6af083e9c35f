package no.permed.interpretation.register;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import no.permed.interpretation.InterpretationErrorCode;
import no.permed.interpretation.register.internal.CsvRecords;
import no.permed.kernel.PermedException;

/**
 * Bulk submissions as CSV (RFC 4180, UTF-8, comma separated, header first). The header names the columns, in any
 * order, case-insensitive:
 *
 * <pre>
 * variant,condition,classification,criteria,evidence,date,assembly
 * GRCh38-17-43045712-G-A,MONDO:0007254,Likely pathogenic,"PS3,PM2_Supporting,PP3",functional assay …,2024-03-01,
 * NC_000013.11:g.32338103G>T,not specified,VUS,PM2_Supporting,,,
 * </pre>
 *
 * {@code variant}, {@code condition} and {@code classification} are required; {@code criteria} (separated by
 * commas inside quotes, or by semicolons or spaces), {@code evidence}, {@code date} (YYYY-MM-DD, default today) and
 * {@code assembly} (for variants written without one) are optional, and may be left out of the header. The columns are
 * those of {@link SubmissionFields}. The whole file is validated before anything is stored: the first bad row gives an
 * error naming the file, the line and the field.
 */
public final class SubmissionCsv {
    /** The columns, in the documented order. */
    public static final List<String> COLUMNS = List.of("variant", "condition", "classification", "criteria", "evidence", "date",
            "assembly");
    /** The required columns. */
    public static final List<String> REQUIRED = List.of("variant", "condition", "classification");
    /** The most data rows one file may hold. */
    public static final int MAX_ROWS = 10_000;

    private SubmissionCsv() {
    }

    /** A validated row and the line it came from. */
    public record Row(int line, NewSubmission submission) {
        public Row {
            requireNonNull(submission, "submission is null");
        }
    }

    /** Parses CSV text. */
    public static List<Row> parse(String text, String fileName, LocalDate today) {
        requireNonNull(text, "text is null");
        return parse(new BufferedReader(new StringReader(text)), fileName, today);
    }

    /**
     * Parses and validates every row.
     *
     * @param fileName the name used in messages
     * @param today the default date and the latest date accepted
     * @throws PermedException with {@link InterpretationErrorCode#INVALID_CSV} for a bad header or record, or the
     *     field's own code (e.g. {@code INTERPRETATION_UNKNOWN_CRITERION}); its message starts with
     *     {@code file line N, field F:} and its details hold {@code file}, {@code line}, {@code field}
     */
    public static List<Row> parse(BufferedReader reader, String fileName, LocalDate today) {
        requireNonNull(reader, "reader is null");
        requireNonNull(fileName, "fileName is null");
        requireNonNull(today, "today is null");
        List<CsvRecords.Record> records = CsvRecords.read(reader, fileName, MAX_ROWS + 1);
        if (records.isEmpty()) {
            throw new PermedException(InterpretationErrorCode.INVALID_CSV, fileName + " is empty; the first line is the header "
                    + String.join(",", COLUMNS), Map.of("file", fileName, "line", 1));
        }
        CsvRecords.Record header = records.get(0);
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (int index = 0; index < header.fields().size(); index++) {
            String name = header.fields().get(index).strip().toLowerCase(Locale.ROOT);
            if (!COLUMNS.contains(name)) {
                throw csv(fileName, header.line(), name, "unknown column '" + SubmissionFields.shorten(name) + "' in the header; the"
                        + " columns are " + String.join(",", COLUMNS));
            }
            if (columns.putIfAbsent(name, index) != null) {
                throw csv(fileName, header.line(), name, "column '" + name + "' appears twice in the header");
            }
        }
        for (String required : REQUIRED) {
            if (!columns.containsKey(required)) {
                throw csv(fileName, header.line(), required, "the header lacks the required column '" + required + "' (required: "
                        + String.join(",", REQUIRED) + ")");
            }
        }
        if (records.size() == 1) {
            throw new PermedException(InterpretationErrorCode.INVALID_CSV, fileName + " has a header but no rows",
                    Map.of("file", fileName, "line", 2));
        }
        List<Row> rows = new ArrayList<>();
        for (CsvRecords.Record record : records.subList(1, records.size())) {
            if (record.fields().size() != header.fields().size()) {
                throw csv(fileName, record.line(), "(record)", "the row has " + record.fields().size() + " fields but the header has "
                        + header.fields().size());
            }
            SubmissionFields fields = new SubmissionFields(value(record, columns, "variant").orElse(""), value(record, columns, "assembly"),
                    value(record, columns, "condition").orElse(""), value(record, columns, "classification").orElse(""),
                    value(record, columns, "criteria"), value(record, columns, "evidence"), value(record, columns, "date"));
            try {
                rows.add(new Row(record.line(), fields.validate(today)));
            } catch (PermedException e) {
                Object field = e.details().getOrDefault("field", "(row)");
                Map<String, Object> details = new HashMap<>(e.details());
                details.put("file", fileName);
                details.put("line", record.line());
                details.put("field", field);
                throw new PermedException(e.errorCode(), fileName + " line " + record.line() + ", field " + field + ": " + e.getMessage(),
                        details, e);
            }
        }
        return List.copyOf(rows);
    }

    private static Optional<String> value(CsvRecords.Record record, Map<String, Integer> columns, String column) {
        Integer index = columns.get(column);
        if (index == null) {
            return Optional.empty();
        }
        String value = record.fields().get(index);
        return value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    private static PermedException csv(String fileName, int line, String field, String message) {
        return new PermedException(InterpretationErrorCode.INVALID_CSV, fileName + " line " + line + ": " + message,
                Map.of("file", fileName, "line", line, "field", field));
    }
}
