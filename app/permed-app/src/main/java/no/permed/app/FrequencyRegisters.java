package no.permed.app;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import no.permed.consent.ConsentPurpose;
import no.permed.consent.ConsentView;
import no.permed.consent.DuoCode;
import no.permed.frequency.AggregateConsent;
import no.permed.frequency.CohortSource;
import no.permed.frequency.FrequencyRegister;
import no.permed.frequency.RegisteredSample;
import no.permed.genome.GenomeStore;
import no.permed.genome.StoredSample;
import no.permed.genome.query.Carrier;
import no.permed.genome.query.SampleSelection;
import no.permed.vcf.genome.Assembly;
import no.permed.vcf.normalise.VariantKey;

/**
 * Wires the frequency register to the genome store and the consent service (capabilities do not know each other).
 *
 * <p>Which samples count (docs/privacy.md, "Which samples count"): a research cohort's samples (no patient) count, their
 * consent for open research use having been given when they were collected (1000 Genomes); a patient's care sample
 * counts only while the patient holds a current consent whose purpose covers health, medical and biomedical research
 * (HMB, or GRU which covers it) for the national frequency register or for any project. No consent means no (opt-in).
 */
public final class FrequencyRegisters {
    /** The project identifier of the register in patients' consents. */
    public static final String PROJECT = "national-frequency-register";
    /** How often the register looks for changes; a withdrawal shows within this plus one counting. */
    static final Duration POLL = Duration.ofMillis(200);
    /** The register counts again at least this often, so that consent periods that begin or end take effect. */
    static final Duration MAX_AGE = Duration.ofMinutes(10);

    private FrequencyRegisters() {
    }

    /** A register over the store, counting per the consent rule above; not yet counted (call start or refresh). */
    public static FrequencyRegister over(GenomeStore genome, ConsentView consents, Clock clock) {
        return FrequencyRegister.over(cohort(genome), consentRule(consents), clock);
    }

    /** The genome store as the register's (and the Beacon's) source of samples and counts. */
    public static CohortSource cohort(GenomeStore genome) {
        return new GenomeCohort(genome);
    }

    /** The consent rule above as the register asks it. */
    static AggregateConsent consentRule(ConsentView consents) {
        requireNonNull(consents, "consents is null");
        ConsentPurpose purpose = ConsentPurpose.of(DuoCode.HMB);
        Optional<String> project = Optional.of(PROJECT);
        return new AggregateConsent() {
            @Override
            public boolean mayCount(RegisteredSample sample, Instant time) {
                return sample.patient().map(patient -> consents.mayCount(patient, purpose, project, time)).orElse(true);
            }

            @Override
            public long generation() {
                return consents.generation();
            }
        };
    }

    /** The genome store as the register's source. */
    static final class GenomeCohort implements CohortSource {
        private final GenomeStore genome;

        GenomeCohort(GenomeStore genome) {
            this.genome = requireNonNull(genome, "genome is null");
        }

        @Override
        public long generation() {
            return genome.generation();
        }

        @Override
        public List<RegisteredSample> samples() {
            return genome.samples().stream().map(GenomeCohort::registered).toList();
        }

        static RegisteredSample registered(StoredSample sample) {
            String publicId = sample.cohort().isPresent() ? sample.sampleId() : "clinical-" + sample.id();
            return new RegisteredSample(sample.id(), publicId, sample.sex(), sample.cohort().orElse(RegisteredSample.CLINICAL),
                    sample.patient(), sample.population(), sample.superPopulation(), sample.assembly(), sample.referenceCalls());
        }

        @Override
        public void forEachCount(Assembly assembly, Set<Long> sampleIds, SiteVisitor visitor) {
            genome.forEachCount(assembly, SampleSelection.of(sampleIds), visitor::site);
        }

        /** All sets in one pass over each segment's genotypes (the store's multi-selection count). */
        @Override
        public void forEachCount(Assembly assembly, List<Set<Long>> sets, GroupVisitor visitor) {
            genome.forEachCount(assembly, sets.stream().map(SampleSelection::of).toList(), visitor::site);
        }

        @Override
        public List<Long> carriers(VariantKey variant) {
            return genome.carriers(variant).stream().map(Carrier::sample).map(StoredSample::id).toList();
        }
    }
}
