package no.permed.genome;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import no.permed.db.Database;
import no.permed.kernel.NationalId;
import no.permed.kernel.OrganisationId;
import no.permed.kernel.Pseudonym;
import no.permed.kernel.Role;
import no.permed.kernel.UserId;
import no.permed.spi.AuditEvent;
import no.permed.spi.AuditSink;
import no.permed.spi.Principal;
import no.permed.spi.Pseudonymizer;
import no.permed.spi.RequestContext;
import no.permed.testing.SharedPostgres;

/**
 * A genome store on a fresh database of the shared test PostgreSQL and a temporary directory, with a
 * real keyed pseudonymizer (HMAC-SHA256 under a test key) and an audit sink that keeps the events in
 * memory so tests can read them.
 */
final class TestStore implements AutoCloseable {
    static final String PATIENT = "15858540043";
    static final RequestContext LAB = new RequestContext(new Principal(UserId.of("lab-user"), Set.of(Role.LAB),
            Optional.of(OrganisationId.of("lab-oslo")), Optional.empty(), true), "test");

    final Database database;
    final Path root;
    final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
    final Pseudonymizer pseudonymizer = new HmacPseudonymizer();
    GenomeStore store;

    TestStore(Path directory) {
        this.database = SharedPostgres.freshDatabase();
        this.root = directory.resolve("genome");
        this.store = open();
    }

    /** Opens a store over the same database and directory (as a restart does). */
    GenomeStore open() {
        AuditSink sink = event -> {
            audit.add(event);
            return audit.size();
        };
        return GenomeStore.open(database, root, pseudonymizer, sink, Clock.systemUTC());
    }

    GenomeStore reopen() {
        store.close();
        store = open();
        return store;
    }

    @Override
    public void close() {
        store.close();
        database.close();
    }

    /** A file of permed-vcf's test data (real-data subsets with bcftools-made expected results). */
    static Path vcfData(String name) {
        return vcfResources().resolve("data").resolve(name);
    }

    static Path vcfExpected(String name) {
        return vcfResources().resolve("expected").resolve(name);
    }

    private static Path vcfResources() {
        String configured = System.getProperty("permed.test.vcfData");
        Path path = configured != null ? Path.of(configured) : Path.of("../../lib/permed-vcf/src/test/resources");
        if (!Files.isDirectory(path)) {
            throw new IllegalStateException("permed-vcf's test data are missing at " + path.toAbsolutePath()
                    + "; run the tests from a full checkout");
        }
        return path;
    }

    static List<String> lines(Path gzipped) {
        return no.permed.testing.BcftoolsExpected.lines(gzipped);
    }

    /** Keyed pseudonyms as the security kernel makes them (HMAC-SHA256, version 1), under a fixed test key. */
    static final class HmacPseudonymizer implements Pseudonymizer {
        private final SecretKeySpec key = new SecretKeySpec("genome-store-test-key-32-bytes!!".getBytes(StandardCharsets.US_ASCII), "HmacSHA256");

        @Override
        public Pseudonym pseudonymOf(NationalId nationalId) {
            return Pseudonym.of("p1_" + mac(nationalId.digits()));
        }

        @Override
        public Pseudonym projectPseudonym(Pseudonym storePseudonym, String projectId) {
            return Pseudonym.of("r1_" + mac(projectId + "/" + storePseudonym.value()));
        }

        private String mac(String text) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.US_ASCII)));
            } catch (NoSuchAlgorithmException | InvalidKeyException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }
}
