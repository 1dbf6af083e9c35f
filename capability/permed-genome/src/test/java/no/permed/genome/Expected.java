package no.permed.genome;

import no.permed.testing.BcftoolsExpected;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads bcftools' expected results ({@code bcftools norm -m- | +fill-tags | query}) and puts their
 * variants in the store's normalised form: canonical contig names, and alleles trimmed as the VCF
 * specification's normal form asks (a shared last base removed while both alleles are longer than one
 * base, then a shared first base, moving the position right). Symbolic and {@code *} alleles are left
 * as they are. Written here from the rule, independently of the product's normaliser.
 */
final class Expected {
    private Expected() {
    }

    /** AC, AN, HOM (diploid hom-alt calls) and hemizygous ALT calls of one variant. */
    record Counts(int ac, int an, int hom, int hemi) {
    }

    /** Normalised key {@code CHROM POS REF ALT} → counts, in file order; REF-only lines (ALT '.') are skipped. */
    static Map<String, Counts> counts(Path countsTsv) {
        Map<String, Counts> result = new LinkedHashMap<>();
        for (String line : TestStore.lines(countsTsv)) {
            String[] columns = line.split("\t");
            if (columns[3].equals(".")) {
                continue;
            }
            String key = key(columns[0], Integer.parseInt(columns[1]), columns[2], columns[3]);
            int acHom = Integer.parseInt(columns[6]);
            Counts counts = new Counts(Integer.parseInt(columns[4]), Integer.parseInt(columns[5]), acHom / 2,
                    columns.length > 7 && !columns[7].equals(".") ? Integer.parseInt(columns[7]) : 0);
            Counts earlier = result.put(key, counts);
            if (earlier != null) {
                throw new IllegalStateException("bcftools lists " + key + " twice in " + countsTsv.getFileName());
            }
        }
        return result;
    }

    /** The normalised key of a variant. */
    static String key(String contig, int position, String reference, String alternate) {
        return BcftoolsExpected.key(contig, position, reference, alternate);
    }

    static String canonicalContig(String contig) {
        return BcftoolsExpected.canonicalContig(contig);
    }

    static List<String> multiSampleSubsets() {
        return List.of("1kg_phase3_chr22_2504samples_first2000", "1kg_chr20_503samples_first3000",
                "tiny1000G_3202samples_first400", "pyvcf_1kg_pilot_v40_first120", "VariantAnnotation_chr22_5samples_first2000");
    }
}
