package no.permed.frequency;

/** Who is asking, as the Beacon's security levels name it; each tier has its own privacy rules. */
public enum AccessTier {
    /** Anybody, without a token. */
    PUBLIC,
    /** Any authenticated user. */
    REGISTERED,
    /** A user holding a permit for the dataset. */
    CONTROLLED
}
