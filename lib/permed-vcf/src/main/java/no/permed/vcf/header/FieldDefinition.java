package no.permed.vcf.header;

import static java.util.Objects.requireNonNull;

/**
 * One {@code ##INFO} or {@code ##FORMAT} definition.
 *
 * @param id the key, e.g. {@code END} or {@code GT}
 * @param number the Number attribute as written ({@code 1}, {@code A}, {@code R}, {@code G}, {@code .}); empty if absent
 * @param type the Type attribute as written ({@code Integer}, {@code Float}, {@code String}, {@code Flag}, {@code Character}); empty if absent
 * @param description the Description attribute without quotes; empty if absent
 */
public record FieldDefinition(String id, String number, String type, String description) {
    public FieldDefinition {
        requireNonNull(id, "id is null");
        requireNonNull(number, "number is null");
        requireNonNull(type, "type is null");
        requireNonNull(description, "description is null");
        if (id.isBlank()) {
            throw new IllegalArgumentException("field id is blank");
        }
    }
}
