package no.permed.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import no.permed.simulate.CohortSimulator;
import no.permed.simulate.SimulationProgress;
import no.permed.simulate.SimulationRequest;
import no.permed.simulate.SimulationSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code permed simulate}: a synthetic cohort as mosaics of a real reference panel's haplotypes. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {
            "Build a synthetic cohort for scale tests: each haplotype is a mosaic of the reference panel's haplotypes",
            "(keeping linkage and allele frequencies). With --sites beyond the panel's sites the region is repeated.",
            "Output: BGZF VCF, phased, samples SIM000001…. Needs no data directory."
        })
final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--reference", required = true, paramLabel = "FILE.vcf.gz", description = "A phased reference panel.")
    Path reference;

    @Option(names = "--samples", required = true, paramLabel = "N", description = "Samples to simulate.")
    int samples;

    @Option(names = "--sites", paramLabel = "N", description = "Biallelic sites to write (default: the panel's).")
    Integer sites;

    @Option(names = "--out", required = true, paramLabel = "FILE.vcf.gz", description = "Output file.")
    Path out;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--force", description = "Replace an existing output file.")
    boolean force;

    @Override
    public Integer call() {
        SimulationRequest request = SimulationRequest.of(reference, out, samples, seed)
                .withSites(sites == null ? OptionalInt.empty() : OptionalInt.of(sites)).withOverwrite(force);
        SimulationSummary summary;
        if (System.console() == null) {
            summary = CohortSimulator.create().simulate(request, SimulationProgress.NONE);
        } else {
            try (ProgressBar bar = new ProgressBarBuilder().setTaskName("simulate").setStyle(ProgressBarStyle.ASCII)
                    .setInitialMax(1).build()) {
                summary = CohortSimulator.create().simulate(request, (written, total) -> {
                    bar.maxHint(total);
                    bar.stepTo(written);
                });
            }
        }
        PrintWriter writer = spec.commandLine().getOut();
        writer.printf(java.util.Locale.ROOT, "wrote %s: %,d samples x %,d sites, %,d bytes (reference: %,d samples, %,d sites, %d cop%s)%ntook %d ms%n",
                summary.out(), summary.samples(), summary.sites(), summary.outputBytes(), summary.referenceSamples(),
                summary.referenceSites(), summary.copies(), summary.copies() == 1 ? "y" : "ies", summary.elapsed().toMillis());
        writer.flush();
        return ExitCodes.OK;
    }
}
