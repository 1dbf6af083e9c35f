package no.permed.frequency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import no.permed.kernel.PermedException;
import no.permed.kernel.Pseudonym;
import no.permed.vcf.genome.Assembly;
import no.permed.vcf.normalise.VariantKey;
import org.junit.jupiter.api.Test;

/**
 * The register over a source whose genotypes the test holds: every count is checked against a sum over those genotypes
 * done here, for every group, before and after consent changes (applied as differences) and store changes (counted
 * again).
 */
class FrequencyRegisterTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T12:00:00Z"), ZoneOffset.UTC);

    /** Samples × sites of diploid genotypes (ALT allele count 0–2, -1 missing); every sample in one "segment". */
    static final class MatrixSource implements CohortSource {
        final List<RegisteredSample> samples = new ArrayList<>();
        final List<int[]> genotypes = new ArrayList<>();
        final List<String[]> sites = new ArrayList<>();
        final AtomicLong generation = new AtomicLong(1);

        @Override
        public long generation() {
            return generation.get();
        }

        @Override
        public List<RegisteredSample> samples() {
            return List.copyOf(samples);
        }

        @Override
        public void forEachCount(Assembly assembly, Set<Long> sampleIds, SiteVisitor visitor) {
            if (samples.stream().noneMatch(sample -> sampleIds.contains(sample.id()))) {
                return;
            }
            for (int site = 0; site < sites.size(); site++) {
                int ac = 0;
                int an = 0;
                int hom = 0;
                for (int sample = 0; sample < samples.size(); sample++) {
                    int call = genotypes.get(sample)[site];
                    if (!sampleIds.contains(samples.get(sample).id()) || call < 0) {
                        continue;
                    }
                    ac += call;
                    an += 2;
                    hom += call == 2 ? 1 : 0;
                }
                String[] key = sites.get(site);
                visitor.site(key[0], Integer.parseInt(key[1]), key[2], key[3], ac, an, hom, 0);
            }
        }

        @Override
        public List<Long> carriers(VariantKey variant) {
            List<Long> carriers = new ArrayList<>();
            int site = siteIndex(variant);
            for (int sample = 0; sample < samples.size(); sample++) {
                if (site >= 0 && genotypes.get(sample)[site] > 0) {
                    carriers.add(samples.get(sample).id());
                }
            }
            return carriers;
        }

        int siteIndex(VariantKey variant) {
            for (int site = 0; site < sites.size(); site++) {
                String[] key = sites.get(site);
                if (key[0].equals(variant.contig()) && Integer.parseInt(key[1]) == variant.position() && key[2].equals(variant.reference())
                        && key[3].equals(variant.alternate())) {
                    return site;
                }
            }
            return -1;
        }

        /** AC, AN, HOM over the samples that pass, summed here. */
        int[] expected(int site, java.util.function.Predicate<RegisteredSample> include) {
            int[] counts = new int[3];
            for (int sample = 0; sample < samples.size(); sample++) {
                int call = genotypes.get(sample)[site];
                if (include.test(samples.get(sample)) && call >= 0) {
                    counts[0] += call;
                    counts[1] += 2;
                    counts[2] += call == 2 ? 1 : 0;
                }
            }
            return counts;
        }
    }

    /** A consent service the test switches per patient. */
    static final class Switches implements AggregateConsent {
        final Set<Pseudonym> refused = new HashSet<>();
        final AtomicLong generation = new AtomicLong();

        @Override
        public boolean mayCount(RegisteredSample sample, Instant time) {
            return sample.patient().map(patient -> !refused.contains(patient)).orElse(true);
        }

        @Override
        public long generation() {
            return generation.get();
        }

        void refuse(Pseudonym patient) {
            refused.add(patient);
            generation.incrementAndGet();
        }

        void allow(Pseudonym patient) {
            refused.remove(patient);
            generation.incrementAndGet();
        }
    }

    private static MatrixSource source(int samples, int sites, long seed) {
        Random random = new Random(seed);
        MatrixSource source = new MatrixSource();
        String[] populations = {"GBR", "FIN", "YRI"};
        for (int sample = 0; sample < samples; sample++) {
            boolean clinical = sample % 4 == 0;
            String population = populations[sample % 3];
            source.samples.add(new RegisteredSample(100 + sample, clinical ? "clinical-" + (100 + sample) : "S" + sample,
                    Optional.of(sample % 2 == 0 ? "female" : "male"), clinical ? RegisteredSample.CLINICAL : "cohortA",
                    clinical ? Optional.of(pseudonym(sample)) : Optional.empty(),
                    clinical ? Optional.empty() : Optional.of(population),
                    clinical ? Optional.empty() : Optional.of(population.equals("YRI") ? "AFR" : "EUR"), Assembly.GRCH38, true));
            int[] calls = new int[sites];
            for (int site = 0; site < sites; site++) {
                double frequency = 0.02 + 0.3 * site / sites;
                calls[site] = random.nextDouble() < 0.03 ? -1 : (random.nextDouble() < frequency ? 1 : 0) + (random.nextDouble() < frequency ? 1 : 0);
            }
            source.genotypes.add(calls);
        }
        for (int site = 0; site < sites; site++) {
            String contig = site < sites / 2 ? "1" : "2";
            source.sites.add(new String[] {contig, Integer.toString(1000 + 10 * site), "A", site % 5 == 0 ? "AT" : "G"});
        }
        return source;
    }

    static Pseudonym pseudonym(int sample) {
        String digits = String.format("%043d", sample);
        return Pseudonym.of("p1_" + digits);
    }

    private static VariantKey key(MatrixSource source, int site) {
        String[] key = source.sites.get(site);
        return new VariantKey(Assembly.GRCH38, key[0], Integer.parseInt(key[1]), key[2], key[3]);
    }

    private static void assertMatches(FrequencyRegister register, MatrixSource source, Switches consent) {
        for (int site = 0; site < source.sites.size(); site++) {
            RegisterLine line = register.lookup(key(source, site)).orElseThrow();
            int[] overall = source.expected(site, sample -> consent.mayCount(sample, CLOCK.instant()));
            assertThat(new int[] {line.overall().alleleCount(), line.overall().alleleNumber(), line.overall().homozygotes()})
                    .as("site %d overall", site).containsExactly(overall);
            for (String population : List.of("GBR", "FIN", "YRI")) {
                int[] expected = source.expected(site, sample -> sample.population().equals(Optional.of(population)));
                Counts counts = line.populations().get(population);
                assertThat(new int[] {counts.alleleCount(), counts.alleleNumber(), counts.homozygotes()}).as("site %d %s", site, population)
                        .containsExactly(expected);
            }
            int[] clinical = source.expected(site, sample -> sample.dataset().equals(RegisteredSample.CLINICAL)
                    && consent.mayCount(sample, CLOCK.instant()));
            Counts counted = line.datasets().getOrDefault(RegisteredSample.CLINICAL, Counts.NONE);
            assertThat(new int[] {counted.alleleCount(), counted.alleleNumber(), counted.homozygotes()}).as("site %d clinical", site)
                    .containsExactly(clinical);
            int[] europe = source.expected(site, sample -> sample.superPopulation().equals(Optional.of("EUR")));
            assertThat(line.superPopulations().get("EUR").alleleNumber()).isEqualTo(europe[1]);
            assertThat(line.superPopulations().get("EUR").alleleCount()).isEqualTo(europe[0]);
        }
    }

    @Test
    void everyGroupsCountsAreTheSumsOfItsSamplesGenotypes() {
        MatrixSource source = source(60, 40, 1);
        Switches consent = new Switches();
        FrequencyRegister register = FrequencyRegister.over(source, consent, CLOCK);
        RegisterStatus status = register.refresh();
        assertThat(status.countedSamples()).isEqualTo(60);
        assertThat(status.variants()).isEqualTo(40);
        assertMatches(register, source, consent);
        assertThat(register.datasets()).extracting(DatasetSummary::name).containsExactly("clinical", "cohortA");
        assertThat(register.datasets().get(0).countedSamples()).containsEntry(Assembly.GRCH38, 15);
    }

    @Test
    void aWithdrawalIsSubtractedAsADifferenceAndEqualsAFullCount() {
        MatrixSource source = source(60, 40, 2);
        Switches consent = new Switches();
        FrequencyRegister register = FrequencyRegister.over(source, consent, CLOCK);
        register.refresh();
        int site = 7;
        RegisterLine before = register.lookup(key(source, site)).orElseThrow();

        RegisteredSample patient = source.samples.get(4);
        consent.refuse(patient.patient().orElseThrow());
        RegisterStatus status = register.refresh();
        assertThat(status.mode()).startsWith("consent changes applied: 1 out");
        assertThat(register.counts(patient.id())).isFalse();
        RegisterLine after = register.lookup(key(source, site)).orElseThrow();
        int call = source.genotypes.get(4)[site];
        assertThat(before.overall().alleleCount() - after.overall().alleleCount()).isEqualTo(Math.max(call, 0));
        assertThat(before.overall().alleleNumber() - after.overall().alleleNumber()).isEqualTo(call < 0 ? 0 : 2);
        assertMatches(register, source, consent);

        // the same consent state counted from scratch gives the same lines
        FrequencyRegister fresh = FrequencyRegister.over(source, consent, CLOCK);
        fresh.refresh();
        for (int index = 0; index < source.sites.size(); index++) {
            assertThat(register.lookup(key(source, index))).isEqualTo(fresh.lookup(key(source, index)));
        }

        consent.allow(patient.patient().orElseThrow());
        assertThat(register.refresh().mode()).startsWith("consent changes applied: 0 out, 1 in");
        assertThat(register.lookup(key(source, site))).contains(before);
    }

    @Test
    void aStoreChangeIsCountedAgainAndACarrierWithoutConsentIsNeverReturned() {
        MatrixSource source = source(40, 20, 3);
        Switches consent = new Switches();
        FrequencyRegister register = FrequencyRegister.over(source, consent, CLOCK);
        register.refresh();
        source.samples.remove(1);
        source.genotypes.remove(1);
        source.generation.incrementAndGet();
        assertThat(register.refresh().mode()).isEqualTo("counted from the store");
        assertMatches(register, source, consent);

        int site = 19;
        List<Long> all = source.carriers(key(source, site));
        RegisteredSample clinicalCarrier = source.samples.stream().filter(sample -> sample.patient().isPresent())
                .filter(sample -> all.contains(sample.id())).findFirst().orElseThrow();
        consent.refuse(clinicalCarrier.patient().orElseThrow());
        register.refresh();
        assertThat(register.carriers(key(source, site))).doesNotContain(clinicalCarrier.id()).hasSize(all.size() - 1);
    }

    @Test
    void rangesAreInPositionOrderAndBounded() {
        MatrixSource source = source(10, 40, 4);
        FrequencyRegister register = FrequencyRegister.over(source, AggregateConsent.EVERY_SAMPLE, CLOCK);
        register.refresh();
        List<RegisterLine> lines = register.range(Assembly.GRCH38, "1", 1010, 1050, 100);
        assertThat(lines).extracting(line -> line.variant().position()).containsExactly(1010, 1020, 1030, 1040, 1050);
        assertThat(register.range(Assembly.GRCH38, "1", 1010, 1050, 2)).hasSize(2);
        assertThat(register.range(Assembly.GRCH38, "3", 1, 1_000_000, 10)).isEmpty();
        assertThat(register.range(Assembly.GRCH37, "1", 1, 1_000_000, 10)).isEmpty();
        assertThat(register.lookup(new VariantKey(Assembly.GRCH38, "1", 1010, "A", "C"))).isEmpty();
    }

    @Test
    void aRegisterThatHasNotCountedSaysSo() {
        FrequencyRegister register = FrequencyRegister.over(source(5, 5, 5), AggregateConsent.EVERY_SAMPLE, CLOCK);
        assertThat(register.ready()).isFalse();
        assertThatThrownBy(() -> register.lookup(new VariantKey(Assembly.GRCH38, "1", 1000, "A", "G")))
                .isInstanceOf(PermedException.class).hasMessageContaining("still counting");
    }

    @Test
    void theBackgroundRefreshShowsAWithdrawalWithinASecond() throws Exception {
        MatrixSource source = source(30, 20, 6);
        Switches consent = new Switches();
        try (FrequencyRegister register = FrequencyRegister.over(source, consent, Clock.systemUTC()).start(Duration.ofMillis(50),
                Duration.ofMinutes(10))) {
            assertThat(register.awaitReady(Duration.ofSeconds(10))).isTrue();
            RegisteredSample patient = source.samples.get(0);
            assertThat(register.counts(patient.id())).isTrue();
            long started = System.nanoTime();
            consent.refuse(patient.patient().orElseThrow());
            while (register.counts(patient.id()) && System.nanoTime() - started < 5_000_000_000L) {
                Thread.sleep(10);
            }
            assertThat(register.counts(patient.id())).isFalse();
            assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(1_000);
        }
    }
}
