package no.permed.simulate.internal;

import htsjdk.samtools.util.BlockCompressedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens a BGZF stream on a file (htsjdk's {@link BlockCompressedOutputStream}, which ends it with the standard
 * empty end-of-file block) and hands it to the text writer. The deflate level is passed explicitly, so htsjdk's
 * {@code samjdk.compression_level} system property does not change the bytes.
 */
public final class SimulationOutput {
    /** Writes VCF text to a stream. */
    @FunctionalInterface
    public interface TextWriter {
        void write(OutputStream text) throws IOException;
    }

    private SimulationOutput() {
    }

    /** Writes {@code file} as BGZF; the caller deletes it when this throws. */
    public static void write(Path file, int level, TextWriter writer) throws IOException {
        try (BlockCompressedOutputStream output = new BlockCompressedOutputStream(Files.newOutputStream(file), (Path) null, level)) {
            writer.write(output);
        }
    }
}
