package no.permed.frequency.beacon;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.permed.frequency.FrequencyErrorCode;
import no.permed.kernel.PermedException;
import no.permed.vcf.genome.Assembly;
import no.permed.vcf.genome.Contigs;
import no.permed.vcf.normalise.VariantKey;

/**
 * A {@code g_variants} query in the register's terms. Beacon coordinates are 0-based and half-open (interbase):
 * {@code start} is 0-based inclusive, {@code end} 0-based exclusive. A register variant at VCF position {@code POS}
 * (1-based) with REF of length {@code L} spans {@code [POS-1, POS-1+L)}.
 *
 * <ul>
 *   <li>sequence query: one {@code start}, {@code alternateBases} (and optionally {@code referenceBases}); matches the
 *       variant whose REF begins at {@code start} written as in VCF (with the anchor base: {@code start=55051214},
 *       {@code G>GA}), or written maximally trimmed with an empty {@code referenceBases} (an insertion after
 *       {@code start}) or an empty {@code alternateBases} (a deletion of the bases from {@code start});
 *   <li>range query: one {@code start} and one {@code end}; matches every variant overlapping {@code [start, end)},
 *       optionally only those with the given {@code alternateBases}, {@code referenceBases} or {@code variantType};
 *   <li>bracket query: two {@code start} and two {@code end} values; matches variants whose start lies in
 *       {@code [start[0], start[1])} and whose end lies in {@code [end[0], end[1])} (so {@code start[1]=start[0]+1} is a
 *       precise start, as the specification says).
 * </ul>
 * In bases, {@code N} matches any base.
 */
record VariantQuery(Kind kind, Assembly assembly, String contig, long start, long startMax, long end, long endMax,
        Optional<String> referenceBases, Optional<String> alternateBases, Optional<String> variantType) {

    enum Kind {
        SEQUENCE,
        RANGE,
        BRACKET
    }

    /** The names a {@code g_variants} request may carry. */
    static final List<String> PARAMETERS = List.of("assemblyId", "referenceName", "start", "end", "referenceBases",
            "alternateBases", "variantType", "variantMinLength", "variantMaxLength", "geneId", "aminoacidChange",
            "genomicAlleleShortForm", "mateName", "datasetIds");
    private static final Set<String> UNSUPPORTED = Set.of("geneId", "aminoacidChange", "genomicAlleleShortForm", "mateName",
            "variantMinLength", "variantMaxLength");
    private static final Set<String> VARIANT_TYPES = Set.of("SNP", "SNV", "MNP", "INDEL", "INS", "DEL");
    private static final Pattern BASES = Pattern.compile("[ACGTN]*");
    private static final Pattern REFSEQ_ASSEMBLY = Pattern.compile("GCF_000001405\\.(\\d+)");
    private static final Pattern VERSIONED = Pattern.compile("(GRCh3[78])\\.p\\d+", Pattern.CASE_INSENSITIVE);

    VariantQuery {
        requireNonNull(kind, "kind is null");
        requireNonNull(assembly, "assembly is null");
        requireNonNull(contig, "contig is null");
        requireNonNull(referenceBases, "referenceBases is null");
        requireNonNull(alternateBases, "alternateBases is null");
        requireNonNull(variantType, "variantType is null");
    }

    /**
     * Reads the query from the request's parameters.
     *
     * @param assemblies the assemblies the register holds counts for
     * @param settings the Beacon's limits (the largest range)
     */
    static VariantQuery of(BeaconQuery request, Set<Assembly> assemblies, BeaconSettings settings) {
        for (String name : UNSUPPORTED) {
            if (!request.parameter(name).isEmpty()) {
                throw BeaconQuery.invalid(name, name + " queries are not supported by this Beacon; query by referenceName, start,"
                        + " end, referenceBases, alternateBases and variantType");
            }
        }
        String referenceName = request.single("referenceName").filter(text -> !text.isBlank()).orElseThrow(() -> missing("referenceName",
                "referenceName is required (a chromosome: 1-22, X, Y, MT, with or without chr, or a RefSeq accession such as"
                        + " NC_000001.11)"));
        Optional<Chromosomes.Named> named = Chromosomes.byAccession(referenceName);
        Optional<Assembly> given = request.single("assemblyId").filter(text -> !text.isBlank()).map(VariantQuery::assembly);
        Assembly assembly;
        if (given.isPresent()) {
            assembly = given.get();
            if (named.isPresent() && named.get().assembly().isPresent() && named.get().assembly().get() != assembly) {
                throw new PermedException(FrequencyErrorCode.UNKNOWN_ASSEMBLY, "referenceName " + BeaconQuery.printable(referenceName)
                        + " is a chromosome of " + named.get().assembly().get().displayName() + " but assemblyId is "
                        + assembly.displayName(), Map.of("parameter", "assemblyId"));
            }
        } else if (named.isPresent() && named.get().assembly().isPresent()) {
            assembly = named.get().assembly().get();
        } else if (assemblies.size() == 1) {
            assembly = assemblies.iterator().next();
        } else {
            throw missing("assemblyId", "assemblyId is required: GRCh37 or GRCh38 (aliases hg19, b37, hs37d5, hg38)");
        }
        if (!assemblies.contains(assembly)) {
            throw new PermedException(FrequencyErrorCode.UNKNOWN_ASSEMBLY, "this Beacon holds no variants on " + assembly.displayName()
                    + "; it holds " + assemblies.stream().map(Assembly::displayName).sorted().toList(),
                    Map.of("parameter", "assemblyId"));
        }
        String contig = named.map(Chromosomes.Named::contig).orElseGet(() -> Contigs.canonical(referenceName.strip()));
        if (contig.isBlank() || contig.chars().anyMatch(character -> character <= ' ' || character == ',' || character >= 0x7f)) {
            throw BeaconQuery.invalid("referenceName", "referenceName '" + BeaconQuery.printable(referenceName) + "' is not a chromosome name");
        }

        List<Long> starts = positions(request, "start");
        List<Long> ends = positions(request, "end");
        if (starts.isEmpty()) {
            throw missing("start", "start is required (0-based; one value, or two for a bracket query)");
        }
        Optional<String> reference = bases(request, "referenceBases");
        Optional<String> alternate = bases(request, "alternateBases");
        Optional<String> variantType = request.single("variantType").filter(text -> !text.isBlank())
                .map(text -> text.strip().toUpperCase(Locale.ROOT));
        if (variantType.isPresent() && !VARIANT_TYPES.contains(variantType.get())) {
            throw BeaconQuery.invalid("variantType", "variantType must be one of " + VARIANT_TYPES.stream().sorted().toList()
                    + " but is '" + BeaconQuery.printable(variantType.get()) + "'");
        }
        if (reference.isPresent() && alternate.isPresent() && !reference.get().isEmpty() && reference.get().equals(alternate.get())
                && !reference.get().contains("N")) {
            throw BeaconQuery.invalid("alternateBases", "referenceBases and alternateBases are the same (" + reference.get()
                    + "): that is no variant");
        }
        if (reference.isPresent() && alternate.isPresent() && reference.get().isEmpty() && alternate.get().isEmpty()) {
            throw BeaconQuery.invalid("alternateBases", "referenceBases and alternateBases are both empty");
        }

        if (starts.size() == 1 && ends.isEmpty()) {
            if (alternate.isEmpty()) {
                throw missing("alternateBases", "a query with start but no end needs alternateBases (or give end for a range query)");
            }
            return new VariantQuery(Kind.SEQUENCE, assembly, contig, starts.get(0), starts.get(0), starts.get(0), starts.get(0), reference,
                    alternate, variantType);
        }
        if (starts.size() == 1 && ends.size() == 1) {
            long start = starts.get(0);
            long end = ends.get(0);
            if (start > end) {
                throw BeaconQuery.invalid("end", "start (" + start + ") is after end (" + end + "); start is 0-based inclusive, end"
                        + " 0-based exclusive");
            }
            checkSpan(end - start, settings);
            if (reference.isPresent() && !reference.get().isEmpty() && alternate.isPresent() && end - start != reference.get().length()) {
                throw BeaconQuery.invalid("referenceBases", "referenceBases has " + reference.get().length() + " base(s) but end - start"
                        + " is " + (end - start) + "; for a sequence query give start only, or end = start + the length of"
                        + " referenceBases");
            }
            return new VariantQuery(Kind.RANGE, assembly, contig, start, start, end, end, reference, alternate, variantType);
        }
        if (starts.size() == 2 && ends.size() == 2) {
            long startMin = starts.get(0);
            long startMax = starts.get(1);
            long endMin = ends.get(0);
            long endMax = ends.get(1);
            if (startMin >= startMax || endMin >= endMax) {
                throw BeaconQuery.invalid("start", "a bracket query needs start[0] < start[1] and end[0] < end[1] (half-open: the"
                        + " start lies in [start[0], start[1]) and the end in [end[0], end[1])) but got start " + starts + " and end "
                        + ends);
            }
            if (startMin > endMax) {
                throw BeaconQuery.invalid("end", "start[0] (" + startMin + ") is after end[1] (" + endMax + ")");
            }
            checkSpan(endMax - startMin, settings);
            return new VariantQuery(Kind.BRACKET, assembly, contig, startMin, startMax, endMin, endMax, reference, alternate, variantType);
        }
        if (starts.size() == 2 && ends.isEmpty() || starts.size() == 1 && ends.size() == 2 || starts.size() == 2 && ends.size() == 1) {
            throw missing("end", "a bracket query needs two start and two end values; a range query one of each (got "
                    + starts.size() + " start and " + ends.size() + " end value(s))");
        }
        throw BeaconQuery.invalid("start", "start and end take one or two values each (got " + starts.size() + " and " + ends.size() + ")");
    }

    /** The first and last VCF position (1-based) of register lines that may match. */
    long firstPosition(BeaconSettings settings) {
        return switch (kind) {
            case SEQUENCE -> Math.max(1, start);
            case RANGE -> Math.max(1, start + 1 - settings.lookbackBases());
            case BRACKET -> startMin() + 1;
        };
    }

    long lastPosition() {
        return switch (kind) {
            case SEQUENCE -> start + 1;
            case RANGE -> end;
            case BRACKET -> startMax;
        };
    }

    long startMin() {
        return start;
    }

    /** Whether a register variant matches this query. */
    boolean matches(VariantKey variant) {
        long variantStart = variant.position() - 1L;
        long variantEnd = variantStart + variant.reference().length();
        if (variantType.isPresent() && !hasType(variant, variantType.get())) {
            return false;
        }
        return switch (kind) {
            case SEQUENCE -> matchesSequence(variant, variantStart);
            case RANGE -> variantStart < end && variantEnd > start && alleles(variant);
            case BRACKET -> variantStart >= start && variantStart < startMax && variantEnd >= end && variantEnd < endMax
                    && alleles(variant);
        };
    }

    private boolean alleles(VariantKey variant) {
        return referenceBases.map(bases -> bases.isEmpty() || same(bases, variant.reference())).orElse(true)
                && alternateBases.map(bases -> bases.isEmpty() || same(bases, variant.alternate())).orElse(true);
    }

    private boolean matchesSequence(VariantKey variant, long variantStart) {
        String reference = referenceBases.orElse(null);
        String alternate = alternateBases.orElseThrow();
        String ref = variant.reference();
        String alt = variant.alternate();
        // as in VCF, with the anchor base
        if (variantStart == start && !alternate.isEmpty() && (reference == null || !reference.isEmpty())) {
            if ((reference == null || same(reference, ref)) && same(alternate, alt)) {
                return true;
            }
        }
        // maximally trimmed: the anchor base is the one before start
        if (variant.position() == start && ref.length() >= 1 && alt.length() >= 1 && ref.charAt(0) == alt.charAt(0)) {
            boolean insertion = ref.length() == 1 && alt.length() > 1;
            boolean deletion = alt.length() == 1 && ref.length() > 1;
            if (insertion && (reference == null || reference.isEmpty()) && same(alternate, alt.substring(1))) {
                return true;
            }
            return deletion && alternate.isEmpty() && reference != null && same(reference, ref.substring(1));
        }
        return false;
    }

    /** Whether the query's referenceBases fit the REF of a variant beginning at the same place (bases overlapping agree). */
    boolean referenceAgrees(VariantKey variant) {
        if (referenceBases.isEmpty() || referenceBases.get().isEmpty() || variant.position() - 1L != start) {
            return true;
        }
        String query = referenceBases.get();
        String reference = variant.reference();
        for (int index = 0; index < Math.min(query.length(), reference.length()); index++) {
            char asked = query.charAt(index);
            if (asked != 'N' && reference.charAt(index) != 'N' && asked != reference.charAt(index)) {
                return false;
            }
        }
        return true;
    }

    private static boolean same(String query, String bases) {
        if (query.length() != bases.length()) {
            return false;
        }
        for (int index = 0; index < query.length(); index++) {
            char asked = query.charAt(index);
            if (asked != 'N' && asked != bases.charAt(index)) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasType(VariantKey variant, String type) {
        int ref = variant.reference().length();
        int alt = variant.alternate().length();
        boolean sequence = !variant.alternate().startsWith("<") && !variant.alternate().equals("*");
        return switch (type) {
            case "SNP", "SNV" -> sequence && ref == 1 && alt == 1;
            case "MNP" -> sequence && ref == alt && ref > 1;
            case "INS" -> sequence && alt > ref;
            case "DEL" -> sequence && ref > alt || variant.alternate().equals("<DEL>");
            case "INDEL" -> sequence && ref != alt;
            default -> false;
        };
    }

    /** The Beacon variantType of a register variant. */
    static String typeOf(VariantKey variant) {
        int ref = variant.reference().length();
        int alt = variant.alternate().length();
        if (variant.alternate().startsWith("<") && variant.alternate().endsWith(">")) {
            return variant.alternate().substring(1, variant.alternate().length() - 1);
        }
        if (ref == 1 && alt == 1) {
            return "SNP";
        }
        if (ref == alt) {
            return "MNP";
        }
        return ref > alt ? "DEL" : "INS";
    }

    private static void checkSpan(long span, BeaconSettings settings) {
        if (span > settings.maxRangeBases()) {
            throw BeaconQuery.invalid("end", "the query spans " + span + " bases; this Beacon answers at most " + settings.maxRangeBases()
                    + " bases per query: split it into smaller ranges");
        }
    }

    static Assembly assembly(String text) {
        String value = text.strip();
        Matcher refseq = REFSEQ_ASSEMBLY.matcher(value);
        if (refseq.matches()) {
            int version = Integer.parseInt(refseq.group(1));
            if (version >= 13 && version <= 25) {
                return Assembly.GRCH37;
            }
            if (version >= 26) {
                return Assembly.GRCH38;
            }
        }
        Matcher versioned = VERSIONED.matcher(value);
        if (versioned.matches()) {
            value = versioned.group(1);
        }
        try {
            return Assembly.parse(value);
        } catch (PermedException e) {
            throw new PermedException(FrequencyErrorCode.UNKNOWN_ASSEMBLY, "assemblyId '" + BeaconQuery.printable(text) + "' is not"
                    + " known; use GRCh37 or GRCh38 (aliases hg19, b37, hs37d5, hg38, GRCh38.p14, GCF_000001405.40)",
                    Map.of("parameter", "assemblyId", "allowed", List.of("GRCh37", "GRCh38")));
        }
    }

    private static List<Long> positions(BeaconQuery request, String name) {
        List<String> values = request.parameter(name).stream().filter(text -> !text.isBlank()).toList();
        if (values.size() > 2) {
            throw BeaconQuery.invalid(name, name + " takes one or two values but was given " + values.size());
        }
        return values.stream().map(text -> {
            try {
                long value = Long.parseLong(text.strip());
                if (value < 0 || value > Integer.MAX_VALUE) {
                    throw BeaconQuery.invalid(name, name + " must be from 0 to " + Integer.MAX_VALUE + " but is " + value);
                }
                return value;
            } catch (NumberFormatException e) {
                throw BeaconQuery.invalid(name, name + " must be a whole number (0-based) but is '" + BeaconQuery.printable(text) + "'");
            }
        }).toList();
    }

    private static Optional<String> bases(BeaconQuery request, String name) {
        Optional<String> value = request.single(name);
        if (value.isEmpty()) {
            return value;
        }
        String bases = value.get().strip().toUpperCase(Locale.ROOT);
        if (bases.equals("-") || bases.equals(".")) {
            bases = "";
        }
        if (!BASES.matcher(bases).matches()) {
            throw BeaconQuery.invalid(name, name + " must be bases A, C, G, T or N (or empty) but is '" + BeaconQuery.printable(value.get())
                    + "'");
        }
        return Optional.of(bases);
    }

    private static PermedException missing(String parameter, String message) {
        return new PermedException(FrequencyErrorCode.INVALID_QUERY, message, Map.of("parameter", parameter, "missing", true));
    }
}
