package no.permed.vcf.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import no.permed.kernel.PermedException;
import no.permed.vcf.Bgzf;
import no.permed.vcf.TestFiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The parallel BGZF decompression and the compact genotype form give exactly what the sequential reader gives:
 * the same records, genotypes, codes and the same error (code, line, field, message), on every test data file
 * (also re-compressed as BGZF with small blocks so that batches have many boundaries) and on the malformed
 * corpus of the genome store.
 */
class ParallelReadingEquivalenceTest {
    private static final CallCodeTable CODES = CallCodeTable.of((ploidy, first, second, phased) ->
            (byte) (ploidy * 64 + (first + 2) * 12 + (second + 2) * 3 + (phased ? 1 : 0)));

    static Stream<Path> inputs() throws IOException {
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> files = Files.list(TestFiles.resource("data"))) {
            files.filter(path -> path.toString().endsWith(".vcf") || path.toString().endsWith(".vcf.gz")).sorted().forEach(paths::add);
        }
        Path corpus = Path.of("../../capability/permed-genome/src/test/resources/malformed");
        if (Files.isDirectory(corpus)) {
            try (Stream<Path> files = Files.list(corpus)) {
                files.filter(path -> !path.getFileName().toString().endsWith(".tsv") && !path.getFileName().toString().endsWith(".md"))
                        .sorted().forEach(paths::add);
            }
        }
        return paths.stream();
    }

    @ParameterizedTest
    @MethodSource("inputs")
    void parallelReadingGivesTheSameAsSequential(Path path) throws IOException {
        check(path, VcfReaderOptions.defaults());
        check(path, VcfReaderOptions.defaults().withPloidyPolicy(PloidyPolicy.HAPLOID_OR_DIPLOID));
    }

    private static void check(Path path, VcfReaderOptions base) throws IOException {
        byte[] bytes = Files.readAllBytes(path);
        String name = path.getFileName().toString();
        List<String> sequential = read(bytes, name, base.withDecompressionThreads(1));
        assertEquals(sequential, read(bytes, name, base.withDecompressionThreads(2)), name);
        assertEquals(sequential, read(bytes, name, base.withDecompressionThreads(3)), name);
        assertEquals(sequential, read(bytes, name, base.withReadAhead(false)), name);
        if (isGzip(bytes) && bytes.length < (8 << 20)) {
            // re-compressed as BGZF in small blocks, and the same cut short in the middle of a block
            byte[] text;
            try {
                text = TestFiles.gunzip(path);
            } catch (RuntimeException damaged) {
                return;
            }
            for (int blockSize : new int[] {1000, 4093, 65280}) {
                byte[] bgzf = Bgzf.compress(text, blockSize);
                List<String> expected = read(bgzf, name, base.withDecompressionThreads(1));
                assertEquals(expected, read(bgzf, name, base.withDecompressionThreads(2)), name + " bgzf " + blockSize);
                byte[] cut = Arrays.copyOf(bgzf, bgzf.length * 2 / 3);
                assertEquals(read(cut, name, base.withDecompressionThreads(1)),
                        read(cut, name, base.withDecompressionThreads(2)), name + " cut bgzf " + blockSize);
                byte[] flipped = bgzf.clone();
                flipped[bgzf.length / 2] ^= 0x10;
                assertEquals(read(flipped, name, base.withDecompressionThreads(1)),
                        read(flipped, name, base.withDecompressionThreads(3)), name + " damaged bgzf " + blockSize);
            }
        }
    }

    private static boolean isGzip(byte[] bytes) {
        return bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
    }

    /** Everything the reader gives, as text: one entry per record, the error (if any) last. */
    static List<String> read(byte[] bytes, String name, VcfReaderOptions options) {
        List<String> result = new ArrayList<>();
        try (VcfReader reader = VcfReader.open(new ByteArrayInputStream(bytes), name, options)) {
            while (reader.advance()) {
                VcfRecord record = reader.record();
                Genotypes genotypes = record.genotypes();
                StringBuilder entry = new StringBuilder().append(record.lineNumber()).append(' ').append(record.contig()).append(':')
                        .append(record.position()).append(' ').append(record.referenceAllele()).append('>').append(record.alternateAlleles())
                        .append(' ').append(record.kind()).append(' ').append(record.info());
                if (record.alternateAlleles().size() == 1 && genotypes.sampleCount() > 0) {
                    // the codes straight from the compact form, then again from the filled arrays
                    byte[] direct = new byte[genotypes.sampleCount()];
                    genotypes.encodeBiallelic(CODES, null, direct);
                    entry.append(" codes ").append(Arrays.hashCode(direct));
                    Genotypes copy = genotypes.copy();
                    byte[] expanded = new byte[genotypes.sampleCount()];
                    copy.encodeBiallelic(CODES, null, expanded);
                    assertEquals(Arrays.toString(expanded), Arrays.toString(direct), name + " line " + record.lineNumber());
                }
                entry.append(" alleles ").append(Arrays.hashCode(genotypes.alleleIndicesView()))
                        .append(" ploidies ").append(Arrays.hashCode(genotypes.ploidiesView()));
                int phasedCount = 0;
                for (int sample = 0; sample < genotypes.sampleCount(); sample++) {
                    phasedCount = phasedCount * 31 + (genotypes.isPhased(sample) ? 1 : 0);
                }
                result.add(entry.append(" phased ").append(phasedCount).toString());
            }
        } catch (PermedException error) {
            result.add("error " + error.errorCode() + " " + error.details() + " " + error.getMessage());
        } catch (UncheckedIOException error) {
            result.add("io " + error.getMessage());
        }
        return result;
    }
}
