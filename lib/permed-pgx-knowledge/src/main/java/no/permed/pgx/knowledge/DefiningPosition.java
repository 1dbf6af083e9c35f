package no.permed.pgx.knowledge;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A GRCh38 position that takes part in the allele definitions of a gene, as PharmCAT's definition files
 * write it: {@code position}, {@code ref} and {@code alts} are VCF-style (an indel is anchored on the base
 * before it, so {@code position} is then {@code cpicPosition - 1}); {@code cpicAlleles} are the allele names
 * of the CPIC tables (for example {@code TA(7)}, {@code delT}; they may include IUPAC wobble codes) and
 * {@code cpicToVcf} maps each CPIC allele to its VCF form.
 */
public record DefiningPosition(
        String chromosome,
        int position,
        int cpicPosition,
        Optional<String> rsid,
        Optional<String> hgvs,
        String ref,
        List<String> alts,
        List<String> cpicAlleles,
        Map<String, String> cpicToVcf) {
    public DefiningPosition {
        requireNonNull(chromosome, "chromosome is null");
        requireNonNull(rsid, "rsid is null");
        requireNonNull(hgvs, "hgvs is null");
        requireNonNull(ref, "ref is null");
        if (position < 1 || cpicPosition < 1) {
            throw new IllegalArgumentException("position must be at least 1: " + chromosome + ":" + position + " (CPIC " + cpicPosition + ")");
        }
        if (ref.isEmpty()) {
            throw new IllegalArgumentException("ref is empty at " + chromosome + ":" + position);
        }
        alts = List.copyOf(alts);
        cpicAlleles = List.copyOf(cpicAlleles);
        cpicToVcf = Map.copyOf(cpicToVcf);
    }

    /** True when REF or an ALT is longer than one base. */
    public boolean isIndel() {
        return ref.length() != 1 || alts.stream().anyMatch(a -> a.length() != 1);
    }

    @Override
    public String toString() {
        return chromosome + ":" + position + " " + ref + ">" + String.join(",", alts) + rsid.map(r -> " (" + r + ")").orElse("");
    }
}
