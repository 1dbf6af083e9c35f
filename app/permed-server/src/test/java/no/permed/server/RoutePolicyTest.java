package no.permed.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.Set;
import no.permed.kernel.Role;
import no.permed.kernel.UserId;
import no.permed.server.route.RoutePolicy;
import no.permed.server.route.RoutePolicy.Access;
import no.permed.server.route.RoutePolicy.Decision;
import no.permed.spi.Principal;
import org.junit.jupiter.api.Test;

class RoutePolicyTest {
    private static final Principal ANONYMOUS = Principal.anonymous();
    private static final Principal LAB = new Principal(UserId.of("lab-1"), Set.of(Role.LAB), Optional.empty(), Optional.empty(), true);
    private static final Principal PATIENT = new Principal(UserId.of("p-1"), Set.of(Role.PATIENT), Optional.empty(), Optional.empty(), true);

    @Test
    void anonymousLetsEverybodyThrough() {
        assertThat(RoutePolicy.anonymous().decide(ANONYMOUS)).isEqualTo(Decision.ALLOW);
        assertThat(RoutePolicy.anonymous().decide(LAB)).isEqualTo(Decision.ALLOW);
    }

    @Test
    void authenticatedNeedsAToken() {
        assertThat(RoutePolicy.authenticated().decide(ANONYMOUS)).isEqualTo(Decision.AUTHENTICATION_REQUIRED);
        assertThat(RoutePolicy.authenticated().decide(PATIENT)).isEqualTo(Decision.ALLOW);
    }

    @Test
    void rolesNeedsATokenAndOneOfTheRoles() {
        RoutePolicy policy = RoutePolicy.roles(Role.LAB, Role.CLINICIAN);

        assertThat(policy.decide(ANONYMOUS)).isEqualTo(Decision.AUTHENTICATION_REQUIRED);
        assertThat(policy.decide(PATIENT)).isEqualTo(Decision.FORBIDDEN);
        assertThat(policy.decide(LAB)).isEqualTo(Decision.ALLOW);
        assertThat(policy.roleWireNames()).containsExactly("clinician", "lab");
        assertThat(policy.describe()).isEqualTo("Needs a valid bearer token with one of the roles: clinician, lab.");
    }

    @Test
    void rolesAndAccessMustAgree() {
        assertThatThrownBy(() -> new RoutePolicy(Access.ROLES, Set.of())).hasMessageContaining("at least one role");
        assertThatThrownBy(() -> new RoutePolicy(Access.ANONYMOUS, Set.of(Role.LAB))).hasMessageContaining("takes no roles");
    }
}
