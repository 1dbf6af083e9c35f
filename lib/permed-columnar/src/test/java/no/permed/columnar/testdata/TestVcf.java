package no.permed.columnar.testdata;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import no.permed.columnar.GenotypeCodes;
import no.permed.columnar.Site;

/**
 * A minimal reader of the GT column of plain or gzip/BGZF VCF files, for experiments and tests
 * only (the product's VCF reader is permed-vcf). Keeps bi-allelic records with a valid REF/ALT and
 * only 0/1/. alleles; skips everything else and counts what it skipped.
 */
public final class TestVcf {
    /** One kept record: its site, its calls (one code per sample) and INFO AC/AN when present (-1 otherwise). */
    public record Record(Site site, byte[] calls, int infoAlleleCount, int infoAlleleNumber) {
    }

    /** A whole file in memory. */
    public record Loaded(List<String> samples, List<Record> records, int skipped) {
        public int sampleCount() {
            return samples.size();
        }
    }

    /** A data file of ../shared/data/genotypes, or null when the shared data are not present. */
    public static Path sharedGenotypes(String fileName) {
        if (!Boolean.getBoolean("permed.shared-data")) {
            return null; // only with the optional profile: mvn -Pshared-data verify
        }
        for (Path root : List.of(Path.of("/work/shared/data/genotypes"), Path.of("../../../shared/data/genotypes"),
                Path.of("../../shared/data/genotypes"))) {
            Path candidate = root.resolve(fileName);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private TestVcf() {
    }

    public static Loaded load(Path path) {
        return load(path, Integer.MAX_VALUE);
    }

    /** Reads at most {@code maxRecords} kept records. */
    public static Loaded load(Path path, int maxRecords) {
        List<Record> records = new ArrayList<>();
        List<String> samples = new ArrayList<>();
        int skipped = 0;
        try (InputStream raw = Files.newInputStream(path);
                InputStream input = path.toString().endsWith("gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
                BufferedReader reader = new BufferedReader(new InputStreamReader(input, StandardCharsets.ISO_8859_1), 1 << 16)) {
            String line;
            while ((line = reader.readLine()) != null && records.size() < maxRecords) {
                if (line.startsWith("##")) {
                    continue;
                }
                if (line.startsWith("#CHROM")) {
                    String[] header = line.split("\t");
                    for (int index = 9; index < header.length; index++) {
                        samples.add(header[index]);
                    }
                    continue;
                }
                Record record = parse(line, samples.size());
                if (record == null) {
                    skipped++;
                } else {
                    records.add(record);
                }
            }
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
        return new Loaded(List.copyOf(samples), records, skipped);
    }

    private static Record parse(String line, int sampleCount) {
        int[] tabs = new int[9];
        int found = 0;
        for (int index = 0; index < line.length() && found < 9; index++) {
            if (line.charAt(index) == '\t') {
                tabs[found++] = index;
            }
        }
        if (found < 8) {
            return null;
        }
        String contig = line.substring(0, tabs[0]);
        int position = Integer.parseInt(line.substring(tabs[0] + 1, tabs[1]));
        String reference = line.substring(tabs[2] + 1, tabs[3]);
        String alternate = line.substring(tabs[3] + 1, tabs[4]);
        if (alternate.indexOf(',') >= 0 || alternate.equals(".")) {
            return null;
        }
        Site site;
        try {
            site = new Site(contig, position, reference, alternate);
        } catch (RuntimeException invalid) {
            return null;
        }
        String info = line.substring(tabs[6] + 1, tabs[7]);
        int alleleCount = infoInteger(info, "AC");
        int alleleNumber = infoInteger(info, "AN");
        byte[] calls = new byte[sampleCount];
        if (sampleCount == 0) {
            return new Record(site, calls, alleleCount, alleleNumber);
        }
        if (found < 9 || !line.startsWith("GT", tabs[7] + 1)) {
            return null;
        }
        int cursor = tabs[8] + 1;
        for (int sample = 0; sample < sampleCount; sample++) {
            int end = cursor;
            while (end < line.length() && line.charAt(end) != '\t' && line.charAt(end) != ':') {
                end++;
            }
            int length = end - cursor;
            if (length == 1) {
                int allele = allele(line.charAt(cursor));
                if (allele < 0) {
                    return null;
                }
                calls[sample] = GenotypeCodes.haploid(allele);
            } else if (length == 3) {
                int first = allele(line.charAt(cursor));
                int second = allele(line.charAt(cursor + 2));
                char separator = line.charAt(cursor + 1);
                if (first < 0 || second < 0 || separator != '/' && separator != '|') {
                    return null;
                }
                calls[sample] = GenotypeCodes.diploid(first, second, separator == '|');
            } else {
                return null;
            }
            while (end < line.length() && line.charAt(end) != '\t') {
                end++;
            }
            cursor = end + 1;
        }
        return new Record(site, calls, alleleCount, alleleNumber);
    }

    private static int allele(char character) {
        return switch (character) {
            case '0' -> GenotypeCodes.REFERENCE;
            case '1' -> GenotypeCodes.ALTERNATE;
            case '.' -> GenotypeCodes.MISSING;
            default -> -1;
        };
    }

    private static int infoInteger(String info, String key) {
        int from = 0;
        while (from < info.length()) {
            int end = info.indexOf(';', from);
            if (end < 0) {
                end = info.length();
            }
            if (info.startsWith(key, from) && from + key.length() < end && info.charAt(from + key.length()) == '=') {
                try {
                    return Integer.parseInt(info.substring(from + key.length() + 1, end));
                } catch (NumberFormatException notSingle) {
                    return -1;
                }
            }
            from = end + 1;
        }
        return -1;
    }
}
