package no.permed.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads the expected results that bcftools made for the tests ({@code bcftools norm -m- | bcftools query}
 * output, plain or gzip) and puts their variants in permed's normalised form, written here from the rule
 * and independently of the product's normaliser: canonical contig names ({@code chr} dropped,
 * {@code M} as {@code MT}), upper-case alleles, a shared last base removed while both alleles are longer
 * than one base, then a shared first base (moving the position right). Symbolic alleles, {@code *} and
 * breakends are left as they are.
 */
public final class BcftoolsExpected {
    private BcftoolsExpected() {
    }

    /** The lines of a text file, gzip-compressed when its name ends in {@code .gz}. */
    public static List<String> lines(Path file) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                file.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(file)) : Files.newInputStream(file),
                StandardCharsets.UTF_8))) {
            List<String> lines = new ArrayList<>();
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
            return lines;
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot read " + file, failure);
        }
    }

    /** The normalised key {@code CHROM \t POS \t REF \t ALT} of a variant as bcftools wrote it. */
    public static String key(String contig, int position, String reference, String alternate) {
        String ref = reference.toUpperCase(Locale.ROOT);
        String alt = alternate.toUpperCase(Locale.ROOT);
        int pos = position;
        if (!alt.startsWith("<") && !alt.equals("*") && !alt.contains("[") && !alt.contains("]")) {
            while (ref.length() > 1 && alt.length() > 1 && ref.charAt(ref.length() - 1) == alt.charAt(alt.length() - 1)) {
                ref = ref.substring(0, ref.length() - 1);
                alt = alt.substring(0, alt.length() - 1);
            }
            while (ref.length() > 1 && alt.length() > 1 && ref.charAt(0) == alt.charAt(0)) {
                ref = ref.substring(1);
                alt = alt.substring(1);
                pos++;
            }
        }
        return canonicalContig(contig) + "\t" + pos + "\t" + ref + "\t" + alt;
    }

    /** A contig name without {@code chr}, with {@code M} as {@code MT} and X/Y upper-case. */
    public static String canonicalContig(String contig) {
        String name = contig.regionMatches(true, 0, "chr", 0, 3) ? contig.substring(3) : contig;
        if (name.equalsIgnoreCase("M")) {
            return "MT";
        }
        return name.equalsIgnoreCase("X") || name.equalsIgnoreCase("Y") ? name.toUpperCase(Locale.ROOT) : name;
    }

    /**
     * The calls of {@code bcftools query -f '%CHROM\t%POS\t%REF\t%ALT[\t%GT]\n'} by normalised key, in
     * file order; lines with ALT {@code .} are skipped; a variant listed twice is an error.
     */
    public static Map<String, String[]> splitCalls(Path splitTsv) {
        Map<String, String[]> result = new LinkedHashMap<>();
        for (String line : lines(splitTsv)) {
            String[] columns = line.split("\t");
            if (columns[3].equals(".")) {
                continue;
            }
            String key = key(columns[0], Integer.parseInt(columns[1]), columns[2], columns[3]);
            if (result.put(key, Arrays.copyOfRange(columns, 4, columns.length)) != null) {
                throw new IllegalStateException("bcftools lists " + key + " twice in " + splitTsv.getFileName());
            }
        }
        return result;
    }

    /**
     * {AC, AN, HOM, HEMI} of one call written as VCF GT text ({@code 0|1}, {@code ./.}, {@code 1}, {@code .}),
     * as {@code bcftools +fill-tags} counts it (HOM: diploid homozygous ALT calls; HEMI: haploid ALT calls).
     */
    public static int[] tally(String gt) {
        String[] alleles = gt.split("[/|]");
        int ac = 0;
        int an = 0;
        for (String allele : alleles) {
            if (!allele.equals(".")) {
                an++;
                if (!allele.equals("0")) {
                    ac++;
                }
            }
        }
        boolean hom = alleles.length == 2 && alleles[0].equals("1") && alleles[1].equals("1");
        boolean hemi = alleles.length == 1 && alleles[0].equals("1");
        return new int[] {ac, an, hom ? 1 : 0, hemi ? 1 : 0};
    }
}
