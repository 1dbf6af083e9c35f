package no.permed.kernel;

/** Why personal data are being read or written; recorded in every audit entry and shown to patients. */
public enum Purpose {
    /** Treatment of the patient by a clinician with a care relationship. */
    TREATMENT("treatment"),
    /** Emergency access by a clinician without a prior care relationship, with a stated reason. */
    BREAK_THE_GLASS("break-the-glass"),
    /** A laboratory submitting or interpreting a patient's sample. */
    LABORATORY("laboratory"),
    /** Research under a permit. */
    RESEARCH("research"),
    /** Quality assurance of the service. */
    QUALITY_ASSURANCE("quality-assurance"),
    /** A case handler processing an application or a patient's request. */
    CASE_HANDLING("case-handling"),
    /** The patient reading or changing their own data. */
    SELF_SERVICE("self-service"),
    /** Security administration: audit, keys, users. */
    SECURITY_ADMINISTRATION("security-administration");

    private final String wireName;

    Purpose(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
