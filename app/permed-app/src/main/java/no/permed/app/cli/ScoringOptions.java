package no.permed.app.cli;

import java.nio.file.Path;
import no.permed.prs.calc.MissingGenotypes;
import no.permed.prs.calc.ScoreOptions;
import no.permed.prs.match.MatchOptions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The matching and scoring options both ways of {@code permed prs} share (a picocli mixin). */
final class ScoringOptions {
    @Option(names = "--min-overlap", paramLabel = "F", defaultValue = "0.75",
            description = "Share of the score's variants that must match, 0-1 (default: ${DEFAULT-VALUE}, as pgsc_calc).")
    double minimumOverlap;

    @Option(names = "--keep-ambiguous", description = "Keep strand-ambiguous matches (A/T, C/G), as pgsc_calc --keep_ambiguous.")
    boolean keepAmbiguous;

    @Option(names = "--no-strand-flips", description = "Do not match on the other strand, as pgsc_calc --ignore_strand_flips.")
    boolean noStrandFlips;

    @Option(names = "--no-mean-imputation",
            description = "Missing calls add nothing and do not count in allele_count (plink2 no-mean-imputation).")
    boolean noMeanImputation;

    @Option(names = "--match-report", paramLabel = "FILE.tsv",
            description = "Also write every scoring-file row's outcome: line, alleles, outcome, match type, target site.")
    Path matchReport;

    /** Refuses a share outside 0-1 and a match report that is the output file. */
    void check(CommandSpec spec, Path out) {
        if (!(minimumOverlap >= 0 && minimumOverlap <= 1)) {
            throw new ParameterException(spec.commandLine(),
                    "--min-overlap must be a share between 0 and 1 (0.75 is 75 %) but is " + minimumOverlap);
        }
        if (matchReport != null && out != null && matchReport.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
            throw new ParameterException(spec.commandLine(), "--match-report and --out name the same file");
        }
    }

    MatchOptions match() {
        return MatchOptions.defaults()
                .withKeepAmbiguous(keepAmbiguous)
                .withAllowStrandFlips(!noStrandFlips)
                .withMinimumOverlap(minimumOverlap);
    }

    ScoreOptions score(MatchOptions match) {
        return ScoreOptions.defaults().withMatch(match)
                .withMissingGenotypes(noMeanImputation ? MissingGenotypes.ZERO : MissingGenotypes.MEAN_IMPUTATION);
    }
}
