package no.permed.prs.person;

/** How the reference population of a person's score was chosen. */
public enum PopulationChoice {
    /** Named by the caller (or the programme). */
    GIVEN,
    /** The nearest super-population by projection onto the reference's principal components. */
    ANCESTRY
}
