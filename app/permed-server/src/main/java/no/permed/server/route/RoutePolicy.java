package no.permed.server.route;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import no.permed.kernel.Role;
import no.permed.spi.Principal;

/**
 * Who may call a route, checked before its handler runs. Every route has one; a route without one
 * is refused to everybody. The policy is the first gate only: services still ask the
 * {@code Authorizer} before they touch a person's data.
 *
 * @param access which kind of caller may pass
 * @param roles for {@link Access#ROLES}, the roles of which the caller needs at least one; empty otherwise
 */
public record RoutePolicy(Access access, Set<Role> roles) {

    /** The kinds of policy. */
    public enum Access {
        /** Anybody, with or without a token. A token that is sent must still be valid. */
        ANONYMOUS,
        /** Any caller with a valid bearer token, whatever their roles. */
        AUTHENTICATED,
        /** A caller with a valid bearer token holding at least one of the listed roles. */
        ROLES
    }

    /** What the policy says about one caller. */
    public enum Decision {
        ALLOW,
        /** The caller has no token (401). */
        AUTHENTICATION_REQUIRED,
        /** The caller is authenticated but lacks a required role (403). */
        FORBIDDEN
    }

    public RoutePolicy {
        requireNonNull(access, "access is null");
        roles = Set.copyOf(requireNonNull(roles, "roles is null"));
        boolean needsRoles = access == Access.ROLES;
        if (needsRoles && roles.isEmpty()) {
            throw new IllegalArgumentException("a ROLES policy needs at least one role; allowed roles: " + Role.allowedWireNames());
        }
        if (!needsRoles && !roles.isEmpty()) {
            throw new IllegalArgumentException("an " + access + " policy takes no roles, but got " + roles);
        }
    }

    /** Anybody may call the route (health checks, Beacon, the OpenAPI document). */
    public static RoutePolicy anonymous() {
        return new RoutePolicy(Access.ANONYMOUS, Set.of());
    }

    /** Any authenticated caller may call the route. */
    public static RoutePolicy authenticated() {
        return new RoutePolicy(Access.AUTHENTICATED, Set.of());
    }

    /** Only authenticated callers holding at least one of these roles may call the route. */
    public static RoutePolicy roles(Role first, Role... more) {
        EnumSet<Role> all = EnumSet.of(requireNonNull(first, "first role is null"));
        for (Role role : more) {
            all.add(requireNonNull(role, "role is null"));
        }
        return new RoutePolicy(Access.ROLES, all);
    }

    /** Whether this caller may pass. */
    public Decision decide(Principal principal) {
        requireNonNull(principal, "principal is null");
        return switch (access) {
            case ANONYMOUS -> Decision.ALLOW;
            case AUTHENTICATED -> principal.authenticated() ? Decision.ALLOW : Decision.AUTHENTICATION_REQUIRED;
            case ROLES -> {
                if (!principal.authenticated()) {
                    yield Decision.AUTHENTICATION_REQUIRED;
                }
                yield principal.hasAnyRole(roles) ? Decision.ALLOW : Decision.FORBIDDEN;
            }
        };
    }

    /** The role wire names in a stable order, e.g. {@code [clinician, lab]}. */
    public List<String> roleWireNames() {
        return Arrays.stream(Role.values()).filter(roles::contains).map(Role::wireName).toList();
    }

    /** One sentence for documentation and error messages. */
    public String describe() {
        return switch (access) {
            case ANONYMOUS -> "No authentication needed.";
            case AUTHENTICATED -> "Needs a valid bearer token; any role.";
            case ROLES -> "Needs a valid bearer token with one of the roles: " + String.join(", ", roleWireNames()) + ".";
        };
    }
}
