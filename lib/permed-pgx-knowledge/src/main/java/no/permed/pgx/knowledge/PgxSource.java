package no.permed.pgx.knowledge;

/** Who published a phenotype table or a guideline. */
public enum PgxSource {
    /** Clinical Pharmacogenetics Implementation Consortium (data CC0; "CPIC" is a registered service mark). */
    CPIC,
    /** Dutch Pharmacogenetics Working Group, as curated by ClinPGx (CC BY-SA 4.0). */
    DPWG
}
