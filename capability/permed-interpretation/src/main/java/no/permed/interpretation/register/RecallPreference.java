package no.permed.interpretation.register;

import no.permed.kernel.Pseudonym;

/**
 * Whether a patient wants to be told when a variant they carry is reclassified. The consent capability will answer
 * this from the patient's dynamic consent; until it lands the register uses {@link #ALWAYS}, which says yes for
 * everybody: recall is part of treatment, and the law's default is that the patient is informed. A carrier who says
 * no gets no notification (neither to clinicians nor to the testing laboratory); the decision is audited.
 */
@FunctionalInterface
public interface RecallPreference {
    /** Yes for every patient: the default until the consent capability answers. */
    RecallPreference ALWAYS = patient -> true;

    /** Whether the patient wants to be told about reclassifications of variants they carry. */
    boolean wantsReclassificationNotices(Pseudonym patient);
}
