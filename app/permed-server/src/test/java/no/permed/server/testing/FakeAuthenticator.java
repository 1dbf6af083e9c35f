package no.permed.server.testing;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.permed.kernel.ErrorCode;
import no.permed.kernel.ErrorKind;
import no.permed.kernel.PermedException;
import no.permed.kernel.Role;
import no.permed.kernel.UserId;
import no.permed.spi.Authenticator;
import no.permed.spi.Principal;

/** Maps fixed bearer tokens to principals; any other token is refused as a real authenticator would. */
public final class FakeAuthenticator implements Authenticator {
    public static final String PATIENT = "patient-token";
    public static final String CLINICIAN = "clinician-token";
    public static final String LAB = "lab-token";
    public static final String RESEARCHER = "researcher-token";
    public static final String NO_ROLES = "no-roles-token";
    public static final String EXPIRED = "expired-token";

    /** The error codes of this fake, in the shape of a real module's. */
    public enum TokenErrorCode implements ErrorCode {
        TOKEN_EXPIRED,
        TOKEN_UNKNOWN;

        @Override
        public String code() {
            return "TEST_" + name();
        }

        @Override
        public ErrorKind kind() {
            return ErrorKind.UNAUTHENTICATED;
        }
    }

    private static final Map<String, Principal> PRINCIPALS = Map.of(
            PATIENT, principal("patient-1", Role.PATIENT),
            CLINICIAN, principal("clinician-1", Role.CLINICIAN),
            LAB, principal("lab-1", Role.LAB),
            RESEARCHER, principal("researcher-1", Role.RESEARCHER),
            NO_ROLES, new Principal(UserId.of("nobody-1"), Set.of(), Optional.empty(), Optional.empty(), true));

    @Override
    public Principal authenticate(Optional<String> authorizationHeader) {
        if (authorizationHeader.isEmpty()) {
            return Principal.anonymous();
        }
        String header = authorizationHeader.get();
        if (!header.startsWith("Bearer ")) {
            throw new PermedException(TokenErrorCode.TOKEN_UNKNOWN, "The Authorization header must be 'Bearer <token>'.");
        }
        String token = header.substring("Bearer ".length());
        if (token.equals(EXPIRED)) {
            throw new PermedException(TokenErrorCode.TOKEN_EXPIRED, "The bearer token has expired; get a new one.");
        }
        Principal principal = PRINCIPALS.get(token);
        if (principal == null) {
            throw new PermedException(TokenErrorCode.TOKEN_UNKNOWN, "The bearer token is not valid.");
        }
        return principal;
    }

    private static Principal principal(String user, Role role) {
        return new Principal(UserId.of(user), Set.of(role), Optional.empty(), Optional.empty(), true);
    }
}
