package no.permed.security.pseudonym;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import no.permed.kernel.NationalId;
import no.permed.kernel.PermedException;
import no.permed.kernel.Pseudonym;
import no.permed.security.SecurityErrorCode;
import no.permed.security.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PseudonymKeyStoreTest {
    private static final NationalId PERSON = NationalId.parse("01019012480");
    private final MutableClock clock = MutableClock.at("2026-03-01T10:15:30Z");

    @TempDir
    Path directory;

    @Test
    void createsAKeyFileWithOwnerOnlyPermissionsOnFirstStart() throws Exception {
        Path file = directory.resolve("data/keys/pseudonym.keys");

        PseudonymKeyStore store = PseudonymKeyStore.openOrCreate(file, clock);

        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(store.currentVersion()).isEqualTo(1);
        assertThat(store.versions()).containsExactly(new PseudonymKeyStore.KeyVersion(1, Instant.parse("2026-03-01T10:15:30Z")));
        assertThat(store.key(1)).hasSize(32);
        try (var files = Files.list(file.getParent())) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactly("pseudonym.keys");
        }
    }

    @Test
    void keepsTheSameKeyAcrossRestarts() {
        Path file = directory.resolve("pseudonym.keys");
        Pseudonym first = new HmacPseudonymizer(PseudonymKeyStore.openOrCreate(file, clock), false).pseudonymOf(PERSON);

        Pseudonym again = new HmacPseudonymizer(PseudonymKeyStore.openOrCreate(file, clock), false).pseudonymOf(PERSON);

        assertThat(again).isEqualTo(first);
    }

    @Test
    void twoInstallationsGetDifferentRandomKeys() {
        Pseudonym one = new HmacPseudonymizer(PseudonymKeyStore.openOrCreate(directory.resolve("a.keys"), clock), false)
                .pseudonymOf(PERSON);
        Pseudonym other = new HmacPseudonymizer(PseudonymKeyStore.openOrCreate(directory.resolve("b.keys"), clock), false)
                .pseudonymOf(PERSON);

        assertThat(one).isNotEqualTo(other);
    }

    @Test
    void processesStartingAtOnceAgreeOnOneKey() throws Exception {
        Path file = directory.resolve("raced/pseudonym.keys");
        int starters = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(starters);
        try {
            List<Future<Pseudonym>> results = new ArrayList<>();
            for (int i = 0; i < starters; i++) {
                results.add(executor.submit(() -> {
                    start.await();
                    return new HmacPseudonymizer(PseudonymKeyStore.openOrCreate(file, clock), false).pseudonymOf(PERSON);
                }));
            }
            start.countDown();
            List<Pseudonym> pseudonyms = new ArrayList<>();
            for (Future<Pseudonym> result : results) {
                pseudonyms.add(result.get());
            }
            assertThat(pseudonyms).containsOnly(pseudonyms.get(0));
        } finally {
            executor.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-r-----", "rw----r--", "rw-rw----", "rw-----w-", "rwx---r-x"})
    void refusesAKeyFileThatGroupOrOthersCanAccess(String permissions) throws Exception {
        Path file = directory.resolve("pseudonym.keys");
        PseudonymKeyStore.openOrCreate(file, clock);
        String key = Files.readString(file).lines().filter(line -> line.startsWith("key.1=")).findFirst().orElseThrow();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));

        assertThatThrownBy(() -> PseudonymKeyStore.openOrCreate(file, clock))
                .isInstanceOf(PermedException.class)
                .hasMessageContaining("chmod 600 " + file)
                .hasMessageContaining(permissions)
                .hasMessageNotContaining(key.substring("key.1=".length()))
                .extracting(error -> ((PermedException) error).errorCode())
                .isEqualTo(SecurityErrorCode.KEY_FILE_UNSAFE);
    }

    @Test
    void rotationAddsAVersionAndKeepsTheOldOne() {
        Path file = directory.resolve("pseudonym.keys");
        PseudonymKeyStore store = PseudonymKeyStore.openOrCreate(file, clock);
        HmacPseudonymizer pseudonymizer = new HmacPseudonymizer(store, false);
        Pseudonym before = pseudonymizer.pseudonymOf(PERSON);
        clock.advance(Duration.ofDays(400));

        int version = store.rotate();

        assertThat(version).isEqualTo(2);
        Pseudonym after = pseudonymizer.pseudonymOf(PERSON);
        assertThat(after.keyVersion()).isEqualTo(2);
        assertThat(after.value()).startsWith("p2_");
        assertThat(after).isNotEqualTo(before);
        assertThat(pseudonymizer.allPseudonymsOf(PERSON)).containsExactly(after, before);
        assertThat(pseudonymizer.pseudonymOf(PERSON, 1)).isEqualTo(before);

        PseudonymKeyStore reopened = PseudonymKeyStore.open(file, clock);
        assertThat(reopened.currentVersion()).isEqualTo(2);
        assertThat(reopened.versions()).extracting(PseudonymKeyStore.KeyVersion::version).containsExactly(1, 2);
        assertThat(reopened.versions().get(1).created()).isEqualTo(Instant.parse("2027-04-05T10:15:30Z"));
        assertThat(new HmacPseudonymizer(reopened, false).allPseudonymsOf(PERSON)).containsExactly(after, before);
    }

    @Test
    void rotationByAnotherProcessIsNotLost() {
        Path file = directory.resolve("pseudonym.keys");
        PseudonymKeyStore server = PseudonymKeyStore.openOrCreate(file, clock);
        PseudonymKeyStore cli = PseudonymKeyStore.open(file, clock);

        assertThat(cli.rotate()).isEqualTo(2);
        assertThat(server.rotate()).isEqualTo(3);

        assertThat(PseudonymKeyStore.open(file, clock).versions()).extracting(PseudonymKeyStore.KeyVersion::version)
                .containsExactly(1, 2, 3);
    }

    @Test
    void reportsAMissingKeyFileWithoutCreatingOne() {
        Path file = directory.resolve("missing.keys");
        assertThatThrownBy(() -> PseudonymKeyStore.open(file, clock))
                .isInstanceOf(PermedException.class)
                .hasMessageContaining("restore it from its backup")
                .extracting(error -> ((PermedException) error).errorCode())
                .isEqualTo(SecurityErrorCode.KEY_FILE_INVALID);
        assertThat(file).doesNotExist();
    }

    @Test
    void namesTheLineOfAnInvalidKeyFile() throws Exception {
        Path file = directory.resolve("pseudonym.keys");
        Files.writeString(file, "format=permed-pseudonym-keys-1\ncurrent=1\nkey.1=tooShort\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        assertThatThrownBy(() -> PseudonymKeyStore.open(file, clock))
                .isInstanceOf(PermedException.class)
                .hasMessageContaining("line 3")
                .hasMessageContaining("not 32 bytes")
                .hasMessageNotContaining("tooShort");
    }

    @Test
    void refusesAKeyFileWhoseCurrentVersionHasNoKey() throws Exception {
        Path file = directory.resolve("pseudonym.keys");
        HmacPseudonymizerTest.writeKeyFile(file, 3, new byte[32]);

        assertThatThrownBy(() -> PseudonymKeyStore.open(file, clock))
                .isInstanceOf(PermedException.class)
                .hasMessageContaining("current version 3 has no key");
    }
}
