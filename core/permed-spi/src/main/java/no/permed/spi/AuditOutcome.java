package no.permed.spi;

/** How an audited action ended. */
public enum AuditOutcome {
    PERMITTED,
    DENIED,
    FAILED
}
