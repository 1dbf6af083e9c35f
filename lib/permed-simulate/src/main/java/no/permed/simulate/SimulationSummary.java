package no.permed.simulate;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What a simulation wrote.
 *
 * @param out the file written
 * @param samples the number of simulated samples
 * @param sites the number of records (biallelic sites) written
 * @param outputBytes the size of the compressed file
 * @param elapsed the wall-clock time, reading the reference included
 * @param referenceSamples the number of samples in the reference panel
 * @param referenceSites the number of biallelic reference sites used (at most {@code sites})
 * @param copies how many times the reference region was written (1 unless it was repeated to reach {@code sites})
 */
public record SimulationSummary(
        Path out, int samples, long sites, long outputBytes, Duration elapsed, int referenceSamples, long referenceSites, int copies) {
    public SimulationSummary {
        requireNonNull(out, "out is null");
        requireNonNull(elapsed, "elapsed is null");
    }
}
