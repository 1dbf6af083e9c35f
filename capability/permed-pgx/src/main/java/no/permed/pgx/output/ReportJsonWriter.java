package no.permed.pgx.output;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import no.permed.pgx.interpret.Diplotype;
import no.permed.pgx.interpret.DrugRecommendation;
import no.permed.pgx.interpret.GeneResult;
import no.permed.pgx.interpret.Haplotype;
import no.permed.pgx.interpret.PgxReport;

/**
 * Writes a sample's interpreted result as {@code <sample>.pgx.json}: every gene with all tied candidate diplotypes,
 * haplotype functions and activity values, phenotypes, activity scores, missing positions and warnings; every
 * recommendation that applies; the knowledge data version. Absent values are {@code null}.
 *
 * <p>Top level: {@code format} ({@value #FORMAT}), {@code generator} ({@code permed <version>}), {@code sample},
 * {@code dataVersion}, {@code genes}, {@code recommendations}, {@code warnings}. The field names are the record
 * components of {@link PgxReport} and its parts (plus {@code noCall} of a gene); changing one is a format change (bump
 * {@link #FORMAT}).
 *
 * <p>The layout is Jackson's default pretty printer's (two-space indentation, {@code "name" : value}, arrays on one
 * line as {@code [ a, b ]}), which the first writer used and which {@code ReportJsonWriterTest} checks byte for byte
 * against Jackson. The file is written by hand rather than through Jackson's data binding because a cohort's files
 * repeat the same gene results and recommendations thousands of times: each distinct one (the interpreter shares equal
 * ones) is rendered once and its bytes reused. Strings are escaped as Jackson escapes them (quote, backslash and
 * control characters; everything else as UTF-8); a lone surrogate, which Jackson refuses, is written as U+FFFD.
 */
public final class ReportJsonWriter {
    /** The format name and version written in the file. */
    public static final String FORMAT = "permed-pgx-report/1";

    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]");
    /** Bytes of rendered genes and recommendations kept at most; beyond it they are rendered each time. */
    private static final long FRAGMENT_BUDGET = 32L * 1024 * 1024;
    /** One output buffer per thread, reused: a file is about a hundred kilobytes. */
    private static final ThreadLocal<JsonBuffer> BUFFERS = ThreadLocal.withInitial(() -> new JsonBuffer(256 * 1024));

    private final String permedVersion;
    /** Rendered genes and recommendations by identity (they are immutable; the interpreter shares equal ones). */
    private final Map<IdentityKey, byte[]> fragments = new ConcurrentHashMap<>();
    private final AtomicLong fragmentBytes = new AtomicLong();

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
        JsonBuffer json = BUFFERS.get().reset();
        json.raw('{');
        json.field(1, "format", true).string(FORMAT);
        json.field(1, "generator", false).string("permed " + permedVersion);
        json.field(1, "sample", false).string(report.sample());
        json.field(1, "dataVersion", false).string(report.dataVersion());
        json.field(1, "genes", false).raw('[');
        for (int i = 0; i < report.genes().size(); i++) {
            json.raw(i == 0 ? " " : ", ").raw(fragment(report.genes().get(i)));
        }
        json.raw(" ]");
        json.field(1, "recommendations", false).raw('[');
        for (int i = 0; i < report.recommendations().size(); i++) {
            json.raw(i == 0 ? " " : ", ").raw(fragment(report.recommendations().get(i)));
        }
        json.raw(" ]");
        json.field(1, "warnings", false).strings(report.warnings());
        json.indent(0).raw('}');
        json.writeTo(out);
        out.flush();
    }

    /** A gene or a recommendation as an element of the top-level arrays (nesting level 2), rendered once. */
    private byte[] fragment(Object part) {
        IdentityKey key = new IdentityKey(part);
        byte[] bytes = fragments.get(key);
        if (bytes == null) {
            JsonBuffer json = new JsonBuffer(4096);
            if (part instanceof GeneResult gene) {
                gene(json, gene);
            } else {
                recommendation(json, (DrugRecommendation) part);
            }
            bytes = json.toByteArray();
            if (fragmentBytes.get() + bytes.length <= FRAGMENT_BUDGET && fragments.putIfAbsent(key, bytes) == null) {
                fragmentBytes.addAndGet(bytes.length);
            }
        }
        return bytes;
    }

    private static void gene(JsonBuffer json, GeneResult gene) {
        int level = 2;
        json.raw('{');
        json.field(level, "gene", true).string(gene.gene());
        json.field(level, "sourceDiplotypes", false);
        diplotypes(json, level + 1, gene.sourceDiplotypes());
        json.field(level, "recommendationDiplotypes", false);
        diplotypes(json, level + 1, gene.recommendationDiplotypes());
        json.field(level, "outsideCall", false).bool(gene.outsideCall());
        json.field(level, "matchScore", false).raw(Integer.toString(gene.matchScore()));
        json.field(level, "missingPositions", false).strings(gene.missingPositions());
        json.field(level, "warnings", false).strings(gene.warnings());
        json.field(level, "phased", false).bool(gene.phased());
        json.field(level, "noCall", false).bool(gene.isNoCall());
        json.indent(level - 1).raw('}');
    }

    private static void diplotypes(JsonBuffer json, int level, List<Diplotype> diplotypes) {
        json.raw('[');
        for (int i = 0; i < diplotypes.size(); i++) {
            Diplotype d = diplotypes.get(i);
            json.raw(i == 0 ? " {" : ", {");
            json.field(level, "label", true).string(d.label());
            json.field(level, "first", false);
            haplotype(json, level + 1, d.first());
            json.field(level, "second", false);
            haplotype(json, level + 1, d.second());
            json.field(level, "phenotype", false).string(d.phenotype());
            json.field(level, "activityScore", false).string(d.activityScore());
            json.indent(level - 1).raw('}');
        }
        json.raw(" ]");
    }

    private static void haplotype(JsonBuffer json, int level, Optional<Haplotype> haplotype) {
        if (haplotype.isEmpty()) {
            json.raw("null");
            return;
        }
        Haplotype h = haplotype.get();
        json.raw('{');
        json.field(level, "name", true).string(h.name());
        json.field(level, "function", false).string(h.function());
        json.field(level, "activityValue", false).string(h.activityValue());
        json.indent(level - 1).raw('}');
    }

    private static void recommendation(JsonBuffer json, DrugRecommendation r) {
        int level = 2;
        json.raw('{');
        json.field(level, "drug", true).string(r.drug());
        json.field(level, "source", false).string(r.source().name());
        json.field(level, "recommendationId", false).string(r.recommendationId());
        json.field(level, "guidelineName", false).string(r.guidelineName());
        json.field(level, "guidelineVersion", false).raw(Integer.toString(r.guidelineVersion()));
        json.field(level, "guidelineUrl", false).string(r.guidelineUrl());
        json.field(level, "genotype", false);
        map(json, level + 1, r.genotype());
        json.field(level, "population", false).string(r.population());
        json.field(level, "strength", false).string(r.strength());
        json.field(level, "text", false).string(r.text());
        json.field(level, "implications", false).strings(r.implications());
        json.field(level, "alternateDrugAdvised", false).bool(r.alternateDrugAdvised());
        json.field(level, "diplotypes", false);
        map(json, level + 1, r.diplotypes());
        json.field(level, "tiedCall", false).bool(r.tiedCall());
        json.indent(level - 1).raw('}');
    }

    private static void map(JsonBuffer json, int level, Map<String, String> map) {
        if (map.isEmpty()) {
            json.raw("{ }");
            return;
        }
        json.raw('{');
        boolean first = true;
        for (Map.Entry<String, String> entry : map.entrySet()) {
            json.field(level, entry.getKey(), first).string(entry.getValue());
            first = false;
        }
        json.indent(level - 1).raw('}');
    }


    /** A growable UTF-8 buffer with the pieces of pretty-printed JSON. */
    private static final class JsonBuffer {
        private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        private byte[] bytes;
        private int length;

        JsonBuffer(int capacity) {
            bytes = new byte[capacity];
        }

        JsonBuffer reset() {
            length = 0;
            return this;
        }

        /** {@code ,} unless first, a new line indented to {@code level}, the quoted name and {@code " : "}. */
        JsonBuffer field(int level, String name, boolean first) {
            if (!first) {
                raw(',');
            }
            indent(level);
            string(name);
            return raw(" : ");
        }

        JsonBuffer indent(int level) {
            ensure(1 + 2 * level);
            bytes[length++] = '\n';
            for (int i = 0; i < 2 * level; i++) {
                bytes[length++] = ' ';
            }
            return this;
        }

        JsonBuffer raw(char c) {
            ensure(1);
            bytes[length++] = (byte) c;
            return this;
        }

        /** ASCII markup. */
        JsonBuffer raw(String ascii) {
            int n = ascii.length();
            ensure(n);
            for (int i = 0; i < n; i++) {
                bytes[length++] = (byte) ascii.charAt(i);
            }
            return this;
        }

        JsonBuffer raw(byte[] utf8) {
            ensure(utf8.length);
            System.arraycopy(utf8, 0, bytes, length, utf8.length);
            length += utf8.length;
            return this;
        }

        JsonBuffer bool(boolean value) {
            return raw(value ? "true" : "false");
        }

        JsonBuffer string(Optional<String> value) {
            return value.isPresent() ? string(value.get()) : raw("null");
        }

        /** A string array on one line: {@code [ "a", "b" ]}, or {@code [ ]}. */
        JsonBuffer strings(List<String> values) {
            raw('[');
            for (int i = 0; i < values.size(); i++) {
                raw(i == 0 ? " " : ", ").string(values.get(i));
            }
            return raw(" ]");
        }

        /** A quoted string, escaped as Jackson escapes it. */
        JsonBuffer string(String s) {
            int n = s.length();
            ensure(n * 3 + 2);
            bytes[length++] = '"';
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c < 0x80) {
                    if (c >= 0x20 && c != '"' && c != '\\') {
                        bytes[length++] = (byte) c;
                    } else {
                        escape(c);
                    }
                } else if (c < 0x800) {
                    bytes[length++] = (byte) (0xC0 | (c >> 6));
                    bytes[length++] = (byte) (0x80 | (c & 0x3F));
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    bytes[length++] = (byte) (0xF0 | (cp >> 18));
                    bytes[length++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    bytes[length++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    bytes[length++] = (byte) (0x80 | (cp & 0x3F));
                } else {
                    char d = Character.isSurrogate(c) ? '\uFFFD' : c;
                    bytes[length++] = (byte) (0xE0 | (d >> 12));
                    bytes[length++] = (byte) (0x80 | ((d >> 6) & 0x3F));
                    bytes[length++] = (byte) (0x80 | (d & 0x3F));
                }
            }
            bytes[length++] = '"';
            return this;
        }

        private void escape(char c) {
            ensure(6);
            bytes[length++] = '\\';
            switch (c) {
                case '"' -> bytes[length++] = '"';
                case '\\' -> bytes[length++] = '\\';
                case '\b' -> bytes[length++] = 'b';
                case '\t' -> bytes[length++] = 't';
                case '\n' -> bytes[length++] = 'n';
                case '\f' -> bytes[length++] = 'f';
                case '\r' -> bytes[length++] = 'r';
                default -> {
                    bytes[length++] = 'u';
                    bytes[length++] = '0';
                    bytes[length++] = '0';
                    bytes[length++] = HEX[c >> 4];
                    bytes[length++] = HEX[c & 0xF];
                }
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, length);
        }

        void writeTo(OutputStream out) throws IOException {
            out.write(bytes, 0, length);
        }

        private void ensure(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }
    }
}
