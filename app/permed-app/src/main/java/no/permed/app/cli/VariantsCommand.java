package no.permed.app.cli;

import picocli.CommandLine.Command;

/** {@code permed variants}: the register of interpreted variants from the command line (being written). */
@Command(name = "variants", mixinStandardHelpOptions = true, description = "The register of interpreted variants.")
final class VariantsCommand implements Runnable {
    @Override
    public void run() {
        throw new UnsupportedOperationException("being written");
    }
}
