package no.permed.db;

import no.permed.kernel.ErrorCode;
import no.permed.kernel.ErrorKind;

/** Errors of the database bootstrap. */
public enum DbErrorCode implements ErrorCode {
    /** Another process holds the data directory's lock. */
    DATA_DIRECTORY_IN_USE(ErrorKind.CONFLICT),
    /** The data directory cannot be created, read or written. */
    DATA_DIRECTORY_UNUSABLE(ErrorKind.UNAVAILABLE),
    /** The database cannot be reached or started. */
    DATABASE_UNAVAILABLE(ErrorKind.UNAVAILABLE),
    /** A schema migration failed; the database was left as it was before that migration. */
    MIGRATION_FAILED(ErrorKind.INTERNAL),
    /** The database configuration is invalid. */
    INVALID_CONFIGURATION(ErrorKind.BAD_INPUT);

    private final ErrorKind kind;

    DbErrorCode(ErrorKind kind) {
        this.kind = kind;
    }

    @Override
    public String code() {
        return "DB_" + name();
    }

    @Override
    public ErrorKind kind() {
        return kind;
    }
}
