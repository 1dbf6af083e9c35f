package no.permed.interpretation.acmg;

/** Whether a criterion is evidence for pathogenicity or for benignity. */
public enum Direction {
    PATHOGENIC,
    BENIGN
}
