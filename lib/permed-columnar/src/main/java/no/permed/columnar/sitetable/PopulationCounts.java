package no.permed.columnar.sitetable;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.regex.Pattern;
import no.permed.columnar.ColumnarErrorCode;
import no.permed.columnar.segment.AlleleCounts;
import no.permed.kernel.PermedException;

/**
 * The allele counts of one named population, exported as the columns {@code ac_<name>},
 * {@code an_<name>}, {@code hom_<name>} and {@code hemi_<name>} of a site table.
 *
 * @param name a column-name suffix: a letter, then letters, digits or underscores, at most 40
 *     characters, for example {@code EUR} or {@code afr_female}; compared case-insensitively for
 *     uniqueness because SQL column names are
 * @param counts the counts of the population over the same segment as the table
 */
public record PopulationCounts(String name, AlleleCounts counts) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,39}");

    public PopulationCounts {
        requireNonNull(name, "name is null");
        requireNonNull(counts, "counts is null");
        if (!NAME.matcher(name).matches()) {
            throw new PermedException(ColumnarErrorCode.INVALID_POPULATION, "population name '" + name
                    + "' cannot be a column suffix; use a letter followed by letters, digits or underscores (at most 40)",
                    Map.of("population", name));
        }
    }
}
