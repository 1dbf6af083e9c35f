package no.permed.security.testing;

import java.util.Optional;
import java.util.Set;
import no.permed.kernel.OrganisationId;
import no.permed.kernel.Pseudonym;
import no.permed.kernel.Role;
import no.permed.kernel.UserId;
import no.permed.spi.Principal;
import no.permed.spi.RequestContext;

/** Principals and request contexts for tests. */
public final class Principals {
    private Principals() {}

    public static Principal user(String user, Role... roles) {
        return new Principal(UserId.of(user), Set.of(roles), Optional.empty(), Optional.empty(), true);
    }

    public static Principal lab(String user, String organisation) {
        return new Principal(UserId.of(user), Set.of(Role.LAB), Optional.of(OrganisationId.of(organisation)), Optional.empty(), true);
    }

    public static Principal patient(String user, Pseudonym self) {
        return new Principal(UserId.of(user), Set.of(Role.PATIENT), Optional.empty(), Optional.of(self), true);
    }

    public static RequestContext context(Principal principal) {
        return new RequestContext(principal, "request-" + principal.user().value());
    }

    /** A valid pseudonym whose 43 characters repeat one letter (tests only). */
    public static Pseudonym pseudonym(char letter) {
        return Pseudonym.of("p1_" + String.valueOf(letter).repeat(43));
    }
}
