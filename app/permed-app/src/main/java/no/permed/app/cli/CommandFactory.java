package no.permed.app.cli;

import java.util.Map;
import picocli.CommandLine;

/** Gives commands the process environment, so that tests can pass their own. */
final class CommandFactory implements CommandLine.IFactory {
    private final Map<String, String> environment;

    CommandFactory(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        K instance = CommandLine.defaultFactory().create(type);
        if (instance instanceof ConfiguredCommand configured) {
            configured.environment = environment;
        }
        return instance;
    }
}
