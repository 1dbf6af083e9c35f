package no.permed.frequency.privacy;

import java.util.List;
import no.permed.vcf.normalise.VariantKey;

/**
 * Where the membership defence keeps its charges, so that the per-person risk budgets survive a restart. The charges of
 * one disclosure are written before its answer is given: a crash can lose an answer, never a charge.
 */
public interface RiskCharges {
    /** One disclosure of a rare allele charged to one counted sample. */
    record Charge(VariantKey variant, long sampleId, double cost) {
    }

    /** Every charge recorded so far. */
    List<Charge> load();

    /** Records the charges of one disclosure (all or none). */
    void record(List<Charge> charges);

    /** Charges held in memory only: a restart gives everybody a full budget again (tests and the attack bench). */
    RiskCharges IN_MEMORY = new RiskCharges() {
        @Override
        public List<Charge> load() {
            return List.of();
        }

        @Override
        public void record(List<Charge> charges) {
        }
    };
}
