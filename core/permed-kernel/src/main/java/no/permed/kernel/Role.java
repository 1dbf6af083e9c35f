package no.permed.kernel;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The roles a user of permed can hold; the wire name is what tokens carry in their role claim. */
public enum Role {
    PATIENT("patient"),
    CLINICIAN("clinician"),
    LAB("lab"),
    RESEARCHER("researcher"),
    CASE_HANDLER("case-handler"),
    SECURITY_OFFICER("security-officer");

    private final String wireName;

    Role(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The role with this wire name (for example {@code case-handler}), if any. */
    public static Optional<Role> fromWireName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(role -> role.wireName.equals(wanted)).findFirst();
    }

    /** The wire names of all roles, comma separated, for error messages that list what is allowed. */
    public static String allowedWireNames() {
        return Arrays.stream(values()).map(Role::wireName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return wireName;
    }
}
