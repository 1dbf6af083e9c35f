package no.permed.genome;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small GRCh38 cohort VCF (three samples) with variants placed against the reference blocks of
 * permed-vcf's synthetic {@code patient.g.vcf.gz}, and for each variant the patient's share of AC and AN
 * derived by hand from the gVCF's text.
 *
 * <p>The gVCF (sample PATIENT1) reads:
 * <pre>
 * chr1 10000 T <NON_REF>        END=10100  0/0   reference block  [10000, 10100]
 * chr1 10101 A G,<NON_REF>                 0/1   variant A>G
 * chr1 10102 C <NON_REF>        END=10180  0/0   reference block  [10102, 10180]
 * chr1 10181 CTT C,CT,<NON_REF>            1/2   two deletions (covering 10181–10183, no block)
 * chr1 10184 G <NON_REF>        END=10300  ./.   no-call block    [10184, 10300]: no reference call
 * chr1 10301 A <*>              END=10400  0/0   reference block  [10301, 10400]
 * chr1 10401 T TA,<NON_REF>                1|1   insertion
 * chr2 50000 G <NON_REF>        END=50001  0/0   reference block  [50000, 50001]
 * chr2 50002 G A,<NON_REF>                 0/1   variant G>A
 * </pre>
 * So at a cohort variant the patient adds AN 2 exactly where a 0/0 block covers the position (block
 * ends included), AN 0 in the no-call block, at positions of its own records (their calls are not
 * reference calls of another allele) and outside every block; at its own variants its call counts.
 */
final class GvcfFixture {
    private GvcfFixture() {
    }

    /** One cohort variant: position, alleles, the three cohort calls, and the patient's hand-derived AC, AN, HOM. */
    record Line(String contig, int position, String reference, String alternate, String[] calls, int patientAc, int patientAn,
            int patientHom, String why) {
        String key() {
            return Expected.key(contig, position, reference, alternate);
        }

        /** The cohort's own counts {AC, AN, HOM, HEMI} from its three calls. */
        int[] cohort() {
            int[] sum = new int[4];
            for (String call : calls) {
                int[] tally = SplitCalls.tally(call);
                for (int index = 0; index < 4; index++) {
                    sum[index] += tally[index];
                }
            }
            return sum;
        }
    }

    static final List<Line> LINES = List.of(
            line("chr1", 9999, "A", "G", "0/1 0/0 0/0", 0, 0, 0, "before the first block"),
            line("chr1", 10000, "T", "C", "0/0 1/1 0/0", 0, 2, 0, "first base of block [10000, 10100]"),
            line("chr1", 10050, "G", "A", "0/1 0/1 ./.", 0, 2, 0, "inside block [10000, 10100]"),
            line("chr1", 10100, "C", "T", "0/0 0/0 0/1", 0, 2, 0, "last base of block [10000, 10100]"),
            line("chr1", 10101, "A", "G", "0/1 0/0 0/0", 1, 2, 0, "the patient's own variant A>G (0/1)"),
            line("chr1", 10101, "A", "C", "0/0 0/1 0/0", 0, 0, 0, "another ALT at the patient's variant position: no reference call"),
            line("chr1", 10150, "A", "T", "1/1 0/1 0/0", 0, 2, 0, "inside block [10102, 10180]"),
            line("chr1", 10182, "T", "G", "0/1 0/0 0/0", 0, 0, 0, "inside the patient's deletion, no block"),
            line("chr1", 10184, "G", "A", "0/1 0/0 0/0", 0, 0, 0, "first base of the no-call block"),
            line("chr1", 10250, "C", "A", "0/1 0/1 0/0", 0, 0, 0, "inside the no-call block"),
            line("chr1", 10300, "G", "T", "0/0 0/1 0/0", 0, 0, 0, "last base of the no-call block"),
            line("chr1", 10301, "A", "G", "0/1 0/0 0/1", 0, 2, 0, "first base of the <*> block [10301, 10400]"),
            line("chr1", 10400, "C", "G", "0/1 0/0 0/0", 0, 2, 0, "last base of the <*> block"),
            line("chr1", 10401, "T", "C", "0/1 0/0 0/0", 0, 0, 0, "at the patient's insertion, no block"),
            line("chr1", 10402, "A", "C", "0/1 ./. 0/0", 0, 0, 0, "after the last chr1 block"),
            line("chr2", 49999, "C", "T", "0/1 0/0 0/0", 0, 0, 0, "before the chr2 block"),
            line("chr2", 50001, "A", "T", "0/1 0/0 0/0", 0, 2, 0, "last base of block [50000, 50001]"),
            line("chr2", 50002, "G", "A", "0/1 0/1 1/1", 1, 2, 0, "the patient's own variant G>A (0/1)"),
            line("chr2", 50003, "T", "A", "0/1 0/0 0/0", 0, 0, 0, "after the chr2 block"));

    private static Line line(String contig, int position, String reference, String alternate, String calls, int ac, int an, int hom,
            String why) {
        return new Line(contig, position, reference, alternate, calls.split(" "), ac, an, hom, why);
    }

    /** Writes the cohort VCF (samples C1, C2, C3; GRCh38 contig lengths) and returns it. */
    static Path writeCohort(Path directory, String fileName) {
        List<String> text = new ArrayList<>();
        text.add("##fileformat=VCFv4.2");
        text.add("##contig=<ID=chr1,length=248956422>");
        text.add("##contig=<ID=chr2,length=242193529>");
        text.add("##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">");
        text.add("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tC1\tC2\tC3");
        for (Line line : LINES) {
            text.add(line.contig() + "\t" + line.position() + "\t.\t" + line.reference() + "\t" + line.alternate() + "\t.\t.\t.\tGT\t"
                    + String.join("\t", line.calls()));
        }
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve(fileName);
            Files.write(file, text, StandardCharsets.US_ASCII);
            return file;
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }
}
