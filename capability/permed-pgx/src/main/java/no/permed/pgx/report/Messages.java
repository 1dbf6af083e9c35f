package no.permed.pgx.report;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The fixed texts of the report in one language, read from {@code messages_<language>.properties} beside this class
 * (UTF-8). Placeholders are {@code {0}}, {@code {1}}, ... and are replaced literally: no {@code MessageFormat}, so
 * apostrophes need no doubling and numbers are not formatted by locale. The result is plain text; the caller escapes it.
 */
final class Messages {
    /** The languages there is a bundle for, as language tags. */
    static final String NORWEGIAN_BOKMAL = "nb";
    static final String ENGLISH = "en";

    private final String language;
    private final Map<String, String> texts;

    private Messages(String language, Map<String, String> texts) {
        this.language = language;
        this.texts = Map.copyOf(texts);
    }

    /** The resource path of a language's bundle. */
    static String resource(String language) {
        return "messages_" + language + ".properties";
    }

    /** Loads a language's bundle. @throws IllegalStateException when the bundle is missing from the jar */
    static Messages load(String language) {
        requireNonNull(language, "language is null");
        return new Messages(language, read(language));
    }

    /** Every key and text of a language's bundle, sorted by key. */
    static Map<String, String> read(String language) {
        String resource = resource(language);
        try (InputStream in = Messages.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("report message bundle no/permed/pgx/report/" + resource + " is missing from the classpath");
            }
            Properties properties = new Properties();
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            Map<String, String> texts = new TreeMap<>();
            properties.stringPropertyNames().forEach(key -> texts.put(key, properties.getProperty(key)));
            return texts;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read report message bundle " + resource, e);
        }
    }

    String language() {
        return language;
    }

    /** The text for {@code key} with {@code {i}} replaced by {@code arguments[i]}. */
    String get(String key, Object... arguments) {
        String text = texts.get(key);
        if (text == null) {
            throw new IllegalStateException("report message " + key + " is missing from " + resource(language));
        }
        for (int i = 0; i < arguments.length; i++) {
            text = text.replace("{" + i + "}", String.valueOf(arguments[i]));
        }
        return text;
    }

    /**
     * The bundle language for a requested locale: {@code nb} for {@code nb} and {@code no}, {@code en} for {@code en}.
     * Anything else, Nynorsk ({@code nn}) included, is refused with the supported languages in the message.
     */
    static String languageOf(Locale locale) {
        requireNonNull(locale, "language is null");
        String language = locale.getLanguage().toLowerCase(Locale.ROOT);
        return switch (language) {
            case "nb", "no" -> NORWEGIAN_BOKMAL;
            case "en" -> ENGLISH;
            default -> throw new IllegalArgumentException(
                    "report language '" + locale.toLanguageTag() + "' is not supported; supported: nb (Norwegian bokmål), en (English)");
        };
    }
}
