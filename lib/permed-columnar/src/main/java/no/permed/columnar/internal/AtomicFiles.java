package no.permed.columnar.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import no.permed.columnar.ColumnarErrorCode;
import no.permed.kernel.PermedException;

/**
 * Publishing a finished temporary file under its final name, atomically and never replacing an
 * existing file. Internal to permed-columnar; not an API for other modules.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** A new temporary file next to {@code target}, named {@code .<target name>.<random>.tmp}. */
    public static Path createTemporarySibling(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        return Files.createTempFile(absolute.getParent(), "." + absolute.getFileName() + ".", ".tmp");
    }

    /** Forces a file's content to disk. */
    public static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /**
     * Gives a complete, forced temporary file its final name: a hard link (atomic, fails when the
     * target exists), or where links are not supported an atomic rename after a check that the
     * target does not exist; then forces the directory. Throws
     * {@link ColumnarErrorCode#SEGMENT_EXISTS} when the target exists.
     */
    public static void publish(Path temporary, Path target) throws IOException {
        boolean linked;
        try {
            Files.createLink(target, temporary);
            linked = true;
        } catch (FileAlreadyExistsException existing) {
            throw exists(target);
        } catch (UnsupportedOperationException | IOException linkNotSupported) {
            linked = false;
        }
        if (linked) {
            deleteQuietly(temporary);
        } else {
            if (Files.exists(target)) {
                throw exists(target);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        }
        forceDirectory(target.toAbsolutePath().getParent());
    }

    /** Forces a directory entry change to disk where the platform allows it. */
    public static void forceDirectory(Path directory) {
        try (FileChannel directoryChannel = FileChannel.open(directory, StandardOpenOption.READ)) {
            directoryChannel.force(true);
        } catch (IOException notSupported) {
            // Some platforms (Windows) cannot open or force a directory; the rename is still atomic there.
        }
    }

    public static void deleteQuietly(Path path) {
        if (path == null) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // a leftover temporary file is recognised by its name and harmless
        }
    }

    public static PermedException exists(Path target) {
        return new PermedException(ColumnarErrorCode.SEGMENT_EXISTS, "file " + target
                + " already exists; segments and site tables are written once, choose a new file name",
                Map.of("file", target.toString()));
    }
}
