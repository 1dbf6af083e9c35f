package no.permed.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import no.permed.app.cli.PermedCommand;
import picocli.CommandLine;

/** A permed command run in-process as an operator runs it, with its exit code and what it printed. */
record CommandRun(int exitCode, String out, String err) {
    /** Runs {@code permed arguments...} with an empty environment. */
    static CommandRun of(String... arguments) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = PermedCommand.commandLine(Map.of());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(arguments);
        return new CommandRun(exitCode, out.toString(), err.toString());
    }
}
