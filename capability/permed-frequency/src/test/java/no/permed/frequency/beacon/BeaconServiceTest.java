package no.permed.frequency.beacon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.permed.frequency.AggregateConsent;
import no.permed.frequency.CohortSource;
import no.permed.frequency.FrequencyRegister;
import no.permed.frequency.RegisteredSample;
import no.permed.frequency.privacy.Disclosure;
import no.permed.frequency.privacy.PrivacySettings;
import no.permed.kernel.PermedException;
import no.permed.kernel.UserId;
import no.permed.spi.Principal;
import no.permed.vcf.genome.Assembly;
import no.permed.vcf.normalise.VariantKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which datasets each caller sees, at which tier, over a hand-written cohort whose counts are worked out here: dataset
 * {@code big} (60 samples: shown from the public tier), {@code mid} (25: from the registered tier) and {@code tiny} (3:
 * only with a permit), under the default privacy rules (docs/privacy.md).
 */
class BeaconServiceTest {
    /** Carried by the first 20 samples of big, heterozygous: AC 20. */
    private static final VariantKey IN_BIG = new VariantKey(Assembly.GRCH38, "1", 1000, "A", "G");
    /** Carried by all 25 samples of mid, heterozygous: AC 25. */
    private static final VariantKey IN_MID = new VariantKey(Assembly.GRCH38, "1", 3000, "G", "GA");
    /** Carried by the first sample of tiny, homozygous: AC 2. */
    private static final VariantKey IN_TINY = new VariantKey(Assembly.GRCH38, "1", 2000, "C", "T");

    private static FrequencyRegister register;
    private static BeaconService beacon;

    @BeforeAll
    static void start() {
        HandWrittenCohort cohort = new HandWrittenCohort();
        register = FrequencyRegister.over(cohort, AggregateConsent.EVERY_SAMPLE, Clock.systemUTC());
        register.refresh();
        BeaconInfo info = new BeaconInfo("no.permed.beacon", "permed", "0.1.0", "dev", "no.permed", "permed", "https://permed.example",
                "mailto:beacon@permed.example", "https://permed.example", Instant.parse("2026-01-01T00:00:00Z"));
        beacon = new BeaconService(register, cohort, Disclosure.over(register, PrivacySettings.defaults()),
                user -> user.value().equals("permitted") ? Set.of("tiny") : Set.of(), info, BeaconSettings.DEFAULTS);
    }

    @AfterAll
    static void stop() {
        register.close();
    }

    @Test
    void eachTierSeesTheDatasetsLargeEnoughForIt() {
        assertThat(ids(beacon.datasets(anonymous(), record()))).containsExactly("big");
        assertThat(ids(beacon.datasets(registered("someone"), record()))).containsExactly("big", "mid");
        assertThat(ids(beacon.datasets(registered("permitted"), record()))).containsExactly("big", "mid", "tiny");
        assertThat(registered("permitted").tierFor("tiny")).isEqualTo(no.permed.frequency.AccessTier.CONTROLLED);
        assertThat(registered("permitted").tierFor("mid")).isEqualTo(no.permed.frequency.AccessTier.REGISTERED);

        assertThat(exists(anonymous(), IN_BIG)).isTrue();
        assertThat(exists(anonymous(), IN_MID)).isFalse();
        assertThat(exists(anonymous(), IN_TINY)).isFalse();
        assertThat(exists(registered("someone"), IN_MID)).isTrue();
        assertThat(exists(registered("someone"), IN_TINY)).isFalse();
        assertThat(exists(registered("permitted"), IN_TINY)).isTrue();
    }

    @Test
    void recordsComeOnePerDatasetWithTheCountsWorkedOutByHand() {
        JsonNode answer = beacon.genomicVariants(registered("permitted"), query(Map.of("referenceName", "1", "start", "0", "end", "5000",
                "requestedGranularity", "record")));
        assertThat(answer.at("/responseSummary/numTotalResults").asInt()).isEqualTo(3);
        Map<String, List<String>> sets = new LinkedHashMap<>();
        for (JsonNode set : answer.at("/response/resultSets")) {
            List<String> variants = new ArrayList<>();
            set.get("results").forEach(result -> variants.add(result.get("variantInternalId").asText()));
            sets.put(set.get("id").asText(), variants);
        }
        assertThat(sets).containsExactly(Map.entry("big", List.of(IN_BIG.toString())), Map.entry("mid", List.of(IN_MID.toString())),
                Map.entry("tiny", List.of(IN_TINY.toString())));
        JsonNode big = answer.at("/response/resultSets/0/results/0/frequencyInPopulations");
        // the big dataset alone: AC 20 of AN 120; all REGISTERED datasets (big and mid): AC 20 of AN 170
        assertThat(big.at("/0/frequencies/0/alleleCount").asInt()).isEqualTo(20);
        assertThat(big.at("/0/frequencies/0/alleleNumber").asInt()).isEqualTo(120);
        assertThat(big.at("/1/frequencies/0/population").asText()).isEqualTo("all");
        assertThat(big.at("/1/frequencies/0/alleleNumber").asInt()).isEqualTo(170);
        assertThat(big.at("/1/source").asText()).contains("REGISTERED");
        JsonNode tiny = answer.at("/response/resultSets/2/results/0/frequencyInPopulations/0/frequencies/0");
        assertThat(tiny.get("alleleCount").asInt()).isEqualTo(2);
        assertThat(tiny.get("alleleCountHomozygous").asInt()).isEqualTo(1);
        assertThat(tiny.get("alleleFrequency").asDouble()).isEqualTo(2.0 / 6);
    }

    @Test
    void referenceBasesAreCheckedOnlyAgainstVariantsTheCallerIsShown() {
        Map<String, String> wrongReference = Map.of("referenceName", "1", "start", "1999", "referenceBases", "G", "alternateBases", "T");
        // the public tier is not shown the variant at 0-based 1999, so the answer is a plain "no" (no hint that one is there)
        assertThat(beacon.genomicVariants(anonymous(), query(wrongReference)).at("/responseSummary/exists").asBoolean()).isFalse();
        assertThatThrownBy(() -> beacon.genomicVariants(registered("permitted"), query(wrongReference)))
                .isInstanceOf(PermedException.class).hasMessageContaining("referenceBases G disagree with the reference")
                .hasMessageContaining("[C]");
    }

    @Test
    void individualsAreShownOnlyAtTiersWithSampleLevelData() {
        assertThatThrownBy(() -> beacon.individuals(anonymous(), record())).isInstanceOfSatisfying(PermedException.class,
                e -> assertThat(e.errorCode()).isEqualTo(BeaconErrorCode.SIGN_IN_REQUIRED));
        assertThatThrownBy(() -> beacon.individuals(registered("someone"), record())).isInstanceOfSatisfying(PermedException.class,
                e -> assertThat(e.errorCode()).isEqualTo(BeaconErrorCode.RECORDS_NOT_ALLOWED));
        JsonNode answer = beacon.individuals(registered("permitted"), record());
        assertThat(answer.at("/responseSummary/numTotalResults").asInt()).isEqualTo(3);
        assertThat(answer.at("/response/resultSets/0/id").asText()).isEqualTo("tiny");
        assertThat(answer.at("/response/resultSets/0/results/0/id").asText()).isEqualTo("tiny-1");
        assertThat(answer.at("/response/resultSets/0/results/0/sex/id").asText()).isEqualTo("NCIT:C16576");
        assertThat(beacon.biosamples(registered("permitted"), query(Map.of("filters", "NCIT:C20197", "requestedGranularity", "count")))
                .at("/responseSummary/numTotalResults").asInt()).isEqualTo(1);
        // the carriers of a variant, among the samples the caller may see at the sample level (tiny only)
        JsonNode carriers = beacon.individuals(registered("permitted"), query(Map.of("referenceName", "1", "start", "1999",
                "alternateBases", "T", "requestedGranularity", "record")));
        assertThat(carriers.at("/responseSummary/numTotalResults").asInt()).isEqualTo(1);
        assertThat(carriers.at("/response/resultSets/0/results/0/id").asText()).isEqualTo("tiny-1");
        assertThat(beacon.individuals(registered("permitted"), query(Map.of("referenceName", "1", "start", "999", "alternateBases", "G",
                "requestedGranularity", "count"))).at("/responseSummary/numTotalResults").asInt()).isZero();
    }

    @Test
    void theCallerComesFromThePrincipal() {
        assertThat(beacon.caller(Principal.anonymous(), "address:192.0.2.1")).isEqualTo(anonymous());
        Principal user = new Principal(UserId.of("permitted"), Set.of(), Optional.empty(), Optional.empty(), true);
        assertThat(beacon.caller(user, "address:192.0.2.1")).isEqualTo(registered("permitted"));
    }

    // ---------------------------------------------------------------------------------------------

    private static BeaconCaller anonymous() {
        return BeaconCaller.anonymous("address:192.0.2.1");
    }

    private static BeaconCaller registered(String user) {
        return BeaconCaller.registered("user:" + user, user.equals("permitted") ? Set.of("tiny") : Set.of());
    }

    private static boolean exists(BeaconCaller caller, VariantKey variant) {
        return beacon.genomicVariants(caller, query(Map.of("referenceName", "1", "start", Long.toString(variant.position() - 1L),
                "referenceBases", variant.reference(), "alternateBases", variant.alternate()))).at("/responseSummary/exists").asBoolean();
    }

    private static BeaconQuery record() {
        return query(Map.of("requestedGranularity", "record"));
    }

    private static BeaconQuery query(Map<String, String> parameters) {
        return BeaconQuery.fromQueryParameters(name -> parameters.containsKey(name) ? List.of(parameters.get(name)) : List.of(),
                BeaconService.variantParameters());
    }

    private static List<String> ids(JsonNode answer) {
        List<String> ids = new ArrayList<>();
        answer.at("/response/collections").forEach(collection -> ids.add(collection.get("id").asText()));
        return ids;
    }

    /** 60 + 25 + 3 GRCh38 samples and the three variants above; counts summed here from the dosages. */
    private static final class HandWrittenCohort implements CohortSource {
        private final List<RegisteredSample> samples = new ArrayList<>();
        private final Map<VariantKey, Map<Long, Integer>> dosages = new LinkedHashMap<>();

        HandWrittenCohort() {
            long id = 1;
            for (String dataset : List.of("big", "mid", "tiny")) {
                int size = switch (dataset) {
                    case "big" -> 60;
                    case "mid" -> 25;
                    default -> 3;
                };
                for (int member = 1; member <= size; member++) {
                    samples.add(new RegisteredSample(id++, dataset + "-" + member, Optional.of(member % 2 == 1 ? "female" : "male"), dataset,
                            Optional.empty(), Optional.empty(), Optional.empty(), Assembly.GRCH38, true));
                }
            }
            Map<Long, Integer> big = new LinkedHashMap<>();
            for (long sample = 1; sample <= 20; sample++) {
                big.put(sample, 1);
            }
            Map<Long, Integer> mid = new LinkedHashMap<>();
            for (long sample = 61; sample <= 85; sample++) {
                mid.put(sample, 1);
            }
            dosages.put(IN_BIG, big);
            dosages.put(IN_TINY, Map.of(86L, 2));
            dosages.put(IN_MID, mid);
        }

        @Override
        public long generation() {
            return 1;
        }

        @Override
        public List<RegisteredSample> samples() {
            return samples;
        }

        @Override
        public void forEachCount(Assembly assembly, Set<Long> sampleIds, SiteVisitor visitor) {
            if (assembly != Assembly.GRCH38) {
                return;
            }
            dosages.forEach((variant, carried) -> {
                int alleleCount = 0;
                int homozygotes = 0;
                for (long id : sampleIds) {
                    int dosage = carried.getOrDefault(id, 0);
                    alleleCount += dosage;
                    homozygotes += dosage == 2 ? 1 : 0;
                }
                visitor.site(variant.contig(), variant.position(), variant.reference(), variant.alternate(), alleleCount,
                        2 * sampleIds.size(), homozygotes, 0);
            });
        }

        @Override
        public List<Long> carriers(VariantKey variant) {
            return List.copyOf(dosages.getOrDefault(variant, Map.of()).keySet());
        }
    }
}
