package no.permed.genome;

import static java.util.Objects.requireNonNull;

import java.io.BufferedWriter;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import no.permed.columnar.GenomicRegion;
import no.permed.columnar.GenotypeCodes;
import no.permed.columnar.SampleSet;
import no.permed.columnar.Site;
import no.permed.columnar.compaction.SegmentCompactor;
import no.permed.columnar.segment.AlleleCounts;
import no.permed.columnar.segment.SampleCall;
import no.permed.columnar.segment.Segment;
import no.permed.columnar.segment.SegmentWriter;
import no.permed.columnar.segment.SegmentWriterOptions;
import no.permed.columnar.segment.SiteCall;
import no.permed.columnar.segment.SiteGenotypes;
import no.permed.columnar.segment.WrittenSegment;
import no.permed.columnar.sitetable.PopulationCounts;
import no.permed.columnar.sitetable.SiteTableExport;
import no.permed.db.Database;
import no.permed.genome.catalogue.Catalogue;
import no.permed.genome.ingest.IngestProgress;
import no.permed.genome.ingest.IngestRequest;
import no.permed.genome.ingest.IngestResult;
import no.permed.genome.ingest.Ingests;
import no.permed.genome.internal.Coverage;
import no.permed.genome.internal.StoreView;
import no.permed.genome.query.Carrier;
import no.permed.genome.query.CountVisitor;
import no.permed.genome.query.GenotypeCall;
import no.permed.genome.query.SampleSelection;
import no.permed.genome.query.VariantCounts;
import no.permed.kernel.PermedException;
import no.permed.kernel.Pseudonym;
import no.permed.kernel.Purpose;
import no.permed.spi.AuditEvent;
import no.permed.spi.AuditOutcome;
import no.permed.spi.AuditSink;
import no.permed.spi.Pseudonymizer;
import no.permed.spi.RequestContext;
import no.permed.vcf.genome.Assembly;
import no.permed.vcf.genome.Contigs;
import no.permed.vcf.normalise.VariantKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The genome store: each sample's genotypes stored once, in columnar segments under
 * {@code <data>/genome/segments}, catalogued in PostgreSQL schema {@code genome}, and queried by the
 * other capabilities through this class.
 *
 * <p>Writes (ingest, erasure, compaction) are serialised and audited; reads work on an immutable
 * snapshot and run concurrently. Reads are not audited here: the caller (a route, the CLI, another
 * capability) authorises and audits the access, because only it knows who asks and why.
 *
 * <p>Crash safety: a segment file is complete under its final name before its catalogue rows commit,
 * and a segment file without rows is an interrupted ingest, deleted by {@link #open}. So a crash at
 * any moment leaves the store as it was before the interrupted write, or with the write complete.
 */
public final class GenomeStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GenomeStore.class);
    /** The file suffix of segments. */
    public static final String SEGMENT_SUFFIX = ".pmseg";

    private final Catalogue catalogue;
    private final Path segments;
    private final Path scratch;
    private final Pseudonymizer pseudonymizer;
    private final AuditSink audit;
    private final Clock clock;
    private final int threads;
    private final SegmentWriterOptions writerOptions;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Map<String, Segment> openSegments = new ConcurrentHashMap<>();
    private volatile StoreView view;
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();

    private GenomeStore(Catalogue catalogue, Path root, Pseudonymizer pseudonymizer, AuditSink audit, Clock clock, int threads) {
        this.catalogue = catalogue;
        this.segments = root.resolve("segments");
        this.scratch = root.resolve("tmp");
        this.pseudonymizer = requireNonNull(pseudonymizer, "pseudonymizer is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.threads = Math.max(1, threads);
        this.writerOptions = SegmentWriterOptions.defaults();
    }

    /**
     * Opens the store in {@code root} (created if missing), migrates schema {@code genome}, and removes
     * what interrupted writes left: temporary files, segment files without catalogue rows, files of
     * segments replaced by compaction.
     */
    public static GenomeStore open(Database database, Path root, Pseudonymizer pseudonymizer, AuditSink audit, Clock clock) {
        requireNonNull(database, "database is null");
        requireNonNull(root, "root is null");
        database.migrate("genome");
        GenomeStore store = new GenomeStore(new Catalogue(database.jdbi()), root, pseudonymizer, audit, clock,
                Math.min(2, Runtime.getRuntime().availableProcessors()));
        store.recover();
        store.refresh();
        return store;
    }

    private void recover() {
        try {
            Files.createDirectories(segments);
            Files.createDirectories(scratch);
            Set<String> known = catalogue.allSegmentFileNames();
            List<String> retired = catalogue.retiredSegmentFileNames();
            int removed = 0;
            try (DirectoryStream<Path> files = Files.newDirectoryStream(segments)) {
                for (Path file : files) {
                    String name = file.getFileName().toString();
                    if (SegmentWriter.isTemporaryFileName(name) || (name.endsWith(SEGMENT_SUFFIX) && !known.contains(name))
                            || retired.contains(name) || name.endsWith(".parquet.tmp")) {
                        Files.deleteIfExists(file);
                        removed++;
                    }
                }
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(scratch)) {
                for (Path file : files) {
                    Files.deleteIfExists(file);
                    removed++;
                }
            }
            if (removed > 0) {
                LOG.info("genome store: removed {} file(s) left by interrupted writes", removed);
            }
        } catch (IOException failure) {
            throw storageFailure("cannot prepare the genome store directory " + segments.getParent(), failure);
        }
    }

    /** Builds a new snapshot from the catalogue. */
    private void refresh() {
        List<Catalogue.SegmentRow> rows = catalogue.liveSegments();
        Map<UUID, StoredSample[]> samples = new HashMap<>();
        for (Catalogue.SegmentRow row : rows) {
            samples.put(row.id(), new StoredSample[row.sampleCount()]);
        }
        for (StoredSample sample : catalogue.liveSamples()) {
            StoredSample[] slots = samples.get(sample.segmentId());
            if (slots != null) {
                slots[sample.sampleIndex()] = sample;
            }
        }
        List<StoreView.Part> parts = new ArrayList<>();
        for (Catalogue.SegmentRow row : rows) {
            Segment segment = openSegments.computeIfAbsent(row.fileName(), name -> openSegment(segments.resolve(name)));
            StoredSample[] slots = samples.get(row.id());
            int[] hidden = java.util.stream.IntStream.range(0, slots.length).filter(index -> slots[index] == null).toArray();
            Segment view = hidden.length == 0 ? segment : segment.withErasedSamples(SampleSet.of(slots.length, hidden));
            parts.add(new StoreView.Part(row.id(), row.assembly(), view, slots));
        }
        this.view = new StoreView(parts, catalogue.coverage());
        generation.incrementAndGet();
        LOG.debug("genome store: {} segment(s)", parts.size());
    }

    private static Segment openSegment(Path path) {
        if (!Files.exists(path)) {
            throw new PermedException(GenomeErrorCode.SEGMENT_MISSING, "segment file " + path.getFileName()
                    + " is listed in the catalogue but missing from " + path.getParent()
                    + "; restore it from a backup or ingest its source again", Map.of("file", String.valueOf(path.getFileName())));
        }
        return Segment.open(path);
    }

    // ------------------------------------------------------------------------------------------------
    // ingest

    /**
     * Validates, normalises and stores the request's files as one new segment; catalogue rows and the
     * audit entry are written after the segment is complete on disk. Nothing is stored when any check
     * fails.
     */
    public IngestResult ingest(RequestContext context, IngestRequest request, IngestProgress progress) {
        requireNonNull(context, "context is null");
        requireNonNull(request, "request is null");
        requireNonNull(progress, "progress is null");
        writeLock.lock();
        try {
            return ingests().run(context, request, progress);
        } finally {
            try {
                refresh();
            } finally {
                writeLock.unlock();
            }
        }
    }

    private Ingests ingests() {
        return new Ingests(catalogue, segments, scratch, pseudonymizer, audit, clock, writerOptions);
    }

    // ------------------------------------------------------------------------------------------------
    // catalogue queries

    /** All live samples. */
    /**
     * A number that grows whenever the stored samples change (ingest, erasure, compaction), so that a
     * materialised aggregate (the frequency register) can tell cheaply whether it must count again.
     */
    public long generation() {
        return generation.get();
    }

    public List<StoredSample> samples() {
        return List.copyOf(view.samplesById().values().stream()
                .sorted(java.util.Comparator.comparingLong(StoredSample::id)).toList());
    }

    /** The live sample with this catalogue row id. */
    public Optional<StoredSample> sample(long rowId) {
        return Optional.ofNullable(view.samplesById().get(rowId));
    }

    /** The live samples of a patient, under any of the patient's pseudonyms. */
    public List<StoredSample> samplesOf(List<Pseudonym> pseudonyms) {
        return view.samplesById().values().stream()
                .filter(sample -> sample.patient().isPresent() && pseudonyms.contains(sample.patient().get()))
                .sorted(java.util.Comparator.comparingLong(StoredSample::id))
                .toList();
    }

    /** Live samples with this sample ID (in any laboratory or cohort). */
    public List<StoredSample> samplesWithId(String sampleId) {
        return view.samplesById().values().stream().filter(sample -> sample.sampleId().equals(sampleId))
                .sorted(java.util.Comparator.comparingLong(StoredSample::id)).toList();
    }

    /**
     * Resolves sample IDs (one per entry, as written in a samples file; {@code COHORT/ID} or
     * {@code lab:ORG/ID} picks one of several samples with the same ID) to a selection.
     *
     * @throws PermedException UNKNOWN_SAMPLES naming the first few unknown or ambiguous IDs
     */
    public SampleSelection selectByIds(List<String> ids) {
        Map<String, List<StoredSample>> byId = new HashMap<>();
        for (StoredSample sample : view.samplesById().values()) {
            byId.computeIfAbsent(sample.sampleId(), key -> new ArrayList<>()).add(sample);
            String scope = sample.cohort().orElseGet(() -> "lab:" + sample.laboratory().orElse(""));
            byId.computeIfAbsent(scope + "/" + sample.sampleId(), key -> new ArrayList<>()).add(sample);
        }
        Set<Long> rows = new java.util.HashSet<>();
        List<String> unknown = new ArrayList<>();
        List<String> ambiguous = new ArrayList<>();
        for (String id : ids) {
            List<StoredSample> matches = byId.getOrDefault(id, List.of());
            if (matches.isEmpty()) {
                unknown.add(id);
            } else if (matches.size() > 1) {
                ambiguous.add(id);
            } else {
                rows.add(matches.get(0).id());
            }
        }
        if (!unknown.isEmpty() || !ambiguous.isEmpty()) {
            StringBuilder message = new StringBuilder();
            if (!unknown.isEmpty()) {
                message.append(unknown.size()).append(" sample ID(s) are not stored: ").append(first(unknown));
            }
            if (!ambiguous.isEmpty()) {
                message.append(message.length() > 0 ? "; " : "").append(ambiguous.size())
                        .append(" sample ID(s) name samples of several cohorts or laboratories (write COHORT/ID): ")
                        .append(first(ambiguous));
            }
            throw new PermedException(GenomeErrorCode.UNKNOWN_SAMPLES, message.toString(),
                    Map.of("unknown", unknown.size(), "ambiguous", ambiguous.size()));
        }
        return SampleSelection.of(rows);
    }

    private static String first(List<String> values) {
        return String.join(", ", values.subList(0, Math.min(5, values.size()))) + (values.size() > 5 ? ", …" : "");
    }

    /** The assemblies the store holds. */
    public Set<Assembly> assemblies() {
        Set<Assembly> assemblies = java.util.EnumSet.noneOf(Assembly.class);
        view.parts().forEach(part -> assemblies.add(part.assembly()));
        return assemblies;
    }

    // ------------------------------------------------------------------------------------------------
    // genotype queries

    /** A sample's calls at every stored variant in the regions (hom-ref and missing calls included). */
    public List<GenotypeCall> genotypes(StoredSample sample, List<GenomicRegion> regions) {
        requireNonNull(sample, "sample is null");
        StoreView.Part part = partOf(sample);
        List<GenotypeCall> calls = new ArrayList<>();
        for (GenomicRegion region : regions) {
            GenomicRegion canonical = canonical(region);
            for (SiteCall call : part.segment().callsOfSample(sample.sampleIndex(), canonical)) {
                calls.add(new GenotypeCall(key(part.assembly(), call.site()), call.genotype()));
            }
        }
        return calls;
    }

    /**
     * The calls of the selected samples at every stored variant in the regions (hom-ref and missing calls included), one
     * segment after the other and, within a segment, site by site: each segment's genotype blocks are decoded once for
     * all its samples, where {@link #genotypes} decodes them once per sample. For cohort-wide scans (polygenic scores).
     */
    public void forEachSiteCall(Assembly assembly, List<GenomicRegion> regions, SampleSelection selection, SiteCallVisitor visitor) {
        requireNonNull(assembly, "assembly is null");
        requireNonNull(regions, "regions is null");
        requireNonNull(selection, "selection is null");
        requireNonNull(visitor, "visitor is null");
        List<GenomicRegion> canonical = regions.stream().map(GenomeStore::canonical).toList();
        for (StoreView.Part part : view.parts(assembly)) {
            StoredSample[] bySlot = part.samplesByIndex();
            boolean[] take = new boolean[bySlot.length];
            int selected = 0;
            for (int slot = 0; slot < bySlot.length; slot++) {
                take[slot] = bySlot[slot] != null && selection.includes(bySlot[slot].id());
                selected += take[slot] ? 1 : 0;
            }
            if (selected == 0) {
                continue;
            }
            int[] slots = new int[selected];
            int next = 0;
            for (int slot = 0; slot < take.length; slot++) {
                if (take[slot]) {
                    slots[next++] = slot;
                }
            }
            no.permed.columnar.Genotype[] calls = new no.permed.columnar.Genotype[selected];
            for (GenomicRegion region : canonical) {
                part.segment().forEachSiteCodes(region, (siteIndex, site, codes) -> {
                    for (int index = 0; index < slots.length; index++) {
                        calls[index] = no.permed.columnar.Genotype.of(codes[slots[index]]);
                    }
                    visitor.site(key(assembly, site), bySlot, slots, calls, slots.length);
                });
            }
        }
    }

    /**
     * Receives the selected samples' calls at one stored variant: for the first {@code count} entries, the sample is
     * {@code segmentSamples[slots[i]]} and its call {@code genotypes[i]}. {@code segmentSamples} is the same array for
     * every site of a segment (a visitor may key a slot-indexed lookup on its identity); the arrays are reused.
     */
    @FunctionalInterface
    public interface SiteCallVisitor {
        void site(VariantKey variant, StoredSample[] segmentSamples, int[] slots, no.permed.columnar.Genotype[] genotypes, int count);
    }

    /** The live samples that carry a variant, with their calls, in catalogue order. */
    public List<Carrier> carriers(VariantKey variant) {
        requireNonNull(variant, "variant is null");
        Site site = site(variant);
        List<Carrier> carriers = new ArrayList<>();
        for (StoreView.Part part : view.parts(variant.assembly())) {
            OptionalInt index = part.segment().indexOf(site);
            if (index.isEmpty()) {
                continue;
            }
            for (SampleCall call : part.segment().carriers(index.getAsInt())) {
                StoredSample sample = part.sample(call.sampleIndex());
                if (sample != null) {
                    carriers.add(new Carrier(sample, call.genotype()));
                }
            }
        }
        carriers.sort(java.util.Comparator.comparingLong(carrier -> carrier.sample().id()));
        return carriers;
    }

    /**
     * AC, AN, HOM (and per population label) of one variant over the selected samples. Samples whose
     * segment lacks the variant count towards AN only where a gVCF reference block covers it.
     */
    public VariantCounts counts(VariantKey variant, SampleSelection selection) {
        requireNonNull(variant, "variant is null");
        requireNonNull(selection, "selection is null");
        Site site = site(variant);
        int[] total = new int[4];
        Map<String, int[]> byPopulation = new TreeMap<>();
        StoreView current = view;
        for (StoreView.Part part : current.parts(variant.assembly())) {
            OptionalInt index = part.segment().indexOf(site);
            if (index.isPresent()) {
                for (SiteGenotypes genotypes : part.segment().calls(GenomicRegion.locus(site.contig(), site.position()))) {
                    if (genotypes.siteIndex() != index.getAsInt()) {
                        continue;
                    }
                    for (SampleCall call : genotypes.calls()) {
                        StoredSample sample = part.sample(call.sampleIndex());
                        if (sample == null || !counted(sample, selection) || call.genotype().isMissing()) {
                            continue;
                        }
                        int[] counts = tally(call.genotype());
                        add(total, counts);
                        sample.population().ifPresent(population -> add(byPopulation.computeIfAbsent(population, key -> new int[4]), counts));
                    }
                }
            } else {
                for (StoredSample sample : part.samplesByIndex()) {
                    if (sample == null || !counted(sample, selection)) {
                        continue;
                    }
                    Coverage coverage = current.coverage(sample.id(), site.contig());
                    if (coverage != null && coverage.covers(site.position())) {
                        int[] counts = {0, ploidyAt(sample, site.contig()), 0, 0};
                        add(total, counts);
                        sample.population().ifPresent(population -> add(byPopulation.computeIfAbsent(population, key -> new int[4]), counts));
                    }
                }
            }
        }
        Map<String, VariantCounts.Counts> populations = new LinkedHashMap<>();
        byPopulation.forEach((name, counts) -> populations.put(name, new VariantCounts.Counts(counts[0], counts[1], counts[2], counts[3])));
        return new VariantCounts(variant, total[0], total[1], total[2], total[3], populations);
    }

    /**
     * Whether a sample takes part in allele counts: selected, and with reference calls (a sample from a
     * single-sample VCF without reference blocks says nothing about the sites where it carries no variant,
     * so counting it would inflate frequencies).
     */
    private static boolean counted(StoredSample sample, SampleSelection selection) {
        return sample.referenceCalls() && selection.includes(sample.id());
    }

    private static int[] tally(no.permed.columnar.Genotype genotype) {
        int alternates = genotype.alternateAlleleCount();
        if (genotype.ploidy() == 1) {
            return new int[] {alternates, 1, 0, alternates};
        }
        return new int[] {alternates, 2, alternates == 2 ? 1 : 0, 0};
    }

    private static void add(int[] target, int[] counts) {
        for (int index = 0; index < target.length; index++) {
            target[index] += counts[index];
        }
    }

    /** The number of alleles a reference call counts: 1 for a male on X or Y, 2 otherwise. */
    private static int ploidyAt(StoredSample sample, String contig) {
        boolean sexChromosome = contig.equals("X") || contig.equals("Y");
        return sexChromosome && sample.sex().filter("male"::equals).isPresent() ? 1 : 2;
    }

    /**
     * Counts every stored variant of an assembly over the selected samples and hands the counts to
     * {@code visitor} in order (contig, position, REF, ALT); returns the number of variants. Only the
     * segments holding at least one selected sample take part.
     */
    public long forEachCount(Assembly assembly, SampleSelection selection, CountVisitor visitor) {
        requireNonNull(selection, "selection is null");
        requireNonNull(visitor, "visitor is null");
        return forEachCount(assembly, List.of(selection), (contig, position, reference, alternate, ac, an, hom, hemi) ->
                visitor.site(contig, position, reference, alternate, ac[0], an[0], hom[0], hemi[0]));
    }

    /**
     * Counts every stored variant of an assembly over several sample selections at once (for example every
     * population of a cohort): each segment's genotypes are decoded once for all of them. The visitor gets, per
     * variant in order (contig, position, REF, ALT), the counts of each selection at its index; a selection with no
     * sample in a variant's segments gets zeros. Only segments holding a sample of some selection take part. Returns
     * the number of variants.
     */
    public long forEachCount(Assembly assembly, List<SampleSelection> selections, GroupCountVisitor visitor) {
        requireNonNull(assembly, "assembly is null");
        requireNonNull(selections, "selections is null");
        requireNonNull(visitor, "visitor is null");
        if (selections.isEmpty()) {
            throw new IllegalArgumentException("give at least one selection");
        }
        int groups = selections.size();
        StoreView current = view;
        List<Counted> counted = new ArrayList<>();
        for (StoreView.Part part : current.parts(assembly)) {
            int sampleCount = part.segment().sampleCount();
            int[][] selected = new int[groups][];
            List<SampleSet> sets = new ArrayList<>(groups);
            boolean any = false;
            for (int group = 0; group < groups; group++) {
                SampleSelection selection = requireNonNull(selections.get(group), "selection is null");
                selected[group] = java.util.stream.IntStream.range(0, part.samplesByIndex().length)
                        .filter(index -> part.sample(index) != null && counted(part.sample(index), selection))
                        .toArray();
                any |= selected[group].length > 0;
                sets.add(selected[group].length == sampleCount ? SampleSet.all(sampleCount) : SampleSet.of(sampleCount, selected[group]));
            }
            if (any) {
                counted.add(new Counted(part, selected, part.segment().countAlleles(sets, threads)));
            }
        }
        if (counted.size() == 1) {
            return emitSingle(counted.get(0), groups, visitor);
        }
        return emitMerged(current, counted, groups, visitor);
    }

    /** Receives one variant's counts for several selections (arrays indexed by selection, reused between calls). */
    @FunctionalInterface
    public interface GroupCountVisitor {
        void site(String contig, int position, String reference, String alternate, int[] alleleCounts, int[] alleleNumbers,
                int[] homozygotes, int[] hemizygotes);
    }

    /** One segment's part of a count: per selection, its selected sample slots and its counts. */
    private record Counted(StoreView.Part part, int[][] selected, List<AlleleCounts> counts) {
    }

    private static long emitSingle(Counted only, int groups, GroupCountVisitor visitor) {
        int[][] ac = new int[groups][];
        int[][] an = new int[groups][];
        int[][] hom = new int[groups][];
        int[][] hemi = new int[groups][];
        for (int group = 0; group < groups; group++) {
            AlleleCounts counts = only.counts().get(group);
            ac[group] = counts.alleleCountArray();
            an[group] = counts.alleleNumberArray();
            hom[group] = counts.homozygousAlternateCountArray();
            hemi[group] = counts.hemizygousAlternateCountArray();
        }
        int[] siteAc = new int[groups];
        int[] siteAn = new int[groups];
        int[] siteHom = new int[groups];
        int[] siteHemi = new int[groups];
        long[] emitted = {0};
        only.part().segment().forEachSite((index, site) -> {
            for (int group = 0; group < groups; group++) {
                siteAc[group] = ac[group][index];
                siteAn[group] = an[group][index];
                siteHom[group] = hom[group][index];
                siteHemi[group] = hemi[group][index];
            }
            visitor.site(site.contig(), site.position(), site.reference(), site.alternate(), siteAc, siteAn, siteHom, siteHemi);
            emitted[0]++;
        });
        return emitted[0];
    }

    /** Merges the sites of several segments in canonical contig order; absent sites count gVCF coverage. */
    private static long emitMerged(StoreView current, List<Counted> counted, int groups, GroupCountVisitor visitor) {
        java.util.TreeSet<String> contigs = new java.util.TreeSet<>(GenomeStore::compareContigs);
        for (Counted entry : counted) {
            contigs.addAll(entry.part().segment().contigs());
        }
        // every segment's sites by contig, read from the site frames only
        List<Map<String, List<Map.Entry<Site, Integer>>>> sitesByContig = new ArrayList<>();
        for (Counted entry : counted) {
            Map<String, List<Map.Entry<Site, Integer>>> byContig = new HashMap<>();
            entry.part().segment().forEachSite((index, site) ->
                    byContig.computeIfAbsent(site.contig(), key -> new ArrayList<>()).add(Map.entry(site, index)));
            sitesByContig.add(byContig);
        }
        int[] ac = new int[groups];
        int[] an = new int[groups];
        int[] hom = new int[groups];
        int[] hemi = new int[groups];
        long emitted = 0;
        for (String contig : contigs) {
            // every site of this contig, from every segment: key -> per segment site index
            TreeMap<Site, int[]> union = new TreeMap<>(java.util.Comparator.comparingInt(Site::position)
                    .thenComparing(Site::reference).thenComparing(Site::alternate));
            for (int segment = 0; segment < counted.size(); segment++) {
                for (Map.Entry<Site, Integer> site : sitesByContig.get(segment).getOrDefault(contig, List.of())) {
                    int[] indices = union.computeIfAbsent(site.getKey(), key -> {
                        int[] fresh = new int[counted.size()];
                        java.util.Arrays.fill(fresh, -1);
                        return fresh;
                    });
                    indices[segment] = site.getValue();
                }
            }
            for (Map.Entry<Site, int[]> entry : union.entrySet()) {
                Site site = entry.getKey();
                java.util.Arrays.fill(ac, 0);
                java.util.Arrays.fill(an, 0);
                java.util.Arrays.fill(hom, 0);
                java.util.Arrays.fill(hemi, 0);
                for (int segment = 0; segment < counted.size(); segment++) {
                    int index = entry.getValue()[segment];
                    Counted part = counted.get(segment);
                    for (int group = 0; group < groups; group++) {
                        if (index >= 0) {
                            AlleleCounts counts = part.counts().get(group);
                            ac[group] += counts.alleleCount(index);
                            an[group] += counts.alleleNumber(index);
                            hom[group] += counts.homozygousAlternateCount(index);
                            hemi[group] += counts.hemizygousAlternateCount(index);
                        } else {
                            for (int sampleIndex : part.selected()[group]) {
                                StoredSample sample = part.part().sample(sampleIndex);
                                Coverage coverage = current.coverage(sample.id(), contig);
                                if (coverage != null && coverage.covers(site.position())) {
                                    an[group] += ploidyAt(sample, contig);
                                }
                            }
                        }
                    }
                }
                visitor.site(contig, site.position(), site.reference(), site.alternate(), ac, an, hom, hemi);
                emitted++;
            }
        }
        return emitted;
    }

    /** Canonical contig order: 1–22, X, Y, MT, then other names alphabetically. */
    static int compareContigs(String left, String right) {
        int leftRank = Contigs.PRIMARY_CONTIGS.indexOf(left);
        int rightRank = Contigs.PRIMARY_CONTIGS.indexOf(right);
        if (leftRank >= 0 && rightRank >= 0) {
            return Integer.compare(leftRank, rightRank);
        }
        if (leftRank >= 0 || rightRank >= 0) {
            return leftRank >= 0 ? -1 : 1;
        }
        return left.compareTo(right);
    }

    /**
     * Writes {@code CHROM POS REF ALT AC AN HOM} (tab-separated, one header line, one line per stored
     * variant) for the selected samples, atomically; returns the number of variants.
     */
    public long writeFrequencies(Assembly assembly, SampleSelection selection, Path out) {
        requireNonNull(out, "out is null");
        Path absolute = out.toAbsolutePath();
        Path temporary = absolute.resolveSibling("." + absolute.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            long lines;
            try (BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(temporary),
                    StandardCharsets.US_ASCII), 1 << 16)) {
                writer.write("CHROM\tPOS\tREF\tALT\tAC\tAN\tHOM\n");
                StringBuilder line = new StringBuilder(128);
                lines = forEachCount(assembly, selection, (contig, position, reference, alternate, ac, an, hom, hemi) -> {
                    line.setLength(0);
                    line.append(contig).append('\t').append(position).append('\t').append(reference).append('\t')
                            .append(alternate).append('\t').append(ac).append('\t').append(an).append('\t').append(hom).append('\n');
                    try {
                        writer.append(line);
                    } catch (IOException failure) {
                        throw new UncheckedIOException(failure);
                    }
                });
            }
            Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return lines;
        } catch (IOException | UncheckedIOException failure) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // the first failure is the one to report
            }
            throw storageFailure("cannot write " + out.getFileName(), failure instanceof UncheckedIOException unchecked
                    ? unchecked.getCause() : (IOException) failure);
        }
    }

    /**
     * Writes one Parquet site table per live segment of the assembly into {@code directory}
     * ({@code <segment id>.parquet}: contig, position, ref, alt, ac, an, hom, hemi, then the same per
     * super-population label), for DuckDB or Spark; returns the files written.
     */
    public List<Path> exportSiteTables(Assembly assembly, Path directory) {
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(directory);
            for (StoreView.Part part : view.parts(assembly)) {
                Path target = directory.resolve(part.id() + ".parquet");
                Files.deleteIfExists(target);
                AlleleCounts counts = part.segment().countAlleles(part.visible(), threads);
                Map<String, List<Integer>> byLabel = new TreeMap<>();
                for (int index = 0; index < part.samplesByIndex().length; index++) {
                    StoredSample sample = part.sample(index);
                    if (sample != null && sample.superPopulation().isPresent()
                            && sample.superPopulation().get().matches("[A-Za-z][A-Za-z0-9_]{0,39}")) {
                        byLabel.computeIfAbsent(sample.superPopulation().get(), key -> new ArrayList<>()).add(index);
                    }
                }
                List<PopulationCounts> populations = new ArrayList<>();
                for (Map.Entry<String, List<Integer>> label : byLabel.entrySet()) {
                    int[] indices = label.getValue().stream().mapToInt(Integer::intValue).toArray();
                    populations.add(new PopulationCounts(label.getKey(),
                            part.segment().countAlleles(SampleSet.of(part.segment().sampleCount(), indices), threads)));
                }
                SiteTableExport.writeParquet(part.segment(), counts, populations, target);
                written.add(target);
            }
            return written;
        } catch (IOException failure) {
            throw storageFailure("cannot write site tables to " + directory, failure);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // erasure and compaction

    /**
     * Erases a sample: from the moment this returns, no query returns its genotypes or counts it; its
     * genotypes leave the disk at the next {@link #compact}. The catalogue keeps a tombstone (who, when,
     * why) and the audit log records the erasure.
     *
     * @param reason why (e.g. {@code consent withdrawn}); must not contain personal data
     */
    public void erase(RequestContext context, long sampleRowId, String reason) {
        requireNonNull(context, "context is null");
        requireNonNull(reason, "reason is null");
        writeLock.lock();
        try {
            StoredSample sample = sample(sampleRowId).orElseThrow(() -> new PermedException(GenomeErrorCode.SAMPLE_NOT_FOUND,
                    "no live sample with id " + sampleRowId + " (unknown or already erased)", Map.of("sample", sampleRowId)));
            Instant now = clock.instant();
            boolean erased = catalogue.jdbi().inTransaction(handle ->
                    catalogue.markErased(handle, sampleRowId, context.principal().user().value(), reason, now));
            if (!erased) {
                throw new PermedException(GenomeErrorCode.SAMPLE_NOT_FOUND, "sample " + sampleRowId + " is already erased",
                        Map.of("sample", sampleRowId));
            }
            audit.append(new AuditEvent(context, "genome.sample.erase", sample.patient(),
                    sample.patient().isPresent() ? Purpose.LABORATORY : Purpose.RESEARCH, AuditOutcome.PERMITTED,
                    Map.of("sampleRow", Long.toString(sampleRowId), "segment", sample.segmentId().toString(), "reason", reason)));
            refresh();
        } finally {
            writeLock.unlock();
        }
    }

    /** What a compaction did. */
    public record CompactionResult(int segmentsBefore, int segmentsAfter, int samplesMoved, int erasedSlotsDropped,
            long bytesBefore, long bytesAfter, long elapsedMillis) {
    }

    /**
     * Merges the live segments of each assembly into one (samples side by side; a sample's call at a
     * site its own file did not have is {@code 0/0} where its gVCF reference blocks cover the site and
     * {@code ./.} elsewhere), and rewrites any segment with erased samples so that their genotypes leave
     * the disk.
     */
    public CompactionResult compact(RequestContext context) {
        requireNonNull(context, "context is null");
        writeLock.lock();
        long started = System.nanoTime();
        try {
            StoreView current = view;
            int before = current.parts().size();
            long bytesBefore = 0;
            int moved = 0;
            int dropped = 0;
            for (StoreView.Part part : current.parts()) {
                bytesBefore += part.segment().fileBytes();
            }
            for (Assembly assembly : Assembly.values()) {
                List<StoreView.Part> mergeable = current.parts(assembly);
                boolean anyErased = mergeable.stream().anyMatch(part -> part.segment().erasedSamples().size() > 0);
                if (mergeable.size() > 1 || anyErased) {
                    int[] result = rewrite(context, mergeable, assembly, current);
                    moved += result[0];
                    dropped += result[1];
                }
            }
            refresh();
            long bytesAfter = 0;
            for (StoreView.Part part : view.parts()) {
                bytesAfter += part.segment().fileBytes();
            }
            CompactionResult result = new CompactionResult(before, view.parts().size(), moved, dropped, bytesBefore, bytesAfter,
                    (System.nanoTime() - started) / 1_000_000);
            audit.append(new AuditEvent(context, "genome.store.compact", Optional.empty(), Purpose.QUALITY_ASSURANCE,
                    AuditOutcome.PERMITTED, Map.of("segmentsBefore", Integer.toString(before),
                            "segmentsAfter", Integer.toString(result.segmentsAfter()))));
            return result;
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Writes the live samples of {@code parts} into one new segment and swaps the catalogue; returns
     * {moved, dropped}. After an erasure the sites no live sample carries are left out, so the erased
     * person's variant positions leave the disk too; parts whose samples are all erased are retired
     * without a successor.
     */
    private int[] rewrite(RequestContext context, List<StoreView.Part> parts, Assembly assembly, StoreView current) {
        List<StoreView.Part> withLiveSamples = new ArrayList<>();
        List<StoreView.Part> emptied = new ArrayList<>();
        int erasedSlots = 0;
        for (StoreView.Part part : parts) {
            boolean anyLive = java.util.Arrays.stream(part.samplesByIndex()).anyMatch(java.util.Objects::nonNull);
            (anyLive ? withLiveSamples : emptied).add(part);
            erasedSlots += part.segment().erasedSamples().size();
        }
        if (!emptied.isEmpty()) {
            Instant now = clock.instant();
            catalogue.jdbi().useTransaction(handle -> catalogue.retire(handle, emptied.stream().map(StoreView.Part::id).toList(), null, now));
            for (StoreView.Part part : emptied) {
                deleteQuietly(part.segment().path());
            }
            LOG.info("genome store: retired {} segment(s) whose samples are all erased", emptied.size());
        }
        if (withLiveSamples.isEmpty()) {
            return new int[] {0, erasedSlots};
        }
        boolean afterErasure = withLiveSamples.stream().anyMatch(part -> part.segment().erasedSamples().size() > 0);
        return merge(withLiveSamples, assembly, afterErasure, erasedSlots, current);
    }

    /**
     * The calls of a part's samples at a site the part lacks: a reference call where the sample's gVCF
     * reference blocks cover the position (haploid for males on X and Y), missing elsewhere.
     */
    private static SegmentCompactor.AbsentCallFill coverageFill(List<StoreView.Part> parts, StoreView current) {
        return (input, site, calls, offset, count) -> {
            StoreView.Part part = parts.get(input);
            for (int index = 0; index < count; index++) {
                StoredSample sample = part.sample(index);
                Coverage coverage = sample == null ? null : current.coverage(sample.id(), site.contig());
                if (coverage != null && coverage.covers(site.position())) {
                    calls[offset + index] = ploidyAt(sample, site.contig()) == 1
                            ? GenotypeCodes.haploid(GenotypeCodes.REFERENCE) : GenotypeCodes.HOMOZYGOUS_REFERENCE;
                } else {
                    calls[offset + index] = GenotypeCodes.MISSING_DIPLOID;
                }
            }
        };
    }

    private int[] merge(List<StoreView.Part> parts, Assembly assembly, boolean dropSitesWithoutCarriers, int erasedSlots,
            StoreView current) {
        UUID id = UUID.randomUUID();
        String fileName = id + SEGMENT_SUFFIX;
        Path target = segments.resolve(fileName);
        List<Segment> inputs = parts.stream().map(StoreView.Part::segment).toList();
        WrittenSegment written = SegmentCompactor.mergeSamples(inputs, target, coverageFill(parts, current), writerOptions,
                dropSitesWithoutCarriers);
        List<Long> sampleRows = new ArrayList<>();
        int dropped = 0;
        for (StoreView.Part part : parts) {
            for (StoredSample sample : part.samplesByIndex()) {
                if (sample == null) {
                    sampleRows.add(null);
                    dropped++;
                } else {
                    sampleRows.add(sample.id());
                }
            }
        }
        Instant now = clock.instant();
        try {
            catalogue.jdbi().useTransaction(handle -> {
                catalogue.insertSegment(handle, new Catalogue.SegmentRow(id, fileName, assembly, written.sampleCount(),
                        written.siteCount(), written.fileBytes(), now));
                catalogue.retire(handle, parts.stream().map(StoreView.Part::id).toList(), id, now);
                List<Long> live = new ArrayList<>();
                List<Integer> indices = new ArrayList<>();
                for (int index = 0; index < sampleRows.size(); index++) {
                    if (sampleRows.get(index) != null) {
                        live.add(sampleRows.get(index));
                        indices.add(index);
                    }
                }
                catalogue.relink(handle, id, live, indices);
            });
        } catch (RuntimeException failure) {
            deleteQuietly(target);
            throw failure;
        }
        for (StoreView.Part part : parts) {
            deleteQuietly(part.segment().path());
        }
        LOG.info("genome store: compacted {} segment(s) into {} ({} samples, {} erased slots emptied)", parts.size(), fileName,
                sampleRows.size() - dropped, dropped);
        return new int[] {sampleRows.size() - dropped, erasedSlots};
    }

    /** Totals for operators. */
    public record Stats(int segments, int samples, long sites, long segmentBytes, Set<Assembly> assemblies) {
    }

    public Stats stats() {
        StoreView current = view;
        long sites = 0;
        long bytes = 0;
        for (StoreView.Part part : current.parts()) {
            sites += part.segment().siteCount();
            bytes += part.segment().fileBytes();
        }
        return new Stats(current.parts().size(), current.samplesById().size(), sites, bytes, assemblies());
    }

    /** The segment files of the store's live segments. */
    public List<Path> segmentFiles() {
        return view.parts().stream().map(part -> part.segment().path()).toList();
    }

    // ------------------------------------------------------------------------------------------------

    private StoreView.Part partOf(StoredSample sample) {
        for (StoreView.Part part : view.parts()) {
            if (part.id().equals(sample.segmentId()) && part.sample(sample.sampleIndex()) != null) {
                return part;
            }
        }
        throw new PermedException(GenomeErrorCode.SAMPLE_NOT_FOUND, "sample " + sample.label() + " is not stored (erased?)",
                Map.of("sample", sample.id()));
    }

    private static GenomicRegion canonical(GenomicRegion region) {
        return new GenomicRegion(Contigs.canonical(region.contig()), region.start(), region.end());
    }

    private static Site site(VariantKey variant) {
        return new Site(variant.contig(), variant.position(), variant.reference(), variant.alternate());
    }

    private static VariantKey key(Assembly assembly, Site site) {
        return new VariantKey(assembly, site.contig(), site.position(), site.reference(), site.alternate());
    }

    static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // a leftover file is removed at the next start
        }
    }

    static PermedException storageFailure(String message, IOException cause) {
        return new PermedException(GenomeErrorCode.STORAGE_FAILURE, message + " (" + cause.getClass().getSimpleName() + ": "
                + cause.getMessage() + ")", Map.of(), cause);
    }

    /** Computes a file's SHA-256 while it is read, and counts the bytes for progress. */
    public static final class DigestingInput extends FilterInputStream {
        private final MessageDigest digest;
        private final java.util.function.LongConsumer onBytes;

        public DigestingInput(InputStream input, java.util.function.LongConsumer onBytes) {
            super(null);
            try {
                this.digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException impossible) {
                throw new IllegalStateException("SHA-256 is part of every Java runtime", impossible);
            }
            this.in = new DigestInputStream(input, digest);
            this.onBytes = onBytes;
        }

        @Override
        public int read() throws IOException {
            int value = super.read();
            if (value >= 0) {
                onBytes.accept(1);
            }
            return value;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            if (read > 0) {
                onBytes.accept(read);
            }
            return read;
        }

        public String sha256() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }

    @Override
    public void close() {
        for (Segment segment : openSegments.values()) {
            try {
                segment.close();
            } catch (RuntimeException ignored) {
                // closing is best effort
            }
        }
        openSegments.clear();
    }
}
