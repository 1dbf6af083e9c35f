package no.permed.kernel;

/**
 * The identity of a user or system as its identity provider names it (the token's {@code sub}).
 * Never a national identity number: a patient's user id is the provider's subject, and their
 * link to their data is their {@link Pseudonym}.
 */
public record UserId(String value) {
    public UserId {
        Identifiers.requireSafe(value, "user id");
    }

    public static UserId of(String value) {
        return new UserId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
