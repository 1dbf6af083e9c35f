package no.permed.server.route;

/**
 * The routes of one capability (or of the server itself). permed-app hands one instance per
 * capability, built with that capability's services, to the server, which calls {@link #register}
 * once at start.
 */
@FunctionalInterface
public interface RouteModule {
    void register(Routes routes);

    /** A name for start-up logs and error messages; the class name by default. */
    default String name() {
        return getClass().getSimpleName();
    }
}
