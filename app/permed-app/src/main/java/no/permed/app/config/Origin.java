package no.permed.app.config;

/** Where a configuration value came from, strongest last. */
public enum Origin {
    DEFAULT,
    FILE,
    ENVIRONMENT,
    FLAG
}
