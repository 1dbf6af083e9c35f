package no.permed.app.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.function.Function;
import no.permed.app.config.PermedConfiguration;
import no.permed.db.DataDirectory;
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

    /**
     * Runs an action on the configured key file while holding the data directory's lock, so that no
     * server uses the keys meanwhile; prints what the action returns.
     */
    static int withKeyStore(ConfiguredCommand command, CommandSpec spec, Function<PseudonymKeyStore, String> action) {
        PermedConfiguration configuration = command.configuration();
        try (DataDirectory data = DataDirectory.open(configuration.dataDirectory())) {
            PseudonymKeyStore store = PseudonymKeyStore.open(
                    configuration.security().pseudonymKeyFile(data.root()), Clock.systemUTC());
            PrintWriter out = spec.commandLine().getOut();
            out.println(action.apply(store));
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** {@code permed keys list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the pseudonym key versions (never the keys).")
    static final class ListVersions extends ConfiguredCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return withKeyStore(this, spec, store -> {
                StringBuilder listing = new StringBuilder("key file " + store.file());
                for (PseudonymKeyStore.KeyVersion version : store.versions()) {
                    listing.append(System.lineSeparator()).append("version ").append(version.version())
                            .append("  created ").append(version.created());
                    if (version.version() == store.currentVersion()) {
                        listing.append("  (current)");
                    }
                }
                return listing.toString();
            });
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
            return withKeyStore(this, spec, store -> "pseudonym key version " + store.rotate() + " is now current in "
                    + store.file() + "; back up this file separately from the database");
        }
    }
}
