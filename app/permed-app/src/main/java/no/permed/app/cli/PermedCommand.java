package no.permed.app.cli;

import java.io.PrintWriter;
import java.util.Map;
import no.permed.kernel.PermedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code permed} command: one sub-command per capability. */
@Command(
        name = "permed",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "permed: personalised medicine platform of a national genome centre.",
            "Start with: permed serve --demo"
        },
        subcommands = {
            ServeCommand.class,
            DevCommand.class,
            AuditCommand.class,
            KeysCommand.class,
            IngestCommand.class,
            FreqCommand.class,
            QueryCommand.class,
            StoreCommand.class,
            SimulateCommand.class,
            PgxCommand.class,
            AcmgCommand.class,
            PrsCommand.class,
            VariantsCommand.class,
            ConfigCommand.class,
            CommandLine.HelpCommand.class
        })
public final class PermedCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The command line with permed's error handling, reading configuration from this environment. */
    public static CommandLine commandLine(Map<String, String> environment) {
        CommandLine commandLine = new CommandLine(new PermedCommand(), new CommandFactory(environment));
        commandLine.setExecutionExceptionHandler(PermedCommand::handle);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        return commandLine;
    }

    private static int handle(Exception error, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        if (error instanceof PermedException permed) {
            err.println("permed: " + permed.getMessage() + " [" + permed.errorCode().code() + "]");
            err.flush();
            return ExitCodes.forKind(permed.errorCode().kind());
        }
        err.println("permed: internal error: " + error.getClass().getSimpleName()
                + "; see the log above, and report it with the command you ran");
        error.printStackTrace(err);
        err.flush();
        return ExitCodes.FAILURE;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
