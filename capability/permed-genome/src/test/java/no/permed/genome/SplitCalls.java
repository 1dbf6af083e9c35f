package no.permed.genome;

import no.permed.testing.BcftoolsExpected;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import no.permed.vcf.genome.Assembly;
import no.permed.vcf.normalise.VariantKey;

/**
 * bcftools' split genotypes ({@code NAME.split.tsv.gz}: {@code bcftools norm -m- | query
 * '%CHROM\t%POS\t%REF\t%ALT[\t%GT]'}) by normalised variant key, and counts computed from them the way
 * {@code bcftools +fill-tags} counts (AC: ALT alleles; AN: called alleles; HOM: diploid 1/1; HEMI: haploid 1).
 * Independent of the product's code.
 */
final class SplitCalls {
    private SplitCalls() {
    }

    /** Normalised key ({@link Expected#key}) → the GT text of every sample, in file order; REF-only lines skipped. */
    static Map<String, String[]> read(Path splitTsv) {
        return BcftoolsExpected.splitCalls(splitTsv);
    }

    /** {AC, AN, HOM, HEMI} of one call written as VCF GT text ({@code 0|1}, {@code ./.}, {@code 1}, {@code .}). */
    static int[] tally(String gt) {
        return BcftoolsExpected.tally(gt);
    }

    /** Whether the call holds at least one ALT allele. */
    static boolean carries(String gt) {
        return tally(gt)[0] > 0;
    }

    static Expected.Counts minus(Expected.Counts counts, int[] contribution) {
        return new Expected.Counts(counts.ac() - contribution[0], counts.an() - contribution[1], counts.hom() - contribution[2],
                counts.hemi() - contribution[3]);
    }

    /** A normalised key ({@code CHROM\tPOS\tREF\tALT}) as a {@link VariantKey}. */
    static VariantKey variant(Assembly assembly, String key) {
        String[] parts = key.split("\t");
        return new VariantKey(assembly, parts[0], Integer.parseInt(parts[1]), parts[2], parts[3]);
    }

    static String key(VariantKey variant) {
        return variant.contig() + "\t" + variant.position() + "\t" + variant.reference() + "\t" + variant.alternate();
    }

    static List<String> contigs(Map<String, ?> byKey) {
        return byKey.keySet().stream().map(key -> key.split("\t", 2)[0]).distinct().toList();
    }
}
