package no.permed.security.pseudonym;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import no.permed.kernel.NationalId;
import no.permed.kernel.PermedException;
import no.permed.kernel.Pseudonym;
import no.permed.security.SecurityErrorCode;
import no.permed.security.testing.MutableClock;
import no.permed.security.testing.NationalIds;
import no.permed.security.testing.NationalIds.Generated;
import no.permed.security.testing.NationalIds.Kind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pseudonyms against HMAC-SHA-256 values computed here with javax.crypto for a fixed test key (and
 * one vector computed outside Java), never against the implementation's own earlier output.
 */
class HmacPseudonymizerTest {
    /** The test key: bytes 0x00 to 0x1f. */
    private static final byte[] KEY_1 = new byte[32];
    private static final byte[] KEY_2 = new byte[32];

    static {
        for (int i = 0; i < 32; i++) {
            KEY_1[i] = (byte) i;
            KEY_2[i] = (byte) (0xff - i);
        }
    }

    @TempDir
    Path directory;

    private Path keyFile;
    private HmacPseudonymizer pseudonymizer;

    @BeforeEach
    void writeKnownKeys() throws Exception {
        keyFile = directory.resolve("pseudonym.keys");
        writeKeyFile(keyFile, 1, KEY_1);
        pseudonymizer = new HmacPseudonymizer(PseudonymKeyStore.open(keyFile, MutableClock.at("2026-01-01T00:00:00Z")), false);
    }

    static void writeKeyFile(Path file, int current, byte[]... keys) throws Exception {
        StringBuilder text = new StringBuilder("# test keys\nformat=permed-pseudonym-keys-1\ncurrent=" + current + "\n");
        for (int i = 0; i < keys.length; i++) {
            text.append("key.").append(i + 1).append('=').append(Base64.getUrlEncoder().withoutPadding().encodeToString(keys[i]))
                    .append("\ncreated.").append(i + 1).append("=2026-01-01T00:00:00Z\n");
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    static String hmacBase64url(byte[] key, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }

    static Stream<Generated> people() {
        Random random = new Random(7);
        List<Generated> people = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            people.add(NationalIds.random(random, i % 2 == 0 ? Kind.FODSELSNUMMER : Kind.D_NUMBER));
        }
        return people.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("people")
    void storePseudonymIsTheHmacOfTheDigitsUnderTheCurrentKey(Generated person) throws Exception {
        Pseudonym pseudonym = pseudonymizer.pseudonymOf(NationalId.parse(person.digits()));

        assertThat(pseudonym.value()).isEqualTo("p1_" + hmacBase64url(KEY_1, person.digits()));
        assertThat(pseudonym.keyVersion()).isEqualTo(1);
        assertThat(pseudonym.isProjectPseudonym()).isFalse();
    }

    @Test
    void matchesAVectorComputedOutsideJava() {
        // Python: hmac.new(bytes(range(32)), b"01019012480", hashlib.sha256), base64url without padding
        Pseudonym pseudonym = pseudonymizer.pseudonymOf(NationalId.parse("01019012480"));
        assertThat(pseudonym).isEqualTo(Pseudonym.of("p1_s6YmmL8s7WaT4DcDrXOdPyM6di8YWXNZbwmKFO4iQDQ"));

        Pseudonym project = pseudonymizer.projectPseudonym(pseudonym, "project-a");
        assertThat(project).isEqualTo(Pseudonym.of("r1_tof_PzdtYjJc3-WrUBuVtOWOZrQN7VZwiyK3FhQxD_o"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("people")
    void projectPseudonymIsKeyedPerProject(Generated person) throws Exception {
        Pseudonym store = pseudonymizer.pseudonymOf(NationalId.parse(person.digits()));
        Mac derive = Mac.getInstance("HmacSHA256");
        derive.init(new SecretKeySpec(KEY_1, "HmacSHA256"));
        byte[] projectKey = derive.doFinal("permed/project-pseudonym-key/v1/cohort-2026.pgx".getBytes(StandardCharsets.UTF_8));

        Pseudonym project = pseudonymizer.projectPseudonym(store, "cohort-2026.pgx");

        assertThat(project.value()).isEqualTo("r1_" + hmacBase64url(projectKey, "cohort-2026.pgx\n" + store.value()));
        assertThat(project.isProjectPseudonym()).isTrue();
        assertThat(pseudonymizer.projectPseudonym(store, "cohort-2026.pgx")).isEqualTo(project);
    }

    @Test
    void twoProjectsCannotLinkTheirExtracts() {
        Set<String> seen = new HashSet<>();
        people().forEach(person -> {
            Pseudonym store = pseudonymizer.pseudonymOf(NationalId.parse(person.digits()));
            Pseudonym a = pseudonymizer.projectPseudonym(store, "project-a");
            Pseudonym b = pseudonymizer.projectPseudonym(store, "project-b");
            assertThat(a).isNotEqualTo(b);
            assertThat(seen.add(a.value())).isTrue();
            assertThat(seen.add(b.value())).isTrue();
        });
    }

    @Test
    void differentPeopleGetDifferentPseudonyms() {
        Set<Pseudonym> pseudonyms = new HashSet<>();
        people().forEach(person -> pseudonyms.add(pseudonymizer.pseudonymOf(NationalId.parse(person.digits()))));
        assertThat(pseudonyms).hasSize((int) people().map(Generated::digits).distinct().count());
    }

    @Test
    void refusesSyntheticNumbersUnlessConfiguredToAcceptThem() throws Exception {
        Generated synthetic = NationalIds.random(new Random(11), Kind.SYNTHETIC);
        NationalId id = NationalId.parse(synthetic.digits());

        assertThatThrownBy(() -> pseudonymizer.pseudonymOf(id))
                .isInstanceOf(PermedException.class)
                .hasMessageContaining("synthetic")
                .hasMessageNotContaining(synthetic.digits())
                .extracting(error -> ((PermedException) error).errorCode())
                .isEqualTo(SecurityErrorCode.SYNTHETIC_ID_NOT_ALLOWED);

        HmacPseudonymizer accepting = new HmacPseudonymizer(PseudonymKeyStore.open(keyFile, MutableClock.at("2026-01-01T00:00:00Z")), true);
        assertThat(accepting.pseudonymOf(id).value()).isEqualTo("p1_" + hmacBase64url(KEY_1, synthetic.digits()));
    }

    @Test
    void keepsOldVersionsAfterRotationSoThatOldPseudonymsAreStillFound() throws Exception {
        writeKeyFile(keyFile, 2, KEY_1, KEY_2);
        HmacPseudonymizer rotated = new HmacPseudonymizer(PseudonymKeyStore.open(keyFile, MutableClock.at("2026-01-01T00:00:00Z")), false);
        String digits = "01019012480";
        NationalId id = NationalId.parse(digits);

        assertThat(rotated.pseudonymOf(id).value()).isEqualTo("p2_" + hmacBase64url(KEY_2, digits));
        assertThat(rotated.allPseudonymsOf(id)).containsExactly(
                Pseudonym.of("p2_" + hmacBase64url(KEY_2, digits)),
                Pseudonym.of("p1_" + hmacBase64url(KEY_1, digits)));
        Pseudonym old = Pseudonym.of("p1_" + hmacBase64url(KEY_1, digits));
        assertThat(rotated.projectPseudonym(old, "project-a")).isEqualTo(pseudonymizer.projectPseudonym(old, "project-a"));
    }

    @Test
    void refusesAPseudonymOfAnUnknownKeyVersion() {
        Pseudonym fromTheFuture = Pseudonym.of("p7_" + "A".repeat(43));
        assertThatThrownBy(() -> pseudonymizer.projectPseudonym(fromTheFuture, "project-a"))
                .isInstanceOf(PermedException.class)
                .hasMessageContaining("version 7")
                .extracting(error -> ((PermedException) error).errorCode())
                .isEqualTo(SecurityErrorCode.UNKNOWN_KEY_VERSION);
    }

    @Test
    void refusesToMakeAProjectPseudonymFromAProjectPseudonym() {
        Pseudonym project = Pseudonym.of("r1_" + "A".repeat(43));
        assertThatThrownBy(() -> pseudonymizer.projectPseudonym(project, "project-a"))
                .extracting(error -> ((PermedException) error).errorCode())
                .isEqualTo(SecurityErrorCode.INVALID_PSEUDONYM_KIND);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "project a", "-leading-dash", "line\nbreak", "æøå"})
    void refusesInvalidProjectIds(String projectId) {
        Pseudonym store = pseudonymizer.pseudonymOf(NationalId.parse("01019012480"));
        assertThatThrownBy(() -> pseudonymizer.projectPseudonym(store, projectId))
                .extracting(error -> ((PermedException) error).errorCode())
                .isEqualTo(SecurityErrorCode.INVALID_PROJECT_ID);
    }
}
