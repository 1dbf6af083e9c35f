package no.permed.interpretation.variant;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Re-reads the four ClinVar 2018 sources in {@code ../shared/data} (beside the checkout) and checks that
 * {@code src/test/resources/clinvar-2018/hgvs-c-observations.tsv.gz}, the ground truth of {@link TranscriptHgvsTest},
 * holds exactly their rows with HGVS c. and that the source digests in its header are those of the files. Runs only
 * with {@code mvn -Pshared-data} (-Dpermed.shared-data=true); the default suite never reads ../shared.
 */
@EnabledIfSystemProperty(named = "permed.shared-data", matches = "true")
class SharedClinVarTest {
    private static final Path DATA = Path.of("../../../shared/data");
    private static final Path OBSERVATIONS = Path.of("src/test/resources/clinvar-2018/hgvs-c-observations.tsv.gz");
    private static final List<String[]> SOURCES = List.of(
            new String[] {"clinvar/clinvar_alleles.multi.b37.vcf.gz", "GRCh37"},
            new String[] {"clinvar/clinvar_alleles.multi.b38.vcf.gz", "GRCh38"},
            new String[] {"variants/clinvar-2018-macarthur/clinvar_alleles_example_750_rows.single.b37.tsv", "GRCh37"},
            new String[] {"variants/clinvar-2018-macarthur/clinvar_alleles_example_750_rows.single.b38.tsv", "GRCh38"});

    @Test
    void theObservationFileHoldsEverySourceRowWithHgvsC() throws IOException, NoSuchAlgorithmException {
        assertThat(DATA.resolve("README.md")).as("the shared data beside the checkout").isRegularFile();
        List<String> expected = new ArrayList<>();
        List<String> digests = new ArrayList<>();
        for (String[] source : SOURCES) {
            Path file = DATA.resolve(source[0]);
            digests.add("# " + source[0] + " sha256 "
                    + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
            String name = file.getFileName().toString();
            try (BufferedReader reader = open(file)) {
                if (name.endsWith(".vcf.gz")) {
                    String line;
                    int number = 0;
                    while ((line = reader.readLine()) != null) {
                        number++;
                        if (line.startsWith("#")) {
                            continue;
                        }
                        String[] f = line.split("\t", -1);
                        for (String item : f[7].split(";")) {
                            if (item.startsWith("HGVS_C=") && item.length() > "HGVS_C=".length()) {
                                String hgvs = item.substring("HGVS_C=".length()).replace("_eq_", "=");
                                expected.add(String.join("\t", name, Integer.toString(number), source[1], f[0], f[1], f[3], f[4], hgvs));
                            }
                        }
                    }
                } else {
                    List<String> header = List.of(reader.readLine().split("\t", -1));
                    String line;
                    int number = 1;
                    while ((line = reader.readLine()) != null) {
                        number++;
                        String[] f = line.split("\t", -1);
                        String hgvs = f[header.indexOf("hgvs_c")];
                        if (!hgvs.isEmpty()) {
                            expected.add(String.join("\t", name, Integer.toString(number), source[1], f[header.indexOf("chrom")],
                                    f[header.indexOf("pos")], f[header.indexOf("ref")], f[header.indexOf("alt")], hgvs));
                        }
                    }
                }
            }
        }
        List<String> lines;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(OBSERVATIONS))) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        assertThat(lines.stream().filter(line -> line.startsWith("#")).toList()).containsExactlyElementsOf(digests);
        List<String> rows = lines.stream().filter(line -> !line.startsWith("#")).toList();
        assertThat(rows.get(0)).isEqualTo("source\tline\tassembly\tchrom\tpos\tref\talt\thgvs_c");
        assertThat(rows.subList(1, rows.size())).containsExactlyElementsOf(expected);
    }

    private static BufferedReader open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.toString().endsWith(".gz")) {
            in = new GZIPInputStream(in);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
}
