package no.permed.frequency.privacy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.permed.frequency.CohortSource;
import no.permed.frequency.RegisteredSample;
import no.permed.vcf.genome.Assembly;
import no.permed.vcf.normalise.VariantKey;

/**
 * A {@link CohortSource} over genotypes held in memory: the first {@code members} samples of a simulated cohort, in
 * one dataset, sample id = column + 1. Counts are summed here from the genotypes (not by the genome store), so the
 * register built over it can be checked against an independent count.
 */
final class InMemoryCohort implements CohortSource {
    static final String DATASET = "simulated";

    private final SimulatedCohort cohort;
    private final int members;
    private final List<RegisteredSample> samples;
    private final List<Integer> stored = new ArrayList<>();
    private final Map<VariantKey, List<Long>> carriers = new HashMap<>();

    InMemoryCohort(SimulatedCohort cohort, int members) {
        this.cohort = cohort;
        this.members = members;
        List<RegisteredSample> list = new ArrayList<>();
        for (int column = 0; column < members; column++) {
            list.add(new RegisteredSample(column + 1, "SIM" + (column + 1), Optional.empty(), DATASET, Optional.empty(), Optional.empty(),
                    Optional.empty(), Assembly.GRCH37, true));
        }
        this.samples = List.copyOf(list);
        for (int index = 0; index < cohort.sites.size(); index++) {
            SimulatedCohort.Site site = cohort.sites.get(index);
            List<Long> ids = new ArrayList<>();
            for (int column = 0; column < members; column++) {
                if (site.dosages()[column] > 0) {
                    ids.add(column + 1L);
                }
            }
            if (!ids.isEmpty()) {
                stored.add(index);
                carriers.put(site.key(), List.copyOf(ids));
            }
        }
    }

    @Override
    public long generation() {
        return 0;
    }

    @Override
    public List<RegisteredSample> samples() {
        return samples;
    }

    /** Every site some member carries, in canonical order, summed over the requested members only. */
    @Override
    public void forEachCount(Assembly assembly, Set<Long> sampleIds, SiteVisitor visitor) {
        if (assembly != Assembly.GRCH37) {
            return;
        }
        boolean[] chosen = new boolean[members];
        for (long id : sampleIds) {
            chosen[(int) id - 1] = true;
        }
        for (int index : stored) {
            SimulatedCohort.Site site = cohort.sites.get(index);
            int alleleCount = 0;
            int alleleNumber = 0;
            int homozygotes = 0;
            for (int column = 0; column < members; column++) {
                if (chosen[column]) {
                    alleleCount += site.dosages()[column];
                    alleleNumber += site.calls()[column];
                    if (site.calls()[column] == 2 && site.dosages()[column] == 2) {
                        homozygotes++;
                    }
                }
            }
            VariantKey key = site.key();
            visitor.site(key.contig(), key.position(), key.reference(), key.alternate(), alleleCount, alleleNumber, homozygotes, 0);
        }
    }

    @Override
    public List<Long> carriers(VariantKey variant) {
        return carriers.getOrDefault(variant, List.of());
    }
}
