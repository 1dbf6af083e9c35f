package no.permed.genome.ingest;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardCopyOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import no.permed.columnar.compaction.SegmentCompactor;
import no.permed.columnar.segment.Segment;
import no.permed.columnar.segment.SegmentWriterOptions;
import no.permed.columnar.segment.WrittenSegment;
import no.permed.genome.GenomeErrorCode;
import no.permed.genome.GenomeStore;
import no.permed.genome.catalogue.Catalogue;
import no.permed.genome.internal.Coverage;
import no.permed.kernel.NationalId;
import no.permed.kernel.PermedException;
import no.permed.kernel.Pseudonym;
import no.permed.kernel.Purpose;
import no.permed.spi.AuditEvent;
import no.permed.spi.AuditOutcome;
import no.permed.spi.AuditSink;
import no.permed.spi.Pseudonymizer;
import no.permed.spi.RequestContext;
import no.permed.vcf.VcfErrorCode;
import no.permed.vcf.genome.Assembly;
import no.permed.vcf.header.VcfHeader;
import no.permed.vcf.normalise.IndexedFastaReference;
import no.permed.vcf.normalise.VariantNormaliser;
import no.permed.vcf.read.PloidyPolicy;
import no.permed.vcf.read.VcfReader;
import no.permed.vcf.read.VcfReaderOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ingest, start to end: check the request, read every file's header, check sample IDs, stream each
 * file through validation and normalisation into a segment (several files are merged into one), then
 * write the catalogue rows in one transaction and audit. The {@link GenomeStore} serialises ingests.
 */
public final class Ingests {
    private static final Logger LOG = LoggerFactory.getLogger(Ingests.class);
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,199}");
    private static final Pattern TEST_TYPE = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    private final Catalogue catalogue;
    private final Path segments;
    private final Path scratch;
    private final Pseudonymizer pseudonymizer;
    private final AuditSink audit;
    private final Clock clock;
    private final SegmentWriterOptions writerOptions;

    public Ingests(Catalogue catalogue, Path segments, Path scratch, Pseudonymizer pseudonymizer, AuditSink audit, Clock clock,
            SegmentWriterOptions writerOptions) {
        this.catalogue = requireNonNull(catalogue, "catalogue is null");
        this.segments = requireNonNull(segments, "segments is null");
        this.scratch = requireNonNull(scratch, "scratch is null");
        this.pseudonymizer = requireNonNull(pseudonymizer, "pseudonymizer is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.writerOptions = requireNonNull(writerOptions, "writerOptions is null");
    }

    /** The samples of the ingest, in segment order, with their VCF columns. */
    record Plan(List<String> sampleIds, List<String> vcfSamples, int[] columns, boolean patient,
            Optional<String> cohort, String scope, Optional<String> laboratory, Optional<SampleMap> sampleMap) {
    }

    /** Prepares (validates, normalises, writes the segment into the scratch directory) and commits one ingest. */
    public IngestResult run(RequestContext context, IngestRequest request, IngestProgress progress) {
        return commit(context, prepare(request, progress, scratch, writerOptions, Optional.of(catalogue)));
    }

    /**
     * Everything of an ingest that needs no database: checks the request, reads and validates every file,
     * normalises and writes the segment into {@code workDirectory}. Nothing is visible in the store until
     * {@link #commit}; {@link PreparedIngest#discard} removes the file when the ingest is abandoned.
     *
     * @param catalogue when present, sample IDs already stored are refused before the files are read
     *     (otherwise at commit)
     */
    public static PreparedIngest prepare(IngestRequest request, IngestProgress progress, Path workDirectory,
            SegmentWriterOptions writerOptions, Optional<Catalogue> catalogue) {
        long started = System.nanoTime();
        if (request.files().isEmpty()) {
            throw invalid("give at least one VCF file to ingest");
        }
        if (!TEST_TYPE.matcher(request.testType()).matches()) {
            throw invalid("test type '" + request.testType() + "' must be a lower-case word such as genome, exome, panel or array");
        }
        // the target, before any file is read
        Optional<SampleMap> sampleMap = Optional.empty();
        if (request.target() instanceof IngestTarget.Patient target) {
            if (!NationalId.isValid(target.nationalId())) {
                throw new PermedException(GenomeErrorCode.INVALID_NATIONAL_ID, "the national identity number given for the"
                        + " patient is not valid (11 digits with correct check digits; birth number or D-number)", Map.of("field", "patient"));
            }
            checkIdentifier(target.sampleId(), "sample");
            checkIdentifier(target.laboratory(), "laboratory");
        } else if (request.target() instanceof IngestTarget.Cohort target) {
            checkIdentifier(target.name(), "cohort");
            sampleMap = target.sampleMap().map(SampleMap::read);
        }
        Optional<IndexedFastaReference> reference = Optional.empty();
        try {
            if (request.referenceFasta().isPresent()) {
                reference = Optional.of(IndexedFastaReference.open(request.referenceFasta().get()));
            }
            return write(request, progress, sampleMap, reference, started, workDirectory, writerOptions, catalogue.orElse(null));
        } finally {
            reference.ifPresent(IndexedFastaReference::close);
        }
    }

    private static PreparedIngest write(IngestRequest request, IngestProgress progress, Optional<SampleMap> sampleMap,
            Optional<IndexedFastaReference> reference, long started, Path workDirectory, SegmentWriterOptions writerOptions,
            Catalogue catalogue) {
        long totalBytes = 0;
        for (int index = 0; index < request.files().size(); index++) {
            totalBytes += size(request.files().get(index), request.displayName(index));
        }
        VcfReaderOptions options = VcfReaderOptions.defaults().withRequireAssembly(true).withPloidyPolicy(PloidyPolicy.DIPLOID_AUTOSOMES);
        if (request.assembly().isPresent()) {
            options = options.withAssembly(request.assembly().get());
        }
        List<Path> parts = new ArrayList<>();
        List<String> sha256 = new ArrayList<>();
        long records = 0;
        long referenceBlocks = 0;
        long duplicates = 0;
        long conflicts = 0;
        Map<String, Coverage[]> coverage = new LinkedHashMap<>();
        Plan plan = null;
        Assembly assembly = null;
        UUID segmentId = UUID.randomUUID();
        String segmentFile = segmentId + GenomeStore.SEGMENT_SUFFIX;
        Path finalPath = workDirectory.resolve(segmentFile);
        long[] bytesRead = {0};
        long total = totalBytes;
        try {
            for (int fileIndex = 0; fileIndex < request.files().size(); fileIndex++) {
                String name = request.displayName(fileIndex);
                GenomeStore.DigestingInput input = new GenomeStore.DigestingInput(open(request.files().get(fileIndex), name),
                        bytes -> bytesRead[0] += bytes);
                try (VcfReader reader = VcfReader.open(input, name, options)) {
                    VcfHeader header = reader.header();
                    Assembly fileAssembly = header.assembly().orElseThrow(() -> new PermedException(VcfErrorCode.ASSEMBLY_UNKNOWN,
                            name + ": the assembly is neither given nor recognisable from the header", Map.of("file", name)));
                    if (assembly == null) {
                        assembly = fileAssembly;
                        plan = plan(request, header, name, sampleMap, catalogue);
                    } else {
                        if (fileAssembly != assembly) {
                            throw invalid(name + " is on " + fileAssembly.displayName() + " but " + request.displayName(0) + " is on "
                                    + assembly.displayName() + "; one ingest takes files of one assembly");
                        }
                        checkSameSamples(request, plan, header, name);
                    }
                    if (reference.isPresent() && fileIndex == 0) {
                        LOG.debug("ingest: left-aligning against the given reference");
                    }
                    VariantNormaliser normaliser = reference.isPresent()
                            ? VariantNormaliser.withReference(assembly, reference.get())
                            : VariantNormaliser.withoutReference(assembly);
                    Path target = request.files().size() == 1 ? finalPath
                            : workDirectory.resolve(segmentId + "-" + fileIndex + GenomeStore.SEGMENT_SUFFIX);
                    String fileName = name;
                    long[] sinceReport = {0};
                    FileIngest.Outcome outcome = FileIngest.run(reader, normaliser, plan.columns(), target, writerOptions,
                            request.conflictingDuplicates() == IngestRequest.ConflictingDuplicates.MARK_MISSING, () -> {
                        if (++sinceReport[0] >= 4096) {
                            sinceReport[0] = 0;
                            progress.progress(fileName, bytesRead[0], total);
                        }
                    });
                    parts.add(target);
                    records += outcome.records();
                    referenceBlocks += outcome.referenceBlocks();
                    duplicates += outcome.duplicatesMerged();
                    conflicts += outcome.conflictsMarkedMissing();
                    mergeCoverage(coverage, outcome.coverage());
                    progress.progress(fileName, bytesRead[0], total);
                }
                sha256.add(input.sha256());
            }
            WrittenSegment written;
            if (parts.size() == 1) {
                try (Segment segment = Segment.open(finalPath)) {
                    written = new WrittenSegment(finalPath, segment.sampleCount(), segment.siteCount(), segment.blockCount(),
                            segment.fileBytes());
                }
            } else {
                List<Segment> inputs = new ArrayList<>();
                try {
                    for (Path part : parts) {
                        inputs.add(Segment.open(part));
                    }
                    written = SegmentCompactor.mergeSites(inputs, finalPath, writerOptions);
                } finally {
                    inputs.forEach(Segment::close);
                    parts.forEach(Ingests::deleteQuietly);
                }
            }
            return new PreparedIngest(request, plan, assembly, segmentId, finalPath, written, sha256, coverage, records, referenceBlocks,
                    duplicates, conflicts, started, System.nanoTime());
        } catch (RuntimeException failure) {
            deleteQuietly(finalPath);
            parts.forEach(Ingests::deleteQuietly);
            throw failure;
        }
    }

    /**
     * Makes a prepared ingest visible: checks the sample IDs against the store, moves the segment into
     * the store's segment directory, writes the catalogue rows in one transaction, then the audit entry.
     * On failure nothing is stored and the prepared file is removed.
     */
    public IngestResult commit(RequestContext context, PreparedIngest prepared) {
        requireNonNull(context, "context is null");
        requireNonNull(prepared, "prepared is null");
        long committing = System.nanoTime();
        Plan plan = prepared.plan;
        IngestRequest request = prepared.request;
        String segmentFile = prepared.segmentId + GenomeStore.SEGMENT_SUFFIX;
        Path inStore = segments.resolve(segmentFile);
        try {
            Set<String> taken = catalogue.takenSampleIds(plan.scope(), plan.sampleIds());
            if (!taken.isEmpty()) {
                throw sampleExists(request.displayName(0), plan.scope(), taken);
            }
            Optional<Pseudonym> patient = request.target() instanceof IngestTarget.Patient target
                    ? Optional.of(pseudonymizer.pseudonymOf(NationalId.parse(target.nationalId())))
                    : Optional.empty();
            if (!prepared.segment.equals(inStore)) {
                Files.move(prepared.segment, inStore, StandardCopyOption.ATOMIC_MOVE);
            }
            long sequence = commit(context, request, plan, patient, prepared.assembly, prepared.segmentId, segmentFile,
                    prepared.written, prepared.sha256, prepared.coverage, prepared.conflicts);
            long elapsed = (System.nanoTime() - prepared.started) / 1_000_000;
            LOG.info("ingest: stored {} sample(s), {} sites from {} record(s) in segment {} ({} bytes, {} ms: reading and writing"
                    + " {} ms, catalogue {} ms)", plan.sampleIds().size(), prepared.written.siteCount(), prepared.records, segmentFile,
                    prepared.written.fileBytes(), elapsed, (prepared.writtenAt - prepared.started) / 1_000_000,
                    (System.nanoTime() - committing) / 1_000_000);
            return new IngestResult(prepared.segmentId, plan.sampleIds(), prepared.assembly, prepared.records,
                    prepared.written.siteCount(), prepared.referenceBlocks, prepared.duplicates, prepared.conflicts,
                    prepared.written.fileBytes(), elapsed, sequence);
        } catch (IOException failure) {
            prepared.discard();
            deleteQuietly(inStore);
            throw new PermedException(GenomeErrorCode.STORAGE_FAILURE, "cannot move the new segment into " + segments + " ("
                    + failure.getClass().getSimpleName() + ")", Map.of(), failure);
        } catch (RuntimeException failure) {
            prepared.discard();
            deleteQuietly(inStore);
            throw failure;
        }
    }

    private long commit(RequestContext context, IngestRequest request, Plan plan, Optional<Pseudonym> patient, Assembly assembly,
            UUID segmentId, String segmentFile, WrittenSegment written, List<String> sha256, Map<String, Coverage[]> coverage,
            long conflicts) {
        Instant now = clock.instant();
        String sources = String.join(",", java.util.stream.IntStream.range(0, request.files().size()).mapToObj(request::displayName).toList());
        String digests = String.join(",", sha256);
        List<Catalogue.NewSample> samples = new ArrayList<>();
        for (int index = 0; index < plan.sampleIds().size(); index++) {
            SampleMap.Entry labels = plan.sampleMap().isPresent() ? plan.sampleMap().get().entry(plan.vcfSamples().get(index)) : null;
            samples.add(new Catalogue.NewSample(plan.sampleIds().get(index), patient, plan.cohort(), plan.scope(),
                    plan.vcfSamples().get(index),
                    labels == null ? Optional.empty() : labels.population(),
                    labels == null ? Optional.empty() : labels.superPopulation(),
                    labels == null ? Optional.empty() : labels.sex(),
                    plan.laboratory(), request.testType(), assembly, sources, digests, context.principal().user().value(),
                    plan.sampleIds().size() > 1 || hasCoverage(coverage, index)));
        }
        try {
            catalogue.jdbi().useTransaction(handle -> {
                catalogue.insertSegment(handle, new Catalogue.SegmentRow(segmentId, segmentFile, assembly, written.sampleCount(),
                        written.siteCount(), written.fileBytes(), now));
                long[] rowIds = catalogue.insertSamples(handle, segmentId, samples, now);
                for (Map.Entry<String, Coverage[]> contig : coverage.entrySet()) {
                    Coverage[] perSample = contig.getValue();
                    for (int index = 0; index < perSample.length; index++) {
                        if (perSample[index] != null) {
                            catalogue.insertCoverage(handle, rowIds[index], contig.getKey(), perSample[index]);
                        }
                    }
                }
            });
        } catch (RuntimeException failure) {
            if (isUniqueViolation(failure)) {
                throw sampleExists(request.displayName(0), plan.scope(), catalogue.takenSampleIds(plan.scope(), plan.sampleIds()));
            }
            throw failure;
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("segment", segmentId.toString());
        details.put("samples", Integer.toString(samples.size()));
        details.put("sites", Integer.toString(written.siteCount()));
        details.put("assembly", assembly.displayName());
        details.put("testType", request.testType());
        details.put("files", sources.length() > 500 ? sources.substring(0, 500) + "…" : sources);
        plan.cohort().ifPresent(cohort -> details.put("cohort", cohort));
        if (conflicts > 0) {
            details.put("conflictsMarkedMissing", Long.toString(conflicts));
        }
        plan.laboratory().ifPresent(laboratory -> details.put("laboratory", laboratory));
        if (patient.isPresent()) {
            details.put("sampleId", plan.sampleIds().get(0));
        }
        return audit.append(new AuditEvent(context, "genome.sample.ingest", patient,
                patient.isPresent() ? Purpose.LABORATORY : Purpose.RESEARCH, AuditOutcome.PERMITTED, details));
    }

    private static Plan plan(IngestRequest request, VcfHeader header, String name, Optional<SampleMap> sampleMap, Catalogue catalogue) {
        List<String> vcfSamples = header.samples();
        if (vcfSamples.isEmpty()) {
            throw new PermedException(GenomeErrorCode.SAMPLE_NOT_IN_FILE, name + ", line #CHROM: the file has no sample"
                    + " columns (a sites-only VCF), so it holds no genotypes to store", Map.of("file", name, "field", "#CHROM"));
        }
        Set<String> seen = new HashSet<>();
        for (String sample : vcfSamples) {
            if (!seen.add(sample)) {
                throw new PermedException(VcfErrorCode.DUPLICATE_SAMPLE, name + ", line " + "#CHROM" + ": sample " + sample
                        + " appears twice", Map.of("file", name, "field", "#CHROM"));
            }
        }
        if (request.target() instanceof IngestTarget.Patient target) {
            if (vcfSamples.size() != 1) {
                throw new PermedException(GenomeErrorCode.SINGLE_SAMPLE_EXPECTED, name + " has " + vcfSamples.size()
                        + " samples; a patient's sample is taken only from a single-sample file, so that no other"
                        + " person's genotypes are stored with it (split it first: bcftools view -s SAMPLE)",
                        Map.of("file", name, "field", "#CHROM", "samples", vcfSamples.size()));
            }
            int column = 0;
            if (!vcfSamples.get(0).equals(target.sampleId())) {
                throw new PermedException(GenomeErrorCode.SAMPLE_NOT_IN_FILE, name + ", line #CHROM: the file's sample is "
                        + vcfSamples.get(0) + ", not " + target.sampleId() + "; check that this is the right file for the"
                        + " sample", Map.of("file", name, "field", "#CHROM", "sample", target.sampleId()));
            }
            String scope = "lab:" + target.laboratory();
            Set<String> taken = catalogue == null ? Set.of() : catalogue.takenSampleIds(scope, List.of(target.sampleId()));
            if (!taken.isEmpty()) {
                throw sampleExists(name, scope, taken);
            }
            return new Plan(List.of(target.sampleId()), List.of(vcfSamples.get(column)), new int[] {column}, true, Optional.empty(),
                    scope, Optional.of(target.laboratory()), Optional.empty());
        }
        IngestTarget.Cohort target = (IngestTarget.Cohort) request.target();
        List<String> ids = new ArrayList<>();
        Set<String> storedIds = new HashSet<>();
        for (String sample : vcfSamples) {
            String id = sampleMap.map(map -> map.entry(sample).id()).orElse(sample);
            checkIdentifier(id, "sample");
            if (!storedIds.add(id)) {
                throw new PermedException(GenomeErrorCode.SAMPLE_MAP_INVALID, "the sample map gives two VCF samples the same ID " + id,
                        Map.of("sample", id));
            }
            ids.add(id);
        }
        String scope = "cohort:" + target.name();
        Set<String> taken = catalogue == null ? Set.of() : catalogue.takenSampleIds(scope, ids);
        if (!taken.isEmpty()) {
            throw sampleExists(name, scope, taken);
        }
        int[] columns = java.util.stream.IntStream.range(0, vcfSamples.size()).toArray();
        return new Plan(ids, vcfSamples, columns, false, Optional.of(target.name()), scope, Optional.empty(), sampleMap);
    }

    private static void checkSameSamples(IngestRequest request, Plan plan, VcfHeader header, String name) {
        if (request.target() instanceof IngestTarget.Patient) {
            if (!header.samples().equals(plan.vcfSamples())) {
                throw new PermedException(GenomeErrorCode.SAMPLE_NOT_IN_FILE, name + ", line #CHROM: the file's samples are "
                        + header.samples() + ", not " + plan.vcfSamples().get(0), Map.of("file", name, "field", "#CHROM"));
            }
            return;
        }
        if (!header.samples().equals(plan.vcfSamples())) {
            throw invalid(name + " has other samples (or another order) than " + request.displayName(0)
                    + "; the files of one cohort ingest must have the same sample columns");
        }
    }

    /** Whether sample {@code index} has reference blocks on any contig. */
    private static boolean hasCoverage(Map<String, Coverage[]> coverage, int index) {
        return coverage.values().stream().anyMatch(perSample -> perSample[index] != null);
    }

    private static void mergeCoverage(Map<String, Coverage[]> into, Map<String, Coverage[]> from) {
        for (Map.Entry<String, Coverage[]> entry : from.entrySet()) {
            if (into.putIfAbsent(entry.getKey(), entry.getValue()) != null) {
                throw invalid("reference blocks of contig " + entry.getKey() + " come from two files of one ingest; give the"
                        + " gVCF as one file");
            }
        }
    }

    private static PermedException sampleExists(String file, String scope, Set<String> taken) {
        List<String> sorted = new ArrayList<>(taken);
        java.util.Collections.sort(sorted);
        String where = scope.startsWith("lab:") ? "laboratory " + scope.substring(4) : "cohort " + scope.substring(7);
        return new PermedException(GenomeErrorCode.SAMPLE_EXISTS, file + ": " + sorted.size() + " sample ID(s) are already stored for " + where + ": "
                + String.join(", ", sorted.subList(0, Math.min(5, sorted.size()))) + (sorted.size() > 5 ? ", …" : "")
                + "; erase the stored sample first or use another sample ID", Map.of("samples", sorted.size()));
    }

    private static void checkIdentifier(String value, String field) {
        if (!IDENTIFIER.matcher(value).matches()) {
            throw new PermedException(GenomeErrorCode.INVALID_REQUEST, field + " '" + printable(value) + "' must be 1–200 characters:"
                    + " letters, digits, '.', '_', ':' or '-', starting with a letter or digit", Map.of("field", field));
        }
    }

    private static String printable(String value) {
        String cut = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        return cut.replaceAll("[^\\x20-\\x7E]", "?");
    }

    private static long size(Path file, String name) {
        try {
            if (Files.isDirectory(file)) {
                throw new PermedException(VcfErrorCode.FILE_NOT_READABLE, name + ": this is a directory, not a VCF file",
                        Map.of("file", name));
            }
            return Files.size(file);
        } catch (NoSuchFileException missing) {
            throw new PermedException(VcfErrorCode.FILE_NOT_READABLE, name + ": the file does not exist", Map.of("file", name));
        } catch (IOException failure) {
            throw new PermedException(VcfErrorCode.FILE_NOT_READABLE, name + ": the file cannot be read ("
                    + failure.getClass().getSimpleName() + ")", Map.of("file", name), failure);
        }
    }

    private static InputStream open(Path file, String name) {
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException missing) {
            throw new PermedException(VcfErrorCode.FILE_NOT_READABLE, name + ": the file does not exist", Map.of("file", name));
        } catch (AccessDeniedException denied) {
            throw new PermedException(VcfErrorCode.FILE_NOT_READABLE, name + ": the file may not be read (permission denied)",
                    Map.of("file", name));
        } catch (IOException failure) {
            throw new PermedException(VcfErrorCode.FILE_NOT_READABLE, name + ": the file cannot be read", Map.of("file", name), failure);
        }
    }

    private static boolean isUniqueViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static PermedException invalid(String message) {
        return new PermedException(GenomeErrorCode.INVALID_REQUEST, message, Map.of());
    }

    static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // removed at the next start
        }
    }
}
