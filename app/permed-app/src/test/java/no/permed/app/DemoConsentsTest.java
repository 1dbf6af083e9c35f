package no.permed.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import no.permed.consent.ConsentPurpose;
import no.permed.consent.ConsentStore;
import no.permed.consent.ConsentSummary;
import no.permed.consent.DataUse;
import no.permed.consent.DuoCode;
import no.permed.db.DataDirectory;
import no.permed.db.Database;
import no.permed.kernel.NationalId;
import no.permed.kernel.Pseudonym;
import no.permed.kernel.Purpose;
import no.permed.kernel.Role;
import no.permed.kernel.UserId;
import no.permed.security.SecurityConfig;
import no.permed.security.SecurityModule;
import no.permed.security.token.DevelopmentTokenIssuer;
import no.permed.spi.Principal;
import no.permed.spi.RequestContext;
import no.permed.testing.SharedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo consents on a fresh database with the real security module: each kind is there, and a restart adds none. */
class DemoConsentsTest {
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    @TempDir
    Path temporary;

    @Test
    void theDemoPatientsHoldTheirConsentsAndARestartAddsNone() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        try (Database database = SharedPostgres.freshDatabase(); DataDirectory directory = DataDirectory.open(temporary.resolve("data"));
                SecurityModule security = SecurityModule.start(SecurityConfig.defaults().withDevelopmentIssuer(true)
                        .withAcceptSyntheticNationalIds(true), database, directory, clock)) {
            ConsentStore store = ConsentStore.open(database, security.auditLog(), clock);

            assertThat(DemoConsents.load(store, security.pseudonymizer(), clock)).isEqualTo(6);

            Pseudonym demo = pseudonym(security, DevelopmentTokenIssuer.DEMO_PATIENT_NATIONAL_ID);
            Pseudonym wantsToKnow = pseudonym(security, "30816410084");
            Pseudonym withdrew = pseudonym(security, "12838510068");
            Pseudonym breastCancer = pseudonym(security, "23877110036");
            Pseudonym paper = pseudonym(security, "05919210038");
            ConsentPurpose hmb = ConsentPurpose.of(DuoCode.HMB);
            Optional<String> biobank = Optional.of(DemoConsents.DEMO_PROJECT);
            assertThat(store.view().mayCount(demo, hmb, biobank, NOW)).as("GRU covers HMB").isTrue();
            assertThat(store.view().mayCount(demo, DataUse.of(hmb, biobank).withCommercial(true), NOW)).as("NCU").isFalse();
            assertThat(store.view().mayCount(demo, hmb, Optional.of(DemoConsents.DEMO_WITHDRAWN_PROJECT), NOW)).isFalse();
            assertThat(store.view().mayCount(wantsToKnow, DataUse.of(hmb, biobank).withEthicsApproved(false), NOW)).as("IRB").isFalse();
            for (Pseudonym someone : java.util.List.of(demo, wantsToKnow, withdrew, breastCancer, paper)) {
                assertThat(store.view().mayCount(someone, hmb, Optional.of("national-frequency-register"), NOW))
                        .as("no demo consent counts in the national frequency register").isFalse();
                assertThat(store.view().wantsReclassificationNotices(someone)).as("recall as by default").isTrue();
            }
            assertThat(store.view().wantsIncidentalFindings(wantsToKnow)).isTrue();
            assertThat(store.view().wantsIncidentalFindings(demo)).isFalse();
            assertThat(store.view().mayCount(withdrew, hmb, Optional.of(DemoConsents.DEMO_PROJECT), NOW)).isFalse();
            assertThat(store.view().mayCount(breastCancer, ConsentPurpose.diseaseSpecific("MONDO:0007254"),
                    Optional.of(DemoConsents.DEMO_DISEASE_PROJECT), NOW)).isTrue();
            assertThat(store.view().mayCount(breastCancer, hmb, Optional.of(DemoConsents.DEMO_DISEASE_PROJECT), NOW)).isFalse();
            RequestContext officer = new RequestContext(new Principal(UserId.of("demo-case-handler"), java.util.Set.of(Role.CASE_HANDLER),
                    Optional.empty(), Optional.empty(), true), "test");
            assertThat(store.history(officer, paper)).singleElement().satisfies(decision -> {
                assertThat(decision.terms().source().name()).isEqualTo("PAPER");
                assertThat(decision.recordedBy()).isEqualTo(UserId.of("demo-case-handler"));
            });
            ConsentSummary biobankSummary = store.summary(officer, DemoConsents.DEMO_PROJECT, Purpose.CASE_HANDLING);
            // demo patient: GRU for the biobank (given); wants-to-know: HMB for the biobank; withdrew (withdrawn);
            // paper: HMB for the biobank. The disease-specific consent and the demo patient's withdrawn one are for other projects.
            assertThat(biobankSummary.patients().get(ConsentSummary.State.GIVEN)).isEqualTo(3);
            assertThat(biobankSummary.patients().get(ConsentSummary.State.WITHDRAWN)).isEqualTo(1);

            assertThat(DemoConsents.load(store, security.pseudonymizer(), clock)).as("a restart").isZero();
            assertThat(DemoConsents.load(ConsentStore.open(database, security.auditLog(), clock), security.pseudonymizer(), clock))
                    .as("a restart with a new store").isZero();
        }
    }

    private static Pseudonym pseudonym(SecurityModule security, String nationalId) {
        return security.pseudonymizer().pseudonymOf(NationalId.parse(nationalId));
    }
}
