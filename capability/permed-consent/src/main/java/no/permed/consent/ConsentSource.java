package no.permed.consent;

/** How a consent decision came: digitally from the patient, or on paper and registered by staff. */
public enum ConsentSource {
    DIGITAL, PAPER
}
