package no.permed.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Cuts sample columns out of a real gzip VCF for tests (a cohort split into target and reference, one person alone),
 * so that tests do not carry hand-made copies of public data: every record and header line is kept, only the chosen
 * sample columns stay.
 */
public final class VcfSamples {
    /** Which samples to keep: by 0-based sample index and by name. */
    @FunctionalInterface
    public interface Keep {
        boolean test(int index, String name);
    }

    private VcfSamples() {
    }

    /** Writes {@code gzipVcf} as plain text to {@code out} with only the samples {@code keep} accepts. */
    public static void write(Path gzipVcf, Path out, Keep keep) throws IOException {
        StringBuilder text = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(gzipVcf)),
                StandardCharsets.UTF_8))) {
            List<Integer> kept = new ArrayList<>();
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("##")) {
                    text.append(line).append('\n');
                    continue;
                }
                String[] fields = line.split("\t", -1);
                if (line.startsWith("#")) {
                    for (int column = 9; column < fields.length; column++) {
                        if (keep.test(column - 9, fields[column])) {
                            kept.add(column);
                        }
                    }
                }
                StringBuilder row = new StringBuilder(String.join("\t", Arrays.copyOf(fields, 9)));
                for (int column : kept) {
                    row.append('\t').append(fields[column]);
                }
                text.append(row).append('\n');
            }
        }
        Files.writeString(out, text, StandardCharsets.UTF_8);
    }
}
