package no.permed.vcf.genome;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import no.permed.kernel.PermedException;
import no.permed.vcf.VcfErrorCode;

/**
 * A human reference genome assembly, with the lengths of its primary chromosomes (1–22, X, Y, MT) by
 * canonical contig name. The lengths are those of the NCBI/GRC releases (GRCh37 = hs37d5/human_g1k_v37 and
 * UCSC hg19 apart from chrM; GRCh38 = the analysis sets); they are what {@code ##contig} lines declare and
 * what recognition uses.
 */
public enum Assembly {
    GRCH37("GRCh37", new int[] {
        249250621, 243199373, 198022430, 191154276, 180915260, 171115067, 159138663, 146364022,
        141213431, 135534747, 135006516, 133851895, 115169878, 107349540, 102531392, 90354753,
        81195210, 78077248, 59128983, 63025520, 48129895, 51304566, 155270560, 59373566, 16569}),
    GRCH38("GRCh38", new int[] {
        248956422, 242193529, 198295559, 190214555, 181538259, 170805979, 159345973, 145138636,
        138394717, 133797422, 135086622, 133275309, 114364328, 107043718, 101991189, 90338345,
        83257441, 80373285, 58617616, 64444167, 46709983, 50818468, 156040895, 57227415, 16569});

    private final String displayName;
    private final Map<String, Integer> primaryLengths;

    Assembly(String displayName, int[] lengths) {
        this.displayName = displayName;
        List<String> names = Contigs.PRIMARY_CONTIGS;
        this.primaryLengths = java.util.stream.IntStream.range(0, names.size())
                .boxed()
                .collect(Collectors.toUnmodifiableMap(names::get, index -> lengths[index]));
    }

    /** The name as written by GRC and in the CLI, e.g. {@code GRCh38}. */
    public String displayName() {
        return displayName;
    }

    /** The length of a primary chromosome, by canonical name ({@code 1}…{@code 22}, {@code X}, {@code Y}, {@code MT}). */
    public OptionalInt primaryContigLength(String canonicalContig) {
        Integer length = primaryLengths.get(canonicalContig);
        return length == null ? OptionalInt.empty() : OptionalInt.of(length);
    }

    /**
     * Parses {@code GRCh37}, {@code GRCh38} and their common aliases ({@code hg19}, {@code b37}, {@code hs37d5},
     * {@code hg38}), ignoring case.
     *
     * @throws PermedException with {@link VcfErrorCode#ASSEMBLY_UNKNOWN} listing the accepted names
     */
    public static Assembly parse(String name) {
        requireNonNull(name, "name is null");
        String lower = name.trim().toLowerCase(Locale.ROOT);
        switch (lower) {
            case "grch37", "hg19", "b37", "hs37d5", "37":
                return GRCH37;
            case "grch38", "hg38", "38":
                return GRCH38;
            default:
                throw new PermedException(VcfErrorCode.ASSEMBLY_UNKNOWN,
                        "Unknown assembly '" + name + "'; use one of " + Arrays.stream(values()).map(Assembly::displayName).toList()
                                + " (aliases: hg19, b37, hs37d5, hg38)",
                        Map.of("field", "assembly", "allowed", List.of("GRCh37", "GRCh38")));
        }
    }

    @Override
    public String toString() {
        return displayName;
    }
}
