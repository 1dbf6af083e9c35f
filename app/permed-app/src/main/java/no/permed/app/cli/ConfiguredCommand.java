package no.permed.app.cli;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import no.permed.app.config.PermedConfiguration;
import no.permed.app.config.ResolvedConfiguration;
import no.permed.app.config.Setting;
import picocli.CommandLine.Option;

/**
 * Options every command that reads the configuration shares: the file, the data directory and the
 * database. Flags override environment variables, which override the file.
 */
abstract class ConfiguredCommand {
    Map<String, String> environment = Map.of();

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (Java properties). Also PERMED_CONFIG.")
    Path configFile;

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory (default ./permed-data). Also PERMED_DATA_DIR.")
    String dataDirectory;

    @Option(names = "--db-url", paramLabel = "URL", description = "External PostgreSQL JDBC URL instead of the embedded one. Also PERMED_DB_URL.")
    String databaseUrl;

    /** Flags of the sub-command, added to the shared ones. */
    void addFlags(Map<Setting, String> flags) {}

    final ResolvedConfiguration resolve() {
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        if (dataDirectory != null) {
            flags.put(Setting.DATA_DIR, dataDirectory);
        }
        if (databaseUrl != null) {
            flags.put(Setting.DB_URL, databaseUrl);
        }
        addFlags(flags);
        Optional<Path> file = Optional.ofNullable(configFile)
                .or(() -> Optional.ofNullable(environment.get("PERMED_CONFIG")).filter(value -> !value.isBlank()).map(Path::of));
        return ResolvedConfiguration.resolve(file, environment, flags);
    }

    final PermedConfiguration configuration() {
        return PermedConfiguration.from(resolve());
    }
}
