package no.permed.consent;

/** Whether a consent version gives consent or withdraws it. */
public enum ConsentStatus {
    GIVEN, WITHDRAWN
}
