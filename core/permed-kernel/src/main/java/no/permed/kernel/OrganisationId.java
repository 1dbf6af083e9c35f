package no.permed.kernel;

/** A hospital, laboratory, university or agency, as the identity provider names it (for example an HER id). */
public record OrganisationId(String value) {
    public OrganisationId {
        Identifiers.requireSafe(value, "organisation id");
    }

    public static OrganisationId of(String value) {
        return new OrganisationId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
