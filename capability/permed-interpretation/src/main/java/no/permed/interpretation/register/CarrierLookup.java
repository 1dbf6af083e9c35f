package no.permed.interpretation.register;

import java.util.List;
import no.permed.vcf.normalise.VariantKey;

/**
 * Finds the patients whose samples carry a variant. The register does not depend on the genome store (capabilities
 * never depend on each other); permed-app wires this to it, e.g.
 * {@code variant -> genome.carriers(variant).stream().filter(c -> c.sample().patient().isPresent())
 * .map(c -> new Carrier(c.sample().patient().get(), c.sample().sampleId(), c.sample().laboratory())).toList()}.
 * Research-cohort samples (no patient) are not carriers here.
 */
@FunctionalInterface
public interface CarrierLookup {
    /** Nobody carries anything (a register without a genome store). */
    CarrierLookup NONE = variant -> List.of();

    /** The patients' samples that carry the variant (heterozygous, homozygous or hemizygous). */
    List<Carrier> carriersOf(VariantKey variant);
}
