package no.permed.security.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import no.permed.kernel.PermedException;
import no.permed.security.SecurityErrorCode;

/**
 * Files that hold secrets (pseudonym keys, the development signing key): created with owner-only
 * permissions, written atomically, and refused when group or others may read or write them.
 * Not part of the module's API.
 */
public final class OwnerOnlyFiles {
    /** {@code rw-------} */
    public static final Set<PosixFilePermission> FILE_PERMISSIONS =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    /** {@code rwx------} */
    public static final Set<PosixFilePermission> DIRECTORY_PERMISSIONS = EnumSet.of(
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);

    private OwnerOnlyFiles() {}

    /** Creates the directory (and parents) if missing; a directory created here is {@code rwx------}. */
    public static void createDirectory(Path directory) {
        try {
            if (Files.isDirectory(directory)) {
                return;
            }
            if (isPosix(directory.toAbsolutePath().getRoot())) {
                Path parent = directory.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                try {
                    Files.createDirectory(directory, attribute(DIRECTORY_PERMISSIONS));
                } catch (FileAlreadyExistsException raced) {
                    // another process created it at the same moment
                }
            } else {
                Files.createDirectories(directory);
            }
        } catch (IOException e) {
            throw new PermedException(
                    SecurityErrorCode.KEY_FILE_INVALID,
                    "cannot create directory " + directory + " for key files (" + e.getClass().getSimpleName()
                            + "); check that the data directory is writable by this user",
                    Map.of("path", directory.toString()),
                    e);
        }
    }

    /**
     * Writes a new owner-only file, atomically and only if it does not exist yet (two processes
     * starting at once cannot both create it).
     *
     * @return true if this call created the file; false if it existed already (it is left unchanged)
     */
    public static boolean createNew(Path file, byte[] content) throws IOException {
        Path temporary = writeTemporary(file, content);
        try {
            Files.createLink(file, temporary);
            syncDirectory(file.getParent());
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException | IOException linkNotSupported) {
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(file.getParent());
            return true;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Replaces an owner-only file atomically: readers see either the old or the new content. */
    public static void replace(Path file, byte[] content) throws IOException {
        Path temporary = writeTemporary(file, content);
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(file.getParent());
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Refuses a secret file that group or others may read or write.
     *
     * @param what what the file holds, for the message (for example "pseudonym key file")
     */
    public static void requireOwnerOnly(Path file, String what) {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = view.readAttributes().permissions();
        } catch (IOException e) {
            throw new PermedException(
                    SecurityErrorCode.KEY_FILE_INVALID,
                    "cannot read the permissions of " + what + " " + file + " (" + e.getClass().getSimpleName() + ")",
                    Map.of("path", file.toString()),
                    e);
        }
        Set<PosixFilePermission> tooOpen = EnumSet.noneOf(PosixFilePermission.class);
        tooOpen.addAll(permissions);
        tooOpen.retainAll(GROUP_OR_OTHERS);
        if (!tooOpen.isEmpty()) {
            throw new PermedException(
                    SecurityErrorCode.KEY_FILE_UNSAFE,
                    what + " " + file + " is accessible to group or others (permissions "
                            + PosixFilePermissions.toString(permissions) + "); it must be readable by its owner only."
                            + " Run: chmod 600 " + file + " (and check who may have copied it)",
                    Map.of("path", file.toString(), "permissions", PosixFilePermissions.toString(permissions)));
        }
    }

    private static Path writeTemporary(Path file, byte[] content) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Path temporary;
        if (isPosix(directory)) {
            temporary = Files.createTempFile(directory, "." + file.getFileName(), ".tmp", attribute(FILE_PERMISSIONS));
        } else {
            temporary = Files.createTempFile(directory, "." + file.getFileName(), ".tmp");
        }
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        return temporary;
    }

    private static void syncDirectory(Path directory) {
        if (directory == null) {
            return;
        }
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException ignored) {
            // not every platform can sync a directory; the file itself was synced
        }
    }

    private static boolean isPosix(Path path) {
        return path != null && Files.getFileAttributeView(path, PosixFileAttributeView.class) != null;
    }

    private static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> permissions) {
        return PosixFilePermissions.asFileAttribute(permissions);
    }
}
