package no.permed.prs.normalise;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import no.permed.kernel.PermedException;
import no.permed.prs.PrsErrorCode;

/**
 * Reads a tab-separated sample → population file, plain or gzip, with a header line whose columns are found by name
 * (case-insensitive, a leading {@code #} ignored):
 * <ul>
 *   <li>the sample: {@code sample}, {@code Individual ID} (the 1000 Genomes pedigree), {@code IID} or {@code sample_id};</li>
 *   <li>the population: {@code population} or {@code pop};</li>
 *   <li>optionally the super-population: {@code super_population}, {@code Super Population} or {@code super_pop}; when
 *       absent, the 1000 Genomes grouping of the 26 phase 3 population codes is used ({@code GBR} → {@code EUR}).</li>
 * </ul>
 * Both the 1000 Genomes pedigree ({@code 20130606_g1k.ped}) and a {@code sample population super_population} table
 * read as they are. Blank lines are skipped. A line without the needed fields, an empty sample or population, or a sample
 * given twice with different populations is refused with {@code PRS_POPULATION_FILE_INVALID} naming file, line and field.
 */
public final class PopulationFileReader {
    private static final List<String> SAMPLE = List.of("sample", "individual id", "iid", "sample_id");
    private static final List<String> POPULATION = List.of("population", "pop");
    private static final List<String> SUPER_POPULATION = List.of("super_population", "super population", "super_pop",
            "superpopulation");

    private PopulationFileReader() {
    }

    /**
     * @throws PermedException {@code PRS_POPULATION_FILE_NOT_READABLE} or {@code PRS_POPULATION_FILE_INVALID}
     */
    public static Populations read(Path file) {
        requireNonNull(file, "file is null");
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        try (InputStream raw = Files.newInputStream(file)) {
            return read(raw, name);
        } catch (NoSuchFileException exception) {
            throw notReadable(name, name + " does not exist");
        } catch (IOException exception) {
            throw notReadable(name, name + " cannot be read: " + exception.getClass().getSimpleName());
        }
    }

    /** Reads from a stream (plain or gzip, detected from the content); {@code fileName} names it in messages. */
    public static Populations read(InputStream stream, String fileName) throws IOException {
        requireNonNull(stream, "stream is null");
        requireNonNull(fileName, "fileName is null");
        PushbackInputStream input = new PushbackInputStream(stream, 2);
        byte[] magic = input.readNBytes(2);
        input.unread(magic);
        InputStream content = magic.length == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b
                ? new GZIPInputStream(input) : input;
        BufferedReader reader = new BufferedReader(new InputStreamReader(content, StandardCharsets.UTF_8));
        String line;
        long lineNumber = 0;
        int sampleColumn = -1;
        int populationColumn = -1;
        int superColumn = -1;
        boolean header = false;
        Map<String, PopulationLabel> samples = new LinkedHashMap<>();
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            if (!header) {
                header = true;
                for (int column = 0; column < fields.length; column++) {
                    String label = fields[column].strip().toLowerCase(Locale.ROOT);
                    if (column == 0 && label.startsWith("#")) {
                        label = label.substring(1).strip();
                    }
                    if (sampleColumn < 0 && SAMPLE.contains(label)) {
                        sampleColumn = column;
                    } else if (populationColumn < 0 && POPULATION.contains(label)) {
                        populationColumn = column;
                    } else if (superColumn < 0 && SUPER_POPULATION.contains(label)) {
                        superColumn = column;
                    }
                }
                if (sampleColumn < 0 || populationColumn < 0) {
                    String missing = sampleColumn < 0 ? "sample" : "population";
                    throw invalid(fileName, lineNumber, missing, fileName + ", line " + lineNumber + ": the header line has no "
                            + missing + " column (tab-separated; expected one of " + (sampleColumn < 0 ? SAMPLE : POPULATION)
                            + ")");
                }
                continue;
            }
            String sample = field(fields, sampleColumn, fileName, lineNumber, "sample");
            String population = field(fields, populationColumn, fileName, lineNumber, "population");
            Optional<String> superPopulation = superColumn >= 0
                    ? Optional.of(field(fields, superColumn, fileName, lineNumber, "super_population"))
                    : Populations.thousandGenomesSuperPopulation(population);
            PopulationLabel label = new PopulationLabel(population, superPopulation);
            PopulationLabel earlier = samples.putIfAbsent(sample, label);
            if (earlier != null && !earlier.equals(label)) {
                throw invalid(fileName, lineNumber, "sample", fileName + ", line " + lineNumber
                        + ", sample: the sample is given again with another population");
            }
        }
        if (!header) {
            throw invalid(fileName, lineNumber, "header", fileName + " is empty: expected a header line with sample and population "
                    + "columns");
        }
        return new Populations(fileName, samples);
    }

    private static String field(String[] fields, int column, String fileName, long line, String name) {
        if (column >= fields.length) {
            throw invalid(fileName, line, name, fileName + ", line " + line + ", " + name + ": the line has " + fields.length
                    + " tab-separated fields, fewer than the header says (column " + (column + 1) + ")");
        }
        String value = fields[column].strip();
        if (value.isEmpty()) {
            throw invalid(fileName, line, name, fileName + ", line " + line + ", " + name + ": the field is empty");
        }
        return value;
    }

    private static PermedException invalid(String fileName, long line, String field, String message) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("file", fileName);
        details.put("line", line);
        details.put("field", field);
        return new PermedException(PrsErrorCode.POPULATION_FILE_INVALID, message, details);
    }

    private static PermedException notReadable(String fileName, String message) {
        return new PermedException(PrsErrorCode.POPULATION_FILE_NOT_READABLE, message, Map.of("file", fileName));
    }
}
