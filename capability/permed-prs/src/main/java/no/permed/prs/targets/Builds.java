package no.permed.prs.targets;

import java.util.Locale;
import java.util.Optional;

/** Genome build names as scoring files write them ({@code hg19}, {@code GRCh37}, {@code 37}…), made comparable. */
public final class Builds {
    private Builds() {
    }

    /** {@code GRCh37} or {@code GRCh38} for the usual spellings of those builds; empty for anything else. */
    public static Optional<String> canonical(String build) {
        if (build == null) {
            return Optional.empty();
        }
        String text = build.strip().toLowerCase(Locale.ROOT);
        if (text.equals("grch37") || text.startsWith("grch37.") || text.equals("hg19") || text.equals("37") || text.equals("b37")) {
            return Optional.of("GRCh37");
        }
        if (text.equals("grch38") || text.startsWith("grch38.") || text.equals("hg38") || text.equals("38") || text.equals("b38")) {
            return Optional.of("GRCh38");
        }
        return Optional.empty();
    }
}
