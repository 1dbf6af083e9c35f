package no.permed.app;

import no.permed.app.cli.PermedCommand;

/** Entry point of the permed command line and server. */
public final class Main {
    private Main() {}

    public static void main(String[] arguments) {
        System.exit(PermedCommand.commandLine(System.getenv()).execute(arguments));
    }
}
