package no.permed.simulate;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import no.permed.simulate.internal.CohortWriter;
import no.permed.simulate.internal.ReferencePanel;

/**
 * The hand measurement behind README.md (not a test): {@code SimulateBenchmark REFERENCE OUT SAMPLES SITES WRITER
 * [LEVEL]} with WRITER {@code permed} (the whole {@link CohortSimulator}) or {@code none} (the VCF text only,
 * discarded: what drawing and formatting cost without compression).
 */
public final class SimulateBenchmark {
    private SimulateBenchmark() {
    }

    public static void main(String[] arguments) throws IOException {
        Path reference = Path.of(arguments[0]);
        Path out = Path.of(arguments[1]);
        int samples = Integer.parseInt(arguments[2]);
        int sites = Integer.parseInt(arguments[3]);
        String writer = arguments[4];
        int level = arguments.length > 5 ? Integer.parseInt(arguments[5]) : SimulationRequest.DEFAULT_COMPRESSION_LEVEL;
        SimulationRequest request = SimulationRequest.of(reference, out, samples, 42).withSites(sites).withCompressionLevel(level)
                .withOverwrite(true);
        long start = System.nanoTime();
        switch (writer) {
            case "permed" -> {
                SimulationSummary summary = CohortSimulator.create().simulate(request);
                System.out.println(summary);
            }
            case "none" -> {
                ReferencePanel panel = ReferencePanel.load(reference, sites, Long.MAX_VALUE);
                CohortWriter cohort = CohortWriter.plan(panel, request);
                long loaded = System.nanoTime();
                System.out.printf(Locale.ROOT, "reference read in %.1f s%n", (loaded - start) / 1e9);
                try (OutputStream output = OutputStream.nullOutputStream()) {
                    cohort.write(output, SimulationProgress.NONE);
                }
            }
            default -> throw new IllegalArgumentException("writer must be permed or none but is " + writer);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long bytes = Files.exists(out) ? Files.size(out) : 0;
        System.out.printf(Locale.ROOT, "%s level %d: %.1f s, %d bytes%n", writer, level, seconds, bytes);
    }
}
