package no.permed.prs.calc;

import java.util.List;
import no.permed.prs.match.TargetSite;

/**
 * Genotypes of a set of samples looked up by position, for scoring targets other than a VCF (for example the samples
 * of the genome store); see {@link VcfScorer#score(no.permed.prs.score.ScoringFile, GenotypeSource)}.
 * Implementations hold or fetch the calls of the positions the score needs; the scorer asks each position once.
 */
public interface GenotypeSource {
    /** A name for messages (a file name, "genome store"); never personal data. */
    String name();

    /** The samples' names, in output order; the calls of {@link #calls} are in this order. */
    List<String> samples();

    /**
     * The target sites at one position (canonical chromosome {@code 1}…{@code 22}, {@code X}, {@code Y}, {@code MT}),
     * each with an {@link TargetSite#ordinal()} unique within this source; empty when there is none.
     */
    List<TargetSite> sites(String chromosome, int position);

    /**
     * The calls at a site returned by {@link #sites}: two allele indices per sample (0 REF, k the k-th ALT of the
     * site), a haploid call's allele twice, and {@code -1 -1} for a missing or unknown call.
     */
    byte[] calls(TargetSite site);
}
