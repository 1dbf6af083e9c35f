package no.permed.app;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import no.permed.consent.ConsentDecision;
import no.permed.consent.ConsentPurpose;
import no.permed.consent.ConsentSource;
import no.permed.consent.ConsentStore;
import no.permed.consent.ConsentTerms;
import no.permed.consent.DuoCode;
import no.permed.consent.FindingsChoices;
import no.permed.kernel.NationalId;
import no.permed.kernel.Pseudonym;
import no.permed.kernel.Role;
import no.permed.kernel.UserId;
import no.permed.security.token.DevelopmentTokenIssuer;
import no.permed.spi.Principal;
import no.permed.spi.Pseudonymizer;
import no.permed.spi.RequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo patients' consents, so that {@code ./permed serve --demo} shows each kind: the demo patient (who can sign in)
 * has a digital general-research consent and a withdrawn project consent; the other synthetic demo patients have a
 * consent with incidental findings wanted, a withdrawn one, a disease-specific one (MONDO) and a paper consent registered
 * by the demo case handler. Every consent names a demo project, so none of them counts in the national frequency
 * register (whose counts the demo and its tests start from), and every reclassification choice is the default (yes), so
 * recall behaves as without them. Every consent goes through the normal, audited {@link ConsentStore} path. A patient
 * who already holds any consent is left alone, so a restart adds nothing.
 */
public final class DemoConsents {
    /** The demo research project that several demo consents name. */
    public static final String DEMO_PROJECT = "demo-biobank-2026";
    /** The project of the demo patient's withdrawn consent. */
    public static final String DEMO_WITHDRAWN_PROJECT = "demo-pgx-2025";
    /** The disease-specific demo project: breast carcinoma (MONDO:0007254). */
    public static final String DEMO_DISEASE_PROJECT = "demo-breast-cancer-2026";
    private static final String BREAST_CARCINOMA = "MONDO:0007254";
    private static final Logger LOG = LoggerFactory.getLogger(DemoConsents.class);

    private DemoConsents() {
    }

    /** One demo patient's consents, as the patient or the case handler would record them. */
    private record Plan(String nationalId, String user) {
    }

    /**
     * Gives the demo patients their consents unless they have some already.
     *
     * @param consents      the consent store (its view answers at once afterwards)
     * @param pseudonymizer the security module's pseudonymiser, for the demo patients' synthetic national identity numbers
     * @param clock         the clock the periods start from
     * @return how many consents were recorded (0 on a restart)
     */
    public static int load(ConsentStore consents, Pseudonymizer pseudonymizer, Clock clock) {
        requireNonNull(consents, "consents is null");
        requireNonNull(pseudonymizer, "pseudonymizer is null");
        requireNonNull(clock, "clock is null");
        Instant start = clock.instant().truncatedTo(ChronoUnit.DAYS).minus(90, ChronoUnit.DAYS);
        int recorded = 0;

        // the demo patient: general research use for the demo biobank, digitally, not for commercial use; and a consent to
        // another project that they withdrew
        Plan demo = new Plan(DevelopmentTokenIssuer.DEMO_PATIENT_NATIONAL_ID, "demo-patient");
        Pseudonym demoPatient = pseudonym(pseudonymizer, demo);
        if (isNew(consents, demoPatient)) {
            RequestContext self = patient(demo, demoPatient);
            consents.give(self, demoPatient, digital(ConsentPurpose.of(DuoCode.GRU), Optional.of(DEMO_PROJECT), Set.of(DuoCode.NCU),
                    start, new FindingsChoices(false, true)));
            ConsentDecision project = consents.give(self, demoPatient, digital(ConsentPurpose.of(DuoCode.HMB),
                    Optional.of(DEMO_WITHDRAWN_PROJECT),
                    Set.of(DuoCode.PUB), start, new FindingsChoices(false, true)));
            consents.withdraw(self, demoPatient, project.consentId());
            recorded += 2;
        }

        // DEMO-0002's patient: health and medical research with ethics approval, and wants to be told of incidental findings
        Plan wantsToKnow = new Plan(Demo.DEMO_PATIENT_2_NATIONAL_ID, "demo-citizen-2");
        Pseudonym second = pseudonym(pseudonymizer, wantsToKnow);
        if (isNew(consents, second)) {
            consents.give(patient(wantsToKnow, second), second, digital(ConsentPurpose.of(DuoCode.HMB), Optional.of(DEMO_PROJECT),
                    Set.of(DuoCode.IRB), start, new FindingsChoices(true, true)));
            recorded++;
        }

        List<Demo.PgxDemoPatient> pgx = Demo.PGX_PATIENTS.stream()
                .filter(patient -> !patient.nationalId().equals(DevelopmentTokenIssuer.DEMO_PATIENT_NATIONAL_ID)).toList();

        // NA18526's patient: gave general research use for the demo biobank, then withdrew it
        Plan withdrew = new Plan(pgx.get(0).nationalId(), "demo-citizen-3");
        Pseudonym third = pseudonym(pseudonymizer, withdrew);
        if (isNew(consents, third)) {
            RequestContext self = patient(withdrew, third);
            ConsentDecision given = consents.give(self, third, digital(ConsentPurpose.of(DuoCode.GRU), Optional.of(DEMO_PROJECT), Set.of(),
                    start, new FindingsChoices(false, true)));
            consents.withdraw(self, third, given.consentId());
            recorded++;
        }

        // NA18565's patient: disease-specific research on breast carcinoma, for the disease project, until the end of 2030
        Plan diseaseSpecific = new Plan(pgx.get(1).nationalId(), "demo-citizen-4");
        Pseudonym fourth = pseudonym(pseudonymizer, diseaseSpecific);
        if (isNew(consents, fourth)) {
            consents.give(patient(diseaseSpecific, fourth), fourth, new ConsentTerms(ConsentPurpose.diseaseSpecific(BREAST_CARCINOMA),
                    Optional.of(DEMO_DISEASE_PROJECT), Set.of(DuoCode.NPUNCU), start, Optional.of(Instant.parse("2031-01-01T00:00:00Z")),
                    ConsentSource.DIGITAL, new FindingsChoices(false, true)));
            recorded++;
        }

        // NA18861's patient: a paper consent, registered by the demo case handler
        Plan paper = new Plan(pgx.get(2).nationalId(), "demo-case-handler");
        Pseudonym fifth = pseudonym(pseudonymizer, paper);
        if (isNew(consents, fifth)) {
            RequestContext caseHandler = new RequestContext(new Principal(UserId.of("demo-case-handler"), Set.of(Role.CASE_HANDLER),
                    Optional.empty(), Optional.empty(), true), "demo-load");
            consents.give(caseHandler, fifth, new ConsentTerms(ConsentPurpose.of(DuoCode.HMB), Optional.of(DEMO_PROJECT), Set.of(), start,
                    Optional.empty(), ConsentSource.PAPER, new FindingsChoices(false, true)));
            recorded++;
        }
        if (recorded > 0) {
            LOG.info("Demo consents recorded: {} (projects {}, {} and {})", recorded, DEMO_PROJECT, DEMO_DISEASE_PROJECT,
                    DEMO_WITHDRAWN_PROJECT);
        }
        return recorded;
    }

    private static boolean isNew(ConsentStore consents, Pseudonym patient) {
        return consents.view().findings(patient).isEmpty();
    }

    private static Pseudonym pseudonym(Pseudonymizer pseudonymizer, Plan plan) {
        return pseudonymizer.pseudonymOf(NationalId.parse(plan.nationalId()));
    }

    private static ConsentTerms digital(ConsentPurpose purpose, Optional<String> project, Set<DuoCode> modifiers, Instant from,
            FindingsChoices findings) {
        return new ConsentTerms(purpose, project, modifiers, from, Optional.empty(), ConsentSource.DIGITAL, findings);
    }

    /** The patient acting for themself, as the patient portal's token says. */
    private static RequestContext patient(Plan plan, Pseudonym patient) {
        return new RequestContext(new Principal(UserId.of(plan.user()), Set.of(Role.PATIENT), Optional.empty(), Optional.of(patient), true),
                "demo-load");
    }
}
