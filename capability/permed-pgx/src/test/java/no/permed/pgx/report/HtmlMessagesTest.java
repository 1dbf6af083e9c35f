package no.permed.pgx.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The two message bundles of the HTML report: same keys, same placeholders, UTF-8, and no key left unused. (A key the
 * writer asks for but the bundles lack fails every rendering test with the key's name.)
 */
class HtmlMessagesTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\d+}");
    private static final Path SOURCES = Path.of("src/main/java/no/permed/pgx/report");

    private final Map<String, String> norwegian = Messages.read(Messages.NORWEGIAN_BOKMAL);
    private final Map<String, String> english = Messages.read(Messages.ENGLISH);

    @Test
    void everyKeyExistsInBothBundlesWithTheSamePlaceholders() {
        assertThat(norwegian).isNotEmpty();
        assertThat(norwegian.keySet()).containsExactlyInAnyOrderElementsOf(english.keySet());
        for (String key : norwegian.keySet()) {
            assertThat(norwegian.get(key)).as("nb " + key).isNotBlank();
            assertThat(english.get(key)).as("en " + key).isNotBlank();
            assertThat(placeholders(norwegian.get(key))).as("placeholders of " + key).isEqualTo(placeholders(english.get(key)));
        }
    }

    @Test
    void theNorwegianBundleIsReadAsUtf8AndUsesTheAgreedTerms() throws IOException {
        assertThat(norwegian.get("header.sample")).isEqualTo("Prøve");
        assertThat(norwegian.get("genes.activityScore")).isEqualTo("Aktivitetsskår");
        assertThat(norwegian.values()).contains("Farmakogenetisk analyse", "Legemiddel", "Anbefaling", "Fenotype", "Manglende posisjoner",
                "Advarsler", "Ikke kalt");
        try (InputStream in = Messages.class.getResourceAsStream(Messages.resource(Messages.NORWEGIAN_BOKMAL))) {
            byte[] bytes = in.readAllBytes();
            assertThat(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString()).contains("Prøve");
        }
    }

    @Test
    void everyKeyOfTheBundlesIsUsedByTheWriter() throws IOException {
        Set<String> used = new TreeSet<>();
        Pattern literal = Pattern.compile("\"([a-z]+(?:\\.[A-Za-z_]+)*)\"");
        try (Stream<Path> files = Files.list(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher matcher = literal.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (matcher.find()) {
                    if (norwegian.containsKey(matcher.group(1))) {
                        used.add(matcher.group(1));
                    }
                }
            }
        }
        // keys built from an enum name: impact.<PrescribingImpact>
        for (PrescribingImpact impact : PrescribingImpact.values()) {
            assertThat(norwegian).containsKey("impact." + impact.name());
            used.add("impact." + impact.name());
        }
        assertThat(used).containsExactlyInAnyOrderElementsOf(norwegian.keySet());
    }

    private static Set<String> placeholders(String text) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group());
        }
        return found;
    }
}
