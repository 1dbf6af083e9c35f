package no.permed.pgx.output;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import no.permed.pgx.interpret.PgxReport;

/**
 * Writes a sample's interpreted result as {@code <sample>.pgx.json}: every gene with all tied candidate diplotypes,
 * haplotype functions and activity values, phenotypes, activity scores, missing positions and warnings; every
 * recommendation that applies; the knowledge data version. Absent values are {@code null}.
 *
 * <p>Top level: {@code format} ({@value #FORMAT}), {@code generator} ({@code permed <version>}), {@code sample},
 * {@code dataVersion}, {@code genes}, {@code recommendations}, {@code warnings}. The field names are the record
 * components of {@link PgxReport} and its parts; changing one is a format change (bump {@link #FORMAT}).
 */
public final class ReportJsonWriter {
    /** The format name and version written in the file. */
    public static final String FORMAT = "permed-pgx-report/1";

    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();

    private final String permedVersion;

    private ReportJsonWriter(String permedVersion) {
        this.permedVersion = requireNonNull(permedVersion, "permedVersion is null");
    }

    public static ReportJsonWriter create(String permedVersion) {
        return new ReportJsonWriter(permedVersion);
    }

    /** The file name for a sample: {@code <sample>.pgx.json}, characters other than letters, digits, '.', '_', '-' as '_'. */
    public static String fileName(String sample) {
        String safe = UNSAFE.matcher(requireNonNull(sample, "sample is null")).replaceAll("_");
        if (safe.isEmpty() || safe.startsWith(".")) {
            safe = "_" + safe;
        }
        return safe + ".pgx.json";
    }

    /** Writes {@code <sample>.pgx.json} into {@code directory} (replacing it) and returns its path. */
    public Path write(PgxReport report, Path directory) {
        requireNonNull(directory, "directory is null");
        Path file = directory.resolve(fileName(report.sample()));
        try (OutputStream out = Files.newOutputStream(file)) {
            write(report, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    /** Writes the JSON (UTF-8) to {@code out}, which stays open. */
    public void write(PgxReport report, OutputStream out) throws IOException {
        requireNonNull(report, "report is null");
        requireNonNull(out, "out is null");
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("generator", "permed " + permedVersion);
        root.put("sample", report.sample());
        root.put("dataVersion", report.dataVersion());
        root.put("genes", report.genes());
        root.put("recommendations", report.recommendations());
        root.put("warnings", report.warnings());
        JSON.writeValue(out, root);
        out.flush();
    }
}
