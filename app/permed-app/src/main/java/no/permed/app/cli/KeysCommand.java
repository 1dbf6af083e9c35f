package no.permed.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import no.permed.app.config.PermedConfiguration;
import no.permed.db.DataDirectory;
import no.permed.security.SecurityConfig;
import no.permed.security.pseudonym.PseudonymKeyStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code permed keys}: the pseudonym key file (owner-only, outside the database). */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Pseudonym keys: list the key versions, rotate to a new one. Stop the server first.",
        subcommands = {KeysCommand.ListVersions.class, KeysCommand.Rotate.class})
final class KeysCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static Path keyFile(PermedConfiguration configuration, Path dataRoot) {
        SecurityConfig security = configuration.security();
        return security.pseudonymKeyFile(dataRoot);
    }

    /** {@code permed keys list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the pseudonym key versions (never the keys).")
    static final class ListVersions extends ConfiguredCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PermedConfiguration configuration = configuration();
            try (DataDirectory data = DataDirectory.open(configuration.dataDirectory())) {
                PseudonymKeyStore store = PseudonymKeyStore.open(keyFile(configuration, data.root()), Clock.systemUTC());
                PrintWriter out = spec.commandLine().getOut();
                out.println("key file " + store.file());
                for (PseudonymKeyStore.KeyVersion version : store.versions()) {
                    out.println("version " + version.version() + "  created " + version.created()
                            + (version.version() == store.currentVersion() ? "  (current)" : ""));
                }
                out.flush();
                return ExitCodes.OK;
            }
        }
    }

    /** {@code permed keys rotate}. */
    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = {
                "Add a new pseudonym key version and make it current. New pseudonyms use it; stored ones keep",
                "their version prefix and are still found. Back up the key file afterwards."
            })
    static final class Rotate extends ConfiguredCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PermedConfiguration configuration = configuration();
            try (DataDirectory data = DataDirectory.open(configuration.dataDirectory())) {
                PseudonymKeyStore store = PseudonymKeyStore.open(keyFile(configuration, data.root()), Clock.systemUTC());
                int version = store.rotate();
                spec.commandLine().getOut().println("pseudonym key version " + version + " is now current in " + store.file()
                        + "; back up this file separately from the database");
                spec.commandLine().getOut().flush();
                return ExitCodes.OK;
            }
        }
    }
}
