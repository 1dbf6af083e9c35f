package no.permed.interpretation.register;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import no.permed.kernel.OrganisationId;
import no.permed.kernel.Role;
import no.permed.kernel.UserId;
import no.permed.spi.Principal;

/**
 * Who a notification is for: a laboratory (any of its users may read and acknowledge) or one clinician.
 *
 * @param kind laboratory or clinician
 * @param id the organisation id or the clinician's user id
 */
public record Recipient(Kind kind, String id) {
    /** The kinds of recipient. */
    public enum Kind {
        LABORATORY, CLINICIAN
    }

    public Recipient {
        requireNonNull(kind, "kind is null");
        requireNonNull(id, "id is null");
    }

    public static Recipient laboratory(OrganisationId laboratory) {
        return new Recipient(Kind.LABORATORY, laboratory.value());
    }

    public static Recipient clinician(UserId clinician) {
        return new Recipient(Kind.CLINICIAN, clinician.value());
    }

    /** The recipients a caller reads for: their laboratory (role lab with an organisation) and themself (role clinician). */
    public static List<Recipient> of(Principal principal) {
        requireNonNull(principal, "principal is null");
        List<Recipient> recipients = new ArrayList<>();
        if (principal.hasRole(Role.LAB)) {
            principal.organisation().ifPresent(organisation -> recipients.add(laboratory(organisation)));
        }
        if (principal.hasRole(Role.CLINICIAN)) {
            recipients.add(clinician(principal.user()));
        }
        return List.copyOf(recipients);
    }
}
