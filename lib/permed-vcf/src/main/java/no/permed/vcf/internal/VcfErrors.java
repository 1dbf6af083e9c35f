package no.permed.vcf.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import no.permed.kernel.PermedException;
import no.permed.vcf.VcfErrorCode;

/**
 * Builds the one shape of input error this module throws: a {@link PermedException} whose message starts
 * with "FILE, line N, FIELD:" and whose details are {@code file}, {@code line}, {@code field} and, when one
 * sample is at fault, {@code sample}. Messages never carry genotype values.
 */
public final class VcfErrors {
    /** The field name used for errors that concern a whole line or the file rather than one column. */
    public static final String FIELD_LINE = "line";
    /** The field name used for errors in the compressed container rather than in the text. */
    public static final String FIELD_FILE = "file";

    private VcfErrors() {
    }

    public static PermedException error(VcfErrorCode code, String file, long line, String field, String message) {
        return error(code, file, line, field, null, message, null);
    }

    public static PermedException sampleError(
            VcfErrorCode code, String file, long line, String field, String sample, String message) {
        return error(code, file, line, field, sample, message, null);
    }

    public static PermedException error(
            VcfErrorCode code, String file, long line, String field, String sample, String message, Throwable cause) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("file", file);
        details.put("line", line);
        details.put("field", field);
        StringBuilder text = new StringBuilder();
        text.append(file);
        if (line > 0) {
            text.append(", line ").append(line);
        }
        text.append(", ").append(field);
        if (sample != null) {
            details.put("sample", sample);
            text.append(" of sample ").append(sample);
        }
        text.append(": ").append(message);
        return new PermedException(code, text.toString(), details, cause);
    }

    /** Shortens a value for an error message so that a huge or binary field never floods it. */
    public static String shorten(String value) {
        StringBuilder result = new StringBuilder();
        int limit = Math.min(value.length(), 40);
        for (int index = 0; index < limit; index++) {
            char character = value.charAt(index);
            if (character < 0x20 || character == 0x7f) {
                result.append(String.format(java.util.Locale.ROOT, "\\x%02x", (int) character));
            } else {
                result.append(character);
            }
        }
        if (value.length() > limit) {
            result.append("… (").append(value.length()).append(" characters)");
        }
        return "'" + result + "'";
    }
}
