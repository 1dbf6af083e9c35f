package no.permed.pgx.call.internal;

import java.util.List;
import no.permed.pgx.call.GeneCall;
import no.permed.pgx.knowledge.AlleleDefinition;
import no.permed.pgx.knowledge.DefiningPosition;

/** Calls one gene of one sample from its observations. Implementations are immutable and thread-safe. */
public interface GeneCaller {
    /** The gene's allele definition. */
    AlleleDefinition definition();

    /** Positions read for the report but not for calling (exemption extra positions), after the defining positions. */
    List<DefiningPosition> extraPositions();

    /**
     * Calls the gene.
     *
     * @param observations one per defining position, then one per extra position, in the definition's order; null
     *     where the sample has no genotype
     */
    GeneCall call(Observation[] observations);
}
