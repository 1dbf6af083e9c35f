package no.permed.app.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import no.permed.app.Application;
import no.permed.app.Demo;
import no.permed.app.config.PermedConfiguration;
import no.permed.app.config.Setting;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code permed serve}: runs the HTTP server until SIGTERM or Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the permed server (embedded PostgreSQL unless --db-url is given).")
final class ServeCommand extends ConfiguredCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--host", paramLabel = "ADDRESS", description = "Address to bind (default 127.0.0.1).")
    String host;

    @Option(names = "--port", paramLabel = "N", description = "Port to bind (default 8080; 0 picks a free one).")
    Integer port;

    @Option(names = "--dev", description = "Development mode: the built-in DEVELOPMENT token issuer (loopback only).")
    boolean development;

    @Option(names = "--demo", description = "Development mode with demo data and a printed guide with demo tokens.")
    boolean demo;

    @Override
    void addFlags(Map<Setting, String> flags) {
        if (host != null) {
            flags.put(Setting.SERVER_HOST, host);
        }
        if (port != null) {
            flags.put(Setting.SERVER_PORT, Integer.toString(port));
        }
        if (development || demo) {
            flags.put(Setting.DEVELOPMENT_ISSUER, "true");
        }
        if (demo) {
            flags.put(Setting.ACCEPT_SYNTHETIC_IDS, "true");
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        PermedConfiguration configuration = configuration();
        PrintWriter out = spec.commandLine().getOut();
        Application application = Application.start(configuration, VersionProvider.version(), Clock.systemUTC(), demo);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            application.close();
            stopped.countDown();
        }, "permed-shutdown"));
        if (demo) {
            Demo.printGuide(application, out);
        } else {
            out.println("permed is ready at " + application.baseUrl());
            out.flush();
        }
        stopped.await();
        return ExitCodes.OK;
    }
}
