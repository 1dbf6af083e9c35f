package no.permed.kernel;

import java.util.Map;
import java.util.regex.Pattern;

/** Shared validation of textual identifiers, so that every typed id reports problems the same way. */
final class Identifiers {
    /** Letters, digits and {@code . _ - @ :}; no spaces or control characters; at most 128 characters. */
    static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@:\\-]{0,127}");

    private Identifiers() {}

    static String requireSafe(String value, String what) {
        if (value == null) {
            throw new PermedException(KernelErrorCode.INVALID_IDENTIFIER, what + " is missing", Map.of("field", what));
        }
        if (!SAFE.matcher(value).matches()) {
            throw new PermedException(
                    KernelErrorCode.INVALID_IDENTIFIER,
                    what + " must be 1 to 128 characters of letters, digits and . _ - @ : starting with a letter or digit",
                    Map.of("field", what));
        }
        return value;
    }
}
