package no.permed.server.beacon;

import static no.permed.server.beacon.BeaconFixture.ANONYMOUS;
import static no.permed.server.beacon.BeaconFixture.CONTROLLED;
import static no.permed.server.beacon.BeaconFixture.REGISTERED;
import static no.permed.server.beacon.BeaconFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import no.permed.frequency.RegisteredSample;
import no.permed.server.beacon.ThousandGenomesCohort.Site;
import no.permed.spi.AuditEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the Beacon answers, checked against 1000 Genomes' own numbers: the AC and AN each record of the phase 3 VCF
 * carries in INFO, its super-population frequencies, the positions and lengths of its alleles, and the release's sample
 * table (populations, sexes). Coordinates: Beacon is 0-based half-open, VCF 1-based.
 */
class BeaconRoutesTest {
    private static BeaconFixture beacon;

    @BeforeAll
    static void start() {
        beacon = BeaconFixture.start();
    }

    @AfterAll
    static void stop() {
        if (beacon != null) {
            beacon.close();
        }
    }

    @Test
    void sequenceQueriesAtTheControlledTierShowThe1000GenomesCounts() {
        List<Site> common = beacon.cohort.sites().stream().filter(site -> site.infoAlleleCount() > 10).limit(25).toList();
        assertThat(common).hasSize(25);
        for (Site site : common) {
            JsonNode answer = ok(beacon.get("/beacon/g_variants?assemblyId=GRCh37&referenceName=22&start=" + (site.key().position() - 1)
                    + "&referenceBases=" + site.key().reference() + "&alternateBases=" + site.key().alternate()
                    + "&requestedGranularity=record", CONTROLLED, "-"));
            assertThat(answer.at("/meta/returnedGranularity").asText()).isEqualTo("record");
            assertThat(answer.at("/responseSummary/numTotalResults").asInt()).as(site.key().toString()).isEqualTo(1);
            JsonNode record = firstRecord(answer);
            assertThat(record.get("variantInternalId").asText()).isEqualTo(site.key().toString());
            assertThat(record.at("/variation/location/sequence_id").asText()).isEqualTo("refseq:NC_000022.10");
            assertThat(record.at("/variation/location/interval/start/value").asLong()).isEqualTo(site.key().position() - 1L);
            assertThat(record.at("/variation/location/interval/end/value").asLong())
                    .isEqualTo(site.key().position() - 1L + site.key().reference().length());
            JsonNode all = frequency(record, "all");
            assertThat(all.get("alleleCount").asInt()).as(site.key().toString()).isEqualTo(site.infoAlleleCount());
            assertThat(all.get("alleleNumber").asInt()).isEqualTo(site.infoAlleleNumber());
            for (String superPopulation : List.of("AFR", "AMR", "EAS", "EUR", "SAS")) {
                double expected = Double.parseDouble(site.info().get(superPopulation + "_AF"));
                assertThat(frequency(record, superPopulation).get("alleleFrequency").asDouble()).as(site.key() + " " + superPopulation)
                        .isCloseTo(expected, org.assertj.core.data.Offset.offset(0.0006));
            }
        }
    }

    @Test
    void startIsZeroBasedAndIndelsAreFoundWithTheAnchorBaseOrTrimmed() {
        Site snv = beacon.site(16050115, "G", "A").orElseThrow();
        assertThat(exists("referenceName=22&start=16050114&referenceBases=G&alternateBases=A")).isTrue();
        assertThat(exists("referenceName=22&start=16050115&alternateBases=A")).isFalse();
        assertThat(exists("referenceName=22&start=16050114&alternateBases=T")).isFalse();
        assertThat(snv.infoAlleleCount()).isEqualTo(32);

        // VCF 22:16050739 TA>T, a deletion of the A at 1-based 16050740 (0-based 16050739)
        Site deletion = beacon.site(16050739, "TA", "T").orElseThrow();
        assertThat(deletion.infoAlleleCount()).isGreaterThan(0);
        assertThat(exists("referenceName=22&start=16050738&referenceBases=TA&alternateBases=T")).isTrue();
        assertThat(exists("referenceName=22&start=16050739&referenceBases=A&alternateBases=")).isTrue();
        assertThat(exists("referenceName=22&start=16050739&referenceBases=A&alternateBases=-")).isTrue();
        // VCF 22:16052167 A>AAAAC: AAAC inserted after 1-based 16052167, i.e. at 0-based 16052167
        beacon.site(16052167, "A", "AAAAC").orElseThrow();
        assertThat(exists("referenceName=22&start=16052166&referenceBases=A&alternateBases=AAAAC")).isTrue();
        assertThat(exists("referenceName=22&start=16052167&referenceBases=&alternateBases=AAAC")).isTrue();
        assertThat(exists("referenceName=22&start=16052166&referenceBases=A&alternateBases=ANNNC")).isTrue();
    }

    @Test
    void chromosomeNamesAndAssemblyAliasesAreAccepted() {
        for (String spelling : List.of("assemblyId=GRCh37&referenceName=22", "assemblyId=hg19&referenceName=chr22",
                "assemblyId=GRCh37.p13&referenceName=CHR22", "referenceName=NC_000022.10", "assemblyId=b37&referenceName=refseq:NC_000022.10",
                "referenceName=22")) {
            assertThat(exists(spelling + "&start=16050114&referenceBases=G&alternateBases=A")).as(spelling).isTrue();
        }
        HttpResponse<String> grch38 = beacon.get("/beacon/g_variants?assemblyId=GRCh38&referenceName=22&start=16050114&alternateBases=A",
                CONTROLLED, "-");
        assertBeaconError(grch38, 400, "holds no variants on GRCh38");
        assertBeaconError(beacon.get("/beacon/g_variants?assemblyId=hg42&referenceName=22&start=1&alternateBases=A", CONTROLLED, "-"),
                400, "assemblyId 'hg42' is not known");
        assertBeaconError(beacon.get("/beacon/g_variants?assemblyId=GRCh38&referenceName=NC_000022.10&start=1&alternateBases=A",
                CONTROLLED, "-"), 400, "is a chromosome of GRCh37");
    }

    @Test
    void rangeAndBracketQueriesCountEveryOverlappingSite() {
        long start = 16_050_000;
        long end = 16_060_000;
        long expected = beacon.cohort.sites().stream().filter(site -> site.infoAlleleCount() > 0)
                .filter(site -> site.key().position() - 1L < end && site.key().position() - 1L + site.key().reference().length() > start)
                .count();
        assertThat(expected).isGreaterThan(20);
        JsonNode range = ok(beacon.get("/beacon/g_variants?referenceName=22&start=" + start + "&end=" + end + "&requestedGranularity=count",
                CONTROLLED, "-"));
        assertThat(range.at("/responseSummary/numTotalResults").asLong()).isEqualTo(expected);

        // 22:16053107 C>T has AC=0 in 1000 Genomes' own INFO: not counted
        long snvs = beacon.cohort.sites().stream().filter(site -> site.key().isSingleNucleotide() && site.infoAlleleCount() > 0)
                .filter(site -> site.key().position() - 1L < end && site.key().position() > start).count();
        JsonNode onlySnvs = ok(beacon.get("/beacon/g_variants?referenceName=22&start=" + start + "&end=" + end
                + "&variantType=SNP&requestedGranularity=count", CONTROLLED, "-"));
        assertThat(onlySnvs.at("/responseSummary/numTotalResults").asLong()).isEqualTo(snvs);

        // a bracket of starts [16050738, 16050740) and ends [16050740, 16050741): only TA>T at 1-based 16050739
        JsonNode bracket = ok(beacon.get("/beacon/g_variants?referenceName=22&start=16050738,16050740&end=16050740,16050741"
                + "&requestedGranularity=record", CONTROLLED, "-"));
        assertThat(bracket.at("/responseSummary/numTotalResults").asInt()).isEqualTo(1);
        assertThat(firstRecord(bracket).get("variantInternalId").asText()).isEqualTo("GRCh37-22-16050739-TA-T");
    }

    @Test
    void postBodiesAreAnsweredAsTheSameGetQuery() {
        JsonNode get = ok(beacon.get("/beacon/g_variants?referenceName=22&start=16050000&end=16052000&requestedGranularity=count",
                REGISTERED, "-"));
        JsonNode post = ok(beacon.post("/beacon/g_variants", REGISTERED, "-", """
                {"meta": {"apiVersion": "v2.0"}, "query": {"requestParameters": {"g_variant": {"assemblyId": "GRCh37",
                  "referenceName": "22", "start": [16050000], "end": [16052000]}}, "requestedGranularity": "count"}}"""));
        JsonNode flat = ok(beacon.post("/beacon/g_variants", REGISTERED, "-", """
                {"meta": {"apiVersion": "v2.0"}, "query": {"requestParameters": {"referenceName": "chr22", "start": 16050000,
                  "end": 16052000}, "requestedGranularity": "count"}}"""));
        assertThat(get.at("/responseSummary/numTotalResults").asInt()).isGreaterThan(0)
                .isEqualTo(post.at("/responseSummary/numTotalResults").asInt())
                .isEqualTo(flat.at("/responseSummary/numTotalResults").asInt());
        assertThat(post.at("/meta/receivedRequestSummary/requestParameters/g_variant/start/0").asLong()).isEqualTo(16050000);
    }

    @Test
    void badRequestsGetBeaconErrorsNamingTheProblem() {
        String base = "/beacon/g_variants?referenceName=22&";
        assertBeaconError(beacon.get(base + "start=200&end=100", REGISTERED, "-"), 400, "start (200) is after end (100)");
        assertBeaconError(beacon.get(base + "start=16050000&end=16450000", REGISTERED, "-"), 400,
                "answers at most " + BeaconFixture.MAX_RANGE + " bases");
        assertBeaconError(beacon.get(base + "start=16050114&end=16050115&filters=population:XYZ", REGISTERED, "-"), 400,
                "unknown filtering term 'population:XYZ'");
        assertBeaconError(beacon.get(base + "start=16050114&end=16050115&filters=NCIT:C16576", REGISTERED, "-"), 400,
                "applies to individuals and biosamples");
        assertBeaconError(beacon.get("/beacon/g_variants?start=16050114&alternateBases=A", REGISTERED, "-"), 400, "referenceName is required");
        assertBeaconError(beacon.get(base + "alternateBases=A", REGISTERED, "-"), 400, "start is required");
        assertBeaconError(beacon.get(base + "start=16050114", REGISTERED, "-"), 400, "needs alternateBases");
        assertBeaconError(beacon.get(base + "start=16050114&referenceBases=G&alternateBases=G", REGISTERED, "-"), 400, "the same");
        assertBeaconError(beacon.get(base + "start=16050114&alternateBases=X", REGISTERED, "-"), 400, "alternateBases must be bases");
        assertBeaconError(beacon.get(base + "start=abc&alternateBases=A", REGISTERED, "-"), 400, "start must be a whole number");
        assertBeaconError(beacon.get(base + "start=16050114&end=16050115&requestedGranularity=all", REGISTERED, "-"), 400,
                "requestedGranularity must be boolean, count or record");
        assertBeaconError(beacon.get(base + "start=16050114&end=16050115&geneId=BRCA1", REGISTERED, "-"), 400, "not supported");
        // the register's variants at 0-based 16050114 have REF G: T disagrees
        assertBeaconError(beacon.get(base + "start=16050114&referenceBases=T&alternateBases=A", REGISTERED, "-"), 400,
                "referenceBases T disagree with the reference");
        assertBeaconError(beacon.get(base + "start=16050114&end=16050116&referenceBases=G&alternateBases=A", REGISTERED, "-"), 400,
                "referenceBases has 1 base(s) but end - start is 2");
        assertBeaconError(beacon.post("/beacon/g_variants", REGISTERED, "-", "{\"query\": 5}"), 400, "query must be an object");
        assertBeaconError(beacon.post("/beacon/g_variants", REGISTERED, "-", "{not json"), 400, "not well-formed JSON");
        assertBeaconError(beacon.get("/beacon/g_variants?referenceName=22&start=1&alternateBases=A", "not-a-token", "-"), 401, "");
        assertBeaconError(beacon.get("/beacon/no_such_endpoint", ANONYMOUS, "bad-requests"), 404, "");
    }

    @Test
    void thePublicTierNeverGetsRecords() {
        JsonNode variants = ok(beacon.get("/beacon/g_variants?referenceName=22&start=16050114&referenceBases=G&alternateBases=A"
                + "&requestedGranularity=record", ANONYMOUS, "public-records"));
        assertThat(variants.at("/meta/receivedRequestSummary/requestedGranularity").asText()).isEqualTo("record");
        assertThat(variants.at("/meta/returnedGranularity").asText()).isEqualTo("count");
        assertThat(variants.has("response")).isFalse();
        assertThat(variants.at("/responseSummary/exists").asBoolean()).isTrue();

        assertBeaconError(beacon.get("/beacon/individuals?requestedGranularity=record", ANONYMOUS, "public-records"), 401, "signed-in");
        assertBeaconError(beacon.get("/beacon/biosamples?requestedGranularity=count", ANONYMOUS, "public-records"), 401, "signed-in");
        // the registered tier sees counts of variants and records of variants, but no sample-level data by default
        assertBeaconError(beacon.get("/beacon/individuals?requestedGranularity=record", REGISTERED, "-"), 403, "permit");
        JsonNode registered = ok(beacon.get("/beacon/g_variants?referenceName=22&start=16050114&referenceBases=G&alternateBases=A"
                + "&requestedGranularity=record", REGISTERED, "-"));
        assertThat(registered.at("/meta/returnedGranularity").asText()).isEqualTo("record");
        assertThat(firstRecord(registered).has("caseLevelData")).isFalse();
    }

    @Test
    void aDatasetBelowThePublicMinimumIsNotShownPublicly() {
        List<String> anonymous = collectionIds(ok(beacon.get("/beacon/datasets?requestedGranularity=record", ANONYMOUS, "small")));
        List<String> registered = collectionIds(ok(beacon.get("/beacon/datasets?requestedGranularity=record", REGISTERED, "-")));
        assertThat(anonymous).containsExactly(ThousandGenomesCohort.BIG);
        assertThat(registered).containsExactlyInAnyOrder(ThousandGenomesCohort.BIG, ThousandGenomesCohort.PILOT);
        assertBeaconError(beacon.get("/beacon/datasets/" + ThousandGenomesCohort.PILOT, ANONYMOUS, "small"), 404, "no dataset 'pilot'");
        assertBeaconError(beacon.get("/beacon/g_variants?referenceName=22&start=16050000&end=16050200&filters=dataset:pilot",
                ANONYMOUS, "small"), 400, "unknown filtering term 'dataset:pilot'");
        assertThat(ok(beacon.get("/beacon/filtering_terms", ANONYMOUS, "small")).toString()).doesNotContain("dataset:pilot");

        // a variant carried only by samples of the small dataset: seen with a permit, absent for the public
        int pilotStart = beacon.cohort.samples().size() - ThousandGenomesCohort.PILOT_SAMPLES;
        Site onlyInPilot = beacon.cohort.sites().stream().filter(site -> {
            int inPilot = 0;
            int elsewhere = 0;
            for (int index = 0; index < site.dosages().length; index++) {
                if (index >= pilotStart) {
                    inPilot += site.dosages()[index];
                } else {
                    elsewhere += site.dosages()[index];
                }
            }
            return inPilot > 0 && elsewhere == 0;
        }).findFirst().orElseThrow();
        String query = "/beacon/g_variants?referenceName=22&start=" + (onlyInPilot.key().position() - 1) + "&referenceBases="
                + onlyInPilot.key().reference() + "&alternateBases=" + onlyInPilot.key().alternate();
        assertThat(ok(beacon.get(query, CONTROLLED, "-")).at("/responseSummary/exists").asBoolean()).isTrue();
        assertThat(ok(beacon.get(query, ANONYMOUS, "small")).at("/responseSummary/exists").asBoolean()).isFalse();
    }

    @Test
    void individualsWithAPermitArePagedAndFilteredAsThe1000GenomesSampleTableSays() {
        List<RegisteredSample> samples = beacon.cohort.samples();
        long gbr = samples.stream().filter(sample -> sample.population().orElseThrow().equals("GBR")).count();
        long females = samples.stream().filter(sample -> sample.sex().orElseThrow().equals("female")).count();
        assertThat(ok(beacon.get("/beacon/individuals?requestedGranularity=count&filters=population:GBR", CONTROLLED, "-"))
                .at("/responseSummary/numTotalResults").asLong()).isEqualTo(gbr).isEqualTo(91);
        assertThat(ok(beacon.get("/beacon/biosamples?requestedGranularity=count&filters=NCIT:C16576", CONTROLLED, "-"))
                .at("/responseSummary/numTotalResults").asLong()).isEqualTo(females);

        JsonNode page = ok(beacon.get("/beacon/individuals?requestedGranularity=record&datasetIds=1000G&limit=5&skip=2", CONTROLLED, "-"));
        JsonNode set = page.at("/response/resultSets/0");
        assertThat(set.get("id").asText()).isEqualTo(ThousandGenomesCohort.BIG);
        assertThat(set.get("resultsCount").asInt()).isEqualTo(samples.size() - ThousandGenomesCohort.PILOT_SAMPLES);
        List<String> ids = new ArrayList<>();
        set.get("results").forEach(record -> ids.add(record.get("id").asText()));
        assertThat(ids).isEqualTo(samples.subList(10, 15).stream().map(RegisteredSample::publicId).toList());
        AuditEvent read = beacon.audit.events().stream().filter(event -> event.action().equals("beacon.individuals.read"))
                .reduce((earlier, later) -> later).orElseThrow();
        assertThat(read.context().principal().user().value()).isEqualTo("clinician-1");
        assertThat(read.details()).containsEntry("records", "5").containsEntry("datasets", ThousandGenomesCohort.BIG);
        // the carriers of 22:16050115 G>A, counted from the genotypes of the VCF
        Site snv = beacon.site(16050115, "G", "A").orElseThrow();
        long carriers = 0;
        for (byte dosage : snv.dosages()) {
            carriers += dosage > 0 ? 1 : 0;
        }
        assertThat(ok(beacon.get("/beacon/individuals?referenceName=22&start=16050114&referenceBases=G&alternateBases=A"
                + "&requestedGranularity=count", CONTROLLED, "-")).at("/responseSummary/numTotalResults").asLong())
                .isEqualTo(carriers).isPositive();
        JsonNode first = set.at("/results/0");
        RegisteredSample expected = samples.get(10);
        assertThat(first.at("/sex/label").asText()).isEqualTo(expected.sex().orElseThrow());
        assertThat(first.at("/info/population").asText()).isEqualTo(expected.population().orElseThrow());
    }

    @Test
    void aSpentQueryBudgetIsA429InBeaconFormWithRetryAfter() {
        // the public budget is 1,000 queries a day, and a range query costs one per variant it answers about
        String range = "/beacon/g_variants?referenceName=22&start=16050000&end=16200000&requestedGranularity=count";
        JsonNode first = ok(beacon.get(range, ANONYMOUS, "198.51.100.7"));
        long variants = first.at("/responseSummary/numTotalResults").asLong();
        assertThat(variants).isGreaterThan(500).isLessThan(1_000);
        HttpResponse<String> spent = beacon.get(range, ANONYMOUS, "198.51.100.7");
        assertBeaconError(spent, 429, "query budget");
        assertThat(Long.parseLong(spent.headers().firstValue("Retry-After").orElseThrow())).isPositive();
        // another client (the proxy's last X-Forwarded-For address) is not affected
        assertThat(beacon.get("/beacon/g_variants?referenceName=22&start=16050114&alternateBases=A", ANONYMOUS, "198.51.100.8").statusCode())
                .isEqualTo(200);
    }

    // ---------------------------------------------------------------------------------------------

    private static boolean exists(String query) {
        return ok(beacon.get("/beacon/g_variants?" + query, CONTROLLED, "-")).at("/responseSummary/exists").asBoolean();
    }

    static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    static void assertBeaconError(HttpResponse<String> response, int status, String messagePart) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = json(response);
        assertThat(body.at("/error/errorCode").asInt()).as(response.body()).isEqualTo(status);
        assertThat(body.at("/error/errorMessage").asText()).contains(messagePart);
        assertThat(body.at("/meta/beaconId").asText()).isEqualTo(BeaconFixture.BEACON_ID);
    }

    private static JsonNode firstRecord(JsonNode answer) {
        for (JsonNode set : answer.at("/response/resultSets")) {
            if (set.get("results").size() > 0) {
                return set.get("results").get(0);
            }
        }
        throw new AssertionError("no record in " + answer);
    }

    private static JsonNode frequency(JsonNode record, String population) {
        for (JsonNode source : record.get("frequencyInPopulations")) {
            for (JsonNode frequency : source.get("frequencies")) {
                if (frequency.get("population").asText().equals(population) && source.get("source").asText().contains("all datasets")) {
                    return frequency;
                }
            }
        }
        throw new AssertionError("no frequency for " + population + " in " + record);
    }

    private static List<String> collectionIds(JsonNode answer) {
        List<String> ids = new ArrayList<>();
        answer.at("/response/collections").forEach(collection -> ids.add(collection.get("id").asText()));
        return ids;
    }
}
