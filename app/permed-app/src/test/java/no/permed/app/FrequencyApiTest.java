package no.permed.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import no.permed.security.audit.AuditEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The frequency register's HTTP routes on the demo (the real 1000 Genomes chr22 cohort): counts at the public and
 * registered tiers checked against bcftools' {@code +fill-tags}, the band for rare counts, the HTML variant page, bad
 * variants, and the permits a security officer grants and revokes (audited).
 */
class FrequencyApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path COHORT_COUNTS = GenomeExpected.SHARED_EXPECTED
            .resolve("10k.chr22.phase3_shapeit2_mvncall_integrated_v5.20130502.genotypes.counts.tsv.gz");

    @TempDir
    static Path temporary;

    private static RunningPermed permed;
    private static Map<String, GenomeExpected.Counts> bcftools;

    @BeforeAll
    static void start() throws Exception {
        permed = RunningPermed.startDemo(temporary.resolve("data"));
        assertThat(permed.application.frequencies().awaitReady(Duration.ofSeconds(60))).isTrue();
        bcftools = GenomeExpected.counts(COHORT_COUNTS);
    }

    @AfterAll
    static void stop() {
        if (permed != null) {
            permed.close();
        }
    }

    /** The first variant with AC in [low, high], not symbolic. */
    private static String variantWith(int low, int high) {
        return bcftools.entrySet().stream().filter(entry -> !GenomeExpected.symbolic(entry.getKey()))
                .filter(entry -> entry.getValue().ac() >= low && entry.getValue().ac() <= high).findFirst().orElseThrow().getKey();
    }

    @Test
    void anonymousCallersGetTheCohortsExactCountsForACommonVariant() throws Exception {
        String key = variantWith(2500, 4500);
        String variant = key.replace('\t', '-');
        HttpResponse<String> answer = permed.get("/api/frequencies/" + variant + "?assembly=GRCh37", Optional.empty());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode line = JSON.readTree(answer.body());
        GenomeExpected.Counts expected = bcftools.get(key);
        assertThat(line.get("tier").asText()).isEqualTo("PUBLIC");
        assertThat(line.get("overall").get("ac").asText()).isEqualTo(Integer.toString(expected.ac()));
        assertThat(line.get("overall").get("an").asText()).isEqualTo(Integer.toString(expected.an()));
        assertThat(line.get("overall").get("hom").asText()).isEqualTo(Integer.toString(expected.hom()));
        assertThat(line.get("overall").get("af").asDouble()).isCloseTo((double) expected.ac() / expected.an(),
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(line.get("datasets").has("1000genomes-phase3")).isTrue();
        assertThat(line.get("populations").has("GBR")).isTrue();
        // only the cohort counts: the demo patients' samples are variants-only VCFs and never count
        assertThat(line.get("datasets").has("clinical")).isFalse();
    }

    @Test
    void rareCountsAreABandInPublicAndExactForRegisteredUsers() throws Exception {
        String key = variantWith(2, 4);
        String variant = key.replace('\t', '-');
        HttpResponse<String> anonymous = permed.get("/api/frequencies/" + variant + "?assembly=GRCh37", Optional.empty());
        assertThat(anonymous.statusCode()).as(anonymous.body()).isIn(200, 404);
        if (anonymous.statusCode() == 200) {
            JsonNode line = JSON.readTree(anonymous.body());
            assertThat(line.get("overall").get("ac").asText()).isEqualTo("1-4");
            assertThat(line.get("overall").has("af") && !line.get("overall").get("af").isNull()).isFalse();
        }
        HttpResponse<String> registered = permed.get("/api/frequencies/GRCh37-" + variant, permed.tokenFor("demo-researcher"));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
        JsonNode line = JSON.readTree(registered.body());
        assertThat(line.get("tier").asText()).isEqualTo("REGISTERED");
        assertThat(line.get("overall").get("ac").asText()).isEqualTo(Integer.toString(bcftools.get(key).ac()));
    }

    @Test
    void theVariantPageIsHtmlAndBadVariantsNameTheField() throws Exception {
        String variant = variantWith(2500, 4500).replace('\t', '-');
        HttpResponse<String> page = permed.get("/frequencies/" + variant + "?assembly=GRCh37", Optional.empty());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("<h1>" + variant + "</h1>", "GRCh37", "Populations", "GBR", "/beacon/g_variants");

        HttpResponse<String> absent = permed.get("/frequencies/22-1-A-G?assembly=GRCh37", Optional.empty());
        assertThat(absent.statusCode()).isEqualTo(200);
        assertThat(absent.body()).contains("no counts to show");

        HttpResponse<String> bad = permed.get("/api/frequencies/22-x-A-G", Optional.empty());
        assertThat(bad.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(bad.body());
        assertThat(error.toString()).contains("FREQUENCY_INVALID_VARIANT", "variant");

        HttpResponse<String> assembly = permed.get("/api/frequencies/22-16054740-A-G?assembly=hg99", Optional.empty());
        assertThat(assembly.statusCode()).isEqualTo(400);
        assertThat(assembly.body()).contains("FREQUENCY_UNKNOWN_ASSEMBLY", "assembly");
    }

    @Test
    void aSecurityOfficerGrantsAndRevokesPermitsAndEachIsAudited() throws Exception {
        String officer = permed.tokenFor("demo-security-officer");
        HttpResponse<String> refused = permed.postJson("/api/beacon/permits", permed.tokenFor("demo-researcher"),
                "{\"user\":\"demo-researcher\",\"dataset\":\"1000genomes-phase3\",\"reason\":\"application 2026/17\"}");
        assertThat(refused.statusCode()).isEqualTo(403);

        HttpResponse<String> unknown = permed.postJson("/api/beacon/permits", officer,
                "{\"user\":\"demo-researcher\",\"dataset\":\"no-such-cohort\",\"reason\":\"application 2026/17\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("FREQUENCY_UNKNOWN_DATASET", "1000genomes-phase3");

        HttpResponse<String> granted = permed.postJson("/api/beacon/permits", officer,
                "{\"user\":\"demo-researcher\",\"dataset\":\"1000genomes-phase3\",\"reason\":\"application 2026/17\"}");
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);
        long id = JSON.readTree(granted.body()).get("id").asLong();
        AuditEntry grant = permed.application.security().auditLog().entry(permed.application.security().auditLog().head()
                .orElseThrow().sequence()).orElseThrow();
        assertThat(grant.action()).isEqualTo("beacon.permit.grant");

        String variant = variantWith(2500, 4500).replace('\t', '-');
        HttpResponse<String> controlled = permed.get("/api/frequencies/" + variant + "?assembly=GRCh37", permed.tokenFor("demo-researcher"));
        assertThat(JSON.readTree(controlled.body()).get("tier").asText()).isEqualTo("CONTROLLED");

        HttpResponse<String> listed = permed.get("/api/beacon/permits", officer);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains("application 2026/17");

        HttpResponse<String> revoked = permed.delete("/api/beacon/permits/" + id, officer);
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(revoked.body()).get("current").asBoolean()).isFalse();
        assertThat(permed.delete("/api/beacon/permits/" + id, officer).statusCode()).isEqualTo(404);
        HttpResponse<String> after = permed.get("/api/frequencies/" + variant + "?assembly=GRCh37", permed.tokenFor("demo-researcher"));
        assertThat(JSON.readTree(after.body()).get("tier").asText()).isEqualTo("REGISTERED");
    }
}
