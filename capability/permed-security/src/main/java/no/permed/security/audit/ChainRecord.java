package no.permed.security.audit;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One audit entry exactly as stored, with every field as text, and its canonical encoding: the
 * RFC 8785 (JSON Canonicalization Scheme) form of
 *
 * <pre>{@code
 * {"action":…,"actor":…,"details":{…},"organisation":…|null,"outcome":…,"previousHash":…,
 *  "purpose":…,"requestId":…,"roles":[…],"sequence":n,"subject":…|null,"time":"uuuu-MM-ddTHH:mm:ss.SSSSSSZ"}
 * }</pre>
 *
 * with members sorted by their UTF-16 code units, no whitespace, roles sorted, and time in UTC with
 * exactly six fractional digits. The entry's hash is the lower-case hex SHA-256 of the UTF-8 bytes
 * of that text. The verifier works on this raw form, so that a row changed by hand into something
 * the typed API would refuse is still reported as a broken entry rather than as an error.
 */
record ChainRecord(
        long sequence,
        Instant time,
        String actor,
        List<String> roles,
        Optional<String> organisation,
        String action,
        Optional<String> subject,
        String purpose,
        String outcome,
        String requestId,
        Map<String, String> details,
        String previousHash) {

    /** The previous hash of the first entry. */
    static final String GENESIS_HASH = "0".repeat(64);

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    ChainRecord {
        requireNonNull(time, "time is null");
        requireNonNull(actor, "actor is null");
        roles = List.copyOf(roles);
        requireNonNull(organisation, "organisation is null");
        requireNonNull(action, "action is null");
        requireNonNull(subject, "subject is null");
        requireNonNull(purpose, "purpose is null");
        requireNonNull(outcome, "outcome is null");
        requireNonNull(requestId, "requestId is null");
        details = Map.copyOf(details);
        requireNonNull(previousHash, "previousHash is null");
    }

    static String formatTime(Instant time) {
        return TIME.format(time);
    }

    String canonicalEncoding() {
        List<String> sortedRoles = new ArrayList<>(roles);
        sortedRoles.sort(null);
        StringBuilder json = new StringBuilder(512);
        json.append('{');
        member(json, "action").append(string(action)).append(',');
        member(json, "actor").append(string(actor)).append(',');
        member(json, "details").append('{');
        boolean first = true;
        for (Map.Entry<String, String> detail : new TreeMap<>(details).entrySet()) {
            if (!first) {
                json.append(',');
            }
            first = false;
            json.append(string(detail.getKey())).append(':').append(string(detail.getValue()));
        }
        json.append("},");
        member(json, "organisation").append(organisation.map(ChainRecord::string).orElse("null")).append(',');
        member(json, "outcome").append(string(outcome)).append(',');
        member(json, "previousHash").append(string(previousHash)).append(',');
        member(json, "purpose").append(string(purpose)).append(',');
        member(json, "requestId").append(string(requestId)).append(',');
        member(json, "roles").append('[');
        for (int i = 0; i < sortedRoles.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append(string(sortedRoles.get(i)));
        }
        json.append("],");
        member(json, "sequence").append(sequence).append(',');
        member(json, "subject").append(subject.map(ChainRecord::string).orElse("null")).append(',');
        member(json, "time").append(string(formatTime(time)));
        json.append('}');
        return json.toString();
    }

    String computeHash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonicalEncoding().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static StringBuilder member(StringBuilder json, String name) {
        return json.append('"').append(name).append("\":");
    }

    /** A JSON string as RFC 8785 serialises it (the ECMAScript JSON.stringify rules). */
    static String string(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2);
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char character = value.charAt(i);
            switch (character) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (character < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) character));
                    } else {
                        out.append(character);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
