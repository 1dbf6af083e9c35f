package no.permed.simulate;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * What to simulate. Start from {@link #of} and change one setting at a time with the {@code with…} methods.
 *
 * @param reference the reference panel: a VCF (plain, gzip or BGZF) with phased GT calls
 * @param out the BGZF-compressed VCF to write; written to a temporary file next to it and then renamed
 * @param samples how many samples to simulate, 1 to {@value #MAXIMUM_SAMPLES}
 * @param sites how many biallelic sites to write: the first {@code sites} of the reference, or, when the reference
 *     has fewer, the reference region repeated end to end until there are this many. Empty: every site of the
 *     reference once.
 * @param seed the random seed; the same request gives the same bytes
 * @param model the copying model
 * @param compressionLevel the deflate level of the BGZF blocks, 1 (fastest) to 9; default {@value #DEFAULT_COMPRESSION_LEVEL}
 * @param overwrite whether an existing {@code out} is replaced; default false
 */
public record SimulationRequest(
        Path reference, Path out, int samples, OptionalInt sites, long seed, SimulationModel model, int compressionLevel, boolean overwrite) {
    public static final int MAXIMUM_SAMPLES = 10_000_000;
    public static final int DEFAULT_COMPRESSION_LEVEL = 1;

    public SimulationRequest {
        requireNonNull(reference, "reference is null");
        requireNonNull(out, "out is null");
        requireNonNull(sites, "sites is null");
        requireNonNull(model, "model is null");
        if (samples < 1 || samples > MAXIMUM_SAMPLES) {
            throw new IllegalArgumentException("samples must be between 1 and " + MAXIMUM_SAMPLES + " but is " + samples);
        }
        if (sites.isPresent() && sites.getAsInt() < 1) {
            throw new IllegalArgumentException("sites must be 1 or more but is " + sites.getAsInt());
        }
        if (compressionLevel < 1 || compressionLevel > 9) {
            throw new IllegalArgumentException("compressionLevel must be between 1 and 9 but is " + compressionLevel);
        }
        if (reference.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("out must not be the reference file itself (" + out + ")");
        }
    }

    /** A request with every site of the reference once, the default model and compression, no overwriting. */
    public static SimulationRequest of(Path reference, Path out, int samples, long seed) {
        return new SimulationRequest(reference, out, samples, OptionalInt.empty(), seed, SimulationModel.defaults(),
                DEFAULT_COMPRESSION_LEVEL, false);
    }

    public SimulationRequest withOut(Path newOut) {
        return new SimulationRequest(reference, newOut, samples, sites, seed, model, compressionLevel, overwrite);
    }

    public SimulationRequest withSeed(long newSeed) {
        return new SimulationRequest(reference, out, samples, sites, newSeed, model, compressionLevel, overwrite);
    }

    public SimulationRequest withSites(int newSites) {
        return new SimulationRequest(reference, out, samples, OptionalInt.of(newSites), seed, model, compressionLevel, overwrite);
    }

    public SimulationRequest withSites(OptionalInt newSites) {
        return new SimulationRequest(reference, out, samples, newSites, seed, model, compressionLevel, overwrite);
    }

    public SimulationRequest withModel(SimulationModel newModel) {
        return new SimulationRequest(reference, out, samples, sites, seed, newModel, compressionLevel, overwrite);
    }

    public SimulationRequest withCompressionLevel(int newCompressionLevel) {
        return new SimulationRequest(reference, out, samples, sites, seed, model, newCompressionLevel, overwrite);
    }

    public SimulationRequest withOverwrite(boolean newOverwrite) {
        return new SimulationRequest(reference, out, samples, sites, seed, model, compressionLevel, newOverwrite);
    }
}
