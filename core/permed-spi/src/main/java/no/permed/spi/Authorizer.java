package no.permed.spi;

import no.permed.kernel.Pseudonym;
import no.permed.kernel.Purpose;

/**
 * The one place that decides whether a caller may touch a person's data. Deny by default: a caller
 * is let through only by an explicit rule (the patient themself; a clinician with a current care
 * relationship or a declared break-the-glass access; a laboratory acting on a sample it submits;
 * later, a researcher with a permit). Every decision, either way, is written to the audit log.
 */
public interface Authorizer {
    /**
     * Checks and audits one access to the personal data of {@code subject}.
     *
     * @param action the audit action name, e.g. {@code pgx.profile.read}
     * @return the audit sequence number of the PERMITTED entry
     * @throws no.permed.kernel.PermedException of kind FORBIDDEN (after auditing the denial)
     */
    long requirePatientAccess(RequestContext context, Pseudonym subject, Purpose purpose, String action);
}
