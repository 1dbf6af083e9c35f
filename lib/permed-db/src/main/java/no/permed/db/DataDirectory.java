package no.permed.db;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import no.permed.kernel.PermedException;

/**
 * The data directory of one permed process, held under an exclusive file lock for as long as the
 * process uses it. A second process on the same directory gets {@link DbErrorCode#DATA_DIRECTORY_IN_USE}
 * instead of sharing the embedded database and key files. The operating system releases the lock
 * when the process dies, so a crash never leaves the directory locked.
 */
public final class DataDirectory implements AutoCloseable {
    static final String LOCK_FILE = ".permed.lock";

    private final Path root;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectory(Path root, FileChannel channel, FileLock lock) {
        this.root = root;
        this.channel = channel;
        this.lock = lock;
    }

    /** Creates the directory if needed and takes its lock. */
    public static DataDirectory open(Path directory) {
        requireNonNull(directory, "directory is null");
        Path root = directory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new PermedException(
                    DbErrorCode.DATA_DIRECTORY_UNUSABLE,
                    "cannot create data directory " + root + ": " + e.getClass().getSimpleName()
                            + "; choose another with --data or check its permissions",
                    Map.of("path", root.toString()),
                    e);
        }
        Path lockFile = root.resolve(LOCK_FILE);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String holder = readHolder(channel);
                channel.close();
                throw new PermedException(
                        DbErrorCode.DATA_DIRECTORY_IN_USE,
                        "data directory " + root + " is in use by another permed process" + holder
                                + "; stop that process or choose another directory with --data",
                        Map.of("path", root.toString()));
            }
            byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(pid), 0);
            channel.force(true);
            return new DataDirectory(root, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new PermedException(
                    DbErrorCode.DATA_DIRECTORY_UNUSABLE,
                    "cannot lock data directory " + root + ": " + e.getClass().getSimpleName(),
                    Map.of("path", root.toString()),
                    e);
        }
    }

    private static String readHolder(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(32);
            channel.read(buffer, 0);
            String pid = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
            return pid.matches("[0-9]+") ? " (process id " + pid + ")" : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing; the original error is reported
            }
        }
    }

    public Path root() {
        return root;
    }

    /** A directory below the root, created if needed. */
    public Path subdirectory(String name) {
        Path path = root.resolve(name);
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw new PermedException(
                    DbErrorCode.DATA_DIRECTORY_UNUSABLE,
                    "cannot create " + path + ": " + e.getClass().getSimpleName(),
                    Map.of("path", path.toString()),
                    e);
        }
        return path;
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // the channel close below releases it too
        }
        closeQuietly(channel);
    }
}
