package no.permed.app;

import java.time.Clock;
import no.permed.consent.ConsentView;
import no.permed.db.Database;
import no.permed.genome.GenomeStore;
import no.permed.interpretation.register.Carrier;
import no.permed.interpretation.register.SubmitterDesignations;
import no.permed.interpretation.register.VariantRegister;
import no.permed.security.SecurityModule;
import no.permed.security.care.CareRelationship;
import no.permed.spi.CareRelationships;

/**
 * Opens the register of interpreted variants wired to the other capabilities, the same way for the server and the
 * command line: a recall finds the carriers among the patients' samples in the genome store, and the clinicians with an
 * active care relationship (break-the-glass is access in an emergency, not care: it brings no recall notices); whether a
 * carrier wants such notices is the consent capability's answer (yes where the patient has recorded no choice); the
 * expert panels and practice-guideline bodies are the operator's designations (settings {@code register.expert-panels},
 * {@code register.practice-guidelines}).
 */
public final class VariantRegisters {
    private VariantRegisters() {
    }

    public static VariantRegister open(Database database, GenomeStore genome, SecurityModule security, ConsentView consent,
            SubmitterDesignations designations, Clock clock) {
        return VariantRegister.open(database, security.auditLog(),
                variant -> genome.carriers(variant).stream()
                        .filter(carrier -> carrier.sample().patient().isPresent())
                        .map(carrier -> new Carrier(carrier.sample().patient().get(), carrier.sample().sampleId(),
                                carrier.sample().laboratory()))
                        .toList(),
                (patient, now) -> security.careRelationships().relationshipsOf(patient).stream()
                        .filter(relationship -> relationship.isActiveAt(now))
                        .filter(relationship -> relationship.source() != CareRelationships.Source.BREAK_THE_GLASS)
                        .map(CareRelationship::clinician).distinct().toList(),
                consent::wantsReclassificationNotices, designations, clock);
    }
}
