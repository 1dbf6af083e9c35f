package no.permed.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import no.permed.kernel.PermedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins every configuration key and default. A failure here means the operator's interface changed:
 * update docs/configuration.md and the CHANGELOG with it.
 */
class ConfigurationTest {
    @TempDir
    Path temporary;

    @Test
    void everyKeyAndDefaultIsPinned() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("server.host", "127.0.0.1");
        expected.put("server.port", "8080");
        expected.put("server.max-request-bytes", "1048576");
        expected.put("server.max-upload-bytes", "17179869184");
        expected.put("server.shutdown-grace-seconds", "10");
        expected.put("data.dir", "./permed-data");
        expected.put("db.url", "");
        expected.put("db.user", "");
        expected.put("db.password", "");
        expected.put("db.pool-size", "10");
        expected.put("db.connect-timeout-seconds", "10");
        expected.put("security.oidc.jwks-url", "");
        expected.put("security.oidc.jwks-file", "");
        expected.put("security.oidc.issuer", "");
        expected.put("security.oidc.audience", "permed");
        expected.put("security.oidc.clock-skew-seconds", "60");
        expected.put("security.oidc.role-claim", "roles");
        expected.put("security.oidc.organisation-claim", "org");
        expected.put("security.oidc.national-id-claim", "pid");
        expected.put("security.development-issuer", "false");
        expected.put("security.accept-synthetic-national-ids", "false");
        expected.put("security.pseudonym-key-file", "");
        expected.put("security.care-relationship-days", "365");
        expected.put("security.break-the-glass-hours", "24");
        expected.put("server.behind-proxy", "false");
        expected.put("server.public-url", "");
        expected.put("beacon.organisation", "permed");
        expected.put("beacon.contact", "");
        expected.put("register.expert-panels", "");
        expected.put("register.practice-guidelines", "");
        expected.put("beacon.privacy", "");

        Map<String, String> actual = Arrays.stream(Setting.values())
                .collect(Collectors.toMap(Setting::key, Setting::defaultValue, (a, b) -> a, LinkedHashMap::new));
        assertThat(actual).containsExactlyEntriesOf(expected);
    }

    @Test
    void defaultsParseIntoTheTypedConfiguration() {
        PermedConfiguration configuration = PermedConfiguration.from(
                ResolvedConfiguration.resolve(Optional.empty(), Map.of(), Map.of()));
        assertThat(configuration.host()).isEqualTo("127.0.0.1");
        assertThat(configuration.port()).isEqualTo(8080);
        assertThat(configuration.maxRequestBytes()).isEqualTo(1_048_576L);
        assertThat(configuration.shutdownGrace()).isEqualTo(Duration.ofSeconds(10));
        assertThat(configuration.dataDirectory()).isEqualTo(Path.of("./permed-data"));
        assertThat(configuration.database().isEmbedded()).isTrue();
        assertThat(configuration.database().poolSize()).isEqualTo(10);
        assertThat(configuration.security().developmentIssuer()).isFalse();
        assertThat(configuration.security().acceptSyntheticNationalIds()).isFalse();
        assertThat(configuration.security().audience()).isEqualTo("permed");
        assertThat(configuration.security().clockSkew()).isEqualTo(Duration.ofSeconds(60));
        assertThat(configuration.security().jwksUrl()).isEmpty();
        assertThat(configuration.security().careRelationshipDays()).isEqualTo(365);
        assertThat(configuration.security().breakTheGlassHours()).isEqualTo(24);
    }

    @Test
    void docsListEveryKeyWithItsDefault() throws Exception {
        Path docs = Path.of("../../docs/configuration.md");
        String text = Files.readString(docs);
        for (Setting setting : Setting.values()) {
            String defaultCell = setting.defaultValue().isEmpty() ? "(empty)" : "`" + setting.defaultValue() + "`";
            assertThat(text)
                    .as("docs/configuration.md row of %s", setting.key())
                    .contains("| `" + setting.key() + "` | `" + setting.environmentVariable() + "` | " + defaultCell + " |");
        }
    }

    @Test
    void flagsBeatEnvironmentWhichBeatsTheFileWhichBeatsDefaults() throws Exception {
        Path file = Files.writeString(temporary.resolve("permed.properties"), String.join("\n",
                "# comment",
                "server.port = 9001",
                "server.host = 127.0.0.2",
                "data.dir = /from/file",
                "db.pool-size: 7",
                ""));
        ResolvedConfiguration resolved = ResolvedConfiguration.resolve(
                Optional.of(file),
                Map.of("PERMED_SERVER_PORT", "9002", "PERMED_DATA_DIR", "/from/env", "UNRELATED", "x"),
                Map.of(Setting.DATA_DIR, "/from/flag"));
        assertThat(resolved.get(Setting.SERVER_HOST)).isEqualTo("127.0.0.2");
        assertThat(resolved.origin(Setting.SERVER_HOST)).isEqualTo("file " + file);
        assertThat(resolved.get(Setting.SERVER_PORT)).isEqualTo("9002");
        assertThat(resolved.origin(Setting.SERVER_PORT)).isEqualTo("environment variable PERMED_SERVER_PORT");
        assertThat(resolved.get(Setting.DATA_DIR)).isEqualTo("/from/flag");
        assertThat(resolved.origin(Setting.DATA_DIR)).isEqualTo("command-line flag");
        assertThat(resolved.get(Setting.DB_POOL_SIZE)).isEqualTo("7");
        assertThat(resolved.get(Setting.OIDC_AUDIENCE)).isEqualTo("permed");
        assertThat(resolved.origin(Setting.OIDC_AUDIENCE)).isEqualTo("default");
    }

    @Test
    void unknownKeysInTheFileAreRefusedWithFileAndLine() throws Exception {
        Path file = Files.writeString(temporary.resolve("bad.properties"), "server.port = 1\n\nserver.prot = 2\n");
        assertThatThrownBy(() -> ResolvedConfiguration.resolve(Optional.of(file), Map.of(), Map.of()))
                .isInstanceOf(PermedException.class)
                .hasMessage(file + " line 3: unknown key 'server.prot'; known keys are listed in docs/configuration.md");
    }

    @Test
    void repeatedKeysAndLinesWithoutValueAreRefused() throws Exception {
        Path repeated = Files.writeString(temporary.resolve("repeated.properties"), "server.port = 1\nserver.port = 2\n");
        assertThatThrownBy(() -> ResolvedConfiguration.resolve(Optional.of(repeated), Map.of(), Map.of()))
                .hasMessage(repeated + " line 2: key 'server.port' is set twice");
        Path noValue = Files.writeString(temporary.resolve("novalue.properties"), "server.port\n");
        assertThatThrownBy(() -> ResolvedConfiguration.resolve(Optional.of(noValue), Map.of(), Map.of()))
                .hasMessage(noValue + " line 1: expected key=value");
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = temporary.resolve("missing.properties");
        assertThatThrownBy(() -> ResolvedConfiguration.resolve(Optional.of(missing), Map.of(), Map.of()))
                .hasMessageStartingWith("cannot read configuration file " + missing);
    }

    @Test
    void badValuesNameKeyValueAndSource() {
        assertThatThrownBy(() -> parse(Map.of("PERMED_SERVER_PORT", "eighty")))
                .hasMessage("server.port must be a whole number from 0 to 65535, was 'eighty' (from environment variable PERMED_SERVER_PORT)");
        assertThatThrownBy(() -> parse(Map.of("PERMED_SERVER_PORT", "70000")))
                .hasMessage("server.port must be from 0 to 65535, was '70000' (from environment variable PERMED_SERVER_PORT)");
        assertThatThrownBy(() -> parse(Map.of("PERMED_SECURITY_DEVELOPMENT_ISSUER", "maybe")))
                .hasMessageStartingWith("security.development-issuer must be true or false, was 'maybe'");
        assertThatThrownBy(() -> parse(Map.of("PERMED_SECURITY_OIDC_JWKS_URL", "ftp://x/keys")))
                .hasMessageStartingWith("security.oidc.jwks-url must be an http(s) URL with a host");
        assertThatThrownBy(() -> parse(Map.of("PERMED_DB_URL", "jdbc:mysql://x/y")))
                .hasMessageStartingWith("db.url must start with jdbc:postgresql://");
        assertThatThrownBy(() -> parse(Map.of("PERMED_REGISTER_EXPERT_PANELS", "vcep-a, lab b")))
                .hasMessageStartingWith("register.expert-panels ").hasMessageContaining("'lab b'");
        assertThatThrownBy(() -> parse(Map.of("PERMED_REGISTER_EXPERT_PANELS", "vcep-a", "PERMED_REGISTER_PRACTICE_GUIDELINES", "vcep-a")))
                .hasMessageStartingWith("register.practice-guidelines ").hasMessageContaining("vcep-a");
    }

    @Test
    void registerDesignationsAreSetsOfOrganisations() {
        PermedConfiguration configuration = parse(Map.of("PERMED_REGISTER_EXPERT_PANELS", " vcep-a ,national-group,,",
                "PERMED_REGISTER_PRACTICE_GUIDELINES", "society-x"));
        assertThat(configuration.registerDesignations().expertPanels()).extracting(no.permed.kernel.OrganisationId::value)
                .containsExactlyInAnyOrder("vcep-a", "national-group");
        assertThat(configuration.registerDesignations().practiceGuidelines()).extracting(no.permed.kernel.OrganisationId::value)
                .containsExactly("society-x");
    }

    @Test
    void secretsAreMaskedInMessagesAndListings() {
        assertThatThrownBy(() -> parse(Map.of("PERMED_DB_PASSWORD", "hunter2", "PERMED_DB_POOL_SIZE", "0")))
                .hasMessageNotContaining("hunter2");
        ResolvedConfiguration resolved =
                ResolvedConfiguration.resolve(Optional.empty(), Map.of("PERMED_DB_PASSWORD", "hunter2"), Map.of());
        assertThat(resolved.describe()).contains("db.password = ***").doesNotContain("hunter2");
    }

    @Test
    void environmentVariableNamesFollowOneRule() {
        assertThat(Setting.DB_URL.environmentVariable()).isEqualTo("PERMED_DB_URL");
        assertThat(Setting.SERVER_MAX_REQUEST_BYTES.environmentVariable()).isEqualTo("PERMED_SERVER_MAX_REQUEST_BYTES");
        assertThat(Setting.OIDC_JWKS_URL.environmentVariable()).isEqualTo("PERMED_SECURITY_OIDC_JWKS_URL");
    }

    private static PermedConfiguration parse(Map<String, String> environment) {
        return PermedConfiguration.from(ResolvedConfiguration.resolve(Optional.empty(), environment, Map.of()));
    }
}
