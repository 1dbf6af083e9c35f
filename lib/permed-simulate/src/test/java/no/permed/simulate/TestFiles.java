package no.permed.simulate;

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

/**
 * The real test files of permed-vcf (used where they are, not copied) and a small VCF parser of its own, so that
 * the checks do not lean on the code under test.
 */
final class TestFiles {
    private static final Path DATA = Path.of("../permed-vcf/src/test/resources/data");
    private static final Path EXPECTED = Path.of("../permed-vcf/src/test/resources/expected");

    static final String CHR20_503 = "1kg_chr20_503samples_first3000.vcf.gz";
    static final String CHR22_2504 = "1kg_phase3_chr22_2504samples_first2000.vcf.gz";
    static final String TINY_3202 = "tiny1000G_3202samples_first400.vcf.gz";

    private TestFiles() {
    }

    /** A file of permed-vcf's test data; fails clearly when the tests run from somewhere else. */
    static Path data(String name) {
        return existing(DATA.resolve(name));
    }

    /** A file of permed-vcf's expected results (made by bcftools). */
    static Path expected(String name) {
        return existing(EXPECTED.resolve(name));
    }

    private static Path existing(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("test file " + path.toAbsolutePath().normalize()
                    + " is missing: run the tests from lib/permed-simulate with lib/permed-vcf next to it");
        }
        return path;
    }

    /** Every line of a plain or gzip/BGZF file (gzip members read one after the other). */
    static List<String> lines(Path path) {
        try (InputStream raw = Files.newInputStream(path);
                InputStream input = isGzip(path) ? new GZIPInputStream(raw, 1 << 16) : raw;
                BufferedReader reader = new BufferedReader(new InputStreamReader(input, StandardCharsets.US_ASCII))) {
            List<String> lines = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
            return lines;
        } catch (IOException exception) {
            throw new UncheckedIOException(exception);
        }
    }

    private static boolean isGzip(Path path) throws IOException {
        try (InputStream input = Files.newInputStream(path)) {
            return input.read() == 0x1f && input.read() == 0x8b;
        }
    }

    /** The records of a biallelic, phased VCF as haplotypes, parsed here. */
    static List<Site> biallelicSites(Path path) {
        List<Site> sites = new ArrayList<>();
        for (String line : lines(path)) {
            if (line.startsWith("#")) {
                continue;
            }
            String[] columns = line.split("\t");
            if (columns[4].contains(",") || columns[4].startsWith("<") || columns[4].equals("*")) {
                continue;
            }
            int samples = columns.length - 9;
            byte[] haplotypes = new byte[2 * samples];
            for (int sample = 0; sample < samples; sample++) {
                String call = columns[9 + sample];
                int colon = call.indexOf(':');
                String genotype = colon < 0 ? call : call.substring(0, colon);
                haplotypes[2 * sample] = allele(genotype.charAt(0));
                haplotypes[2 * sample + 1] = genotype.length() >= 3 ? allele(genotype.charAt(2)) : -2;
            }
            sites.add(new Site(columns[0], Integer.parseInt(columns[1]), columns[3], columns[4], haplotypes));
        }
        return sites;
    }

    private static byte allele(char text) {
        return switch (text) {
            case '0' -> 0;
            case '1' -> 1;
            case '.' -> -1;
            default -> throw new IllegalArgumentException("not a biallelic allele: " + text);
        };
    }

    /** One biallelic record: haplotype alleles 0, 1, -1 (missing), -2 (absent). */
    record Site(String contig, int position, String reference, String alternate, byte[] haplotypes) {
        String key() {
            return contig + ":" + position + ":" + reference + ":" + alternate;
        }

        /** The ALT frequency among called haplotypes. */
        double alternateFrequency() {
            int called = 0;
            int alternates = 0;
            for (byte allele : haplotypes) {
                if (allele >= 0) {
                    called++;
                    alternates += allele;
                }
            }
            return called == 0 ? 0 : (double) alternates / called;
        }
    }

    /** r² between two sites over the haplotypes called at both. */
    static double rSquared(byte[] first, byte[] second) {
        double count = 0;
        double sumFirst = 0;
        double sumSecond = 0;
        double sumBoth = 0;
        for (int slot = 0; slot < first.length; slot++) {
            if (first[slot] >= 0 && second[slot] >= 0) {
                count++;
                sumFirst += first[slot];
                sumSecond += second[slot];
                sumBoth += first[slot] * second[slot];
            }
        }
        double frequencyFirst = sumFirst / count;
        double frequencySecond = sumSecond / count;
        double denominator = frequencyFirst * (1 - frequencyFirst) * frequencySecond * (1 - frequencySecond);
        if (denominator == 0) {
            return Double.NaN;
        }
        double linkage = sumBoth / count - frequencyFirst * frequencySecond;
        return linkage * linkage / denominator;
    }

    static double correlation(double[] first, double[] second) {
        int count = first.length;
        double meanFirst = 0;
        double meanSecond = 0;
        for (int index = 0; index < count; index++) {
            meanFirst += first[index] / count;
            meanSecond += second[index] / count;
        }
        double covariance = 0;
        double varianceFirst = 0;
        double varianceSecond = 0;
        for (int index = 0; index < count; index++) {
            covariance += (first[index] - meanFirst) * (second[index] - meanSecond);
            varianceFirst += (first[index] - meanFirst) * (first[index] - meanFirst);
            varianceSecond += (second[index] - meanSecond) * (second[index] - meanSecond);
        }
        return covariance / Math.sqrt(varianceFirst * varianceSecond);
    }
}
