package no.permed.frequency.privacy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import no.permed.simulate.CohortSimulator;
import no.permed.simulate.SimulationRequest;
import no.permed.vcf.genome.Assembly;
import no.permed.vcf.normalise.VariantKey;

/**
 * A cohort made by the project's simulator ({@code permed simulate}: mosaics of a real reference panel's haplotypes),
 * read back with a small parser of this test's own, with the reference panel's allele frequency of every site (what
 * the attacker knows).
 *
 * <p>Genotypes are held per site as ALT dosages, one byte per sample ({@code 0}, {@code 1}, {@code 2}), plus a count
 * of called alleles per sample ({@code calls}).
 */
final class SimulatedCohort {
    final List<Site> sites;
    final int samples;

    private SimulatedCohort(List<Site> sites, int samples) {
        this.sites = sites;
        this.samples = samples;
    }

    /** One biallelic site; positions and alleles as the simulator writes them, keyed as the register keys them. */
    record Site(VariantKey key, double referenceFrequency, byte[] dosages, byte[] calls) {
    }

    /** Simulates {@code samples} samples with {@code sites} sites from {@code panel} into {@code directory} and reads them. */
    static SimulatedCohort simulate(Path panel, Path directory, int samples, int sites, long seed) {
        Path out = directory.resolve("cohort.vcf.gz");
        CohortSimulator.create().simulate(SimulationRequest.of(panel, out, samples, seed).withSites(sites).withOverwrite(true));
        Map<String, Double> frequencies = new HashMap<>();
        long[] firstPosition = {Long.MAX_VALUE};
        readPanel(panel, frequencies, firstPosition);
        return read(out, frequencies, firstPosition[0]);
    }

    private static BufferedReader open(Path path) throws IOException {
        return new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(path), 1 << 16), StandardCharsets.US_ASCII),
                1 << 20);
    }

    /** The panel's ALT frequency per {@code position:REF:ALT}, each multi-allelic record split as bcftools norm -m- does. */
    private static void readPanel(Path panel, Map<String, Double> frequencies, long[] firstPosition) {
        try (BufferedReader reader = open(panel)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t");
                String[] alternates = columns[4].split(",");
                int[] counts = new int[alternates.length + 1];
                int called = 0;
                for (int column = 9; column < columns.length; column++) {
                    String call = columns[column];
                    for (int at = 0; at < call.length() && call.charAt(at) != ':'; at++) {
                        char symbol = call.charAt(at);
                        if (symbol == '|' || symbol == '/' || symbol == '.') {
                            continue;
                        }
                        int end = at;
                        while (end + 1 < call.length() && Character.isDigit(call.charAt(end + 1))) {
                            end++;
                        }
                        counts[Integer.parseInt(call.substring(at, end + 1))]++;
                        called++;
                        at = end;
                    }
                }
                long position = Long.parseLong(columns[1]);
                firstPosition[0] = Math.min(firstPosition[0], position);
                for (int alternate = 0; alternate < alternates.length; alternate++) {
                    frequencies.putIfAbsent(position + ":" + columns[3] + ":" + alternates[alternate],
                            called == 0 ? 0.0 : (double) counts[alternate + 1] / called);
                }
            }
        } catch (IOException exception) {
            throw new UncheckedIOException(exception);
        }
    }

    private static SimulatedCohort read(Path cohort, Map<String, Double> frequencies, long firstPosition) {
        List<Site> sites = new ArrayList<>();
        Set<VariantKey> seen = new HashSet<>();
        long shift = Long.MAX_VALUE;
        int samples = -1;
        try (BufferedReader reader = open(cohort)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("##permedSimulateRepeat=")) {
                    int at = line.indexOf("Shift=") + "Shift=".length();
                    int end = at;
                    while (Character.isDigit(line.charAt(end))) {
                        end++;
                    }
                    shift = Long.parseLong(line.substring(at, end));
                    continue;
                }
                if (line.startsWith("#CHROM")) {
                    samples = line.split("\t").length - 9;
                    continue;
                }
                if (line.startsWith("#")) {
                    continue;
                }
                int[] tabs = new int[9];
                int found = 0;
                for (int at = 0; found < 9; at++) {
                    if (line.charAt(at) == '\t') {
                        tabs[found++] = at;
                    }
                }
                String contig = line.substring(0, tabs[0]);
                long position = Long.parseLong(line.substring(tabs[0] + 1, tabs[1]));
                String reference = line.substring(tabs[2] + 1, tabs[3]);
                String alternate = line.substring(tabs[3] + 1, tabs[4]);
                long copy = shift == Long.MAX_VALUE ? 0 : Math.floorDiv(position - firstPosition, shift);
                Double frequency = frequencies.get((position - copy * shift) + ":" + reference + ":" + alternate);
                if (frequency == null) {
                    throw new IllegalStateException("site " + position + " " + reference + ">" + alternate + " is not in the panel");
                }
                VariantKey key;
                try {
                    key = new VariantKey(Assembly.GRCH37, contig, (int) position, reference, alternate);
                } catch (IllegalArgumentException untrimmed) {
                    continue; // a split multi-allelic indel the simulator writes untrimmed: left out of this test's cohort
                }
                if (!seen.add(key) || frequency == 0) {
                    continue;
                }
                byte[] dosages = new byte[samples];
                byte[] calls = new byte[samples];
                int at = tabs[8] + 1;
                for (int sample = 0; sample < samples; sample++) {
                    int end = line.indexOf('\t', at);
                    if (end < 0) {
                        end = line.length();
                    }
                    for (int index = at; index < end; index++) {
                        char symbol = line.charAt(index);
                        if (symbol == '0' || symbol == '1') {
                            calls[sample]++;
                            dosages[sample] += symbol - '0';
                        }
                    }
                    at = end + 1;
                }
                sites.add(new Site(key, frequency, dosages, calls));
            }
        } catch (IOException exception) {
            throw new UncheckedIOException(exception);
        }
        sites.sort(Comparator.comparing(Site::key));
        return new SimulatedCohort(List.copyOf(sites), samples);
    }

    /** The sites where {@code sample} carries at least one ALT allele, rarest in the reference first (ties: site order). */
    int[] alternatesRarestFirst(int sample) {
        int count = 0;
        int[] carried = new int[sites.size()];
        for (int index = 0; index < sites.size(); index++) {
            if (sites.get(index).dosages()[sample] > 0) {
                carried[count++] = index;
            }
        }
        Integer[] order = new Integer[count];
        for (int at = 0; at < count; at++) {
            order[at] = carried[at];
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer index) -> sites.get(index).referenceFrequency()).thenComparingInt(index -> index));
        int[] result = new int[count];
        for (int at = 0; at < count; at++) {
            result[at] = order[at];
        }
        return result;
    }

    /** The column of the samples {@code from} (inclusive) to {@code to} (exclusive), for quick checks. */
    int[] alleleCounts(int from, int to) {
        int[] counts = new int[sites.size()];
        for (int index = 0; index < sites.size(); index++) {
            byte[] dosages = sites.get(index).dosages();
            int sum = 0;
            for (int sample = from; sample < to; sample++) {
                sum += dosages[sample];
            }
            counts[index] = sum;
        }
        return counts;
    }

    @Override
    public String toString() {
        return samples + " samples x " + sites.size() + " sites";
    }
}
