package no.permed.kernel;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A keyed pseudonym of a person: {@code p<keyVersion>_<43 characters of unpadded base64url>}, the
 * HMAC-SHA-256 of their national identity number under pseudonym key {@code keyVersion}. Stored in
 * place of the national identity number everywhere. Research projects see a different,
 * per-project pseudonym (prefix {@code r}) so that two projects cannot link their extracts.
 */
public record Pseudonym(String value) {
    private static final Pattern FORMAT = Pattern.compile("([pr])([0-9]{1,4})_([A-Za-z0-9_-]{43})");

    public Pseudonym {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new PermedException(
                    KernelErrorCode.INVALID_PSEUDONYM,
                    "a pseudonym looks like p1_ followed by 43 characters of base64url (A-Z a-z 0-9 _ -)",
                    Map.of("field", "pseudonym"));
        }
    }

    public static Pseudonym of(String value) {
        return new Pseudonym(value);
    }

    /** The version of the key that made this pseudonym. */
    public int keyVersion() {
        Matcher matcher = FORMAT.matcher(value);
        if (!matcher.matches()) {
            throw new IllegalStateException("validated in the constructor");
        }
        return Integer.parseInt(matcher.group(2));
    }

    /** Whether this is a per-project research pseudonym rather than the store's own. */
    public boolean isProjectPseudonym() {
        return value.charAt(0) == 'r';
    }

    @Override
    public String toString() {
        return value;
    }
}
