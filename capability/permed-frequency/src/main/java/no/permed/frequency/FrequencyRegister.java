package no.permed.frequency;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import no.permed.kernel.PermedException;
import no.permed.vcf.genome.Assembly;
import no.permed.vcf.normalise.VariantKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The anonymous allele-frequency register: for every stored variant, AC, AN, homozygotes and hemizygotes over the
 * samples that may count ({@link AggregateConsent}), overall, per population, per super-population and per dataset.
 *
 * <p>The counts are materialised in memory (sorted per contig, so one variant is a binary search and a range is a
 * slice) and replaced atomically: readers never wait and never see a half-made count. A background thread watches the
 * genome store's and the consent service's generation numbers: when a consent changes, the samples that stopped or
 * started counting are subtracted or added (one pass over their segment's sites); after an ingest or an erasure the
 * register counts again from the store. It also counts again when its counts grow older than the maximum age, so that
 * validity periods that begin or end take effect.
 *
 * <p>Memory: per variant about 16 bytes per group (overall, each population, super-population and dataset) plus the
 * alleles; 200,000 variants with 34 groups take about 110 MB.
 */
public final class FrequencyRegister implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FrequencyRegister.class);

    private final CohortSource source;
    private final AggregateConsent consent;
    private final Clock clock;
    private final Object refreshing = new Object();
    private volatile Snapshot snapshot;
    private ScheduledExecutorService refresher;

    private FrequencyRegister(CohortSource source, AggregateConsent consent, Clock clock) {
        this.source = requireNonNull(source, "source is null");
        this.consent = requireNonNull(consent, "consent is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** A register over {@code source} that has not counted yet: call {@link #refresh()} or {@link #start}. */
    public static FrequencyRegister over(CohortSource source, AggregateConsent consent, Clock clock) {
        return new FrequencyRegister(source, consent, clock);
    }

    /**
     * Keeps the register current on a background thread: it counts at once, then looks at the generation numbers every
     * {@code poll} and counts again at least every {@code maxAge}. Until the first count is done, lookups fail with
     * {@link FrequencyErrorCode#NOT_READY} (see {@link #awaitReady}).
     */
    public synchronized FrequencyRegister start(Duration poll, Duration maxAge) {
        requireNonNull(poll, "poll is null");
        requireNonNull(maxAge, "maxAge is null");
        if (refresher != null) {
            throw new IllegalStateException("the register is already started");
        }
        refresher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "permed-frequency-refresh");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(() -> {
            try {
                Snapshot current = snapshot;
                boolean stale = current == null || Duration.between(current.status.countedAt(), clock.instant()).compareTo(maxAge) >= 0;
                if (stale || current.sourceGeneration != source.generation() || current.consentGeneration != consent.generation()) {
                    refresh();
                }
            } catch (RuntimeException failure) {
                LOG.error("frequency register: counting failed; the previous counts stay in use", failure);
            }
        }, 0, poll.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Waits until the first count is done; false when {@code timeout} passed first. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (snapshot == null) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    /**
     * Brings the counts up to date now: a consent change alone is applied as a difference (the samples that stopped or
     * started counting, one pass over their segment); anything else is counted again from the store. Returns the status
     * of the counts now in use.
     */
    public RegisterStatus refresh() {
        synchronized (refreshing) {
            for (int attempt = 1; ; attempt++) {
                long sourceGeneration = source.generation();
                long consentGeneration = consent.generation();
                Snapshot current = snapshot;
                if (current != null && current.sourceGeneration == sourceGeneration && current.consentGeneration == consentGeneration
                        && Duration.between(current.status.countedAt(), clock.instant()).isNegative()) {
                    return current.status;
                }
                long started = System.nanoTime();
                Instant now = clock.instant();
                List<RegisteredSample> samples = source.samples();
                Snapshot next = null;
                if (current != null && current.sourceGeneration == sourceGeneration) {
                    next = applyConsentChanges(current, samples, now, consentGeneration, started);
                }
                if (next == null) {
                    next = countAll(samples, now, sourceGeneration, consentGeneration, started);
                }
                if (source.generation() == sourceGeneration || attempt == 3) {
                    snapshot = next;
                    LOG.info("frequency register: {} variant(s) over {} counted sample(s) ({} not counted) in {} ms ({})",
                            next.status.variants(), next.status.countedSamples(), next.status.excludedSamples(),
                            next.status.millis(), next.status.mode());
                    return next.status;
                }
                // the store changed while we counted: count again
            }
        }
    }

    /** Whether the register has counted at least once (until then, lookups fail with NOT_READY). */
    public boolean ready() {
        return snapshot != null;
    }

    /** When the counts in use were made, over how many samples, how long it took. */
    public RegisterStatus status() {
        return current().status;
    }

    /** The assemblies the register has counts for. */
    public Set<Assembly> assemblies() {
        return Collections.unmodifiableSet(current().tables.keySet());
    }

    /** The register's exact line for a variant; empty when no counted sample's data hold it. */
    public Optional<RegisterLine> lookup(VariantKey variant) {
        requireNonNull(variant, "variant is null");
        Table table = current().tables.get(variant.assembly());
        if (table == null) {
            return Optional.empty();
        }
        int index = table.indexOf(variant.contig(), variant.position(), variant.reference(), variant.alternate());
        return index < 0 ? Optional.empty() : Optional.of(table.line(index));
    }

    /**
     * The lines of the variants on {@code contig} whose first REF base lies in {@code [start, end]} (1-based, inclusive),
     * in position order, at most {@code limit}.
     */
    public List<RegisterLine> range(Assembly assembly, String contig, int start, int end, int limit) {
        requireNonNull(assembly, "assembly is null");
        requireNonNull(contig, "contig is null");
        Table table = current().tables.get(assembly);
        if (table == null || start > end || limit <= 0) {
            return List.of();
        }
        int[] span = table.contigs.get(contig);
        if (span == null) {
            return List.of();
        }
        int from = table.firstAtOrAfter(span, start);
        List<RegisterLine> lines = new ArrayList<>();
        for (int index = from; index < span[1] && table.positions[index] <= end && lines.size() < limit; index++) {
            lines.add(table.line(index));
        }
        return lines;
    }

    /** Hands every line of an assembly to {@code consumer} in canonical order. */
    public void forEach(Assembly assembly, Consumer<RegisterLine> consumer) {
        requireNonNull(consumer, "consumer is null");
        Table table = current().tables.get(requireNonNull(assembly, "assembly is null"));
        if (table == null) {
            return;
        }
        for (int index = 0; index < table.size; index++) {
            consumer.accept(table.line(index));
        }
    }

    /** The datasets with at least one counted sample, with their counted samples per assembly and their populations. */
    public List<DatasetSummary> datasets() {
        return current().datasets;
    }

    /**
     * The row ids of the counted samples that carry {@code variant}: for the privacy defence's per-person risk budget.
     * Samples that do not count (no consent) are never returned.
     */
    public List<Long> carriers(VariantKey variant) {
        Snapshot current = current();
        List<Long> carriers = new ArrayList<>();
        for (long id : source.carriers(variant)) {
            if (current.counted.contains(id)) {
                carriers.add(id);
            }
        }
        return carriers;
    }

    /** Whether a sample counts in the register now (for tests and the consent matrix). */
    public boolean counts(long sampleId) {
        return current().counted.contains(sampleId);
    }

    @Override
    public synchronized void close() {
        if (refresher != null) {
            refresher.shutdownNow();
            refresher = null;
        }
    }

    private Snapshot current() {
        Snapshot current = snapshot;
        if (current == null) {
            throw new PermedException(FrequencyErrorCode.NOT_READY, "the frequency register is still counting; try again in a"
                    + " few seconds", Map.of());
        }
        return current;
    }

    // ---------------------------------------------------------------------------------------------
    // counting

    /** Which samples count now, and the groups they fall in. */
    private Map<Long, RegisteredSample> countable(List<RegisteredSample> samples, Instant now) {
        Map<Long, RegisteredSample> counted = new LinkedHashMap<>();
        for (RegisteredSample sample : samples) {
            if (sample.referenceCalls() && consent.mayCount(sample, now)) {
                counted.put(sample.id(), sample);
            }
        }
        return counted;
    }

    private Snapshot countAll(List<RegisteredSample> samples, Instant now, long sourceGeneration, long consentGeneration, long started) {
        Map<Long, RegisteredSample> counted = countable(samples, now);
        Map<Assembly, Table> tables = new EnumMap<>(Assembly.class);
        for (Assembly assembly : Assembly.values()) {
            List<RegisteredSample> members = counted.values().stream().filter(sample -> sample.assembly() == assembly).toList();
            if (!members.isEmpty()) {
                tables.put(assembly, Table.count(source, assembly, members));
            }
        }
        return snapshot(tables, counted, samples.size(), now, sourceGeneration, consentGeneration, started, "counted from the store");
    }

    /**
     * Applies a consent change as a difference: subtracts the samples that no longer count and adds those that now count,
     * each group by group, from one pass over those samples' sites. Returns null when a full count is needed (a sample
     * that now counts holds a site the register does not have, or a whole new group appears).
     */
    private Snapshot applyConsentChanges(Snapshot current, List<RegisteredSample> samples, Instant now, long consentGeneration,
            long started) {
        Map<Long, RegisteredSample> counted = countable(samples, now);
        List<RegisteredSample> removed = new ArrayList<>();
        List<RegisteredSample> added = new ArrayList<>();
        for (RegisteredSample sample : samples) {
            boolean before = current.counted.contains(sample.id());
            boolean after = counted.containsKey(sample.id());
            if (before && !after) {
                removed.add(sample);
            } else if (after && !before) {
                added.add(sample);
            }
        }
        Map<Assembly, Table> tables = new EnumMap<>(current.tables);
        for (Assembly assembly : Assembly.values()) {
            List<RegisteredSample> out = removed.stream().filter(sample -> sample.assembly() == assembly).toList();
            List<RegisteredSample> in = added.stream().filter(sample -> sample.assembly() == assembly).toList();
            if (out.isEmpty() && in.isEmpty()) {
                continue;
            }
            Table table = tables.get(assembly);
            if (table == null) {
                return null;
            }
            boolean emptied = counted.values().stream().noneMatch(sample -> sample.assembly() == assembly);
            if (emptied) {
                tables.remove(assembly);
                continue;
            }
            Table changed = table.copy();
            for (RegisteredSample sample : out) {
                if (!changed.apply(source, sample, -1)) {
                    return null;
                }
            }
            for (RegisteredSample sample : in) {
                if (!changed.apply(source, sample, +1)) {
                    return null;
                }
            }
            tables.put(assembly, changed);
        }
        return snapshot(tables, counted, samples.size(), now, current.sourceGeneration, consentGeneration, started,
                "consent changes applied: " + removed.size() + " out, " + added.size() + " in");
    }

    private static Snapshot snapshot(Map<Assembly, Table> tables, Map<Long, RegisteredSample> counted, int allSamples, Instant now,
            long sourceGeneration, long consentGeneration, long started, String mode) {
        long variants = tables.values().stream().mapToLong(table -> table.size).sum();
        Map<String, DatasetSummary.Builder> datasets = new TreeMap<>();
        for (RegisteredSample sample : counted.values()) {
            datasets.computeIfAbsent(sample.dataset(), DatasetSummary.Builder::new).add(sample);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        RegisterStatus status = new RegisterStatus(now, counted.size(), allSamples - counted.size(), variants, millis, mode);
        return new Snapshot(tables, Set.copyOf(counted.keySet()), datasets.values().stream().map(DatasetSummary.Builder::build).toList(),
                status, sourceGeneration, consentGeneration);
    }

    private record Snapshot(Map<Assembly, Table> tables, Set<Long> counted, List<DatasetSummary> datasets, RegisterStatus status,
            long sourceGeneration, long consentGeneration) {
    }

    // ---------------------------------------------------------------------------------------------

    /** One assembly's counts: sites in canonical order, one column of counts per group. */
    private static final class Table {
        final Assembly assembly;
        /** Group names: 0 is overall, then {@code p:GBR}, {@code s:EUR}, {@code d:1000G}. */
        final String[] groups;
        final Map<String, Integer> groupIndex;
        /** contig -> [first, end) */
        final Map<String, int[]> contigs;
        final String[] siteContigs;
        final int[] positions;
        final String[] references;
        final String[] alternates;
        final int size;
        /** [group][site] */
        final int[][] ac;
        final int[][] an;
        final int[][] hom;
        final int[][] hemi;

        private Table(Assembly assembly, String[] groups, Map<String, int[]> contigs, String[] siteContigs, int[] positions, String[] references,
                String[] alternates, int size, int[][] ac, int[][] an, int[][] hom, int[][] hemi) {
            this.assembly = assembly;
            this.groups = groups;
            Map<String, Integer> index = new HashMap<>();
            for (int group = 0; group < groups.length; group++) {
                index.put(groups[group], group);
            }
            this.groupIndex = Map.copyOf(index);
            this.contigs = contigs;
            this.siteContigs = siteContigs;
            this.positions = positions;
            this.references = references;
            this.alternates = alternates;
            this.size = size;
            this.ac = ac;
            this.an = an;
            this.hom = hom;
            this.hemi = hemi;
        }

        static Table count(CohortSource source, Assembly assembly, List<RegisteredSample> members) {
            Map<String, Set<Long>> byGroup = new TreeMap<>();
            for (RegisteredSample sample : members) {
                for (String group : groupsOf(sample)) {
                    byGroup.computeIfAbsent(group, key -> new HashSet<>()).add(sample.id());
                }
            }
            List<String> names = new ArrayList<>();
            names.add("");
            byGroup.keySet().forEach(names::add);
            Set<Long> all = new HashSet<>();
            members.forEach(sample -> all.add(sample.id()));

            // one pass for all groups; the overall set (first) defines the sites
            List<Set<Long>> sets = new ArrayList<>();
            sets.add(all);
            for (int group = 1; group < names.size(); group++) {
                sets.add(byGroup.get(names.get(group)));
            }
            Builder builder = new Builder(names.size());
            source.forEachCount(assembly, sets, builder::add);
            int size = builder.size;
            int groups = names.size();
            int[][] ac = new int[groups][];
            int[][] an = new int[groups][];
            int[][] hom = new int[groups][];
            int[][] hemi = new int[groups][];
            for (int group = 0; group < groups; group++) {
                ac[group] = Arrays.copyOf(builder.ac[group], size);
                an[group] = Arrays.copyOf(builder.an[group], size);
                hom[group] = Arrays.copyOf(builder.hom[group], size);
                hemi[group] = Arrays.copyOf(builder.hemi[group], size);
            }
            Table table = new Table(assembly, names.toArray(String[]::new), builder.contigSpans(), Arrays.copyOf(builder.contigs, size),
                    Arrays.copyOf(builder.positions, size), Arrays.copyOf(builder.references, size),
                    Arrays.copyOf(builder.alternates, size), size, ac, an, hom, hemi);
            return table;
        }

        /** The groups a sample counts in besides overall. */
        static List<String> groupsOf(RegisteredSample sample) {
            List<String> groups = new ArrayList<>(3);
            sample.population().ifPresent(population -> groups.add("p:" + population));
            sample.superPopulation().ifPresent(superPopulation -> groups.add("s:" + superPopulation));
            groups.add("d:" + sample.dataset());
            return groups;
        }

        /** A deep copy of the counts (sites are shared: they never change). */
        Table copy() {
            return new Table(assembly, groups, contigs, siteContigs, positions, references, alternates, size, deep(ac), deep(an), deep(hom),
                    deep(hemi));
        }

        private static int[][] deep(int[][] columns) {
            int[][] copy = new int[columns.length][];
            for (int index = 0; index < columns.length; index++) {
                copy[index] = columns[index].clone();
            }
            return copy;
        }

        /**
         * Adds ({@code sign} +1) or subtracts (-1) one sample's counts in overall and its groups. Returns false when the
         * sample holds a site this table lacks or belongs to a group it lacks (a full count is needed).
         */
        boolean apply(CohortSource source, RegisteredSample sample, int sign) {
            List<Integer> columns = new ArrayList<>();
            columns.add(0);
            for (String group : groupsOf(sample)) {
                Integer column = groupIndex.get(group);
                if (column == null) {
                    return false;
                }
                columns.add(column);
            }
            boolean[] complete = {true};
            source.forEachCount(sample.assembly(), Set.of(sample.id()), (contig, position, reference, alternate,
                    alleleCount, alleleNumber, homozygotes, hemizygotes) -> {
                if (!complete[0]) {
                    return;
                }
                int index = indexOf(contig, position, reference, alternate);
                if (index < 0) {
                    if (alleleCount > 0 || sign > 0) {
                        complete[0] = false;
                    }
                    return;
                }
                for (int column : columns) {
                    ac[column][index] += sign * alleleCount;
                    an[column][index] += sign * alleleNumber;
                    hom[column][index] += sign * homozygotes;
                    hemi[column][index] += sign * hemizygotes;
                    if (ac[column][index] < 0 || an[column][index] < 0 || hom[column][index] < 0 || hemi[column][index] < 0) {
                        complete[0] = false;
                    }
                }
            });
            return complete[0];
        }

        int indexOf(String contig, int position, String reference, String alternate) {
            int[] span = contigs.get(contig);
            if (span == null) {
                return -1;
            }
            for (int index = firstAtOrAfter(span, position); index < span[1] && positions[index] == position; index++) {
                if (references[index].equals(reference) && alternates[index].equals(alternate)) {
                    return index;
                }
            }
            return -1;
        }

        /** The first index in the span whose position is at least {@code position}. */
        int firstAtOrAfter(int[] span, int position) {
            int low = span[0];
            int high = span[1];
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (positions[middle] < position) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            return low;
        }

        RegisterLine line(int index) {
            Map<String, Counts> populations = new TreeMap<>();
            Map<String, Counts> superPopulations = new TreeMap<>();
            Map<String, Counts> datasets = new TreeMap<>();
            for (int group = 1; group < groups.length; group++) {
                if (an[group][index] == 0 && ac[group][index] == 0) {
                    continue;
                }
                Counts counts = new Counts(ac[group][index], an[group][index], hom[group][index], hemi[group][index]);
                String name = groups[group].substring(2);
                switch (groups[group].charAt(0)) {
                    case 'p' -> populations.put(name, counts);
                    case 's' -> superPopulations.put(name, counts);
                    default -> datasets.put(name, counts);
                }
            }
            return new RegisterLine(key(index), new Counts(ac[0][index], an[0][index], hom[0][index], hemi[0][index]), populations,
                    superPopulations, datasets);
        }

        private VariantKey key(int index) {
            return new VariantKey(assembly, siteContigs[index], positions[index], references[index], alternates[index]);
        }
    }

    /** Collects the sites and every group's counts into growing arrays. */
    private static final class Builder {
        int size;
        String[] contigs = new String[1024];
        int[] positions = new int[1024];
        String[] references = new String[1024];
        String[] alternates = new String[1024];
        final int[][] ac;
        final int[][] an;
        final int[][] hom;
        final int[][] hemi;
        private final Map<String, String> strings = new HashMap<>();

        Builder(int groups) {
            ac = new int[groups][1024];
            an = new int[groups][1024];
            hom = new int[groups][1024];
            hemi = new int[groups][1024];
        }

        void add(String contig, int position, String reference, String alternate, int[] alleleCounts, int[] alleleNumbers,
                int[] homozygotes, int[] hemizygotes) {
            if (size == positions.length) {
                int grown = size * 2;
                contigs = Arrays.copyOf(contigs, grown);
                positions = Arrays.copyOf(positions, grown);
                references = Arrays.copyOf(references, grown);
                alternates = Arrays.copyOf(alternates, grown);
                for (int group = 0; group < ac.length; group++) {
                    ac[group] = Arrays.copyOf(ac[group], grown);
                    an[group] = Arrays.copyOf(an[group], grown);
                    hom[group] = Arrays.copyOf(hom[group], grown);
                    hemi[group] = Arrays.copyOf(hemi[group], grown);
                }
            }
            contigs[size] = shared(contig);
            positions[size] = position;
            references[size] = reference.length() == 1 ? shared(reference) : reference;
            alternates[size] = alternate.length() == 1 ? shared(alternate) : alternate;
            for (int group = 0; group < ac.length; group++) {
                ac[group][size] = alleleCounts[group];
                an[group][size] = alleleNumbers[group];
                hom[group][size] = homozygotes[group];
                hemi[group][size] = hemizygotes[group];
            }
            size++;
        }

        private String shared(String text) {
            return strings.computeIfAbsent(text, key -> key);
        }

        Map<String, int[]> contigSpans() {
            Map<String, int[]> spans = new LinkedHashMap<>();
            for (int index = 0; index < size; index++) {
                int[] span = spans.get(contigs[index]);
                if (span == null) {
                    spans.put(contigs[index], new int[] {index, index + 1});
                } else {
                    span[1] = index + 1;
                }
            }
            return Map.copyOf(spans);
        }
    }
}
