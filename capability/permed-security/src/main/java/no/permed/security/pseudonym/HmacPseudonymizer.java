package no.permed.security.pseudonym;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import no.permed.kernel.NationalId;
import no.permed.kernel.PermedException;
import no.permed.kernel.Pseudonym;
import no.permed.security.SecurityErrorCode;
import no.permed.spi.Pseudonymizer;

/**
 * Keyed pseudonyms with HMAC-SHA-256 under the keys of a {@link PseudonymKeyStore}.
 *
 * <ul>
 *   <li>Store pseudonym: {@code p<version>_} + base64url without padding of
 *       HMAC-SHA-256(key[version], the 11 ASCII digits of the national identity number).
 *   <li>Project pseudonym: with the project key
 *       {@code K = HMAC-SHA-256(key[v], UTF-8("permed/project-pseudonym-key/v1/" + projectId))}, where
 *       {@code v} is the store pseudonym's version, it is {@code r<v>_} + base64url of
 *       HMAC-SHA-256(K, UTF-8(projectId + "\n" + storePseudonym)). Without the key, two projects'
 *       pseudonyms of the same person cannot be linked.
 * </ul>
 *
 * Synthetic test numbers are refused unless the configuration accepts them.
 */
public final class HmacPseudonymizer implements Pseudonymizer {
    /** The label from which each project's key is derived. */
    public static final String PROJECT_KEY_LABEL = "permed/project-pseudonym-key/v1/";
    private static final Pattern PROJECT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:\\-]{0,127}");
    private static final String ALGORITHM = "HmacSHA256";

    private final PseudonymKeyStore keys;
    private final boolean acceptSyntheticNationalIds;

    public HmacPseudonymizer(PseudonymKeyStore keys, boolean acceptSyntheticNationalIds) {
        this.keys = requireNonNull(keys, "keys is null");
        this.acceptSyntheticNationalIds = acceptSyntheticNationalIds;
    }

    /**
     * @throws PermedException SYNTHETIC_ID_NOT_ALLOWED for a synthetic test number when they are not accepted
     */
    @Override
    public Pseudonym pseudonymOf(NationalId nationalId) {
        return pseudonymOf(nationalId, keys.currentVersion());
    }

    /** The pseudonym under one key version (for look-ups of people stored before a rotation). */
    public Pseudonym pseudonymOf(NationalId nationalId, int keyVersion) {
        requireNonNull(nationalId, "nationalId is null");
        requireAccepted(nationalId);
        byte[] mac = hmac(keys.key(keyVersion), nationalId.digits().getBytes(StandardCharsets.US_ASCII));
        return Pseudonym.of("p" + keyVersion + "_" + base64url(mac));
    }

    /** The person's pseudonyms under every key version, the current one first, then newest to oldest. */
    @Override
    public List<Pseudonym> allPseudonymsOf(NationalId nationalId) {
        requireNonNull(nationalId, "nationalId is null");
        int current = keys.currentVersion();
        List<Integer> others = keys.versionsNewestFirst().stream().filter(version -> version != current).toList();
        return Stream.concat(Stream.of(current), others.stream())
                .map(version -> pseudonymOf(nationalId, version))
                .toList();
    }

    @Override
    public Pseudonym projectPseudonym(Pseudonym storePseudonym, String projectId) {
        requireNonNull(storePseudonym, "storePseudonym is null");
        if (storePseudonym.isProjectPseudonym()) {
            throw new PermedException(
                    SecurityErrorCode.INVALID_PSEUDONYM_KIND,
                    "a project pseudonym is made from the store's pseudonym (p…), not from another project pseudonym (r…)",
                    Map.of("field", "pseudonym"));
        }
        if (projectId == null || !PROJECT_ID.matcher(projectId).matches()) {
            throw new PermedException(
                    SecurityErrorCode.INVALID_PROJECT_ID,
                    "a project id is 1 to 128 characters of letters, digits and . _ : - starting with a letter or digit",
                    Map.of("field", "projectId"));
        }
        int version = storePseudonym.keyVersion();
        byte[] projectKey = hmac(keys.key(version), (PROJECT_KEY_LABEL + projectId).getBytes(StandardCharsets.UTF_8));
        byte[] mac = hmac(projectKey, (projectId + "\n" + storePseudonym.value()).getBytes(StandardCharsets.UTF_8));
        return Pseudonym.of("r" + version + "_" + base64url(mac));
    }

    /** Whether this pseudonymiser accepts synthetic test numbers. */
    public boolean acceptsSyntheticNationalIds() {
        return acceptSyntheticNationalIds;
    }

    private void requireAccepted(NationalId nationalId) {
        boolean refused = switch (nationalId.kind()) {
            case FODSELSNUMMER, D_NUMBER -> false;
            case SYNTHETIC -> !acceptSyntheticNationalIds;
        };
        if (refused) {
            throw new PermedException(
                    SecurityErrorCode.SYNTHETIC_ID_NOT_ALLOWED,
                    "synthetic test national identity numbers (month + 80) are not accepted by this server; they are"
                            + " for test and demo installations (security.accept-synthetic-national-ids=true)",
                    Map.of("field", "nationalId"));
        }
    }

    private static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(message);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java runtime has HMAC-SHA-256 with 256-bit keys", e);
        }
    }

    private static String base64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "HmacPseudonymizer[current key version " + keys.currentVersion() + "]";
    }
}
