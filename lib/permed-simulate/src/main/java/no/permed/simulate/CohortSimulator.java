package no.permed.simulate;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import no.permed.kernel.PermedException;
import no.permed.simulate.internal.CohortWriter;
import no.permed.simulate.internal.ReferencePanel;
import no.permed.simulate.internal.SimulationOutput;

/**
 * Simulates a cohort: phased genotypes of any number of samples, each haplotype a mosaic of the reference panel's
 * haplotypes (see {@link SimulationModel}), written as a BGZF-compressed VCF that bcftools, plink2 and tabix read.
 *
 * <pre>{@code
 * SimulationSummary summary = CohortSimulator.create().simulate(
 *         SimulationRequest.of(reference, Path.of("cohort.vcf.gz"), 2504, 42).withSites(200_000),
 *         (written, total) -> bar.update(written, total));
 * }</pre>
 *
 * <p>The reference panel is held in memory, one byte per haplotype and site (2,504 samples × 10,000 sites take
 * 50 MB). The output file appears only when it is complete: it is written to a temporary file in the same
 * directory and renamed. The same request gives the same bytes. Records are drawn and compressed on the calling
 * thread (see README.md for why). Thread-safe: each call works on its own.
 */
public final class CohortSimulator {
    private CohortSimulator() {
    }

    /** A simulator; it keeps no state between calls. */
    public static CohortSimulator create() {
        return new CohortSimulator();
    }

    public SimulationSummary simulate(SimulationRequest request) {
        return simulate(request, SimulationProgress.NONE);
    }

    /**
     * Reads the reference panel, writes the cohort and renames it into place.
     *
     * @throws PermedException with a {@link SimulateErrorCode} when the reference is missing or not a usable VCF,
     *     or the output cannot be written; no output file is left behind then
     */
    public SimulationSummary simulate(SimulationRequest request, SimulationProgress progress) {
        requireNonNull(request, "request is null");
        requireNonNull(progress, "progress is null");
        long start = System.nanoTime();
        Path out = request.out().toAbsolutePath();
        String outName = out.getFileName().toString();
        Path directory = out.getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            throw new PermedException(SimulateErrorCode.OUTPUT_NOT_WRITABLE,
                    "the directory of the output file " + outName + " does not exist; create it first", Map.of("file", outName));
        }
        if (Files.exists(out) && !request.overwrite()) {
            throw new PermedException(SimulateErrorCode.OUTPUT_EXISTS,
                    "the output file " + outName + " exists already; remove it or ask for it to be overwritten", Map.of("file", outName));
        }
        int maximumSites = request.sites().isPresent() ? request.sites().getAsInt() : Integer.MAX_VALUE;
        ReferencePanel panel = ReferencePanel.load(request.reference(), maximumSites, Runtime.getRuntime().maxMemory() / 2);
        CohortWriter writer = CohortWriter.plan(panel, request);
        Path temporary = createTemporary(directory, outName);
        try {
            SimulationOutput.write(temporary, request.compressionLevel(), output -> writer.write(output, progress));
            moveIntoPlace(temporary, out, request.overwrite());
            long bytes = Files.size(out);
            return new SimulationSummary(out, request.samples(), writer.totalSites(), bytes, Duration.ofNanos(System.nanoTime() - start),
                    panel.samples().size(), panel.sites().size(), writer.copies());
        } catch (IOException exception) {
            deleteQuietly(temporary);
            throw notWritable(outName, exception);
        } catch (UncheckedIOException exception) {
            deleteQuietly(temporary);
            throw notWritable(outName, exception.getCause());
        } catch (RuntimeException | Error exception) {
            deleteQuietly(temporary);
            throw exception;
        }
    }

    /** A new empty file next to the output, with the permissions a new file gets (unlike createTempFile's 0600). */
    private static Path createTemporary(Path directory, String outName) {
        long unique = ProcessHandle.current().pid() * 1_000_003L + System.nanoTime();
        for (int attempt = 0; ; attempt++) {
            Path temporary = directory.resolve("." + outName + "." + Long.toHexString(unique + attempt) + ".tmp");
            try {
                return Files.createFile(temporary);
            } catch (FileAlreadyExistsException exception) {
                if (attempt == 100) {
                    throw notWritable(outName, exception);
                }
            } catch (IOException exception) {
                throw notWritable(outName, exception);
            }
        }
    }

    private static void moveIntoPlace(Path temporary, Path out, boolean overwrite) throws IOException {
        try {
            if (overwrite) {
                Files.move(temporary, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(temporary, out, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (AtomicMoveNotSupportedException exception) {
            if (overwrite) {
                Files.move(temporary, out, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(temporary, out);
            }
        } catch (FileAlreadyExistsException exception) {
            String outName = out.getFileName().toString();
            throw new PermedException(SimulateErrorCode.OUTPUT_EXISTS,
                    "the output file " + outName + " appeared while simulating; remove it or ask for it to be overwritten",
                    Map.of("file", outName), exception);
        }
    }

    private static PermedException notWritable(String outName, IOException exception) {
        return new PermedException(SimulateErrorCode.OUTPUT_NOT_WRITABLE,
                "the output file " + outName + " cannot be written (" + exception.getClass().getSimpleName()
                        + "); check that its directory is writable and has room",
                Map.of("file", outName), exception);
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // the failure that brought us here is the one to report
        }
    }
}
