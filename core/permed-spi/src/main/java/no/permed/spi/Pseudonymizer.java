package no.permed.spi;

import java.util.List;
import no.permed.kernel.NationalId;
import no.permed.kernel.Pseudonym;

/**
 * Keyed pseudonyms (HMAC-SHA-256 with a key held outside the database). National identity numbers
 * go in and are never stored; only pseudonyms leave.
 */
public interface Pseudonymizer {
    /** The store's pseudonym of this person under the current key version. */
    Pseudonym pseudonymOf(NationalId nationalId);

    /**
     * The person's pseudonyms under every key version still held, the current one first. Look-ups
     * by national identity number use all of them, so that people stored before a key rotation are
     * still found.
     */
    default List<Pseudonym> allPseudonymsOf(NationalId nationalId) {
        return List.of(pseudonymOf(nationalId));
    }

    /**
     * The per-project pseudonym of a person for a research extract: stable within the project,
     * unlinkable between projects without the key.
     */
    Pseudonym projectPseudonym(Pseudonym storePseudonym, String projectId);
}
