package no.permed.pgx.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Re-derives counts from the raw PGx data (../shared/data/pgx beside the checkout) and compares them with
 * the shipped resources, so that a stale or wrongly generated resource is caught. Only with
 * {@code mvn -Pshared-data} (-Dpermed.shared-data=true); the default suite never reads ../shared.
 */
@EnabledIfSystemProperty(named = "permed.shared-data", matches = "true")
class SharedDataTest {
    private static final Path PGX = Path.of("../../../shared/data/pgx");
    private final PgxKnowledge k = PgxKnowledge.load();

    @Test
    void definitionsMatchTheRawFiles() throws IOException {
        assertThat(PGX.resolve("README.md")).as("the shared PGx data beside the checkout").isRegularFile();
        List<Path> files;
        try (Stream<Path> s = Files.list(PGX.resolve("pharmcat/definition/alleles"))) {
            files = s.filter(p -> p.getFileName().toString().endsWith("_translation.json")).sorted().toList();
        }
        assertThat(files).hasSize(20);
        for (Path f : files) {
            Map<String, Object> raw = json(f);
            String gene = (String) raw.get("gene");
            AlleleDefinition d = k.gene(gene).definition().orElseThrow();
            List<?> variants = (List<?>) raw.get("variants");
            List<?> named = (List<?>) raw.get("namedAlleles");
            assertThat(d.positions()).as(gene + " positions").hasSize(variants.size());
            assertThat(d.namedAlleles()).as(gene + " named alleles").hasSize(named.size());
            long defined = named.stream().mapToLong(a -> ((List<?>) ((Map<?, ?>) a).get("alleles")).stream().filter(x -> x != null).count()).sum();
            assertThat(d.namedAlleles().stream().mapToLong(a -> a.alleles().size()).sum()).as(gene + " defined alleles").isEqualTo(defined);
            assertThat(d.version()).isEqualTo(raw.get("version"));
        }
    }

    @Test
    void functionsAndPhenotypesMatchTheRawFiles() throws IOException {
        for (var entry : Map.of("pharmcat/phenotype", PgxSource.CPIC, "pharmcat-v2.9.0/phenotype/dpwg", PgxSource.DPWG).entrySet()) {
            List<Path> files;
            try (Stream<Path> s = Files.list(PGX.resolve(entry.getKey()))) {
                files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            }
            assertThat(files).isNotEmpty();
            for (Path f : files) {
                Map<String, Object> raw = json(f);
                String gene = (String) raw.get("gene");
                PgxSource source = entry.getValue();
                assertThat(k.functions(source, gene)).as(source + " " + gene + " functions").hasSize(((List<?>) raw.get("namedAlleles")).size());
                assertThat(k.phenotypeRules(source, gene)).as(source + " " + gene + " diplotypes").hasSize(((List<?>) raw.get("diplotypes")).size());
                for (Object o : (List<?>) raw.get("diplotypes")) {
                    Map<?, ?> row = (Map<?, ?>) o;
                    String[] parts = ((String) row.get("diplotype")).split("/");
                    PhenotypeRule rule = k.phenotype(source, gene, parts[0], parts.length > 1 ? parts[1] : null).orElseThrow();
                    assertThat(rule.phenotype()).as(source + " " + gene + " " + row.get("diplotype")).isEqualTo(row.get("generesult"));
                    assertThat(rule.lookupKey()).isEqualTo(row.get("lookupkey"));
                }
            }
        }
    }

    @Test
    void recommendationsAndChecksumsMatchTheRawFiles() throws IOException, NoSuchAlgorithmException {
        int count = 0;
        try (Stream<Path> s = Files.list(PGX.resolve("pharmcat-v2.9.0/reporter/guidelines"))) {
            for (Path f : s.toList()) {
                count += ((List<?>) json(f).get("recommendations")).size();
            }
        }
        assertThat(k.recommendations()).hasSize(count);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        Map<String, String> hashes = k.dataVersion().sourceSha256();
        assertThat(hashes).hasSizeGreaterThan(150);
        for (var e : hashes.entrySet()) {
            byte[] bytes = Files.readAllBytes(PGX.resolve(e.getKey()));
            assertThat(HexFormat.of().formatHex(sha.digest(bytes))).as(e.getKey()).isEqualTo(e.getValue());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(Path f) throws IOException {
        return (Map<String, Object>) JsonMapper.builder().enable(DeserializationFeature.USE_LONG_FOR_INTS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build()
                .readValue(Files.readString(f, StandardCharsets.UTF_8), Object.class);
    }
}
