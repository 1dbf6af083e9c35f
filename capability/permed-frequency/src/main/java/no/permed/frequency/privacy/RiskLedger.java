package no.permed.frequency.privacy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.permed.frequency.Counts;
import no.permed.vcf.normalise.VariantKey;

/**
 * The per-person risk budget (Raisaro et al. 2017, simplified): how much information about each counted sample's
 * membership has been disclosed through answers about its rare alleles, and which carriers each disclosed allele was
 * charged to.
 *
 * <p>A disclosure is charged once per allele and carrier, whoever asks: the answer is the same for every client, so
 * asking again reveals nothing new, and a disclosed allele stays disclosed (an answer that changed from present to
 * absent would itself show that a carrier's budget ran out). An allele is withheld when a carrier not yet charged for
 * it lacks the budget; it stays withheld, since budgets never grow back.
 *
 * <p>Memory: one entry per sample charged and one or two per rare allele asked about, at most the register's size. Every
 * charge is written to {@link RiskCharges} before the answer that caused it is given, and read back at start, so a
 * restart does not give anybody a full budget again.
 */
final class RiskLedger {
    private final double budget;
    private final Map<Long, Double> spent = new HashMap<>();
    private final Map<VariantKey, Set<Long>> charged = new HashMap<>();
    /** The last decision per allele, with the counts it was made for: asked again with the same counts, no carrier lookup. */
    private final Map<VariantKey, Decision> decisions = new HashMap<>();

    private record Decision(Counts counts, boolean disclosed) {
    }

    private final RiskCharges store;

    RiskLedger(double budget, RiskCharges store) {
        this.budget = budget;
        this.store = store;
        for (RiskCharges.Charge charge : store.load()) {
            if (charged.computeIfAbsent(charge.variant(), key -> new HashSet<>()).add(charge.sampleId())) {
                spent.merge(charge.sampleId(), charge.cost(), Double::sum);
            }
        }
    }

    /**
     * The decision already made for {@code variant} with these same counts, if any: the carriers are then the same
     * (barring a carrier swapped for another between two counts, which the next change of counts corrects), and the
     * register's carrier lookup (about 1 ms) is saved.
     */
    synchronized Boolean decided(VariantKey variant, Counts counts) {
        Decision decision = decisions.get(variant);
        return decision != null && decision.counts().equals(counts) ? decision.disclosed() : null;
    }

    /**
     * Whether {@code variant}'s presence, with {@code counts}, may be shown; if so, every carrier not yet charged for it
     * pays {@code cost}. An empty carrier list (the store and the register disagree for a moment) withholds.
     */
    synchronized boolean disclose(VariantKey variant, Counts counts, List<Long> carriers, double cost) {
        boolean disclosed = decide(variant, carriers, cost);
        decisions.put(variant, new Decision(counts, disclosed));
        return disclosed;
    }

    private boolean decide(VariantKey variant, List<Long> carriers, double cost) {
        if (carriers.isEmpty()) {
            return false;
        }
        Set<Long> already = charged.getOrDefault(variant, Set.of());
        boolean fresh = false;
        for (long carrier : carriers) {
            if (already.contains(carrier)) {
                continue;
            }
            fresh = true;
            if (spent.getOrDefault(carrier, 0.0) + cost > budget + 1e-12) {
                return false;
            }
        }
        if (!fresh) {
            return true;
        }
        Set<Long> record = charged.computeIfAbsent(variant, key -> new HashSet<>());
        java.util.List<RiskCharges.Charge> charges = new java.util.ArrayList<>();
        for (long carrier : carriers) {
            if (!record.contains(carrier)) {
                charges.add(new RiskCharges.Charge(variant, carrier, cost));
            }
        }
        store.record(charges);    // first: a failure to record withholds the answer (the caller sees the storage error)
        for (RiskCharges.Charge charge : charges) {
            record.add(charge.sampleId());
            spent.merge(charge.sampleId(), cost, Double::sum);
        }
        return true;
    }

    /** The information disclosed so far about one sample, in nats. */
    synchronized double spent(long sampleId) {
        return spent.getOrDefault(sampleId, 0.0);
    }
}
