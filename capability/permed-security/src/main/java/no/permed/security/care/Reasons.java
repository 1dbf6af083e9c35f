package no.permed.security.care;

import java.util.Map;
import java.util.regex.Pattern;
import no.permed.kernel.PermedException;
import no.permed.security.SecurityErrorCode;

/**
 * Checks a reason that a user states for an access (break-the-glass). The reason is stored in the
 * audit log and shown to the patient, so it must say why without naming anyone: it is refused when
 * it holds something that looks like a national identity number (11 digits in a row, also when
 * written with spaces, dots, dashes or slashes between them).
 */
public final class Reasons {
    public static final int MINIMUM_LENGTH = 10;
    public static final int MAXIMUM_LENGTH = 500;

    /** Eleven digits, each pair separated by at most one space, dot, dash or slash. */
    private static final Pattern ELEVEN_DIGITS = Pattern.compile("\\p{Nd}(?:[\\s.\\-/\\u00A0]?\\p{Nd}){10}");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]");

    private Reasons() {}

    /**
     * @return the reason with surrounding white space removed
     * @throws PermedException INVALID_REASON saying which rule failed (never echoing the reason)
     */
    public static String requireValid(String reason) {
        if (reason == null || reason.isBlank()) {
            throw invalid("a reason is required: say in " + MINIMUM_LENGTH + " to " + MAXIMUM_LENGTH
                    + " characters why you need access (it is shown to the patient)");
        }
        String stripped = reason.strip();
        int length = stripped.codePointCount(0, stripped.length());
        if (length < MINIMUM_LENGTH || length > MAXIMUM_LENGTH) {
            throw invalid("a reason must be " + MINIMUM_LENGTH + " to " + MAXIMUM_LENGTH + " characters, was " + length);
        }
        if (ELEVEN_DIGITS.matcher(stripped).find()) {
            throw invalid("a reason must not contain a national identity number or any run of 11 digits; describe"
                    + " the situation instead (the patient is already identified by the request)");
        }
        if (CONTROL.matcher(stripped).find()
                || stripped.codePoints().anyMatch(codePoint -> codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
            throw invalid("a reason must not contain control characters or broken (unpaired surrogate) characters");
        }
        return stripped;
    }

    private static PermedException invalid(String message) {
        return new PermedException(SecurityErrorCode.INVALID_REASON, message, Map.of("field", "reason"));
    }
}
