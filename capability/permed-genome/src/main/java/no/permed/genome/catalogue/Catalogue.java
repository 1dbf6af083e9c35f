package no.permed.genome.catalogue;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import no.permed.genome.StoredSample;
import no.permed.genome.internal.Coverage;
import no.permed.kernel.Pseudonym;
import no.permed.vcf.genome.Assembly;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The genome store's tables in schema {@code genome} (see {@code V1__genome_store.sql}). Writes that
 * belong together take a {@link Handle} so that the caller runs them in one transaction.
 */
public final class Catalogue {
    private static final String SAMPLE_COLUMNS = "s.id, s.sample_id, s.patient, s.cohort, s.population, s.super_population,"
            + " s.sex, s.laboratory, s.test_type, s.assembly, s.ingested_at, s.reference_calls, ss.segment_id, ss.sample_index";
    private static final String LIVE_SAMPLES = "select " + SAMPLE_COLUMNS + " from genome.sample s"
            + " join genome.segment_sample ss on ss.sample = s.id join genome.segment g on g.id = ss.segment_id"
            + " where s.erased_at is null and g.retired_at is null";

    private final Jdbi jdbi;

    public Catalogue(Jdbi jdbi) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** A segment row. */
    public record SegmentRow(UUID id, String fileName, Assembly assembly, int sampleCount, int siteCount, long fileBytes,
            Instant createdAt) {
    }

    /** A new sample row to insert. */
    public record NewSample(String sampleId, Optional<Pseudonym> patient, Optional<String> cohort, String scope,
            String vcfSample, Optional<String> population, Optional<String> superPopulation, Optional<String> sex,
            Optional<String> laboratory, String testType, Assembly assembly, String sourceFiles, String sourceSha256,
            String ingestedBy, boolean referenceCalls) {
    }

    /** The IDs among {@code sampleIds} already taken (by samples not erased) in the scope. */
    public Set<String> takenSampleIds(String scope, Collection<String> sampleIds) {
        if (sampleIds.isEmpty()) {
            return Set.of();
        }
        return jdbi.withHandle(handle -> new HashSet<>(handle.createQuery(
                        "select sample_id from genome.sample where erased_at is null and scope = :scope and sample_id = any(:ids)")
                .bind("scope", scope)
                .bind("ids", sampleIds.toArray(new String[0]))
                .mapTo(String.class)
                .list()));
    }

    public void insertSegment(Handle handle, SegmentRow segment) {
        handle.createUpdate("insert into genome.segment (id, file_name, assembly, sample_count, site_count, file_bytes, created_at)"
                        + " values (:id, :file, :assembly, :samples, :sites, :bytes, :created)")
                .bind("id", segment.id())
                .bind("file", segment.fileName())
                .bind("assembly", segment.assembly().displayName())
                .bind("samples", segment.sampleCount())
                .bind("sites", segment.siteCount())
                .bind("bytes", segment.fileBytes())
                .bind("created", timestamp(segment.createdAt()))
                .execute();
    }

    /**
     * Inserts the samples in segment order and links them to the segment; returns their row ids. One
     * statement per table whatever the number of samples (arrays unnested by PostgreSQL), so that a
     * biobank-sized cohort is catalogued in milliseconds.
     */
    public long[] insertSamples(Handle handle, UUID segmentId, List<NewSample> samples, Instant now) {
        int count = samples.size();
        String[] sampleIds = new String[count];
        String[] vcfSamples = new String[count];
        String[] populations = new String[count];
        String[] superPopulations = new String[count];
        String[] sexes = new String[count];
        Integer[] ordinals = new Integer[count];
        Boolean[] referenceCalls = new Boolean[count];
        for (int index = 0; index < count; index++) {
            NewSample sample = samples.get(index);
            sampleIds[index] = sample.sampleId();
            vcfSamples[index] = sample.vcfSample();
            populations[index] = sample.population().orElse(null);
            superPopulations[index] = sample.superPopulation().orElse(null);
            sexes[index] = sample.sex().orElse(null);
            ordinals[index] = index;
            referenceCalls[index] = sample.referenceCalls();
        }
        NewSample first = samples.get(0);
        for (NewSample sample : samples) {
            if (!sample.scope().equals(first.scope()) || !sample.patient().equals(first.patient())
                    || !sample.cohort().equals(first.cohort()) || !sample.laboratory().equals(first.laboratory())) {
                throw new IllegalArgumentException("the samples of one segment share scope, patient, cohort and laboratory");
            }
        }
        Map<String, Long> generated = new java.util.HashMap<>();
        handle.createQuery("insert into genome.sample (sample_id, patient, cohort, scope, vcf_sample,"
                        + " population, super_population, sex, laboratory, test_type, assembly, source_files, source_sha256,"
                        + " ingested_at, ingested_by, reference_calls)"
                        + " select s.sample_id, :patient, :cohort, :scope, s.vcf_sample, s.population, s.super_population, s.sex,"
                        + " :laboratory, :testType, :assembly, :sourceFiles, :sha256, :now, :by, s.reference_calls"
                        + " from unnest(:sampleIds, :vcfSamples, :populations, :superPopulations, :sexes, :ordinals, :referenceCalls)"
                        + " as s(sample_id, vcf_sample, population, super_population, sex, ordinal, reference_calls)"
                        + " order by s.ordinal returning id, vcf_sample")
                .bind("patient", first.patient().map(Pseudonym::value).orElse(null))
                .bind("cohort", first.cohort().orElse(null))
                .bind("scope", first.scope())
                .bind("laboratory", first.laboratory().orElse(null))
                .bind("testType", first.testType())
                .bind("assembly", first.assembly().displayName())
                .bind("sourceFiles", first.sourceFiles())
                .bind("sha256", first.sourceSha256())
                .bind("now", timestamp(now))
                .bind("by", first.ingestedBy())
                .bind("sampleIds", sampleIds)
                .bind("vcfSamples", vcfSamples)
                .bind("populations", populations)
                .bind("superPopulations", superPopulations)
                .bind("sexes", sexes)
                .bind("ordinals", ordinals)
                .bind("referenceCalls", referenceCalls)
                .map((row, context) -> Map.entry(row.getString("vcf_sample"), row.getLong("id")))
                .forEach(entry -> generated.put(entry.getKey(), entry.getValue()));
        // VCF sample names are unique within a file (the reader refuses duplicates), so they key the new rows
        long[] ids = new long[count];
        for (int index = 0; index < count; index++) {
            Long id = generated.get(vcfSamples[index]);
            if (id == null) {
                throw new IllegalStateException("no row was inserted for sample " + index);
            }
            ids[index] = id;
        }
        Long[] boxed = new Long[count];
        for (int index = 0; index < count; index++) {
            boxed[index] = ids[index];
        }
        handle.createUpdate("insert into genome.segment_sample (segment_id, sample_index, sample)"
                        + " select :segment, s.ordinal, s.sample from unnest(:ordinals, :samples) as s(ordinal, sample)")
                .bind("segment", segmentId)
                .bind("ordinals", ordinals)
                .bind("samples", boxed)
                .execute();
        return ids;
    }

    public void insertCoverage(Handle handle, long sampleRowId, String contig, Coverage coverage) {
        handle.createUpdate("insert into genome.sample_coverage (sample, contig, blocks, bases, encoded)"
                        + " values (:sample, :contig, :blocks, :bases, :encoded)")
                .bind("sample", sampleRowId)
                .bind("contig", contig)
                .bind("blocks", coverage.blocks())
                .bind("bases", coverage.bases())
                .bind("encoded", coverage.encode())
                .execute();
    }

    /** Segments in use (not replaced by compaction), oldest first. */
    public List<SegmentRow> liveSegments() {
        return jdbi.withHandle(handle -> handle.createQuery("select id, file_name, assembly, sample_count, site_count, file_bytes,"
                        + " created_at from genome.segment where retired_at is null order by created_at, id")
                .map((row, context) -> segment(row))
                .list());
    }

    /** Every segment file name the catalogue knows, retired ones included. */
    public Set<String> allSegmentFileNames() {
        return jdbi.withHandle(handle -> new HashSet<>(handle.createQuery("select file_name from genome.segment")
                .mapTo(String.class).list()));
    }

    /** File names of retired segments (their files may be deleted). */
    public List<String> retiredSegmentFileNames() {
        return jdbi.withHandle(handle -> handle.createQuery("select file_name from genome.segment where retired_at is not null")
                .mapTo(String.class).list());
    }

    /** All live samples (not erased, in live segments). */
    public List<StoredSample> liveSamples() {
        return jdbi.withHandle(handle -> handle.createQuery(LIVE_SAMPLES + " order by ss.segment_id, ss.sample_index")
                .map((row, context) -> sample(row))
                .list());
    }

    /** Coverage per live sample row id and contig. */
    public Map<Long, Map<String, Coverage>> coverage() {
        return jdbi.withHandle(handle -> {
            Map<Long, Map<String, Coverage>> result = new java.util.HashMap<>();
            handle.createQuery("select c.sample, c.contig, c.encoded from genome.sample_coverage c join genome.sample s"
                            + " on s.id = c.sample where s.erased_at is null")
                    .map((row, context) -> new Object[] {row.getLong("sample"), row.getString("contig"), row.getBytes("encoded")})
                    .forEach(values -> result.computeIfAbsent((Long) values[0], key -> new java.util.HashMap<>())
                            .put((String) values[1], Coverage.decode((byte[]) values[2])));
            return result;
        });
    }

    /** Marks a sample erased; false when it is unknown or already erased. */
    public boolean markErased(Handle handle, long sampleRowId, String by, String reason, Instant now) {
        int changed = handle.createUpdate("update genome.sample set erased_at = :now, erased_by = :by, erasure_reason = :reason"
                        + " where id = :id and erased_at is null")
                .bind("now", timestamp(now))
                .bind("by", by)
                .bind("reason", reason)
                .bind("id", sampleRowId)
                .execute();
        if (changed == 1) {
            handle.createUpdate("delete from genome.sample_coverage where sample = :id").bind("id", sampleRowId).execute();
        }
        return changed == 1;
    }

    /** Replaces segments by their compacted successor: the successor's rows are written by the caller. */
    public void retire(Handle handle, Collection<UUID> segments, UUID replacement, Instant now) {
        handle.createUpdate("update genome.segment set retired_at = :now, replaced_by = cast(:replacement as uuid) where id = any(:ids)")
                .bind("now", timestamp(now))
                .bind("replacement", replacement)
                .bind("ids", segments.toArray(new UUID[0]))
                .execute();
    }

    /** Moves the live samples of the retired segments to their new indices in the replacement. */
    public void relink(Handle handle, UUID replacement, List<Long> sampleRowIds, List<Integer> indices) {
        if (sampleRowIds.isEmpty()) {
            return;
        }
        PreparedBatch links = handle.prepareBatch(
                "insert into genome.segment_sample (segment_id, sample_index, sample) values (:segment, :index, :sample)");
        for (int index = 0; index < sampleRowIds.size(); index++) {
            links.bind("segment", replacement).bind("index", indices.get(index)).bind("sample", sampleRowIds.get(index)).add();
        }
        links.execute();
    }

    public static Object timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    private static SegmentRow segment(ResultSet row) throws SQLException {
        return new SegmentRow(row.getObject("id", UUID.class), row.getString("file_name"), Assembly.parse(row.getString("assembly")),
                row.getInt("sample_count"), row.getInt("site_count"), row.getLong("file_bytes"),
                row.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    private static StoredSample sample(ResultSet row) throws SQLException {
        return new StoredSample(
                row.getLong("id"),
                row.getString("sample_id"),
                Optional.ofNullable(row.getString("patient")).map(Pseudonym::of),
                Optional.ofNullable(row.getString("cohort")),
                Optional.ofNullable(row.getString("population")),
                Optional.ofNullable(row.getString("super_population")),
                Optional.ofNullable(row.getString("sex")),
                Optional.ofNullable(row.getString("laboratory")),
                row.getString("test_type"),
                Assembly.parse(row.getString("assembly")),
                row.getObject("segment_id", UUID.class),
                row.getInt("sample_index"),
                row.getObject("ingested_at", OffsetDateTime.class).toInstant(),
                row.getBoolean("reference_calls"));
    }
}
