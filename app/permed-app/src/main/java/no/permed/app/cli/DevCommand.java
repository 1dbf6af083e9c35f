package no.permed.app.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import no.permed.app.config.AppErrorCode;
import no.permed.app.config.PermedConfiguration;
import no.permed.kernel.NationalId;
import no.permed.kernel.OrganisationId;
import no.permed.kernel.PermedException;
import no.permed.kernel.Role;
import no.permed.kernel.UserId;
import no.permed.security.token.DemoUser;
import no.permed.security.token.DevelopmentTokenIssuer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code permed dev}: development helpers. Never for production. */
@Command(name = "dev", mixinStandardHelpOptions = true,
        description = "Development helpers (the DEVELOPMENT token issuer). Never use in production.",
        subcommands = DevCommand.Token.class)
final class DevCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code permed dev token}: mints a development token with the data directory's development key. */
    @Command(name = "token", mixinStandardHelpOptions = true,
            description = {
                "Print a bearer token from the DEVELOPMENT issuer of the data directory (for `serve --demo` or `--dev`).",
                "With only --user naming a demo user (demo-patient, demo-clinician, demo-lab, demo-researcher,",
                "demo-case-handler, demo-security-officer) the demo user's roles and organisation are used."
            })
    static final class Token extends ConfiguredCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--user", required = true, paramLabel = "USER", description = "User id (the token's subject).")
        String user;

        @Option(names = "--role", split = ",", paramLabel = "ROLE",
                description = "Role(s): patient, clinician, lab, researcher, case-handler, security-officer.")
        List<String> roles;

        @Option(names = "--org", paramLabel = "ORG", description = "Organisation the user acts for.")
        String organisation;

        @Option(names = "--national-id", paramLabel = "ID",
                description = "National identity number (for a patient; synthetic test numbers in the demo).")
        String nationalId;

        @Option(names = "--ttl", paramLabel = "DURATION", defaultValue = "8h",
                description = "How long the token lives: e.g. 30m, 8h, 2d (default 8h, at most 30d).")
        String timeToLive;

        @Override
        public Integer call() {
            PermedConfiguration configuration = configuration();
            var securityConfig = configuration.security();
            DevelopmentTokenIssuer issuer = DevelopmentTokenIssuer.openOrCreate(
                    configuration.dataDirectory(), securityConfig, Clock.systemUTC());
            Optional<DemoUser> demo = DevelopmentTokenIssuer.demoUser(user);
            Set<Role> chosenRoles = roles == null ? demo.map(DemoUser::roles).orElseThrow(() -> badInput(
                            "--role is required for a user that is not a demo user", "role"))
                    : parseRoles(roles);
            Optional<OrganisationId> chosenOrganisation = Optional.ofNullable(organisation).map(OrganisationId::of)
                    .or(() -> demo.flatMap(DemoUser::organisation));
            Optional<NationalId> chosenNationalId = Optional.ofNullable(nationalId).map(NationalId::parse)
                    .or(() -> demo.flatMap(DemoUser::nationalId));
            String token = issuer.mint(UserId.of(user), chosenRoles, chosenOrganisation, chosenNationalId, duration());
            spec.commandLine().getOut().println(token);
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }

        private static Set<Role> parseRoles(List<String> names) {
            Set<Role> parsed = EnumSet.noneOf(Role.class);
            for (String name : names) {
                parsed.add(Role.fromWireName(name).orElseThrow(() -> badInput(
                        "unknown role '" + name + "'; roles are " + Role.allowedWireNames(), "role")));
            }
            return parsed;
        }

        private Duration duration() {
            String text = timeToLive.trim().toLowerCase(Locale.ROOT);
            try {
                if (text.matches("[0-9]{1,6}[smhd]")) {
                    long amount = Long.parseLong(text.substring(0, text.length() - 1));
                    return switch (text.charAt(text.length() - 1)) {
                        case 's' -> Duration.ofSeconds(amount);
                        case 'm' -> Duration.ofMinutes(amount);
                        case 'h' -> Duration.ofHours(amount);
                        default -> Duration.ofDays(amount);
                    };
                }
                return Duration.parse(timeToLive);
            } catch (DateTimeParseException e) {
                throw badInput("--ttl must look like 30m, 8h, 2d or PT8H, was '" + timeToLive + "'", "ttl");
            }
        }

        private static PermedException badInput(String message, String field) {
            return new PermedException(AppErrorCode.INVALID_CONFIGURATION, message, Map.of("field", field));
        }
    }
}
