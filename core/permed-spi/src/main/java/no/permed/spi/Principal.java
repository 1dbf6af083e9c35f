package no.permed.spi;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.Set;
import no.permed.kernel.OrganisationId;
import no.permed.kernel.Pseudonym;
import no.permed.kernel.Role;
import no.permed.kernel.UserId;

/**
 * Who is calling: the verified identity from a bearer token, or the anonymous caller.
 *
 * @param user the identity provider's subject; {@code anonymous} for the anonymous caller
 * @param roles the permed roles the token grants; empty for the anonymous caller
 * @param organisation the organisation the user acts for, when the token names one
 * @param self the pseudonym of the person the user is, for patients (derived from the token's
 *     national identity number claim, which is never kept)
 * @param authenticated false only for {@link #anonymous()}
 */
public record Principal(
        UserId user, Set<Role> roles, Optional<OrganisationId> organisation, Optional<Pseudonym> self, boolean authenticated) {

    private static final Principal ANONYMOUS =
            new Principal(UserId.of("anonymous"), Set.of(), Optional.empty(), Optional.empty(), false);

    public Principal {
        requireNonNull(user, "user is null");
        roles = Set.copyOf(requireNonNull(roles, "roles is null"));
        requireNonNull(organisation, "organisation is null");
        requireNonNull(self, "self is null");
        if (!authenticated && !roles.isEmpty()) {
            throw new IllegalArgumentException("an anonymous principal holds no roles");
        }
    }

    public static Principal anonymous() {
        return ANONYMOUS;
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    public boolean hasAnyRole(Set<Role> wanted) {
        return wanted.stream().anyMatch(roles::contains);
    }
}
