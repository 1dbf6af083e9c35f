package no.permed.frequency;

import static java.util.Objects.requireNonNull;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import no.permed.kernel.PermedException;
import no.permed.vcf.genome.Assembly;

/**
 * The whole register of one assembly as a sites-only VCF ({@code AC}, {@code AN}, {@code AF}, {@code nhomalt} and the
 * same per population as {@code AC_GBR} …, in the style of gnomAD's sites VCFs) or as a TSV with the same columns.
 * Written to a temporary file and moved into place, so a reader never sees half a file; {@code .gz} names are
 * gzip-compressed. These are the exact counts: an export for the public is made at the public tier's rules by whoever
 * publishes it.
 */
public final class RegisterExport {
    /** The file formats. */
    public enum Format {
        VCF, TSV
    }

    private RegisterExport() {
    }

    /** Writes the export; returns the number of variants. */
    public static long write(FrequencyRegister register, Assembly assembly, Format format, Path out, String version) {
        requireNonNull(register, "register is null");
        requireNonNull(assembly, "assembly is null");
        requireNonNull(format, "format is null");
        requireNonNull(out, "out is null");
        Path absolute = out.toAbsolutePath();
        Path temporary = absolute.resolveSibling("." + absolute.getFileName() + "." + UUID.randomUUID() + ".tmp");
        List<String> populations = populations(register, assembly);
        long[] written = {0};
        try {
            try (OutputStream raw = Files.newOutputStream(temporary);
                    OutputStream stream = absolute.getFileName().toString().endsWith(".gz") ? new GZIPOutputStream(raw, 1 << 16) : raw;
                    Writer writer = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.US_ASCII), 1 << 16)) {
                if (format == Format.VCF) {
                    vcfHeader(writer, register, assembly, populations, version);
                } else {
                    tsvHeader(writer, populations);
                }
                StringBuilder line = new StringBuilder(256);
                register.forEach(assembly, entry -> {
                    line.setLength(0);
                    if (format == Format.VCF) {
                        vcfLine(line, entry, populations);
                    } else {
                        tsvLine(line, entry, populations);
                    }
                    try {
                        writer.append(line);
                    } catch (IOException failure) {
                        throw new UncheckedIOException(failure);
                    }
                    written[0]++;
                });
            }
            Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return written[0];
        } catch (IOException | UncheckedIOException failure) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // the write already failed; that is the error to report
            }
            throw new PermedException(FrequencyErrorCode.STORAGE_FAILURE, "cannot write the register export " + absolute.getFileName()
                    + " (" + failure.getClass().getSimpleName() + ")", Map.of("file", String.valueOf(absolute.getFileName())));
        }
    }

    /** The population labels of the assembly's counted samples, sorted. */
    private static List<String> populations(FrequencyRegister register, Assembly assembly) {
        TreeSet<String> labels = new TreeSet<>();
        register.datasets().stream().filter(dataset -> dataset.countedSamples().getOrDefault(assembly, 0) > 0)
                .forEach(dataset -> labels.addAll(dataset.populations()));
        return new ArrayList<>(labels);
    }

    private static void vcfHeader(Writer writer, FrequencyRegister register, Assembly assembly, List<String> populations, String version)
            throws IOException {
        RegisterStatus status = register.status();
        writer.write("##fileformat=VCFv4.3\n");
        writer.write("##source=permed " + version + " frequency register\n");
        writer.write("##reference=" + assembly.displayName() + "\n");
        writer.write("##permed_countedAt=" + status.countedAt() + "\n");
        writer.write("##permed_countedSamples=" + status.countedSamples() + "\n");
        writer.write("##INFO=<ID=AC,Number=A,Type=Integer,Description=\"Alternate allele count over the counted samples\">\n");
        writer.write("##INFO=<ID=AN,Number=1,Type=Integer,Description=\"Total number of called alleles\">\n");
        writer.write("##INFO=<ID=AF,Number=A,Type=Float,Description=\"Alternate allele frequency (AC/AN)\">\n");
        writer.write("##INFO=<ID=nhomalt,Number=A,Type=Integer,Description=\"Number of homozygous alternate individuals\">\n");
        for (String population : populations) {
            writer.write("##INFO=<ID=AC_" + population + ",Number=A,Type=Integer,Description=\"Alternate allele count in " + population + "\">\n");
            writer.write("##INFO=<ID=AN_" + population + ",Number=1,Type=Integer,Description=\"Called alleles in " + population + "\">\n");
            writer.write("##INFO=<ID=AF_" + population + ",Number=A,Type=Float,Description=\"Alternate allele frequency in " + population + "\">\n");
            writer.write("##INFO=<ID=nhomalt_" + population + ",Number=A,Type=Integer,Description=\"Homozygous alternate individuals in "
                    + population + "\">\n");
        }
        writer.write("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n");
    }

    private static void vcfLine(StringBuilder line, RegisterLine entry, List<String> populations) {
        line.append(entry.variant().contig()).append('\t').append(entry.variant().position()).append("\t.\t")
                .append(entry.variant().reference()).append('\t').append(entry.variant().alternate()).append("\t.\t.\t");
        info(line, "", entry.overall());
        for (String population : populations) {
            Counts counts = entry.populations().get(population);
            if (counts != null) {
                line.append(';');
                info(line, "_" + population, counts);
            }
        }
        line.append('\n');
    }

    private static void info(StringBuilder line, String suffix, Counts counts) {
        line.append("AC").append(suffix).append('=').append(counts.alleleCount())
                .append(";AN").append(suffix).append('=').append(counts.alleleNumber())
                .append(";AF").append(suffix).append('=').append(frequency(counts))
                .append(";nhomalt").append(suffix).append('=').append(counts.homozygotes());
    }

    private static void tsvHeader(Writer writer, List<String> populations) throws IOException {
        StringBuilder header = new StringBuilder("CHROM\tPOS\tREF\tALT\tAC\tAN\tAF\tHOM");
        for (String population : populations) {
            header.append("\tAC_").append(population).append("\tAN_").append(population).append("\tAF_").append(population)
                    .append("\tHOM_").append(population);
        }
        writer.write(header.append('\n').toString());
    }

    private static void tsvLine(StringBuilder line, RegisterLine entry, List<String> populations) {
        Counts overall = entry.overall();
        line.append(entry.variant().contig()).append('\t').append(entry.variant().position()).append('\t')
                .append(entry.variant().reference()).append('\t').append(entry.variant().alternate()).append('\t')
                .append(overall.alleleCount()).append('\t').append(overall.alleleNumber()).append('\t').append(frequency(overall))
                .append('\t').append(overall.homozygotes());
        for (String population : populations) {
            Counts counts = entry.populations().getOrDefault(population, Counts.NONE);
            line.append('\t').append(counts.alleleCount()).append('\t').append(counts.alleleNumber()).append('\t')
                    .append(frequency(counts)).append('\t').append(counts.homozygotes());
        }
        line.append('\n');
    }

    /** AF with six significant digits, as gnomAD and bcftools print it; {@code .} when AN is 0. */
    static String frequency(Counts counts) {
        if (counts.alleleNumber() == 0) {
            return ".";
        }
        if (counts.alleleCount() == 0) {
            return "0";
        }
        return String.format(Locale.ROOT, "%.6g", counts.alleleFrequency()).replaceFirst("0+$", "").replaceFirst("\\.$", "")
                .replaceFirst("0+e", "e").replaceFirst("\\.e", "e");
    }
}
