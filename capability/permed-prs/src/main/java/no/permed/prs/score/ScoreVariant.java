package no.permed.prs.score;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One variant row of a scoring file, with the harmonised columns already applied ({@code hm_chr}/{@code hm_pos}
 * replace {@code chr_name}/{@code chr_position}, and {@code hm_inferOtherAllele} fills a missing other allele, as
 * pgsc_calc does).
 *
 * @param row the 0-based index of the row among the file's variant rows
 * @param line the 1-based line number in the file, for messages
 * @param rsId {@code rsID} (or {@code hm_rsID}), if given
 * @param chromosome the chromosome as {@code 1}…{@code 22}, {@code X}, {@code Y}, {@code MT} (a {@code chr} prefix
 *     removed, 23/24 read as X/Y); empty when the file gives none (for example a failed harmonisation)
 * @param position the 1-based position, or 0 when the file gives none
 * @param effectAllele the effect allele, upper-case
 * @param otherAllele the other allele, upper-case; empty when absent or when several are listed ({@code A/G})
 * @param effectType how the dosage is weighted
 * @param weight {@code effect_weight}; 0 for {@link EffectType#DOSAGE_WEIGHTS}
 * @param dosageWeights the weights per dosage, present exactly for {@link EffectType#DOSAGE_WEIGHTS}
 * @param duplicated whether an earlier row has the same chromosome, position, effect and other allele (or the
 *     file's {@code is_duplicated} column says so)
 */
public record ScoreVariant(
        int row, long line, Optional<String> rsId, String chromosome, int position, String effectAllele, Optional<String> otherAllele,
        EffectType effectType, double weight, Optional<DosageWeights> dosageWeights, boolean duplicated) {
    public ScoreVariant {
        requireNonNull(rsId, "rsId is null");
        requireNonNull(chromosome, "chromosome is null");
        requireNonNull(effectAllele, "effectAllele is null");
        requireNonNull(otherAllele, "otherAllele is null");
        requireNonNull(effectType, "effectType is null");
        requireNonNull(dosageWeights, "dosageWeights is null");
        if (row < 0) {
            throw new IllegalArgumentException("row must not be negative but is " + row);
        }
        if (position < 0) {
            throw new IllegalArgumentException("position must not be negative but is " + position);
        }
        if (effectAllele.isEmpty()) {
            throw new IllegalArgumentException("effectAllele is empty (line " + line + ")");
        }
        if (!Double.isFinite(weight)) {
            throw new IllegalArgumentException("weight must be finite but is " + weight + " (line " + line + ")");
        }
        if (dosageWeights.isPresent() != (effectType == EffectType.DOSAGE_WEIGHTS)) {
            throw new IllegalArgumentException("dosageWeights must be given exactly for DOSAGE_WEIGHTS (line " + line + ")");
        }
    }

    /** Whether the row has a chromosome and position, without which it cannot match anything. */
    public boolean hasLocus() {
        return !chromosome.isEmpty() && position > 0;
    }
}
