package no.permed.interpretation.register;

import java.util.Optional;
import java.util.Set;
import no.permed.kernel.OrganisationId;
import no.permed.kernel.Pseudonym;
import no.permed.kernel.Role;
import no.permed.kernel.UserId;
import no.permed.spi.Principal;
import no.permed.spi.RequestContext;

/** Request contexts of test callers. */
final class Callers {
    static final OrganisationId OSLO = OrganisationId.of("demo-lab-oslo");
    static final OrganisationId BERGEN = OrganisationId.of("demo-lab-bergen");

    private Callers() {
    }

    static RequestContext lab(OrganisationId organisation) {
        return new RequestContext(new Principal(UserId.of("user-of-" + organisation.value()), Set.of(Role.LAB), Optional.of(organisation),
                Optional.empty(), true), "test");
    }

    static RequestContext clinician(String user) {
        return new RequestContext(new Principal(UserId.of(user), Set.of(Role.CLINICIAN), Optional.of(OrganisationId.of("demo-hospital")),
                Optional.empty(), true), "test");
    }

    /** A syntactically valid store pseudonym, distinct per number (no real person behind it). */
    static Pseudonym patient(int number) {
        String suffix = Integer.toString(number);
        return Pseudonym.of("p1_" + "A".repeat(43 - suffix.length()) + suffix);
    }
}
