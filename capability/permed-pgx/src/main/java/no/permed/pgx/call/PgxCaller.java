package no.permed.pgx.call;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import no.permed.kernel.PermedException;
import java.math.BigDecimal;
import no.permed.pgx.call.internal.DpydMatcher;
import no.permed.pgx.call.internal.GeneCaller;
import no.permed.pgx.call.internal.GeneMatcher;
import no.permed.pgx.call.internal.Observation;
import no.permed.pgx.knowledge.AlleleFunction;
import no.permed.pgx.knowledge.NamedAllele;
import no.permed.pgx.knowledge.PgxSource;
import no.permed.pgx.knowledge.AlleleDefinition;
import no.permed.pgx.knowledge.DefiningPosition;
import no.permed.pgx.knowledge.PgxKnowledge;
import no.permed.vcf.genome.Assembly;
import no.permed.vcf.header.VcfHeader;
import no.permed.vcf.read.Genotypes;
import no.permed.vcf.read.RecordKind;
import no.permed.vcf.read.VcfReader;
import no.permed.vcf.read.VcfReaderOptions;
import no.permed.vcf.read.VcfRecord;

/**
 * Calls star-allele diplotypes of the 19 PharmCAT genes that are called from VCF, from a GRCh38 VCF or gVCF.
 * The file is read once; only genotypes at the genes' defining positions are kept. Immutable and thread-safe
 * after {@link #create}.
 *
 * <p>Phase sets: {@code |} genotypes are in phase with each other only within one FORMAT/PS phase set (read-backed
 * and long-read phasing). When a gene's phased heterozygous genotypes of a sample lie in more than one set, that gene
 * of that sample is called as unphased, with a warning. The reader gives PS together with GT
 * ({@link VcfReaderOptions#withPhaseSets()}), so the file is still read once; PS is read whether or not the header
 * declares it, and a PS value that is not an Integer is {@code VCF_INVALID_FORMAT}.
 *
 * <pre>{@code
 * PgxCaller caller = PgxCaller.create(PgxKnowledge.load());
 * CallResult result = caller.call(vcf, Optional.empty());        // single-sample file
 * result.gene("CYP2C19").orElseThrow().diplotypes();              // [*1/*2]
 * }</pre>
 */
public final class PgxCaller {
    /** The genes PharmCAT calls from VCF (CYP2D6 and the HLA genes are outside calls). */
    public static final List<String> GENES = List.of(
            "ABCG2", "CACNA1S", "CFTR", "CYP2B6", "CYP2C19", "CYP2C9", "CYP3A4", "CYP3A5", "CYP4F2", "DPYD",
            "G6PD", "IFNL3", "NAT2", "NUDT15", "RYR1", "SLCO1B1", "TPMT", "UGT1A1", "VKORC1");

    /** Samples from which the matching runs on all cores. */
    private static final int PARALLEL_FROM = 32;

    private final List<GeneCaller> matchers;
    /** canonical contig → position → the (gene, position index) pairs defined there. */
    private final Map<String, NavigableMap<Integer, List<Site>>> sites;

    private record Site(int gene, int index, DefiningPosition position) {
    }

    /** Distinct sets of observations remembered per gene and file; beyond this, further ones are matched each time. */
    private static final int MAX_MEMOISED_PER_GENE = 10_000;

    /** One sample's observations at one gene's positions, compared by content (a memo key; never changed). */
    private record GenotypesAtGene(Observation[] observations) {
        @Override
        public boolean equals(Object other) {
            return other instanceof GenotypesAtGene g && Arrays.equals(g.observations, observations);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(observations);
        }
    }

    private PgxCaller(List<GeneCaller> matchers) {
        this.matchers = List.copyOf(matchers);
        Map<String, NavigableMap<Integer, List<Site>>> index = new HashMap<>();
        for (int g = 0; g < matchers.size(); g++) {
            List<DefiningPosition> positions = new ArrayList<>(matchers.get(g).definition().positions());
            positions.addAll(matchers.get(g).extraPositions());
            for (int i = 0; i < positions.size(); i++) {
                DefiningPosition p = positions.get(i);
                index.computeIfAbsent(canonical(p.chromosome()), c -> new TreeMap<>())
                        .computeIfAbsent(p.position(), x -> new ArrayList<>())
                        .add(new Site(g, i, p));
            }
        }
        index.replaceAll((c, m) -> Collections.unmodifiableNavigableMap(m));
        this.sites = Map.copyOf(index);
    }

    /** A caller for {@link #GENES} with the definitions of {@code knowledge}. */
    public static PgxCaller create(PgxKnowledge knowledge) {
        requireNonNull(knowledge, "knowledge is null");
        List<GeneCaller> matchers = new ArrayList<>();
        for (String gene : GENES) {
            AlleleDefinition definition = knowledge.gene(gene).definition().orElseThrow(() -> new PermedException(
                    PgxErrorCode.DEFINITION_MISSING, "the PGx knowledge has no allele definition for " + gene
                            + "; the permed-pgx-knowledge jar does not fit this caller", Map.of("gene", gene)));
            matchers.add(gene.equals("DPYD") ? DpydMatcher.create(definition, activityValues(knowledge, definition))
                    : new GeneMatcher(definition));
        }
        return new PgxCaller(matchers);
    }

    private static Map<String, BigDecimal> activityValues(PgxKnowledge knowledge, AlleleDefinition definition) {
        Map<String, BigDecimal> values = new HashMap<>();
        Map<String, AlleleFunction> functions = knowledge.functions(PgxSource.CPIC, definition.gene());
        for (NamedAllele allele : definition.namedAlleles()) {
            AlleleFunction function = functions.get(allele.name());
            if (function != null) {
                function.numericActivityValue().ifPresent(v -> values.put(allele.name(), v));
            }
        }
        return values;
    }

    /** The genes this caller calls, in report order. */
    public List<String> genes() {
        return GENES;
    }

    /**
     * Calls one sample of a VCF.
     *
     * @param sample the sample column to call; may be empty only when the file has exactly one sample
     * @throws PermedException {@code PGX_ASSEMBLY_NOT_GRCH38}, {@code PGX_SAMPLE_REQUIRED}, {@code PGX_SAMPLE_NOT_FOUND},
     *     {@code PGX_NO_SAMPLES}, or a {@code VCF_*} error naming file, line and field
     */
    public CallResult call(Path vcf, Optional<String> sample) {
        requireNonNull(vcf, "vcf is null");
        requireNonNull(sample, "sample is null");
        return read(vcf, sample, true).values().iterator().next();
    }

    /** Calls every sample of a VCF, reading it once; the map is in column order. */
    public Map<String, CallResult> callAll(Path vcf) {
        requireNonNull(vcf, "vcf is null");
        return read(vcf, Optional.empty(), false);
    }

    private Map<String, CallResult> read(Path vcf, Optional<String> wanted, boolean single) {
        // FORMAT/PS is read from every file, declared in the header or not: PS is VCF's reserved phase-set key (an
        // Integer), and the reader looks for it only in records whose FORMAT has it, so a file without PS costs nothing
        VcfReaderOptions options = VcfReaderOptions.defaults().withDecompressionThreads(1).withPhaseSets();
        try (VcfReader reader = VcfReader.open(vcf, options)) {
            VcfHeader header = reader.header();
            String file = reader.fileName();
            checkAssembly(header, file);
            List<String> samples = header.samples();
            if (samples.isEmpty()) {
                throw new PermedException(PgxErrorCode.NO_SAMPLES, file + " has no sample columns: there is nothing to call",
                        Map.of("file", file));
            }
            int[] selected;
            if (!single) {
                selected = new int[samples.size()];
                for (int s = 0; s < selected.length; s++) {
                    selected[s] = s;
                }
            } else if (wanted.isPresent()) {
                int s = samples.indexOf(wanted.get());
                if (s < 0) {
                    throw new PermedException(PgxErrorCode.SAMPLE_NOT_FOUND, "sample " + wanted.get() + " is not in " + file
                            + "; its samples are " + abbreviate(samples), Map.of("file", file, "sample", wanted.get()));
                }
                selected = new int[] {s};
            } else if (samples.size() == 1) {
                selected = new int[] {0};
            } else {
                throw new PermedException(PgxErrorCode.SAMPLE_REQUIRED, file + " has " + samples.size()
                        + " samples; name the one to call (" + abbreviate(samples) + ")", Map.of("file", file));
            }
            // observations[gene][position index][selected sample]
            Observation[][][] observations = new Observation[matchers.size()][][];
            // phaseSetOf[gene][position index][selected sample]: FORMAT/PS of the record each observation came from
            // (MISSING_INTEGER: none)
            int[][][] phaseSetOf = new int[matchers.size()][][];
            for (int g = 0; g < matchers.size(); g++) {
                GeneCaller m = matchers.get(g);
                observations[g] = new Observation[m.definition().positions().size() + m.extraPositions().size()][selected.length];
                phaseSetOf[g] = new int[observations[g].length][selected.length];
                for (int[] perSample : phaseSetOf[g]) {
                    Arrays.fill(perSample, VcfRecord.MISSING_INTEGER);
                }
            }
            while (reader.advance()) {
                VcfRecord record = reader.record();
                NavigableMap<Integer, List<Site>> contigSites = sites.get(record.contig());
                if (contigSites == null) {
                    continue;
                }
                if (record.kind() == RecordKind.VARIANT) {
                    List<Site> here = contigSites.get(record.position());
                    if (here != null) {
                        for (Site site : here) {
                            observeVariant(record, site, selected, observations[site.gene()][site.index()],
                                    phaseSetOf[site.gene()][site.index()]);
                        }
                    }
                } else {
                    int end = Math.max(record.end(), record.position());
                    for (List<Site> covered : contigSites.subMap(record.position(), true, end, true).values()) {
                        for (Site site : covered) {
                            observeReference(record, site, selected, observations[site.gene()][site.index()]);
                        }
                    }
                }
            }
            // genes whose phased heterozygous calls are in more than one phase set: phaseSets[gene][sample] > 1
            int[][] phaseSets = countPhaseSets(selected, observations, phaseSetOf);
            // The file is read; the samples are matched independently (the matchers are immutable), on all cores
            // when there are enough of them to be worth it.
            // A gene's call depends only on the sample's observations at the gene's positions, and in a cohort most
            // samples share those with others (reference everywhere, the common alleles): each distinct set of
            // observations is matched once per file.
            int[] chosen = selected;
            CallResult[] called = new CallResult[chosen.length];
            List<Map<GenotypesAtGene, GeneCall>> memo = new ArrayList<>();
            for (int g = 0; g < matchers.size(); g++) {
                memo.add(new ConcurrentHashMap<>());
            }
            java.util.stream.IntStream indices = java.util.stream.IntStream.range(0, chosen.length);
            (chosen.length >= PARALLEL_FROM ? indices.parallel() : indices).forEach(k -> {
                Map<String, GeneCall> calls = new LinkedHashMap<>();
                for (int g = 0; g < matchers.size(); g++) {
                    Observation[] perPosition = new Observation[observations[g].length];
                    int split = phaseSets[g][k];
                    int defining = matchers.get(g).definition().positions().size();
                    for (int i = 0; i < perPosition.length; i++) {
                        Observation observation = observations[g][i][k];
                        perPosition[i] = split > 1 && i < defining && observation != null && observation.phased()
                                ? new Observation(observation.alleles(), false) : observation;
                    }
                    GenotypesAtGene key = new GenotypesAtGene(perPosition);
                    Map<GenotypesAtGene, GeneCall> known = memo.get(g);
                    GeneCall call = known.get(key);
                    if (call == null) {
                        call = matchers.get(g).call(perPosition);
                        if (known.size() < MAX_MEMOISED_PER_GENE) {
                            known.put(key, call);
                        }
                    }
                    if (split > 1) {
                        call = withWarning(call, "the phased genotypes of " + call.gene() + " are in " + split
                                + " phase sets (FORMAT/PS), which are not in phase with each other: called as unphased");
                    }
                    calls.put(call.gene(), call);
                }
                String name = samples.get(chosen[k]);
                called[k] = new CallResult(name, calls);
            });
            Map<String, CallResult> results = new LinkedHashMap<>();
            for (CallResult result : called) {
                results.put(result.sample(), result);
            }
            return results;
        }
    }

    private static void observeVariant(VcfRecord record, Site site, int[] selected, Observation[] target, int[] phaseSets) {
        Genotypes genotypes = record.genotypes();
        String vcfRef = record.referenceAllele();
        List<String> alts = record.alternateAlleles();
        String defRef = site.position().ref();
        // The samples of a record share a handful of genotypes: one Observation each (also makes memo keys compare fast).
        Map<Integer, Observation> distinct = new HashMap<>();
        for (int k = 0; k < selected.length; k++) {
            int s = selected[k];
            int ploidy = genotypes.ploidy(s);
            if (ploidy == 0) {
                continue;
            }
            boolean phased = genotypes.isPhased(s);
            Integer code = genotypeCode(genotypes, s, ploidy, phased);
            Observation observation = code == null ? null : distinct.get(code);
            if (observation == null) {
                String[] alleles = new String[ploidy];
                boolean complete = true;
                for (int h = 0; h < ploidy; h++) {
                    int index = genotypes.allele(s, h);
                    if (index < 0) {
                        complete = false;
                        break;
                    }
                    alleles[h] = toDefinitionForm(index == 0 ? vcfRef : alts.get(index - 1), vcfRef, defRef);
                }
                if (!complete) {
                    continue;
                }
                observation = new Observation(alleles, phased);
                if (code != null) {
                    distinct.put(code, observation);
                }
            }
            Observation kept = Observation.merge(target[k], observation, defRef);
            if (kept != target[k]) {
                phaseSets[k] = record.formatIntegerOrMissing(s);
            }
            target[k] = kept;
        }
    }

    /**
     * For each gene and selected sample, the number of phase sets its phased heterozygous calls are in when that is more
     * than one, else 0. Phased calls without PS count as one set of their own (the VCF specification puts all of them
     * in one set); when none of them has PS, the gene is left as it is. Homozygous calls do not matter for phase.
     */
    private int[][] countPhaseSets(int[] selected, Observation[][][] observations, int[][][] phaseSetOf) {
        int[][] counts = new int[matchers.size()][selected.length];
        for (int g = 0; g < matchers.size(); g++) {
            int defining = matchers.get(g).definition().positions().size();
            for (int k = 0; k < selected.length; k++) {
                if (phasedHeterozygous(observations[g], defining, k) < 2) {
                    continue;
                }
                Set<Integer> sets = new HashSet<>();
                boolean withoutPhaseSet = false;
                for (int i = 0; i < defining; i++) {
                    Observation o = observations[g][i][k];
                    if (o == null || !o.phased() || !o.isHeterozygous()) {
                        continue;
                    }
                    int ps = phaseSetOf[g][i][k];
                    if (ps == VcfRecord.MISSING_INTEGER) {
                        withoutPhaseSet = true;
                    } else {
                        sets.add(ps);
                    }
                }
                int total = sets.size() + (withoutPhaseSet ? 1 : 0);
                counts[g][k] = sets.isEmpty() || total < 2 ? 0 : total;
            }
        }
        return counts;
    }

    private static int phasedHeterozygous(Observation[][] gene, int defining, int k) {
        int count = 0;
        for (int i = 0; i < defining; i++) {
            Observation o = gene[i][k];
            if (o != null && o.phased() && o.isHeterozygous()) {
                count++;
            }
        }
        return count;
    }

    private static GeneCall withWarning(GeneCall call, String warning) {
        List<String> warnings = new ArrayList<>(call.warnings());
        warnings.add(warning);
        return new GeneCall(call.gene(), call.diplotypes(), call.missingPositions(), warnings, call.phased(), call.matchScore(),
                call.lookupDiplotypes(), call.haplotypes(), call.variantsOfInterest());
    }

    /**
     * The genotype of sample {@code s} as one number (ploidy, allele indices, phase), or null when an index is missing
     * or too large to encode; equal numbers mean equal observations.
     */
    private static Integer genotypeCode(Genotypes genotypes, int s, int ploidy, boolean phased) {
        if (ploidy > 2) {
            return null;
        }
        int code = ploidy;
        for (int h = 0; h < ploidy; h++) {
            int index = genotypes.allele(s, h);
            if (index < 0 || index >= 1024) {
                return null;
            }
            code = code * 1024 + index;
        }
        return code * 2 + (phased ? 1 : 0);
    }

    private static void observeReference(VcfRecord record, Site site, int[] selected, Observation[] target) {
        Genotypes genotypes = record.genotypes();
        String defRef = site.position().ref();
        for (int k = 0; k < selected.length; k++) {
            int s = selected[k];
            int ploidy = genotypes.ploidy(s);
            if (ploidy == 0) {
                continue;
            }
            String[] alleles = new String[ploidy];
            boolean reference = true;
            for (int h = 0; h < ploidy; h++) {
                reference &= genotypes.allele(s, h) == 0;
                alleles[h] = defRef;
            }
            if (reference) {
                target[k] = Observation.merge(target[k], new Observation(alleles, genotypes.isPhased(s)), defRef);
            }
        }
    }

    /**
     * Writes an allele of a record in the definition's form when the record's REF is longer than the
     * definition's (a variant written with extra trailing context): the shared trailing bases are trimmed.
     */
    static String toDefinitionForm(String allele, String vcfRef, String defRef) {
        if (vcfRef.equals(defRef)) {
            return allele;
        }
        if (allele.equals(vcfRef)) {
            return defRef;
        }
        if (vcfRef.length() > defRef.length() && vcfRef.startsWith(defRef)) {
            String extra = vcfRef.substring(defRef.length());
            if (allele.endsWith(extra) && allele.length() > extra.length()) {
                return allele.substring(0, allele.length() - extra.length());
            }
        }
        return allele;
    }

    private static void checkAssembly(VcfHeader header, String file) {
        Optional<Assembly> assembly = header.assembly();
        if (assembly.isPresent() && assembly.get() != Assembly.GRCH38) {
            throw notGrch38(file, "its ##contig lengths are those of " + assembly.get().displayName());
        }
        if (assembly.isEmpty()) {
            for (String line : header.metaLines()) {
                if (line.startsWith("##reference=")) {
                    String value = line.substring("##reference=".length()).toLowerCase(Locale.ROOT);
                    for (String marker : List.of("grch37", "hg19", "b37", "hs37d5", "human_g1k_v37")) {
                        if (value.contains(marker)) {
                            throw notGrch38(file, "its header says " + line);
                        }
                    }
                }
            }
        }
    }

    private static PermedException notGrch38(String file, String reason) {
        return new PermedException(PgxErrorCode.ASSEMBLY_NOT_GRCH38, file + " is not on GRCh38: " + reason
                + "; the star-allele definitions are GRCh38 positions, so lift the file over to GRCh38 first",
                Map.of("file", file));
    }

    private static String abbreviate(List<String> samples) {
        return samples.size() <= 5 ? String.join(", ", samples) : String.join(", ", samples.subList(0, 5)) + ", …";
    }

    private static String canonical(String chromosome) {
        return chromosome.startsWith("chr") ? chromosome.substring(3) : chromosome;
    }
}
