package no.permed.app.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import no.permed.interpretation.acmg.AcmgClassifier;
import no.permed.interpretation.acmg.AcmgResult;
import no.permed.interpretation.acmg.AppliedCriterion;
import no.permed.interpretation.acmg.Classification;
import no.permed.interpretation.acmg.CriteriaCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code permed acmg}: the ACMG/AMP classification engine, without the data directory. */
@Command(name = "acmg", mixinStandardHelpOptions = true,
        description = "ACMG/AMP variant classification (2015 combining rules and the Bayesian points system).",
        subcommands = AcmgCommand.Classify.class)
final class AcmgCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code permed acmg classify --criteria PVS1,PM2_Supporting,PP3 [--stated CLASS]}. */
    @Command(name = "classify", mixinStandardHelpOptions = true,
            description = {
                "Print the class the criteria give under both systems, one line each:",
                "  acmg2015: <class>      (Richards et al. 2015, Table 5)",
                "  points: <n> <class>    (Tavtigian et al. 2020: supporting 1, moderate 2, strong 4, very strong 8; benign negative)",
                "Strength modifiers as ClinGen writes them: PM2_Supporting, PS4_Moderate, PVS1_Strong, BP4_Moderate, ...",
                "With --stated, a third line says whether the stated class agrees; exit code 1 when it agrees with neither system."
            })
    static final class Classify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--criteria", required = true, paramLabel = "LIST", description = "Comma-separated criteria, e.g. PVS1,PM2_Supporting,PP3.")
        String criteria;

        @Option(names = "--stated", paramLabel = "CLASS", description = "A class to check against the criteria (e.g. \"Likely pathogenic\").")
        String stated;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            AcmgResult result = AcmgClassifier.classify(criteria);
            out.println(result.format());
            int exit = ExitCodes.OK;
            if (stated != null) {
                CriteriaCheck check = AcmgClassifier.check(Classification.parse(stated), AppliedCriterion.parseList(criteria));
                out.println("stated: " + check.describe());
                exit = check.flagged() ? 1 : ExitCodes.OK;
            }
            out.flush();
            return exit;
        }
    }
}
