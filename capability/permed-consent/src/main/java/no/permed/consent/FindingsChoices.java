package no.permed.consent;

/**
 * The patient's right to know and not to know: whether they want to be told of incidental and secondary findings
 * (the ACMG secondary-findings genes), and whether they want notices when a variant of theirs is reclassified.
 */
public record FindingsChoices(boolean incidentalFindings, boolean reclassificationNotices) {
}
