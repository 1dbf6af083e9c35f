package no.permed.prs.calc;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;

/**
 * Writes a {@link ScoreResult} as the table: a header line {@code sample allele_count sum avg}, then one
 * tab-separated row per sample, the sample named as in the input. Numbers are written in full (the shortest decimal that
 * reads back as the same double), never in exponent notation.
 */
public final class ScoreTsvWriter {
    public static final String HEADER = "sample\tallele_count\tsum\tavg";

    private ScoreTsvWriter() {
    }

    public static void write(ScoreResult result, Writer out) throws IOException {
        requireNonNull(result, "result is null");
        requireNonNull(out, "out is null");
        out.write(HEADER);
        out.write('\n');
        for (SampleScore score : result.samples()) {
            out.write(score.sample());
            out.write('\t');
            out.write(Integer.toString(score.alleleCount()));
            out.write('\t');
            out.write(number(score.sum()));
            out.write('\t');
            out.write(number(score.average()));
            out.write('\n');
        }
        out.flush();
    }

    /** The shortest decimal that reads back as {@code value}, without an exponent; {@code NA} for NaN. */
    public static String number(double value) {
        if (Double.isNaN(value)) {
            return "NA";
        }
        if (value == 0) {
            return "0";
        }
        return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }
}
