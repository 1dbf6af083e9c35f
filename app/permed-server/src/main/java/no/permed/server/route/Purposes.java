package no.permed.server.route;

import java.util.Map;
import java.util.Optional;
import no.permed.kernel.PermedException;
import no.permed.kernel.Purpose;
import no.permed.kernel.Role;
import no.permed.server.ServerErrorCode;
import no.permed.spi.Principal;

/** The purpose under which a caller reads a patient's data, from their role and the {@code purpose} query parameter. */
public final class Purposes {
    private Purposes() {
    }

    /**
     * The purpose a caller acts under: one per role, except that a clinician may ask for
     * {@code purpose=break-the-glass} after declaring it.
     */
    public static Purpose of(ApiRequest request) {
        Principal principal = request.principal();
        Optional<String> asked = request.queryParameter("purpose");
        if (asked.isPresent()) {
            if (asked.get().equals(Purpose.BREAK_THE_GLASS.wireName()) && principal.hasRole(Role.CLINICIAN)) {
                return Purpose.BREAK_THE_GLASS;
            }
            if (!asked.get().equals(Purpose.TREATMENT.wireName()) || !principal.hasRole(Role.CLINICIAN)) {
                throw new PermedException(ServerErrorCode.INVALID_PARAMETER,
                        "purpose may be treatment or break-the-glass, for clinicians only", Map.of("field", "purpose"));
            }
        }
        if (principal.hasRole(Role.CLINICIAN)) {
            return Purpose.TREATMENT;
        }
        if (principal.hasRole(Role.LAB)) {
            return Purpose.LABORATORY;
        }
        if (principal.hasRole(Role.PATIENT)) {
            return Purpose.SELF_SERVICE;
        }
        return Purpose.SECURITY_ADMINISTRATION;
    }
}
