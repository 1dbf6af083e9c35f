package no.permed.security.pseudonym;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import no.permed.kernel.PermedException;
import no.permed.security.SecurityErrorCode;
import no.permed.security.internal.OwnerOnlyFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pseudonym keys: 256-bit random keys in a file outside the database (by default
 * {@code <data>/keys/pseudonym.keys}), created on first start with owner-only permissions
 * ({@code rw-------}). Versioned, so that the key can be rotated: {@link #rotate()} adds a version
 * and makes it current; pseudonyms made under older versions keep their version prefix and are
 * still checked against their own key.
 *
 * <p>The file is refused ({@code SECURITY_KEY_FILE_UNSAFE}) when group or others may read or write
 * it. Losing it makes every stored pseudonym unlinkable to its person: back it up separately from
 * the database, never together with it.
 *
 * <p>File format (text, UTF-8): comment lines starting with {@code #}, then
 * {@code format=permed-pseudonym-keys-1}, {@code current=<version>}, and per version
 * {@code key.<version>=<32 bytes as base64url>} and {@code created.<version>=<ISO-8601 instant>}.
 */
public final class PseudonymKeyStore {
    /** Bytes per key (256 bits). */
    public static final int KEY_BYTES = 32;
    /** The largest key version a pseudonym can name ({@code p9999_…}). */
    public static final int MAXIMUM_VERSION = 9999;

    static final String FORMAT = "permed-pseudonym-keys-1";
    private static final Logger LOG = LoggerFactory.getLogger(PseudonymKeyStore.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One key version as the operator may see it: no key material. */
    public record KeyVersion(int version, Instant created) {
        public KeyVersion {
            requireNonNull(created, "created is null");
        }
    }

    private record KeyRing(int current, NavigableMap<Integer, byte[]> keys, Map<Integer, Instant> created) {}

    private final Path file;
    private final Clock clock;
    private volatile KeyRing ring;

    private PseudonymKeyStore(Path file, Clock clock, KeyRing ring) {
        this.file = file;
        this.clock = clock;
        this.ring = ring;
    }

    /**
     * Opens the key file, creating it with a first random key if it does not exist (its directory
     * is created owner-only too).
     *
     * @throws PermedException KEY_FILE_UNSAFE if group or others may access it; KEY_FILE_INVALID if
     *     it cannot be read or parsed
     */
    public static PseudonymKeyStore openOrCreate(Path file, Clock clock) {
        requireNonNull(file, "file is null");
        requireNonNull(clock, "clock is null");
        Path absolute = file.toAbsolutePath().normalize();
        if (!Files.exists(absolute)) {
            OwnerOnlyFiles.createDirectory(absolute.getParent());
            KeyRing first = new KeyRing(1, new TreeMap<>(Map.of(1, newKey())), Map.of(1, now(clock)));
            try {
                if (OwnerOnlyFiles.createNew(absolute, serialise(first))) {
                    LOG.warn("Created a new pseudonym key file {} (key version 1). Back it up separately from the"
                            + " database: without it, stored pseudonyms cannot be linked to people again.", absolute);
                }
            } catch (IOException e) {
                throw invalid("cannot create the pseudonym key file " + absolute + " (" + e.getClass().getSimpleName()
                        + "); check that its directory is writable by this user", absolute, e);
            }
        }
        return open(absolute, clock);
    }

    /** Opens an existing key file. */
    public static PseudonymKeyStore open(Path file, Clock clock) {
        requireNonNull(file, "file is null");
        requireNonNull(clock, "clock is null");
        Path absolute = file.toAbsolutePath().normalize();
        KeyRing ring = read(absolute);
        LOG.info("Pseudonym keys: {} version(s), current version {}, from {}", ring.keys().size(), ring.current(), absolute);
        return new PseudonymKeyStore(absolute, clock, ring);
    }

    public Path file() {
        return file;
    }

    /** The version new pseudonyms are made with. */
    public int currentVersion() {
        return ring.current();
    }

    /** Every version held, oldest first, without key material. */
    public List<KeyVersion> versions() {
        KeyRing snapshot = ring;
        return snapshot.keys().keySet().stream().map(version -> new KeyVersion(version, snapshot.created().get(version))).toList();
    }

    /**
     * Adds a new random key version and makes it current, writing the file atomically (under a file
     * lock, so that two processes rotating at once do not lose a version). Existing pseudonyms are
     * not changed: they keep naming their own version.
     *
     * @return the new current version
     */
    public synchronized int rotate() {
        Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = channel.lock();
            try {
                return rotateLocked();
            } finally {
                lock.release();
            }
        } catch (IOException e) {
            throw invalid("cannot rotate the pseudonym key in " + file + " (" + e.getClass().getSimpleName()
                    + "); the file was not changed", file, e);
        }
    }

    private int rotateLocked() throws IOException {
        KeyRing onDisk = read(file);
        int version = onDisk.keys().lastKey() + 1;
        if (version > MAXIMUM_VERSION) {
            throw invalid("the pseudonym key file already holds version " + MAXIMUM_VERSION
                    + ", the last a pseudonym can name", file, null);
        }
        NavigableMap<Integer, byte[]> keys = new TreeMap<>(onDisk.keys());
        keys.put(version, newKey());
        Map<Integer, Instant> created = new TreeMap<>(onDisk.created());
        created.put(version, now(clock));
        KeyRing rotated = new KeyRing(version, keys, created);
        OwnerOnlyFiles.replace(file, serialise(rotated));
        ring = rotated;
        LOG.warn("Rotated the pseudonym key in {}: version {} is now current; back up the key file again", file, version);
        return version;
    }

    /** The key of one version (a copy). Package-private: key material never leaves this package. */
    byte[] key(int version) {
        byte[] key = ring.keys().get(version);
        if (key == null) {
            throw new PermedException(
                    SecurityErrorCode.UNKNOWN_KEY_VERSION,
                    "pseudonym key version " + version + " is not in the key file (it holds versions "
                            + ring.keys().keySet() + "); restore the key file from its backup",
                    Map.of("keyVersion", version));
        }
        return key.clone();
    }

    /** The versions held, newest first. */
    List<Integer> versionsNewestFirst() {
        return List.copyOf(ring.keys().descendingKeySet());
    }

    private static byte[] newKey() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    private static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private static byte[] serialise(KeyRing ring) {
        StringBuilder text = new StringBuilder();
        text.append("# permed pseudonym keys. SECRET: readable by its owner only (chmod 600). Keep it outside the\n");
        text.append("# database and back it up separately: without it, pseudonyms cannot be linked to people again.\n");
        text.append("# Do not edit by hand; rotate with the permed CLI.\n");
        text.append("format=").append(FORMAT).append('\n');
        text.append("current=").append(ring.current()).append('\n');
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        for (Map.Entry<Integer, byte[]> key : ring.keys().entrySet()) {
            text.append("key.").append(key.getKey()).append('=').append(encoder.encodeToString(key.getValue())).append('\n');
            text.append("created.").append(key.getKey()).append('=').append(ring.created().get(key.getKey())).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static KeyRing read(Path file) {
        if (!Files.exists(file)) {
            throw invalid("the pseudonym key file " + file + " does not exist; restore it from its backup (a new"
                    + " key would make every stored pseudonym unlinkable)", file, null);
        }
        OwnerOnlyFiles.requireOwnerOnly(file, "pseudonym key file");
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw invalid("cannot read the pseudonym key file " + file + " (" + e.getClass().getSimpleName()
                    + "); check that it is readable by this user", file, e);
        }
        String format = null;
        Integer current = null;
        NavigableMap<Integer, byte[]> keys = new TreeMap<>();
        Map<Integer, Instant> created = new TreeMap<>();
        for (int index = 0; index < lines.size(); index++) {
            int lineNumber = index + 1;
            String line = lines.get(index).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals < 1) {
                throw malformed(file, lineNumber, "expected name=value");
            }
            String name = line.substring(0, equals);
            String value = line.substring(equals + 1);
            if (name.equals("format")) {
                format = value;
            } else if (name.equals("current")) {
                current = version(value, file, lineNumber);
            } else if (name.startsWith("key.")) {
                int version = version(name.substring("key.".length()), file, lineNumber);
                byte[] key;
                try {
                    key = Base64.getUrlDecoder().decode(value);
                } catch (IllegalArgumentException e) {
                    throw malformed(file, lineNumber, "the key of version " + version + " is not base64url");
                }
                if (key.length != KEY_BYTES) {
                    throw malformed(file, lineNumber, "the key of version " + version + " is not " + KEY_BYTES + " bytes");
                }
                if (keys.put(version, key) != null) {
                    throw malformed(file, lineNumber, "key version " + version + " appears twice");
                }
            } else if (name.startsWith("created.")) {
                int version = version(name.substring("created.".length()), file, lineNumber);
                try {
                    created.put(version, Instant.parse(value));
                } catch (DateTimeParseException e) {
                    throw malformed(file, lineNumber, "created." + version + " is not an ISO-8601 instant");
                }
            } else {
                throw malformed(file, lineNumber, "unknown entry '" + name + "'");
            }
        }
        if (!FORMAT.equals(format)) {
            throw malformed(file, 0, "it does not declare format=" + FORMAT);
        }
        if (current == null) {
            throw malformed(file, 0, "it has no current=<version> line");
        }
        if (!keys.containsKey(current)) {
            throw malformed(file, 0, "the current version " + current + " has no key");
        }
        for (Integer version : keys.keySet()) {
            created.putIfAbsent(version, Instant.EPOCH);
        }
        return new KeyRing(current, Collections.unmodifiableNavigableMap(keys), Map.copyOf(created));
    }

    private static int version(String text, Path file, int lineNumber) {
        if (!text.matches("[0-9]{1,4}") || Integer.parseInt(text) < 1) {
            throw malformed(file, lineNumber, "a key version is a number from 1 to " + MAXIMUM_VERSION);
        }
        return Integer.parseInt(text);
    }

    private static PermedException malformed(Path file, int lineNumber, String problem) {
        String where = lineNumber > 0 ? " line " + lineNumber : "";
        return new PermedException(
                SecurityErrorCode.KEY_FILE_INVALID,
                "the pseudonym key file " + file + where + " is not valid: " + problem
                        + "; restore the file from its backup",
                lineNumber > 0 ? Map.of("path", file.toString(), "line", lineNumber) : Map.of("path", file.toString()));
    }

    private static PermedException invalid(String message, Path file, Exception cause) {
        return new PermedException(SecurityErrorCode.KEY_FILE_INVALID, message, Map.of("path", file.toString()), cause);
    }

    @Override
    public String toString() {
        return "PseudonymKeyStore[" + file + ", current version " + ring.current() + "]";
    }
}
