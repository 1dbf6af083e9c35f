package no.permed.app;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import no.permed.pgx.call.PgxCaller;
import no.permed.pgx.interpret.PgxInterpreter;
import no.permed.pgx.knowledge.PgxKnowledge;
import no.permed.pgx.profile.PgxProfileStore;
import no.permed.pgx.profile.ReinterpretationRun;
import no.permed.server.genome.PatientSampleListener;
import no.permed.server.pgx.PgxRoutes;
import no.permed.server.interpretation.InterpretationRoutes;
import no.permed.interpretation.register.VariantRegister;
import no.permed.consent.ConsentStore;
import no.permed.frequency.FrequencyRegister;
import no.permed.frequency.PermitStore;
import no.permed.frequency.beacon.BeaconInfo;
import no.permed.frequency.beacon.BeaconService;
import no.permed.frequency.beacon.BeaconSettings;
import no.permed.frequency.RiskChargeStore;
import no.permed.frequency.privacy.Disclosure;
import no.permed.server.consent.ConsentRoutes;
import no.permed.server.beacon.BeaconRoutes;
import no.permed.server.frequency.FrequencyRoutes;
import no.permed.kernel.Role;
import no.permed.kernel.UserId;
import no.permed.spi.Principal;
import java.util.Set;
import no.permed.spi.RequestContext;
import java.util.concurrent.CompletionException;
import no.permed.kernel.Pseudonym;
import no.permed.app.config.PermedConfiguration;
import no.permed.db.DataDirectory;
import no.permed.db.Database;
import no.permed.security.SecurityConfig;
import no.permed.genome.GenomeStore;
import no.permed.security.SecurityModule;
import no.permed.server.genome.GenomeRoutes;
import no.permed.security.token.DevelopmentTokenIssuer;
import no.permed.server.PermedServer;
import no.permed.server.Readiness;
import no.permed.server.ServerSettings;
import no.permed.server.route.RouteModule;
import no.permed.server.security.SecurityRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running permed: the locked data directory, the database, every capability and the HTTP
 * server, wired with plain constructors. Closing it stops them in reverse order: the server first
 * (in-flight requests finish within the grace period), then the capabilities, then the database.
 */
public final class Application implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Application.class);

    private final DataDirectory dataDirectory;
    private final Database database;
    private final SecurityModule security;
    private final GenomeStore genome;
    private final FrequencyRegister frequencies;
    private final PermedServer server;
    private final String host;
    private final Optional<Pseudonym> demoPatient;

    private Application(
            DataDirectory dataDirectory,
            Database database,
            SecurityModule security,
            GenomeStore genome,
            FrequencyRegister frequencies,
            PermedServer server,
            String host,
            Optional<Pseudonym> demoPatient) {
        this.dataDirectory = dataDirectory;
        this.database = database;
        this.security = security;
        this.genome = genome;
        this.frequencies = frequencies;
        this.server = server;
        this.host = host;
        this.demoPatient = demoPatient;
    }

    /**
     * Starts permed. When anything fails, what was already started is stopped again and the error
     * is thrown; nothing is left half-running.
     */
    public static Application start(PermedConfiguration configuration, String version, Clock clock) {
        return start(configuration, version, clock, false);
    }

    /**
     * Starts permed; with {@code demo}, loads the demo data (once per data directory) before the
     * server answers, so that /ready means the demo is there.
     */
    public static Application start(PermedConfiguration configuration, String version, Clock clock, boolean demo) {
        requireNonNull(configuration, "configuration is null");
        requireNonNull(clock, "clock is null");
        if (configuration.security().developmentIssuer()) {
            DevelopmentTokenIssuer.requireLoopback(configuration.host());
        }
        List<AutoCloseable> started = new ArrayList<>();
        try {
            DataDirectory dataDirectory = DataDirectory.open(configuration.dataDirectory());
            started.add(dataDirectory);
            Database database = Database.open(configuration.database(), dataDirectory);
            started.add(database);
            LOG.info("Database: {}", database.description());
            SecurityModule security = SecurityModule.start(
                    configuration.security(), database, dataDirectory, clock);
            started.add(security);
            if (security.authenticator().trustedIssuers().isEmpty()) {
                // only the server answers bearer tokens; command-line tools run as the operator
                LOG.warn("No token issuer is trusted: every request with a bearer token will be refused. Set security.oidc.issuer"
                        + " and security.oidc.jwks-url, or use the development issuer on 127.0.0.1.");
            }
            // The genome store, the PGx knowledge and profiles and the variant register open (and the demo data load) on
            // another thread while the HTTP server starts: /ready answers 200 only when both are done, and start()
            // returns only then.
            Path genomeDirectory = dataDirectory.subdirectory("genome");
            CompletableFuture<Stores> opening = CompletableFuture.supplyAsync(() -> {
                GenomeStore store = GenomeStore.open(database, genomeDirectory, security.pseudonymizer(), security.auditLog(), clock);
                try {
                    PgxKnowledge knowledge = PgxKnowledge.load();   // logs its data version
                    PgxInterpreter interpreter = PgxInterpreter.create(knowledge);
                    PgxProfileStore profileStore = PgxProfileStore.open(database, knowledge.dataVersion().summary(), clock,
                            security.auditLog());
                    PgxProfiling profiling = new PgxProfiling(knowledge, PgxCaller.create(knowledge), profileStore);
                    if (demo) {
                        Demo.loadGenomes(store, profiling, security);
                    }
                    ReinterpretationRun run = profileStore.reinterpretAll(interpreter, knowledge.dataVersion().summary());
                    if (run.interpreted() > 0) {
                        LOG.info("PGx profiles interpreted with the current knowledge: {} ({} for the first time, {} failed);"
                                + " {} re-interpretations changed a recommendation", run.interpreted(), run.firstInterpretations(),
                                run.failed(), run.reinterpretations().size());
                    }
                    ConsentStore consents = ConsentStore.open(database, security.auditLog(), clock);
                    if (demo) {
                        DemoConsents.load(consents, security.pseudonymizer(), clock);
                    }
                    VariantRegister register = VariantRegisters.open(database, store, security, consents.view(),
                            configuration.registerDesignations(), clock);
                    // the anonymous frequency register counts on its own thread; until its first count, lookups say so
                    FrequencyRegister frequencies = FrequencyRegisters.over(store, consents.view(), clock)
                            .start(FrequencyRegisters.POLL, FrequencyRegisters.MAX_AGE);
                    PermitStore permits = PermitStore.open(database, security.auditLog(), clock);
                    Disclosure disclosure = Disclosure.over(frequencies, configuration.privacy(), RiskChargeStore.open(database, clock));
                    // the Beacon was first deployed when its schema was made
                    Instant beaconCreated = database.jdbi().withHandle(handle -> handle.createQuery(
                            "select min(installed_on) from frequency.flyway_schema_history").mapTo(java.sql.Timestamp.class).one())
                            .toInstant();
                    // finishes any recall a crash interrupted
                    register.recallPending(new RequestContext(new Principal(UserId.of("permed-system"), Set.of(Role.SECURITY_OFFICER),
                            Optional.empty(), Optional.empty(), true), "startup-recall"));
                    if (demo) {
                        Demo.loadVariantSubmissions(register);
                    }
                    return new Stores(store, profiling, register, interpreter, consents, frequencies, permits, disclosure, beaconCreated);
                } catch (RuntimeException failure) {
                    store.close();
                    throw failure;
                }
            }, runnable -> {
                Thread thread = new Thread(runnable, "permed-open-stores");
                thread.setDaemon(true);
                thread.start();
            });
            // the Beacon names its public URL in its answers: known once the server has its port
            AtomicReference<String> publicUrl = new AtomicReference<>();
            Supplier<BeaconService> beacon = new Lazy<>(() -> {
                Stores stores = join(opening);
                return new BeaconService(stores.frequencies(), FrequencyRegisters.cohort(stores.genome()), stores.disclosure(),
                        stores.permits(), beaconInfo(configuration, version, publicUrl.get(), stores.beaconCreated()),
                        BeaconSettings.DEFAULTS);
            });
            Optional<Pseudonym> demoPatient;
            PermedServer server;
            try {
                demoPatient = demo ? Optional.of(Demo.load(security)) : Optional.empty();
                PatientSampleListener listener = new PatientSampleListener() {
                    @Override
                    public void check(Optional<Attachment> outsideCalls) {
                        join(opening).pgx().check(outsideCalls);
                    }

                    @Override
                    public List<String> ingested(RequestContext context, Submission submission) {
                        return join(opening).pgx().ingested(context, submission);
                    }
                };
                List<RouteModule> routeModules = List.of(new SecurityRoutes(security),
                        new GenomeRoutes(() -> join(opening).genome(), security, listener),
                        new PgxRoutes(() -> join(opening).pgx().profiles(),
                                (calls, outside) -> join(opening).interpreter().interpret(calls, outside), security.authorizer()),
                        new InterpretationRoutes(() -> join(opening).register()),
                        new ConsentRoutes(() -> join(opening).consents(), security.pseudonymizer()),
                        new FrequencyRoutes(() -> join(opening).frequencies(), () -> join(opening).disclosure(),
                                () -> join(opening).permits(), configuration.behindProxy()),
                        new BeaconRoutes(beacon, BEACON_ID, security.auditLog(), configuration.behindProxy()),
                        PrsScoring.routes(() -> join(opening).genome(), () -> join(opening).consents().view(), security, clock, demo,
                                dataDirectory.subdirectory("prs")));
                server = PermedServer.start(
                        serverSettings(configuration, version),
                        security.authenticator(),
                        security.auditLog(),
                        () -> !opening.isDone() ? Readiness.notReady("the stores are opening")
                                : database.isReady() ? Readiness.READY : Readiness.notReady("the database does not answer"),
                        routeModules);
            } catch (RuntimeException failure) {
                closeQuietly(opening);
                throw failure;
            }
            started.add(server);
            publicUrl.set(configuration.publicUrl().orElse(baseUrl(configuration.host(), server.port())));
            GenomeStore genome = join(opening).genome();
            started.add(genome);
            FrequencyRegister frequencies = join(opening).frequencies();
            started.add(frequencies);
            return new Application(dataDirectory, database, security, genome, frequencies, server, configuration.host(), demoPatient);
        } catch (RuntimeException e) {
            closeAll(started);
            throw e;
        }
    }

    /** The value of a background start, with its own exception rather than a CompletionException. */
    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException failure) {
            if (failure.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw failure;
        }
    }

    /** The stores that open in the background. */
    private record Stores(GenomeStore genome, PgxProfiling pgx, VariantRegister register, PgxInterpreter interpreter,
            ConsentStore consents, FrequencyRegister frequencies, PermitStore permits, Disclosure disclosure, Instant beaconCreated) {
    }

    /** After a failed start: waits for the genome store and closes it if it opened. */
    private static void closeQuietly(CompletableFuture<Stores> opening) {
        try {
            opening.join().genome().close();
        } catch (RuntimeException ignored) {
            // the failure that stopped the start is the one to report
        }
    }

    static ServerSettings serverSettings(PermedConfiguration configuration, String version) {
        return new ServerSettings(
                configuration.host(),
                configuration.port(),
                configuration.maxRequestBytes(),
                configuration.shutdownGrace(),
                version,
                configuration.security().developmentIssuer(),
                configuration.maxUploadBytes());
    }

    public int port() {
        return server.port();
    }

    /** The base URL, e.g. {@code http://127.0.0.1:8080}. */
    public String baseUrl() {
        return baseUrl(host, server.port());
    }

    private static String baseUrl(String host, int port) {
        String shownHost = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + shownHost + ":" + port;
    }

    /** The Beacon's id in its answers and error bodies. */
    static final String BEACON_ID = "no.permed.beacon";

    private static BeaconInfo beaconInfo(PermedConfiguration configuration, String version, String publicUrl, Instant created) {
        String environment = configuration.security().developmentIssuer() ? "dev" : "prod";
        String organisation = configuration.beaconOrganisation();
        String organisationId = "no.permed." + organisation.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return new BeaconInfo(BEACON_ID, "permed Beacon (" + organisation + ")", version, environment, organisationId, organisation,
                publicUrl + "/api/frequencies", configuration.beaconContact().orElse(publicUrl), publicUrl, created);
    }

    /** A value made on first use and then kept (thread-safe). */
    private static final class Lazy<T> implements Supplier<T> {
        private final Supplier<T> maker;
        private volatile T value;

        Lazy(Supplier<T> maker) {
            this.maker = maker;
        }

        @Override
        public T get() {
            T made = value;
            if (made == null) {
                synchronized (this) {
                    made = value;
                    if (made == null) {
                        made = maker.get();
                        value = made;
                    }
                }
            }
            return made;
        }
    }

    public Path dataDirectory() {
        return dataDirectory.root();
    }

    public Database database() {
        return database;
    }

    public SecurityModule security() {
        return security;
    }

    public GenomeStore genome() {
        return genome;
    }

    /** The anonymous frequency register (counting on its own thread). */
    public FrequencyRegister frequencies() {
        return frequencies;
    }

    public PermedServer server() {
        return server;
    }

    /** The demo patient's pseudonym, when started with the demo. */
    public Optional<Pseudonym> demoPatient() {
        return demoPatient;
    }

    @Override
    public void close() {
        closeAll(List.of(dataDirectory, database, security, genome, frequencies, server));
    }

    /** Closes in reverse order of the list, logging (not throwing) failures so every part gets closed. */
    private static void closeAll(List<AutoCloseable> parts) {
        for (int index = parts.size() - 1; index >= 0; index--) {
            try {
                parts.get(index).close();
            } catch (Exception e) {
                LOG.error("Stopping {} failed", parts.get(index).getClass().getSimpleName(), e);
            }
        }
    }
}
