package no.permed.app.config;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import no.permed.kernel.PermedException;

/**
 * The configuration after all sources have been merged: one value per {@link Setting}, with where it
 * came from. Values are parsed into types by {@link PermedConfiguration}; this class only merges,
 * and rejects unknown keys with the file and line named.
 */
public final class ResolvedConfiguration {
    private final Map<Setting, String> values;
    private final Map<Setting, String> origins;

    private ResolvedConfiguration(Map<Setting, String> values, Map<Setting, String> origins) {
        this.values = values;
        this.origins = origins;
    }

    /**
     * Merges the sources: flags over environment over file over defaults.
     *
     * @param file the configuration file, if any (Java properties format)
     * @param environment the process environment (only {@code PERMED_*} variables are read)
     * @param flags values given on the command line
     */
    public static ResolvedConfiguration resolve(
            Optional<Path> file, Map<String, String> environment, Map<Setting, String> flags) {
        requireNonNull(file, "file is null");
        requireNonNull(environment, "environment is null");
        requireNonNull(flags, "flags is null");
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        Map<Setting, String> origins = new EnumMap<>(Setting.class);
        for (Setting setting : Setting.values()) {
            values.put(setting, setting.defaultValue());
            origins.put(setting, "default");
        }
        if (file.isPresent()) {
            readFile(file.get()).forEach((setting, value) -> {
                values.put(setting, value);
                origins.put(setting, "file " + file.get());
            });
        }
        for (Setting setting : Setting.values()) {
            String value = environment.get(setting.environmentVariable());
            if (value != null) {
                values.put(setting, value.trim());
                origins.put(setting, "environment variable " + setting.environmentVariable());
            }
        }
        flags.forEach((setting, value) -> {
            values.put(setting, value.trim());
            origins.put(setting, "command-line flag");
        });
        return new ResolvedConfiguration(Map.copyOf(values), Map.copyOf(origins));
    }

    /** Reads a properties file strictly: every line is a comment, blank, or {@code key=value} of a known key. */
    static Map<Setting, String> readFile(Path file) {
        Map<Setting, String> values = new LinkedHashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("!")) {
                    continue;
                }
                int separator = indexOfSeparator(trimmed);
                if (separator < 0) {
                    throw invalid(file, number, "expected key=value", Map.of());
                }
                String key = trimmed.substring(0, separator).strip();
                String value = trimmed.substring(separator + 1).strip();
                Optional<Setting> setting = Setting.forKey(key);
                if (setting.isEmpty()) {
                    throw invalid(file, number, "unknown key '" + key + "'; known keys are listed in docs/configuration.md",
                            Map.of("field", key));
                }
                if (values.containsKey(setting.get())) {
                    throw invalid(file, number, "key '" + key + "' is set twice", Map.of("field", key));
                }
                values.put(setting.get(), value);
            }
        } catch (IOException e) {
            throw new PermedException(
                    AppErrorCode.CONFIGURATION_FILE_UNREADABLE,
                    "cannot read configuration file " + file + ": " + e.getClass().getSimpleName(),
                    Map.of("file", file.toString()),
                    e);
        }
        return values;
    }

    private static int indexOfSeparator(String line) {
        int equals = line.indexOf('=');
        int colon = line.indexOf(':');
        if (equals < 0) {
            return colon;
        }
        return colon < 0 ? equals : Math.min(equals, colon);
    }

    private static PermedException invalid(Path file, int line, String problem, Map<String, String> extra) {
        Map<String, Object> details = new LinkedHashMap<>(extra);
        details.put("file", file.toString());
        details.put("line", line);
        return new PermedException(AppErrorCode.INVALID_CONFIGURATION, file + " line " + line + ": " + problem, details);
    }

    public String get(Setting setting) {
        return values.get(setting);
    }

    /** Where the value of this setting came from, for error messages and {@code permed config}. */
    public String origin(Setting setting) {
        return origins.get(setting);
    }

    /** Every setting with its value (secrets masked) and origin, one per line, for {@code permed config}. */
    public String describe() {
        return Arrays.stream(Setting.values())
                .map(setting -> setting.key() + " = " + shown(setting) + "    # " + origin(setting))
                .collect(Collectors.joining(System.lineSeparator()));
    }

    private String shown(Setting setting) {
        String value = get(setting);
        return setting.isSecret() && !value.isEmpty() ? "***" : value;
    }
}
