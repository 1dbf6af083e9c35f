package no.permed.security.token;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.Set;
import no.permed.kernel.NationalId;
import no.permed.kernel.OrganisationId;
import no.permed.kernel.Role;
import no.permed.kernel.UserId;

/**
 * A made-up user for development and demonstrations, for whom the {@link DevelopmentTokenIssuer}
 * mints tokens. Patients carry a synthetic national identity number (month + 80), which is never a
 * real person's.
 *
 * @param description one line for the CLI's listing
 */
public record DemoUser(
        UserId user, Set<Role> roles, Optional<OrganisationId> organisation, Optional<NationalId> nationalId, String description) {

    public DemoUser {
        requireNonNull(user, "user is null");
        roles = Set.copyOf(requireNonNull(roles, "roles is null"));
        requireNonNull(organisation, "organisation is null");
        requireNonNull(nationalId, "nationalId is null");
        requireNonNull(description, "description is null");
        nationalId.ifPresent(id -> {
            if (id.kind() != NationalId.Kind.SYNTHETIC) {
                throw new IllegalArgumentException("demo users carry synthetic national identity numbers only");
            }
        });
    }
}
