package no.permed.interpretation.register.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.permed.interpretation.InterpretationErrorCode;
import no.permed.kernel.PermedException;

/**
 * A strict RFC 4180 reader: fields separated by commas, optionally in double quotes (a quote inside doubled), a quoted
 * field may span lines; CRLF or LF line ends; a UTF-8 byte-order mark at the start is skipped. Blank lines are skipped.
 * Each record carries the line it starts on.
 */
public final class CsvRecords {
    /** One record and the line it starts on (1-based). */
    public record Record(int line, List<String> fields) {
    }

    private CsvRecords() {
    }

    public static List<Record> read(BufferedReader reader, String fileName, int maxRecords) {
        List<Record> records = new ArrayList<>();
        try {
            int line = 1;
            int character = reader.read();
            if (character == 0xFEFF) {
                character = reader.read();
            }
            while (character != -1) {
                int start = line;
                List<String> fields = new ArrayList<>();
                StringBuilder field = new StringBuilder();
                boolean quoted = false;
                boolean afterQuote = false;
                boolean endOfRecord = false;
                boolean any = false;
                while (!endOfRecord) {
                    if (character == -1) {
                        if (quoted) {
                            throw malformed(fileName, start, "a quoted field opened on line " + start + " is never closed");
                        }
                        break;
                    }
                    char c = (char) character;
                    if (quoted) {
                        if (c == '"') {
                            int next = reader.read();
                            if (next == '"') {
                                field.append('"');
                            } else {
                                quoted = false;
                                afterQuote = true;
                                character = next;
                                continue;
                            }
                        } else {
                            if (c == '\n') {
                                line++;
                            }
                            field.append(c);
                        }
                    } else if (c == ',') {
                        fields.add(field.toString());
                        field.setLength(0);
                        afterQuote = false;
                        any = true;
                    } else if (c == '\r' || c == '\n') {
                        if (c == '\r') {
                            int next = reader.read();
                            if (next != '\n') {
                                throw malformed(fileName, line, "a carriage return without a line feed");
                            }
                        }
                        line++;
                        endOfRecord = true;
                    } else if (c == '"') {
                        if (field.length() > 0 || afterQuote) {
                            throw malformed(fileName, line, "a double quote inside an unquoted field (quote the whole field and"
                                    + " double the quote)");
                        }
                        quoted = true;
                        any = true;
                    } else if (afterQuote) {
                        throw malformed(fileName, line, "text after the closing quote of a field");
                    } else {
                        field.append(c);
                        any = true;
                    }
                    character = reader.read();
                }
                if (any || field.length() > 0) {
                    fields.add(field.toString());
                    if (records.size() >= maxRecords) {
                        throw new PermedException(InterpretationErrorCode.INVALID_CSV, fileName + ": more than " + (maxRecords - 1)
                                + " rows; split the file", Map.of("file", fileName, "line", start));
                    }
                    records.add(new Record(start, List.copyOf(fields)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + fileName, e);
        }
        return records;
    }

    private static PermedException malformed(String fileName, int line, String what) {
        return new PermedException(InterpretationErrorCode.INVALID_CSV, fileName + " line " + line + ": " + what,
                Map.of("file", fileName, "line", line));
    }
}
