package no.permed.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import no.permed.kernel.Pseudonym;
import no.permed.kernel.Role;
import no.permed.kernel.UserId;
import no.permed.security.token.DevelopmentTokenIssuer;
import no.permed.server.route.JavalinRoute;
import no.permed.server.route.RegisteredRoute;
import no.permed.server.route.RoutePolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole platform as a user meets it: real HTTP on port 0, real PostgreSQL, real tokens from
 * the development issuer, the demo data loaded.
 */
class PlatformTest {
    @TempDir
    static Path temporary;

    private static RunningPermed permed;
    private static Pseudonym demoPatient;

    @BeforeAll
    static void start() {
        permed = RunningPermed.startDemo(temporary.resolve("data"));
        demoPatient = permed.application.demoPatient().orElseThrow();
    }

    @AfterAll
    static void stop() {
        if (permed != null) {
            permed.close();
        }
    }

    @Test
    void healthAndReadinessAnswerWithoutAToken() throws Exception {
        assertThat(permed.get("/health", Optional.empty()).statusCode()).isEqualTo(200);
        HttpResponse<String> ready = permed.get("/ready", Optional.empty());
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("READY");
        assertThat(ready.headers().firstValue("X-Request-Id")).isPresent();
    }

    @Test
    void everyRouteJavalinServesHasAnExplicitPolicy() {
        List<JavalinRoute> served = permed.application.server().javalinRoutes();
        assertThat(served).isNotEmpty();
        assertThat(served).allSatisfy(route -> assertThat(route.policed())
                .as("%s %s has a policy", route.method(), route.path())
                .isTrue());
        List<RegisteredRoute> policed = permed.application.server().routes();
        assertThat(policed).hasSizeGreaterThanOrEqualTo(served.size());
    }

    @Test
    void onlyHealthReadinessTheApiDescriptionAndThePublicTierOfTheFrequencyRegisterAreAnonymous() {
        List<String> anonymous = permed.application.server().routes().stream()
                .filter(route -> route.policy().access() == RoutePolicy.Access.ANONYMOUS)
                .map(route -> route.method() + " " + route.path())
                .sorted()
                .toList();
        // the frequency register and the Beacon answer anonymous callers at the public tier by design (aggregates under
        // the privacy rules of docs/privacy.md, a query budget per address); nothing else may be anonymous
        List<String> platform = List.of("GET /api/openapi.json", "GET /health", "GET /ready");
        assertThat(anonymous).containsAll(platform).contains("GET /api/frequencies/{variant}", "GET /frequencies/{variant}",
                "GET /beacon/g_variants", "POST /beacon/g_variants", "GET /beacon/map");
        assertThat(anonymous.stream().filter(route -> !platform.contains(route)))
                .allSatisfy(route -> assertThat(route.substring(route.indexOf(' ') + 1))
                        .matches("/beacon(/.*)?|/api/frequencies(/\\{variant\\})?|/frequencies/\\{variant\\}"));
    }

    @Test
    void theOpenApiDescriptionListsEverySecurityRoute() throws Exception {
        String openApi = permed.get("/api/openapi.json", Optional.empty()).body();
        assertThat(openApi).contains("\"/api/me/access-log\"", "\"/api/patients/{pseudonym}/care-relationships\"",
                "\"/api/patients/{pseudonym}/break-the-glass\"", "\"/api/audit/verify\"", "\"/api/patients/resolve\"");
    }

    @Test
    void aPatientSeesWhoAccessedTheirDataIncludingTheDemoClinician() throws Exception {
        HttpResponse<String> log = permed.get("/api/me/access-log", permed.tokenFor("demo-patient"));
        assertThat(log.statusCode()).isEqualTo(200);
        assertThat(log.body()).contains("\"actor\":\"demo-clinician\"", "\"purpose\":\"treatment\"");
    }

    @Test
    void aPatientCannotReadSomeoneElsesCareRelationships() throws Exception {
        DevelopmentTokenIssuer issuer = permed.application.security().developmentIssuer().orElseThrow();
        String otherPatient = issuer.mint(UserId.of("other-patient"), Set.of(Role.PATIENT), Optional.empty(),
                Optional.of(no.permed.kernel.NationalId.parse(syntheticNationalId())), Duration.ofMinutes(5));
        HttpResponse<String> answer = permed.get("/api/patients/" + demoPatient + "/care-relationships", otherPatient);
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).contains("\"code\":\"SECURITY_ACCESS_DENIED\"", "only their own data");
    }

    @Test
    void aClinicianWithoutCareRelationshipIsDeniedUntilBreakingTheGlassAndThePatientSeesIt() throws Exception {
        DevelopmentTokenIssuer issuer = permed.application.security().developmentIssuer().orElseThrow();
        String stranger = issuer.mint(UserId.of("emergency-doctor"), Set.of(Role.CLINICIAN),
                Optional.empty(), Optional.empty(), Duration.ofMinutes(5));
        String path = "/api/patients/" + demoPatient + "/care-relationships";

        HttpResponse<String> denied = permed.get(path, stranger);
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.body()).contains("no active care relationship");

        HttpResponse<String> tooShort = permed.postJson(
                "/api/patients/" + demoPatient + "/break-the-glass", stranger, "{\"reason\":\"urgent\"}");
        assertThat(tooShort.statusCode()).isEqualTo(400);

        HttpResponse<String> declared = permed.postJson("/api/patients/" + demoPatient + "/break-the-glass", stranger,
                "{\"reason\":\"unconscious patient brought to the emergency room\"}");
        assertThat(declared.statusCode()).isEqualTo(201);
        assertThat(declared.body()).contains("\"source\":\"break-the-glass\"");

        assertThat(permed.get(path + "?purpose=break-the-glass", stranger).statusCode()).isEqualTo(200);

        String patientLog = permed.get("/api/me/access-log", permed.tokenFor("demo-patient")).body();
        assertThat(patientLog)
                .contains("\"actor\":\"emergency-doctor\"")
                .contains("\"outcome\":\"DENIED\"")
                .contains("\"breakTheGlassReason\":\"unconscious patient brought to the emergency room\"");
    }

    @Test
    void anInvalidNationalIdIsRefusedWithoutEchoingIt() throws Exception {
        HttpResponse<String> answer = permed.postJson(
                "/api/patients/resolve", permed.tokenFor("demo-clinician"), "{\"nationalId\":\"15858540044\"}");
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("KERNEL_INVALID_NATIONAL_ID", "check digit").doesNotContain("15858540044");
    }

    @Test
    void aValidNationalIdResolvesToTheSamePseudonymTheDemoUses() throws Exception {
        HttpResponse<String> answer = permed.postJson("/api/patients/resolve", permed.tokenFor("demo-clinician"),
                "{\"nationalId\":\"" + DevelopmentTokenIssuer.DEMO_PATIENT_NATIONAL_ID + "\"}");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"pseudonym\":\"" + demoPatient + "\"}");
    }

    @Test
    void unknownFieldsAndWrongContentTypesAreRefused() throws Exception {
        HttpResponse<String> unknown = permed.postJson("/api/patients/resolve", permed.tokenFor("demo-clinician"),
                "{\"nationalId\":\"" + DevelopmentTokenIssuer.DEMO_PATIENT_NATIONAL_ID + "\",\"name\":\"x\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("\"field\":\"name\"");
    }

    @Test
    void expiredTokensAndTokensOfAnotherIssuerKeyAreRefused() throws Exception {
        Clock lastWeek = Clock.fixed(Instant.now().minus(Duration.ofDays(7)), ZoneOffset.UTC);
        String expired = DevelopmentTokenIssuer.openOrCreate(
                        permed.dataDirectory, permed.application.security().config(), lastWeek)
                .mint(DevelopmentTokenIssuer.demoUser("demo-patient").orElseThrow(), Duration.ofHours(1));
        HttpResponse<String> expiredAnswer = permed.get("/api/me", expired);
        assertThat(expiredAnswer.statusCode()).isEqualTo(401);
        assertThat(expiredAnswer.body()).contains("expired");

        String foreign = DevelopmentTokenIssuer.openOrCreate(
                        temporary.resolve("elsewhere"), permed.application.security().config(), Clock.systemUTC())
                .mint(DevelopmentTokenIssuer.demoUser("demo-security-officer").orElseThrow(), Duration.ofHours(1));
        HttpResponse<String> foreignAnswer = permed.get("/api/audit/verify", foreign);
        assertThat(foreignAnswer.statusCode()).isEqualTo(401);
    }

    @Test
    void theSecurityOfficerVerifiesAnIntactChain() throws Exception {
        HttpResponse<String> answer = permed.get("/api/audit/verify", permed.tokenFor("demo-security-officer"));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"intact\":true");
        assertThat(permed.get("/api/audit/verify", permed.tokenFor("demo-clinician")).statusCode()).isEqualTo(403);
        assertThat(permed.get("/api/audit/verify", Optional.empty()).statusCode()).isEqualTo(401);
    }

    /** A synthetic test identity number (month + 80), computed here with the mod-11 rules. */
    static String syntheticNationalId() {
        return no.permed.testing.TestNationalIds.synthetic(1, 9, 90);
    }
}
