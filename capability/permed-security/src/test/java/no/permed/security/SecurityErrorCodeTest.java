package no.permed.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumSet;
import no.permed.kernel.ErrorKind;
import org.junit.jupiter.api.Test;

class SecurityErrorCodeTest {
    @Test
    void codesAreStableAndPrefixed() {
        assertThat(SecurityErrorCode.TOKEN_EXPIRED.code()).isEqualTo("SECURITY_TOKEN_EXPIRED");
        assertThat(Arrays.stream(SecurityErrorCode.values()).map(SecurityErrorCode::code))
                .allMatch(code -> code.matches("SECURITY_[A-Z_]+"))
                .doesNotHaveDuplicates();
    }

    @Test
    void everyTokenProblemIsUnauthenticated() {
        for (SecurityErrorCode code : SecurityErrorCode.values()) {
            if (code.name().startsWith("TOKEN_")) {
                assertThat(code.kind()).as(code.code()).isEqualTo(ErrorKind.UNAUTHENTICATED);
            }
        }
        assertThat(EnumSet.of(SecurityErrorCode.NO_KNOWN_ROLE, SecurityErrorCode.AUTHENTICATION_REQUIRED))
                .allMatch(code -> code.kind() == ErrorKind.UNAUTHENTICATED);
        assertThat(SecurityErrorCode.ACCESS_DENIED.kind()).isEqualTo(ErrorKind.FORBIDDEN);
        assertThat(SecurityErrorCode.KEYS_UNAVAILABLE.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
    }
}
