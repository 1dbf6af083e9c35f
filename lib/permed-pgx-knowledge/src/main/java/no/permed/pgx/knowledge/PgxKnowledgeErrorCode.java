package no.permed.pgx.knowledge;

import no.permed.kernel.ErrorCode;
import no.permed.kernel.ErrorKind;

/** Errors of the PGx knowledge: broken resources (our fault) and lookups of unknown names (the caller's). */
public enum PgxKnowledgeErrorCode implements ErrorCode {
    /** A knowledge resource is not on the classpath: the jar is incomplete. */
    RESOURCE_MISSING(ErrorKind.INTERNAL),
    /** A knowledge resource cannot be read or does not have the expected content. */
    RESOURCE_CORRUPT(ErrorKind.INTERNAL),
    /** A gene symbol that the knowledge does not know. */
    UNKNOWN_GENE(ErrorKind.NOT_FOUND),
    /** An allele name that is not defined for the gene. */
    UNKNOWN_ALLELE(ErrorKind.NOT_FOUND);

    private final ErrorKind kind;

    PgxKnowledgeErrorCode(ErrorKind kind) {
        this.kind = kind;
    }

    @Override
    public String code() {
        return "PGX_KNOWLEDGE_" + name();
    }

    @Override
    public ErrorKind kind() {
        return kind;
    }
}
