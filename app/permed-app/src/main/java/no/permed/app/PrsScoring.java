package no.permed.app;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import no.permed.columnar.Genotype;
import no.permed.columnar.GenomicRegion;
import no.permed.consent.ConsentPurpose;
import no.permed.consent.ConsentView;
import no.permed.consent.DuoCode;
import no.permed.genome.GenomeStore;
import no.permed.genome.StoredSample;
import no.permed.genome.query.GenotypeCall;
import no.permed.genome.query.SampleSelection;
import no.permed.kernel.Pseudonym;
import no.permed.prs.ancestry.AncestryModel;
import no.permed.prs.calc.GenotypeLoader;
import no.permed.prs.calc.GenotypeSource;
import no.permed.prs.calc.Locus;
import no.permed.prs.calc.VcfGenotypes;
import no.permed.prs.match.TargetSite;
import no.permed.prs.normalise.PopulationFileReader;
import no.permed.prs.normalise.Populations;
import no.permed.prs.normalise.RiskBands;
import no.permed.prs.person.ReferencePanel;
import no.permed.prs.score.ScoringFile;
import no.permed.prs.score.ScoringFileReader;
import no.permed.prs.targets.Builds;
import no.permed.prs.targets.ScoringTargets;
import no.permed.prs.targets.TargetSample;
import no.permed.security.SecurityModule;
import no.permed.server.prs.PrsCatalogue;
import no.permed.server.prs.PrsRoutes;
import no.permed.server.prs.ResearchConsent;
import no.permed.vcf.genome.Assembly;
import no.permed.vcf.normalise.VariantKey;
import no.permed.vcf.read.RecordKind;
import no.permed.vcf.read.VcfReader;
import no.permed.vcf.read.VcfRecord;

/**
 * Wires the polygenic-score routes to the genome store and the consent register: the genome store as
 * {@link ScoringTargets} (with gVCF reference blocks read as {@code 0/0} calls), the research consent rule, and, for the
 * demo, a score and a reference population on the demo cohort. The route module sees only the prs capability; this
 * class is where the capabilities meet.
 */
public final class PrsScoring {
    /** The consent a research cohort run needs: health/medical/biomedical research (DUO HMB; GRU covers it). */
    static final ConsentPurpose RESEARCH_PURPOSE = ConsentPurpose.of(DuoCode.HMB);
    /** The demo score's ID (generated from the demo cohort, random weights, no trait). */
    public static final String DEMO_SCORE_ID = "PERMED_DEMO_22";
    /** The programme's risk bands for the patient route. */
    static final String BANDS = "high:95,elevated:80";
    /** Score positions closer than this are read from a segment as one region. */
    private static final int MERGE_GAP = 100_000;

    private PrsScoring() {
    }

    /**
     * The routes. With {@code demo}, the catalogue offers the demo score and the demo cohort as reference population
     * (1000 Genomes phase 3, chr22, GRCh37, with the IGSR sample table), its files copied to {@code workDirectory} on the
     * first request; otherwise it is empty (cohort runs with an uploaded score still work).
     */
    public static PrsRoutes routes(Supplier<GenomeStore> genome, Supplier<ConsentView> consents, SecurityModule security, Clock clock,
            boolean demo, Path workDirectory) {
        requireNonNull(genome, "genome is null");
        requireNonNull(consents, "consents is null");
        requireNonNull(security, "security is null");
        requireNonNull(clock, "clock is null");
        requireNonNull(workDirectory, "workDirectory is null");
        Supplier<PrsCatalogue> catalogue = memoise(() -> demo ? demoCatalogue(workDirectory) : PrsCatalogue.empty());
        Supplier<ScoringTargets> targets = () -> targets(genome.get(), catalogue.get().panels());
        return new PrsRoutes(targets, consent(consents, clock), security.authorizer(), security.auditLog(), catalogue,
                RiskBands.parse(BANDS), clock);
    }

    /** The consent rule: a patient's sample counts when their consent allows health/medical research now. */
    static ResearchConsent consent(Supplier<ConsentView> consents, Clock clock) {
        return (patient, project) -> consents.get().mayCount(patient, RESEARCH_PURPOSE, project, clock.instant());
    }

    /**
     * The genome store as scoring targets. {@code panels} give the candidate sites for one person's scoring: a person
     * whose sample has reference calls (gVCF) gets {@code 0/0} at a reference site that one of their reference blocks
     * covers and where they have no variant.
     */
    public static ScoringTargets targets(GenomeStore genome, List<ReferencePanel> panels) {
        requireNonNull(genome, "genome is null");
        requireNonNull(panels, "panels is null");
        return new ScoringTargets() {
            @Override
            public List<TargetSample> researchSamples(String assembly, Optional<String> cohort) {
                Assembly wanted = assembly(assembly);
                return genome.samples().stream().filter(sample -> sample.assembly() == wanted && sample.cohort().isPresent())
                        .filter(sample -> cohort.isEmpty() || sample.cohort().equals(cohort)).map(PrsScoring::target).toList();
            }

            @Override
            public List<TargetSample> patientSamples(Pseudonym patient, String assembly) {
                Assembly wanted = assembly(assembly);
                return genome.samplesOf(List.of(patient)).stream().filter(sample -> sample.assembly() == wanted)
                        .sorted(Comparator.comparing(StoredSample::ingestedAt).reversed()).map(PrsScoring::target).toList();
            }

            @Override
            public GenotypeLoader genotypes(List<TargetSample> samples, String assembly) {
                Assembly wanted = assembly(assembly);
                Map<Long, StoredSample> byId = new HashMap<>();
                genome.samples().forEach(sample -> byId.put(sample.id(), sample));
                List<StoredSample> stored = new ArrayList<>(samples.size());
                for (TargetSample sample : samples) {
                    StoredSample found = byId.get(sample.id());
                    if (found == null || found.assembly() != wanted) {
                        throw new IllegalArgumentException("sample row " + sample.id() + " is not a stored " + wanted.displayName()
                                + " sample");
                    }
                    stored.add(found);
                }
                Optional<ReferencePanel> panel = panels.stream()
                        .filter(candidate -> Builds.canonical(candidate.assembly()).orElse("").equals(wanted.displayName())).findFirst();
                return loci -> new StoreGenotypes(genome, stored, wanted, loci, stored.size() == 1 ? panel : Optional.empty());
            }
        };
    }

    private static Assembly assembly(String name) {
        return Assembly.parse(Builds.canonical(name).orElse(name));
    }

    private static TargetSample target(StoredSample sample) {
        return new TargetSample(sample.id(), sample.sampleId(), sample.patient(), sample.cohort());
    }

    /**
     * The calls of some stored samples at some positions, read once per sample (regions around the positions) and held
     * in memory (two bytes per sample per site). The sites are the stored variants of the samples at those positions,
     * each one biallelic site (as a VCF split with {@code bcftools norm -m-}); with one sample and a reference panel, the
     * panel's biallelic sites at positions where the sample has no variant are added when its gVCF reference blocks
     * cover them. A sample without a stored call at a site is missing there, unless its reference blocks cover the
     * site: then {@code 0/0} (the store's {@code counts} for that sample alone gives an allele number there).
     */
    /**
     * The calls of stored samples at the loci of a score (gVCF reference blocks as 0/0), read in one pass over each
     * segment: for {@code permed prs store} as for the REST routes.
     */
    public static GenotypeSource storeGenotypes(GenomeStore genome, List<StoredSample> samples, Assembly assembly, Set<Locus> loci) {
        return new StoreGenotypes(genome, samples, assembly, loci, Optional.empty());
    }

    static final class StoreGenotypes implements GenotypeSource {
        private final List<String> names;
        private final Map<String, List<TargetSite>> sites = new HashMap<>();
        private final Map<Long, byte[]> calls = new HashMap<>();
        private int referenceBlockCalls;

        StoreGenotypes(GenomeStore genome, List<StoredSample> samples, Assembly assembly, Set<Locus> loci, Optional<ReferencePanel> panel) {
            this.names = names(samples);
            Map<String, TreeSet<Integer>> positions = new TreeMap<>();
            for (Locus locus : loci) {
                positions.computeIfAbsent(locus.chromosome(), key -> new TreeSet<>()).add(locus.position());
            }
            List<GenomicRegion> regions = regions(positions);
            Map<VariantKey, byte[]> byKey = new LinkedHashMap<>();
            Map<VariantKey, boolean[]> stored = new HashMap<>();
            Map<Long, Integer> indexOf = new HashMap<>();
            for (int index = 0; index < samples.size(); index++) {
                indexOf.put(samples.get(index).id(), index);
            }
            // one pass over each segment's sites for all samples; output indices by segment slot, made once per segment
            Object[] segment = new Object[2];   // the segment's sample array (by identity) and its output indices
            genome.forEachSiteCall(assembly, regions, SampleSelection.of(indexOf.keySet()), (key, segmentSamples, slots, genotypes, count) -> {
                TreeSet<Integer> wanted = positions.get(key.contig());
                if (wanted == null || !wanted.contains(key.position())) {
                    return;
                }
                if (segment[0] != segmentSamples) {
                    segment[0] = segmentSamples;
                    int[] output = new int[segmentSamples.length];
                    for (int slot = 0; slot < segmentSamples.length; slot++) {
                        output[slot] = segmentSamples[slot] == null ? -1 : indexOf.getOrDefault(segmentSamples[slot].id(), -1);   // -1: not selected
                    }
                    segment[1] = output;
                }
                int[] output = (int[]) segment[1];
                byte[] row = byKey.computeIfAbsent(key, ignored -> missingRow(samples.size()));
                boolean[] has = stored.computeIfAbsent(key, ignored -> new boolean[samples.size()]);
                for (int call = 0; call < count; call++) {
                    int index = output[slots[call]];
                    has[index] = true;
                    set(row, index, genotypes[call]);
                }
            });
            // the panel's sites at positions where the one sample has no variant: kept only where a block covers them
            Set<VariantKey> hints = new java.util.HashSet<>();
            if (panel.isPresent() && samples.size() == 1 && samples.get(0).referenceCalls()) {
                Set<String> held = new java.util.HashSet<>();
                byKey.keySet().forEach(key -> held.add(key.contig() + ":" + key.position()));
                VcfGenotypes reference = VcfGenotypes.read(panel.get().vcf(), loci, sample -> false);
                for (Locus locus : loci) {
                    if (held.contains(locus.chromosome() + ":" + locus.position())) {
                        continue;
                    }
                    for (TargetSite site : reference.sites(locus.chromosome(), locus.position())) {
                        if (site.alternates().size() == 1) {
                            VariantKey key = new VariantKey(assembly, locus.chromosome(), locus.position(), site.reference(),
                                    site.alternates().get(0));
                            if (byKey.putIfAbsent(key, missingRow(1)) == null) {
                                hints.add(key);
                            }
                        }
                    }
                }
            }
            // a gVCF sample's reference blocks: 0/0 where a block covers a site its own segment lacks
            for (Map.Entry<VariantKey, byte[]> entry : byKey.entrySet()) {
                boolean[] has = stored.get(entry.getKey());
                for (int index = 0; index < samples.size(); index++) {
                    StoredSample sample = samples.get(index);
                    if ((has == null || !has[index]) && sample.referenceCalls()) {
                        int alleleNumber = genome.counts(entry.getKey(), SampleSelection.of(Set.of(sample.id()))).alleleNumber();
                        if (alleleNumber > 0) {
                            entry.getValue()[2 * index] = 0;
                            entry.getValue()[2 * index + 1] = 0;
                            referenceBlockCalls++;
                        }
                    }
                }
            }
            byKey.entrySet().removeIf(entry -> hints.contains(entry.getKey()) && entry.getValue()[0] < 0);
            long ordinal = 0;
            for (Map.Entry<VariantKey, byte[]> entry : byKey.entrySet()) {
                VariantKey key = entry.getKey();
                TargetSite site = new TargetSite(++ordinal, key.contig(), key.position(), key.reference(), List.of(key.alternate()));
                sites.computeIfAbsent(key.contig() + ":" + key.position(), ignored -> new ArrayList<>()).add(site);
                calls.put(site.ordinal(), entry.getValue());
            }
        }

        private static byte[] missingRow(int samples) {
            byte[] row = new byte[2 * samples];
            Arrays.fill(row, (byte) -1);
            return row;
        }

        private static void set(byte[] row, int index, Genotype genotype) {
            if (genotype.isMissing()) {
                return;
            }
            int alternates = genotype.alternateAlleleCount();
            if (genotype.ploidy() == 1) {
                row[2 * index] = (byte) alternates;
                row[2 * index + 1] = (byte) alternates;
            } else {
                row[2 * index] = (byte) (alternates >= 1 ? 1 : 0);
                row[2 * index + 1] = (byte) (alternates == 2 ? 1 : 0);
            }
        }

        private static List<GenomicRegion> regions(Map<String, TreeSet<Integer>> positions) {
            List<GenomicRegion> regions = new ArrayList<>();
            positions.forEach((chromosome, loci) -> {
                int start = -1;
                int end = -1;
                for (int position : loci) {
                    if (start < 0) {
                        start = position;
                    } else if (position - end > MERGE_GAP) {
                        regions.add(GenomicRegion.of(chromosome, start, end));
                        start = position;
                    }
                    end = position;
                }
                if (start > 0) {
                    regions.add(GenomicRegion.of(chromosome, start, end));
                }
            });
            return regions;
        }

        /** Sample IDs as stored; COHORT/ID (or lab:ORG/ID) for every sample whose ID another selected one shares. */
        private static List<String> names(List<StoredSample> samples) {
            Map<String, Integer> counts = new HashMap<>();
            samples.forEach(sample -> counts.merge(sample.sampleId(), 1, Integer::sum));
            return samples.stream().map(sample -> counts.get(sample.sampleId()) == 1 ? sample.sampleId()
                    : sample.cohort().orElseGet(() -> "lab:" + sample.laboratory().orElse("")) + "/" + sample.sampleId()).toList();
        }

        /** How many calls were read as 0/0 from gVCF reference blocks (for tests and logs). */
        int referenceBlockCalls() {
            return referenceBlockCalls;
        }

        @Override
        public String name() {
            return "the genome store";
        }

        @Override
        public List<String> samples() {
            return names;
        }

        @Override
        public List<TargetSite> sites(String chromosome, int position) {
            return sites.getOrDefault(chromosome + ":" + position, List.of());
        }

        @Override
        public byte[] calls(TargetSite site) {
            return calls.get(site.ordinal());
        }
    }

    // ---------------------------------------------------------------------------------------------
    // the demo

    /**
     * The demo's catalogue: the demo cohort (1000 Genomes phase 3, the first 9,750 records of chr22, GRCh37) as the
     * reference population with its IGSR sample table and an ancestry model fitted on it, and {@link #DEMO_SCORE_ID}.
     */
    static PrsCatalogue demoCatalogue(Path workDirectory) {
        try {
            Files.createDirectories(workDirectory);
            Path vcf = copyDemoResource("1kg_phase3_chr22_2504samples.vcf.gz", workDirectory);
            Path samples = copyDemoResource("1kg_phase3_samples.tsv", workDirectory);
            Populations populations = PopulationFileReader.read(samples);
            AncestryModel model = AncestryModel.fit(vcf, populations, AncestryModel.Options.defaults());
            ReferencePanel panel = new ReferencePanel("1000 Genomes phase 3 (demo: chr22 16.05-16.64 Mb, 2,504 samples)", "GRCh37", vcf,
                    populations, Optional.of(model));
            ScoringFile score = demoScore(vcf);
            return new PrsCatalogue(Map.of(score.scoreId(), score), List.of(panel));
        } catch (IOException exception) {
            throw new UncheckedIOException("cannot prepare the demo's polygenic score files in " + workDirectory, exception);
        }
    }

    /**
     * A scoring file for the demo, generated from the demo cohort: every third biallelic SNP that is not
     * strand-ambiguous and has an ALT frequency of at least 5 %, the effect allele REF or ALT and the weight drawn
     * from a normal distribution (fixed seed). It measures nothing; its header says so.
     */
    static ScoringFile demoScore(Path vcf) {
        StringBuilder text = new StringBuilder();
        text.append("#format_version=2.0\n#pgs_id=").append(DEMO_SCORE_ID).append("\n#pgs_name=permed demo score (random weights)\n")
                .append("#trait_reported=none: a demonstration score with random weights, generated by permed\n")
                .append("#genome_build=GRCh37\n#license=generated by permed for the demo; no restrictions\n")
                .append("chr_name\tchr_position\teffect_allele\tother_allele\teffect_weight\n");
        Random random = new Random(22);
        int candidate = 0;
        try (VcfReader reader = VcfReader.open(vcf)) {
            while (reader.advance()) {
                VcfRecord record = reader.record();
                if (record.kind() != RecordKind.VARIANT || record.alternateAlleles().size() != 1) {
                    continue;
                }
                String reference = record.referenceAllele();
                String alternate = record.alternateAlleles().get(0);
                if (reference.length() != 1 || alternate.length() != 1 || ambiguous(reference + alternate)) {
                    continue;
                }
                int[] alleles = record.genotypes().alleleIndicesView();
                long copies = 0;
                long called = 0;
                for (int allele : alleles) {
                    if (allele >= 0) {
                        called++;
                        copies += allele == 1 ? 1 : 0;
                    }
                }
                if (called == 0 || copies < 0.05 * called || candidate++ % 3 != 0) {
                    continue;
                }
                boolean effectIsAlternate = random.nextBoolean();
                text.append(record.contig()).append('\t').append(record.position()).append('\t')
                        .append(effectIsAlternate ? alternate : reference).append('\t').append(effectIsAlternate ? reference : alternate)
                        .append('\t').append(String.format(Locale.ROOT, "%.6g", 0.05 * random.nextGaussian())).append('\n');
            }
        }
        return ScoringFileReader.read(new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)), DEMO_SCORE_ID + ".txt");
    }

    private static boolean ambiguous(String pair) {
        return pair.equals("AT") || pair.equals("TA") || pair.equals("CG") || pair.equals("GC");
    }

    private static Path copyDemoResource(String name, Path directory) throws IOException {
        Path target = directory.resolve(name);
        try (InputStream input = PrsScoring.class.getResourceAsStream("demo/" + name)) {
            if (input == null) {
                throw new IllegalStateException("the demo resource " + name + " is missing from the build");
            }
            Files.copy(input, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    private static <T> Supplier<T> memoise(Supplier<T> supplier) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }
}
