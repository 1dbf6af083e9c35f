package no.permed.prs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** The reference data in src/test/resources/prs (see its README) and readers for plink2's output files. */
public final class TestData {
    private TestData() {
    }

    public static Path resource(String name) {
        URL url = TestData.class.getResource("/prs/" + name);
        if (url == null) {
            throw new IllegalStateException("test resource prs/" + name + " is missing; see src/test/reference/make-expected.sh");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException exception) {
            throw new IllegalStateException(exception);
        }
    }

    /** The lines of a plain or gzip text resource. */
    public static List<String> lines(String name) {
        Path path = resource(name);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                name.endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(path)) : Files.newInputStream(path),
                StandardCharsets.UTF_8))) {
            List<String> lines = new ArrayList<>();
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
            return lines;
        } catch (IOException exception) {
            throw new UncheckedIOException(exception);
        }
    }

    /** One sample of a plink2 {@code .sscore}: its DENOM and the sum of all its {@code *_SUM} columns. */
    public record Plink2Score(int denominator, int alleleCount, double sum) {
    }

    /** Reads a plink2 .sscore (gzip), summing the score columns (make-expected.sh splits each weight into several). */
    public static Map<String, Plink2Score> sscore(String name) {
        List<String> lines = lines(name);
        String[] header = lines.get(0).split("\t");
        int iid = -1;
        int denominator = -1;
        int alleleCount = -1;
        List<Integer> sums = new ArrayList<>();
        for (int column = 0; column < header.length; column++) {
            switch (header[column]) {
                case "IID", "#IID" -> iid = column;
                case "DENOM" -> denominator = column;
                case "ALLELE_CT" -> alleleCount = column;
                default -> {
                    if (header[column].endsWith("_SUM") && !header[column].equals("NAMED_ALLELE_DOSAGE_SUM")) {
                        sums.add(column);
                    }
                }
            }
        }
        Map<String, Plink2Score> scores = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split("\t");
            double sum = 0;
            for (int column : sums) {
                sum += Double.parseDouble(fields[column]);
            }
            scores.put(fields[iid], new Plink2Score(Integer.parseInt(fields[denominator]), Integer.parseInt(fields[alleleCount]), sum));
        }
        return scores;
    }

    /** Writes a gzip VCF as plain text with only the samples {@code keep} accepts (by name), every record kept. */
    public static void writeSamples(Path gzipVcf, Path out, java.util.function.Predicate<String> keep) throws IOException {
        no.permed.testing.VcfSamples.write(gzipVcf, out, (index, name) -> keep.test(name));
    }
}
