package no.permed.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code permed config}: shows the effective configuration and where each value came from. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Show the effective configuration, where each value came from, and check it.")
final class ConfigCommand extends ConfiguredCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var resolved = resolve();
        spec.commandLine().getOut().println(resolved.describe());
        no.permed.app.config.PermedConfiguration.from(resolved);
        spec.commandLine().getOut().println("# configuration is valid");
        return ExitCodes.OK;
    }
}
