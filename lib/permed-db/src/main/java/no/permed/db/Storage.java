package no.permed.db;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import no.permed.kernel.ErrorCode;
import no.permed.kernel.PermedException;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * A capability's database calls, with one rule for failures: a JDBI error becomes a {@link PermedException} of the
 * capability's storage-failure code, saying what could not be done (never the SQL or its values, which may hold
 * personal data; the cause goes to the server log).
 *
 * <pre>{@code
 * Storage storage = new Storage(database.jdbi(), ConsentErrorCode.STORAGE_FAILURE);
 * int n = storage.read("count the consents", handle -> handle.createQuery("select count(*) from consent.decision")
 *         .mapTo(Integer.class).one());
 * }</pre>
 */
public final class Storage {
    private final Jdbi jdbi;
    private final ErrorCode failure;

    public Storage(Jdbi jdbi, ErrorCode failure) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.failure = requireNonNull(failure, "failure is null");
    }

    /** Runs {@code callback} on a handle outside a transaction. */
    public <T> T read(String what, HandleCallback<T, RuntimeException> callback) {
        try {
            return jdbi.withHandle(callback);
        } catch (JdbiException e) {
            throw unavailable(what, e);
        }
    }

    /** Runs {@code callback} in one transaction: all of it is committed, or none. */
    public <T> T inTransaction(String what, HandleCallback<T, RuntimeException> callback) {
        try {
            return jdbi.inTransaction(callback);
        } catch (JdbiException e) {
            throw unavailable(what, e);
        }
    }

    private PermedException unavailable(String what, JdbiException e) {
        return new PermedException(failure, "Cannot " + what + " in the database (see the server log)", Map.of(), e);
    }
}
