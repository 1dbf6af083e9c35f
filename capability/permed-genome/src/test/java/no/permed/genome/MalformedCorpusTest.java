package no.permed.genome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import no.permed.genome.ingest.IngestProgress;
import no.permed.genome.ingest.IngestRequest;
import no.permed.genome.ingest.IngestTarget;
import no.permed.kernel.PermedException;
import no.permed.vcf.genome.Assembly;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of the malformed-input corpus ({@code src/test/resources/malformed/MANIFEST.tsv}, made by
 * {@code src/test/reference/make-malformed.sh}) is refused with its error code, the message names the
 * file and, where the case says so, the line and field, and the store is unchanged afterwards: same
 * samples, same segment files, no audit entry, no file left behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedCorpusTest {
    private static final Path CORPUS = Path.of("src/test/resources/malformed");

    @TempDir
    static Path directory;
    TestStore test;

    record Case(String file, String target, String assembly, String code, String line, String field, String what) {
        @Override
        public String toString() {
            return file + " → " + code;
        }
    }

    @BeforeAll
    void start() {
        test = new TestStore(directory);
        // a store that already holds something, so that "nothing changed" is not trivially true
        test.store.ingest(TestStore.LAB, IngestRequest.of(List.of(TestStore.vcfData("VariantAnnotation_chr22_5samples_first2000.vcf.gz")),
                new IngestTarget.Cohort("baseline", Optional.empty())).withAssembly(Assembly.GRCH37), IngestProgress.NONE);
    }

    /** Erases what a case stored (its precondition, or a file wrongly accepted) so that cases stay independent. */
    @AfterEach
    void eraseAllButTheBaseline() {
        for (StoredSample sample : test.store.samples()) {
            if (!sample.cohort().equals(Optional.of("baseline"))) {
                test.store.erase(TestStore.LAB, sample.id(), "test cleanup");
            }
        }
    }

    @AfterAll
    void stop() {
        test.close();
    }

    static Stream<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        for (String line : Files.readAllLines(CORPUS.resolve("MANIFEST.tsv"), StandardCharsets.UTF_8)) {
            if (line.startsWith("file\t") || line.isBlank()) {
                continue;
            }
            String[] columns = line.split("\t", -1);
            cases.add(new Case(columns[0], columns[1], columns[2], columns[3], columns[4], columns[5], columns[6]));
        }
        assertThat(cases).hasSizeGreaterThanOrEqualTo(40);
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedWithAClearErrorAndNothingStored(Case malformed) throws IOException {
        Path file = malformed.file().startsWith("generated:") ? generate(malformed.file()) : CORPUS.resolve(malformed.file());
        IngestRequest request = request(malformed, file);
        if (malformed.what().contains("precondition: ingest-once")) {
            test.store.ingest(TestStore.LAB, request, IngestProgress.NONE);
        }
        GenomeStore.Stats before = test.store.stats();
        List<String> filesBefore = listing();
        int auditBefore = test.audit.size();

        PermedException error = catchThrowableOfType(PermedException.class,
                () -> test.store.ingest(TestStore.LAB, request, IngestProgress.NONE));

        assertThat(error).as("%s (%s) must be refused", malformed.file(), malformed.what()).isNotNull();
        assertThat(error.errorCode().code()).as(malformed.what()).isEqualTo(malformed.code());
        String message = error.getMessage();
        if (!malformed.code().equals("GENOME_INVALID_NATIONAL_ID")) {
            assertThat(message).as("the message names the file").contains(file.getFileName().toString());
        } else {
            assertThat(message).as("a national ID never appears in a message").doesNotContain(malformed.target().split(":")[1]);
        }
        if (!malformed.line().equals("-")) {
            assertThat(message).as("the message names the line").contains("line " + malformed.line());
        }
        if (!malformed.field().equals("-")) {
            assertThat(message).as("the message names the field").contains(malformed.field());
        }
        assertThat(message).doesNotContain(TestStore.PATIENT);

        assertThat(test.store.stats()).isEqualTo(before);
        assertThat(listing()).isEqualTo(filesBefore);
        assertThat(test.audit).hasSize(auditBefore);
    }

    private IngestRequest request(Case malformed, Path file) {
        String[] target = malformed.target().split(":");
        IngestTarget ingestTarget = target[0].equals("patient")
                ? new IngestTarget.Patient(target[1], target[2], "lab-oslo")
                : new IngestTarget.Cohort(target[1], Optional.empty());
        IngestRequest request = IngestRequest.of(List.of(file), ingestTarget);
        return malformed.assembly().equals("-") ? request : request.withAssembly(Assembly.parse(malformed.assembly()));
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> files = Files.walk(test.root)) {
            return files.map(path -> test.root.relativize(path).toString()).sorted().toList();
        }
    }

    /** The cases the corpus README describes but does not ship (a 64 MiB line). */
    private static Path generate(String name) throws IOException {
        List<String> lines;
        try (InputStream input = new GZIPInputStream(Files.newInputStream(CORPUS.resolve("valid-single-grch38.vcf.gz")))) {
            lines = new ArrayList<>(List.of(new String(input.readAllBytes(), StandardCharsets.UTF_8).split("\n")));
        }
        int limit = 64 << 20;
        if (name.equals("generated:huge-line")) {
            Path file = directory.resolve("huge-line.vcf");
            String line = lines.get(40);
            String[] columns = line.split("\t");
            StringBuilder info = new StringBuilder(columns[7]).append(";X=");
            int length = line.length() + 3;
            info.append("A".repeat(limit + 1 - length));
            columns[7] = info.toString();
            lines.set(40, String.join("\t", columns));
            Files.write(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
            return file;
        }
        Path file = directory.resolve("huge-header-line.vcf.gz");
        String line = lines.get(2);
        lines.set(2, line + "A".repeat(limit + 1 - line.length()));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream output = new GZIPOutputStream(bytes)) {
            output.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        Files.write(file, bytes.toByteArray());
        return file;
    }
}
