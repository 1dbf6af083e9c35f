package no.permed.columnar.segment;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import no.permed.columnar.GenomicRegion;
import no.permed.columnar.GenotypeCodes;
import no.permed.columnar.SampleSet;
import no.permed.columnar.Site;
import no.permed.columnar.testdata.TestVcf;

/**
 * Hand-run micro-benchmark (not a test). Usage:
 *
 * <pre>
 * generate MODEL SITES OUT.seg [OUT.vcf]   MODEL: tiled (real chr22 haplotypes, permuted per tile), neutral (1/k spectrum), dense
 * count SEGMENT [REPEATS]                  whole cohort (1 and 2 threads), random half, 5 populations
 * lookup SEGMENT [QUERIES]                 carriers of a random site, one sample at a random locus
 * </pre>
 *
 * Writer options from system properties: -Dcodec=DEFLATE|ZSTD|AUTO -Dlevel=N (Deflate) -DzstdLevel=N -Dsaving=PERCENT.
 */
public final class ColumnarBenchmark {
    private static final String CHR22 = "10k.chr22.phase3_shapeit2_mvncall_integrated_v5.20130502.genotypes.vcf.gz";
    private static final int SAMPLES = 2504;

    private ColumnarBenchmark() {
    }

    public static void main(String[] arguments) throws IOException {
        switch (arguments[0]) {
            case "generate" -> generate(arguments[1], Integer.parseInt(arguments[2]), Path.of(arguments[3]),
                    arguments.length > 4 ? Path.of(arguments[4]) : null);
            case "count" -> count(Path.of(arguments[1]), arguments.length > 2 ? Integer.parseInt(arguments[2]) : 15);
            case "lookup" -> lookup(Path.of(arguments[1]), arguments.length > 2 ? Integer.parseInt(arguments[2]) : 2000);
            default -> throw new IllegalArgumentException("unknown command " + arguments[0]);
        }
    }

    private interface SiteSource {
        void fill(int siteIndex, byte[] calls);
    }

    private static void generate(String model, int siteCount, Path target, Path vcf) throws IOException {
        Random random = new Random(42);
        SiteSource source;
        switch (model) {
            case "tiled" -> {
                TestVcf.Loaded loaded = TestVcf.load(TestVcf.sharedGenotypes(CHR22));
                List<TestVcf.Record> records = loaded.records();
                int[][] permutation = new int[siteCount / records.size() + 1][];
                source = (site, calls) -> {
                    int tile = site / records.size();
                    if (permutation[tile] == null) {
                        permutation[tile] = permutation(random, 2 * SAMPLES, tile);
                    }
                    byte[] real = records.get(site % records.size()).calls();
                    int[] haplotypes = permutation[tile];
                    for (int sample = 0; sample < SAMPLES; sample++) {
                        int first = allele(real, haplotypes[2 * sample]);
                        int second = allele(real, haplotypes[2 * sample + 1]);
                        calls[sample] = GenotypeCodes.diploid(first, second, true);
                    }
                };
            }
            case "neutral", "dense" -> {
                boolean dense = model.equals("dense");
                source = (site, calls) -> {
                    double frequency;
                    if (dense) {
                        frequency = 0.05 + 0.45 * random.nextDouble();
                    } else {
                        double alleles = Math.floor(Math.exp(random.nextDouble() * Math.log(2.0 * SAMPLES)));
                        frequency = Math.min(alleles, 2.0 * SAMPLES - 1) / (2.0 * SAMPLES);
                    }
                    for (int sample = 0; sample < SAMPLES; sample++) {
                        int first = random.nextDouble() < frequency ? 1 : 0;
                        int second = random.nextDouble() < frequency ? 1 : 0;
                        calls[sample] = GenotypeCodes.diploid(first, second, true);
                    }
                };
            }
            default -> throw new IllegalArgumentException("unknown model " + model);
        }
        Files.deleteIfExists(target);
        byte[][] all = new byte[siteCount][SAMPLES];
        List<Site> sites = new ArrayList<>(siteCount);
        for (int site = 0; site < siteCount; site++) {
            source.fill(site, all[site]);
            sites.add(new Site("22", 16_000_000 + site * 10, "A", "G"));
        }
        int rounds = Integer.getInteger("rounds", 3);
        for (int round = 0; round < rounds; round++) {
            Files.deleteIfExists(target);
            long start = System.nanoTime();
            WrittenSegment written;
            try (SegmentWriter writer = SegmentWriter.create(target, SAMPLES,
                    optionsFromProperties())) {
                SiteCalls calls = new SiteCalls(SAMPLES);
                for (int site = 0; site < siteCount; site++) {
                    System.arraycopy(all[site], 0, calls.codes(), 0, SAMPLES);
                    writer.add(sites.get(site), calls);
                }
                written = writer.commit();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long genotypes = (long) SAMPLES * siteCount;
            System.out.printf("round %d wrote %s: %d samples x %d sites, %d bytes (%.5f bytes/genotype), %d blocks, %.2f s,"
                    + " %.0f million genotypes/s, %.0f sites/s%n", round, target, SAMPLES, siteCount, written.fileBytes(),
                    written.bytesPerGenotype(), written.blockCount(), seconds, genotypes / seconds / 1e6, siteCount / seconds);
        }
        try (Segment segment = Segment.open(target)) {
            System.out.println("features: " + SegmentInspector.features(segment));
        }
        if (vcf != null) {
            writeVcf(vcf, sites, all);
        }
    }

    /**
     * The default writer options, changed by the system properties {@code codec} (DEFLATE, ZSTD,
     * AUTO), {@code level} (Deflate), {@code zstdLevel} and {@code saving} (minimum saving percent).
     */
    static SegmentWriterOptions optionsFromProperties() {
        SegmentWriterOptions defaults = SegmentWriterOptions.defaults();
        return defaults.withCompressionLevel(Integer.getInteger("level", defaults.compressionLevel()))
                .withMinimumSavingPercent(Integer.getInteger("saving", defaults.minimumSavingPercent()))
                .withCompression(SegmentWriterOptions.Compression.valueOf(System.getProperty("codec", defaults.compression().name())))
                .withZstdLevel(Integer.getInteger("zstdLevel", defaults.zstdLevel()));
    }

    private static int allele(byte[] calls, int haplotype) {
        byte code = calls[haplotype >>> 1];
        return (haplotype & 1) == 0 ? GenotypeCodes.firstAllele(code) : GenotypeCodes.secondAllele(code);
    }

    private static int[] permutation(Random random, int size, int tile) {
        int[] result = new int[size];
        for (int index = 0; index < size; index++) {
            result[index] = index;
        }
        if (tile > 0) {
            for (int index = size - 1; index > 0; index--) {
                int other = random.nextInt(index + 1);
                int swap = result[index];
                result[index] = result[other];
                result[other] = swap;
            }
        }
        return result;
    }

    private static void writeVcf(Path vcf, List<Site> sites, byte[][] calls) throws IOException {
        try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(vcf), StandardCharsets.US_ASCII),
                1 << 20)) {
            out.write("##fileformat=VCFv4.2\n##contig=<ID=22>\n##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n");
            out.write("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT");
            for (int sample = 0; sample < SAMPLES; sample++) {
                out.write("\tS" + sample);
            }
            out.write('\n');
            StringBuilder line = new StringBuilder(SAMPLES * 4 + 100);
            for (int site = 0; site < sites.size(); site++) {
                Site value = sites.get(site);
                line.setLength(0);
                line.append(value.contig()).append('\t').append(value.position()).append("\t.\t").append(value.reference())
                        .append('\t').append(value.alternate()).append("\t.\tPASS\t.\tGT");
                for (int sample = 0; sample < SAMPLES; sample++) {
                    line.append('\t').append(GenotypeCodes.toVcf(calls[site][sample]));
                }
                line.append('\n');
                out.append(line);
            }
        }
    }

    private static void count(Path path, int repeats) {
        try (Segment segment = Segment.open(path)) {
            int sampleCount = segment.sampleCount();
            long genotypes = (long) sampleCount * segment.siteCount();
            Random random = new Random(1);
            java.util.BitSet half = new java.util.BitSet();
            for (int sample = 0; sample < sampleCount; sample++) {
                if (random.nextBoolean()) {
                    half.set(sample);
                }
            }
            List<SampleSet> populations = new ArrayList<>();
            for (int population = 0; population < 5; population++) {
                java.util.BitSet members = new java.util.BitSet();
                for (int sample = population; sample < sampleCount; sample += 5) {
                    members.set(sample);
                }
                populations.add(SampleSet.of(sampleCount, members));
            }
            SampleSet all = SampleSet.all(sampleCount);
            SampleSet halfSet = SampleSet.of(sampleCount, half);
            for (int threads : new int[] {1, 2}) {
                report("whole cohort, " + threads + " thread(s)", genotypes, repeats, () -> segment.countAlleles(all, threads));
            }
            report("random half, 2 threads", genotypes, repeats, () -> segment.countAlleles(halfSet, 2));
            report("5 populations in one pass, 2 threads", genotypes, repeats, () -> segment.countAlleles(populations, 2));
            System.out.println("total AC " + segment.countAlleles(all).totalAlleleCount());
        }
    }

    private static void report(String what, long genotypes, int repeats, Runnable task) {
        for (int warm = 0; warm < 3; warm++) {
            task.run();
        }
        double[] seconds = new double[repeats];
        for (int repeat = 0; repeat < repeats; repeat++) {
            long start = System.nanoTime();
            task.run();
            seconds[repeat] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(seconds);
        double median = seconds[repeats / 2];
        System.out.printf("%-40s median %.1f ms (min %.1f ms): %.2f x 10^9 genotypes/s%n", what, median * 1e3,
                seconds[0] * 1e3, genotypes / median / 1e9);
    }

    private static void lookup(Path path, int queries) {
        long openStart = System.nanoTime();
        try (Segment segment = Segment.open(path)) {
            double openMillis = (System.nanoTime() - openStart) / 1e6;
            Random random = new Random(5);
            int siteCount = segment.siteCount();
            long first = System.nanoTime();
            int firstCarriers = segment.carriers(random.nextInt(siteCount)).size();
            double firstMillis = (System.nanoTime() - first) / 1e6;
            System.out.printf("open %.2f ms; first carrier query (cold JIT) %.2f ms (%d carriers)%n", openMillis, firstMillis,
                    firstCarriers);
            for (int round = 0; round < 2; round++) {
                double[] carriers = new double[queries];
                double[] locus = new double[queries];
                long found = 0;
                for (int query = 0; query < queries; query++) {
                    int siteIndex = random.nextInt(siteCount);
                    long start = System.nanoTime();
                    found += segment.carriers(siteIndex).size();
                    carriers[query] = (System.nanoTime() - start) / 1e6;
                    Site site = segment.site(random.nextInt(siteCount));
                    int sample = random.nextInt(segment.sampleCount());
                    start = System.nanoTime();
                    found += segment.callsOfSample(sample, GenomicRegion.locus(site.contig(), site.position())).size();
                    locus[query] = (System.nanoTime() - start) / 1e6;
                }
                Arrays.sort(carriers);
                Arrays.sort(locus);
                System.out.printf("round %d: carriers of one site: median %.3f ms, p99 %.3f ms, max %.3f ms;"
                        + " one sample at one locus: median %.3f ms, p99 %.3f ms, max %.3f ms (%d results)%n", round,
                        carriers[queries / 2], carriers[queries * 99 / 100], carriers[queries - 1], locus[queries / 2],
                        locus[queries * 99 / 100], locus[queries - 1], found);
            }
        }
    }
}
