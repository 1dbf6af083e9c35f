package no.permed.app;

import no.permed.testing.BcftoolsExpected;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Expected genome data for the app's tests, read from bcftools' results ({@code bcftools norm -m- | +fill-tags |
 * query}) and from VCF text, and put in the store's normal form by a small rule written here (independently of the
 * product's normaliser): canonical contig names (no {@code chr}), upper-case alleles, a shared last base removed while
 * both alleles are longer than one base, then a shared first base (moving the position right). Symbolic alleles are
 * left as they are. Keys are {@code CHROM\tPOS\tREF\tALT}.
 */
final class GenomeExpected {
    static final Path VCF_DATA = Path.of("../../lib/permed-vcf/src/test/resources/data");
    static final Path VCF_EXPECTED = Path.of("../../lib/permed-vcf/src/test/resources/expected");
    static final Path MALFORMED = Path.of("../../capability/permed-genome/src/test/resources/malformed");
    static final Path SHARED_EXPECTED = Path.of("../../capability/permed-genome/src/test/resources/shared-expected");
    static final Path DEMO_PATIENT_VCF = Path.of("src/main/resources/no/permed/app/demo/demo-patient.vcf.gz");

    private GenomeExpected() {
    }

    /** AC, AN and homozygous ALT carriers (bcftools' AC_Hom / 2). */
    record Counts(int ac, int an, int hom) {
        Counts plus(int[] tally) {
            return new Counts(ac + tally[0], an + tally[1], hom + tally[2]);
        }

        Counts minus(int[] tally) {
            return new Counts(ac - tally[0], an - tally[1], hom - tally[2]);
        }
    }

    /** The lines of a text file, gzip-compressed or not (gzip members concatenated, as BGZF is, are all read). */
    static List<String> lines(Path file) {
        return BcftoolsExpected.lines(file);
    }

    /** The normalised key of a variant. */
    static String key(String contig, int position, String reference, String alternate) {
        return BcftoolsExpected.key(contig, position, reference, alternate);
    }

    /** The store's variant key text, e.g. {@code GRCh37-22-16050075-A-G}, of a normalised key. */
    static String variant(String assembly, String key) {
        return assembly + "-" + key.replace('\t', '-');
    }

    static int position(String key) {
        return Integer.parseInt(key.split("\t")[1]);
    }

    static boolean symbolic(String key) {
        return key.contains("<") || key.contains("*");
    }

    /** bcftools' counts file: normalised key → counts, in file order; REF-only lines skipped. */
    static Map<String, Counts> counts(Path countsTsv) {
        Map<String, Counts> result = new LinkedHashMap<>();
        for (String line : lines(countsTsv)) {
            String[] columns = line.split("\t");
            if (columns[3].equals(".")) {
                continue;
            }
            Counts counts = new Counts(Integer.parseInt(columns[4]), Integer.parseInt(columns[5]), Integer.parseInt(columns[6]) / 2);
            if (result.put(key(columns[0], Integer.parseInt(columns[1]), columns[2], columns[3]), counts) != null) {
                throw new IllegalStateException("bcftools lists a variant twice in " + countsTsv);
            }
        }
        return result;
    }

    /** bcftools' split genotypes: normalised key → the GT of every sample column, in file order. */
    static Map<String, String[]> split(Path splitTsv) {
        return BcftoolsExpected.splitCalls(splitTsv);
    }

    /** {AC, AN, HOM} of one GT text ({@code 0|1}, {@code ./.}, {@code 1}), counted as bcftools +fill-tags does. */
    static int[] tally(String gt) {
        return java.util.Arrays.copyOf(BcftoolsExpected.tally(gt), 3);
    }

    /** Sums the tallies of some sample columns of one variant. */
    static Counts countColumns(String[] gts, List<Integer> columns) {
        Counts counts = new Counts(0, 0, 0);
        for (int column : columns) {
            counts = counts.plus(tally(gts[column]));
        }
        return counts;
    }

    /** The sample names of a VCF's #CHROM line. */
    static List<String> samples(Path vcf) {
        for (String line : lines(vcf)) {
            if (line.startsWith("#CHROM")) {
                String[] columns = line.split("\t");
                return List.of(Arrays.copyOfRange(columns, 9, columns.length));
            }
        }
        throw new IllegalStateException("no #CHROM line in " + vcf);
    }

    /**
     * A single-sample VCF read as text and split per ALT allele as {@code bcftools norm -m-} does (the GT's other
     * ALT alleles become 0): normalised key → GT, in file order.
     */
    static Map<String, String> splitSingleSample(Path vcf) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String line : lines(vcf)) {
            if (line.startsWith("#")) {
                continue;
            }
            String[] columns = line.split("\t");
            String[] alternates = columns[4].split(",");
            int gtIndex = Arrays.asList(columns[8].split(":")).indexOf("GT");
            String gt = columns[9].split(":")[gtIndex];
            for (int alt = 0; alt < alternates.length; alt++) {
                StringBuilder call = new StringBuilder();
                for (char character : gt.toCharArray()) {
                    if (Character.isDigit(character)) {
                        int allele = character - '0';
                        call.append(allele == alt + 1 ? '1' : '0');
                    } else {
                        call.append(character);
                    }
                }
                String key = key(columns[0], Integer.parseInt(columns[1]), columns[3], alternates[alt]);
                if (result.put(key, call.toString()) != null) {
                    throw new IllegalStateException("a variant twice in " + vcf);
                }
            }
        }
        return result;
    }

    /**
     * A synthetic test national identity number (month + 80, as the Tax Administration's test numbers), with both
     * mod-11 check digits computed here: born {@code day}.03.1991 (a 1900s individual number).
     */
    static String syntheticNationalId(int day) {
        return no.permed.testing.TestNationalIds.synthetic(day, 3, 91);
    }
}
