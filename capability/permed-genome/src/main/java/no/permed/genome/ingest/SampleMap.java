package no.permed.genome.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import no.permed.genome.GenomeErrorCode;
import no.permed.kernel.PermedException;

/**
 * A cohort's sample map: per VCF sample, the stored ID and the labels (population, super-population,
 * sex). A tab-separated file with a header line (a leading {@code #} is allowed); columns are found by
 * name, so the 1000 Genomes panel ({@code sample pop super_pop gender}) and PED
 * ({@code Individual ID … Gender … Population}) files work as they are. Lines for samples that are not in
 * the VCF are ignored; a VCF sample missing from the map is an error.
 */
public final class SampleMap {
    /** The labels of one sample. */
    public record Entry(String id, Optional<String> population, Optional<String> superPopulation, Optional<String> sex) {
    }

    private final Map<String, Entry> entries;
    private final String fileName;

    private SampleMap(Map<String, Entry> entries, String fileName) {
        this.entries = entries;
        this.fileName = fileName;
    }

    public static SampleMap read(Path path) {
        String name = String.valueOf(path.getFileName());
        try (BufferedReader reader = new BufferedReader(new java.io.InputStreamReader(
                name.endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(path)) : Files.newInputStream(path),
                StandardCharsets.UTF_8))) {
            String header = reader.readLine();
            if (header == null) {
                throw invalid(name, 1, "header", "the file is empty; its first line must name the columns (sample, population, …)");
            }
            List<String> columns = List.of(header.replaceFirst("^#", "").split("\t", -1));
            int sample = column(columns, "sample", "individual id", "iid", "individual_id");
            if (sample < 0) {
                throw invalid(name, 1, "header", "no sample column: name one 'sample', 'Individual ID' or 'IID'");
            }
            int id = column(columns, "id", "stored_id");
            int population = column(columns, "population", "pop");
            int superPopulation = column(columns, "super_population", "super_pop", "superpopulation");
            int sex = column(columns, "sex", "gender");
            Map<String, Entry> entries = new HashMap<>();
            String line;
            int lineNumber = 1;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split("\t", -1);
                if (fields.length < columns.size()) {
                    // the 1000 Genomes panel file has trailing empty columns trimmed on some lines; accept shorter
                    // lines only when the columns we use are present
                    int needed = Math.max(Math.max(sample, id), Math.max(Math.max(population, superPopulation), sex));
                    if (fields.length <= needed) {
                        throw invalid(name, lineNumber, columns.get(Math.min(fields.length, columns.size() - 1)),
                                "the line has " + fields.length + " columns but the header names " + columns.size());
                    }
                }
                String vcfSample = fields[sample].trim();
                if (vcfSample.isEmpty()) {
                    throw invalid(name, lineNumber, columns.get(sample), "the sample is empty");
                }
                String storedId = id >= 0 && !fields[id].isBlank() ? fields[id].trim() : vcfSample;
                Entry entry = new Entry(storedId, label(fields, population), label(fields, superPopulation),
                        sex(name, lineNumber, columns, fields, sex));
                if (entries.put(vcfSample, entry) != null) {
                    throw invalid(name, lineNumber, columns.get(sample), "sample " + vcfSample + " is listed twice");
                }
            }
            return new SampleMap(Map.copyOf(entries), name);
        } catch (NoSuchFileException missing) {
            throw invalid(name, 0, "file", "the sample map does not exist");
        } catch (IOException failure) {
            throw new PermedException(GenomeErrorCode.SAMPLE_MAP_INVALID, name + ": the sample map cannot be read ("
                    + failure.getClass().getSimpleName() + ")", Map.of("file", name), failure);
        }
    }

    /** The entry of a VCF sample. */
    public Entry entry(String vcfSample) {
        Entry entry = entries.get(vcfSample);
        if (entry == null) {
            throw new PermedException(GenomeErrorCode.SAMPLE_MAP_INVALID, fileName + ": VCF sample " + vcfSample
                    + " is not in the sample map; add a line for every sample of the VCF",
                    Map.of("file", fileName, "sample", vcfSample));
        }
        return entry;
    }

    private static int column(List<String> columns, String... names) {
        for (int index = 0; index < columns.size(); index++) {
            String column = columns.get(index).trim().toLowerCase(Locale.ROOT);
            for (String name : names) {
                if (column.equals(name)) {
                    return index;
                }
            }
        }
        return -1;
    }

    private static Optional<String> label(String[] fields, int column) {
        if (column < 0 || column >= fields.length || fields[column].isBlank()) {
            return Optional.empty();
        }
        return Optional.of(fields[column].trim());
    }

    private static Optional<String> sex(String name, int lineNumber, List<String> columns, String[] fields, int column) {
        Optional<String> value = label(fields, column);
        if (value.isEmpty()) {
            return value;
        }
        return switch (value.get().toLowerCase(Locale.ROOT)) {
            case "1", "male", "m" -> Optional.of("male");
            case "2", "female", "f" -> Optional.of("female");
            case "0", "unknown", "." -> Optional.empty();
            default -> throw invalid(name, lineNumber, columns.get(column),
                    "sex must be 1/male, 2/female or 0/unknown but is '" + value.get() + "'");
        };
    }

    private static PermedException invalid(String file, int line, String field, String message) {
        return new PermedException(GenomeErrorCode.SAMPLE_MAP_INVALID, file + ", line " + line + ", " + field + ": " + message,
                Map.of("file", file, "line", line, "field", field));
    }
}
