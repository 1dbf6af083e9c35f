package no.permed.prs.score;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A scoring file read by {@link ScoringFileReader}.
 *
 * @param fileName the name errors and reports give for the file (no directories)
 * @param header the {@code #key=value} block (empty for the structured layout)
 * @param harmonised whether the positions come from {@code hm_chr}/{@code hm_pos}
 * @param variants the variant rows in file order
 */
public record ScoringFile(String fileName, ScoreHeader header, boolean harmonised, List<ScoreVariant> variants) {
    public ScoringFile {
        requireNonNull(fileName, "fileName is null");
        requireNonNull(header, "header is null");
        variants = List.copyOf(requireNonNull(variants, "variants is null"));
    }

    /** The score's identifier: {@code #pgs_id}, else the file name. */
    public String scoreId() {
        return header.pgsId().orElse(fileName);
    }

    /** The number of rows whose effect type is not additive, for reports. */
    public long nonAdditiveCount() {
        return variants.stream().filter(variant -> variant.effectType() != EffectType.ADDITIVE).count();
    }

    /** The build of the positions used for matching, when the file says. */
    public Optional<String> build() {
        return header.effectiveBuild();
    }
}
