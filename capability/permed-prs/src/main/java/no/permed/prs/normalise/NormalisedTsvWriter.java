package no.permed.prs.normalise;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Writer;
import no.permed.prs.ancestry.AncestryModel;
import no.permed.prs.calc.SampleScore;
import no.permed.prs.calc.ScoreTsvWriter;

/**
 * Writes a {@link NormalisedResult}: the columns of {@link ScoreTsvWriter} followed by {@code population percentile z
 * band}, one tab-separated row per target sample; numbers as {@link ScoreTsvWriter#number(double)}, {@code NA} for a z
 * that cannot be computed and for no band. When the populations were chosen by ancestry two more columns follow:
 * {@code ancestry_distance} (the sample's distance to its super-population's centroid in principal-component space) and
 * {@code ancestry_margin} (the next-closest centroid's distance ÷ that one: 1 is a tie, larger is clearer).
 */
public final class NormalisedTsvWriter {
    public static final String HEADER = ScoreTsvWriter.HEADER + "\tpopulation\tpercentile\tz\tband";
    public static final String ANCESTRY_HEADER = HEADER + "\tancestry_distance\tancestry_margin";

    private NormalisedTsvWriter() {
    }

    public static void write(NormalisedResult result, Writer out) throws IOException {
        requireNonNull(result, "result is null");
        requireNonNull(out, "out is null");
        out.write(result.byAncestry() ? ANCESTRY_HEADER : HEADER);
        out.write('\n');
        for (NormalisedScore normalised : result.samples()) {
            SampleScore score = normalised.score();
            out.write(String.join("\t", score.sample(), Integer.toString(score.alleleCount()), ScoreTsvWriter.number(score.sum()),
                    ScoreTsvWriter.number(score.average()), normalised.population(), ScoreTsvWriter.number(normalised.percentile()),
                    ScoreTsvWriter.number(normalised.z()), normalised.band().orElse("NA")));
            if (result.byAncestry()) {
                AncestryModel.Assignment assignment = normalised.ancestry().orElseThrow();
                double margin = assignment.margin();
                out.write('\t');
                out.write(ScoreTsvWriter.number(assignment.distances().get(assignment.superPopulation())));
                out.write('\t');
                out.write(Double.isInfinite(margin) ? "NA" : ScoreTsvWriter.number(margin));
            }
            out.write('\n');
        }
        out.flush();
    }
}
