package no.permed.prs.score;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code #key=value} header block of a scoring file, keys as written ({@code pgs_id}, {@code trait_reported},
 * {@code genome_build}, {@code HmPOS_build}, {@code license}, …), in file order. Immutable.
 */
public record ScoreHeader(Map<String, String> entries) {
    /**
     * What the PGS Catalog says applies when a file has no {@code #license} line: its data are under the
     * EMBL-EBI Terms of Use.
     */
    public static final String DEFAULT_LICENSE =
            "PGS Catalog data are available under the EMBL-EBI Terms of Use (https://www.ebi.ac.uk/about/terms-of-use/); "
                    + "cite the PGS Catalog and the score's publication";

    public ScoreHeader {
        entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(entries, "entries is null")));
    }

    /** The value of one key, if present and not empty. */
    public Optional<String> value(String key) {
        String value = entries.get(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /** {@code #pgs_id}, e.g. {@code PGS001229}. */
    public Optional<String> pgsId() {
        return value("pgs_id");
    }

    public Optional<String> pgsName() {
        return value("pgs_name");
    }

    public Optional<String> traitReported() {
        return value("trait_reported");
    }

    /** {@code #genome_build} as the authors reported it ({@code GRCh37}, {@code hg19}, {@code NR}, …). */
    public Optional<String> genomeBuild() {
        return value("genome_build");
    }

    /** {@code #HmPOS_build}: the build the positions were harmonised to, present in harmonised files only. */
    public Optional<String> harmonisedBuild() {
        return value("HmPOS_build");
    }

    /** The build the positions used for matching are on: {@link #harmonisedBuild()} if present, else {@link #genomeBuild()}. */
    public Optional<String> effectiveBuild() {
        return harmonisedBuild().or(this::genomeBuild);
    }

    public Optional<String> formatVersion() {
        return value("format_version");
    }

    public Optional<String> citation() {
        return value("citation");
    }

    /**
     * {@code #license}, the terms of this score (some are CC BY-NC-ND, which forbids commercial use and derivatives);
     * show it to the user. Empty when the file has none, in which case {@link #DEFAULT_LICENSE} applies.
     */
    public Optional<String> license() {
        return value("license");
    }

    /** {@link #license()}, or {@link #DEFAULT_LICENSE} when the file has none. */
    public String licenseOrDefault() {
        return license().orElse(DEFAULT_LICENSE);
    }
}
