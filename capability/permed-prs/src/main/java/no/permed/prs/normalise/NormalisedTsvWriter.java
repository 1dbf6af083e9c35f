package no.permed.prs.normalise;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Writer;
import no.permed.prs.calc.SampleScore;
import no.permed.prs.calc.ScoreTsvWriter;

/**
 * Writes a {@link NormalisedResult}: the columns of {@link ScoreTsvWriter} followed by {@code population percentile z
 * band}, one tab-separated row per target sample; numbers as {@link ScoreTsvWriter#number(double)}, {@code NA} for a z
 * that cannot be computed and for no band.
 */
public final class NormalisedTsvWriter {
    public static final String HEADER = ScoreTsvWriter.HEADER + "\tpopulation\tpercentile\tz\tband";

    private NormalisedTsvWriter() {
    }

    public static void write(NormalisedResult result, Writer out) throws IOException {
        requireNonNull(result, "result is null");
        requireNonNull(out, "out is null");
        out.write(HEADER);
        out.write('\n');
        for (NormalisedScore normalised : result.samples()) {
            SampleScore score = normalised.score();
            out.write(String.join("\t", score.sample(), Integer.toString(score.alleleCount()), ScoreTsvWriter.number(score.sum()),
                    ScoreTsvWriter.number(score.average()), normalised.population(), ScoreTsvWriter.number(normalised.percentile()),
                    ScoreTsvWriter.number(normalised.z()), normalised.band().orElse("NA")));
            out.write('\n');
        }
        out.flush();
    }
}
