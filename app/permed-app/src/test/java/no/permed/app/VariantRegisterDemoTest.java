package no.permed.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The variant register as {@code serve --demo} sets it up: two laboratories' submissions made from real ClinVar records,
 * a discordance where ClinVar has one, and a reclassification of a variant the demo patient DEMO-0002 (GIAB HG004)
 * carries, which notifies the patient's clinician. The aggregate labels are ClinVar's own for the same submissions.
 */
class VariantRegisterDemoTest {
    @TempDir
    static Path temporary;

    private static RunningPermed permed;

    @BeforeAll
    static void start() {
        permed = RunningPermed.startDemo(temporary.resolve("data"));
    }

    @AfterAll
    static void stop() {
        if (permed != null) {
            permed.close();
        }
    }

    @Test
    void agreeingLabsGiveClinVarsAggregate() throws Exception {
        // AGRN c.45G>T (ClinVar variation 128310): benign from both labs; ClinVar 2018 says "Benign"
        HttpResponse<String> answer = permed.get("/api/variants/GRCh38-1-1020217-G-T/classification", permed.tokenFor("demo-lab"));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("Benign").doesNotContain("onflicting");
    }

    @Test
    void theLabsSeeTheirDiscordanceAndTheClinicianIsToldOfTheReclassification() throws Exception {
        // AGRN c.526C>T (ClinVar variation 210111): uncertain significance vs likely benign, "conflicting" in ClinVar
        HttpResponse<String> discordances = permed.get("/api/discordances", permed.tokenFor("demo-lab"));
        assertThat(discordances.statusCode()).as(discordances.body()).isEqualTo(200);
        assertThat(discordances.body()).contains("GRCh38-1-1040679-C-T", Demo.RECLASSIFIED_VARIANT);
        assertThat(permed.get("/api/discordances", permed.tokenFor("demo-lab-bergen")).body()).contains("GRCh38-1-1040679-C-T");

        HttpResponse<String> classification = permed.get("/api/variants/" + Demo.RECLASSIFIED_VARIANT + "/classification",
                permed.tokenFor("demo-clinician"));
        assertThat(classification.body()).containsIgnoringCase("conflicting");
        // the same variant asked by ClinVar's coding HGVS for it, placed through the transcript-anchor table
        HttpResponse<String> byHgvs = permed.get("/api/variants/" + Demo.RECLASSIFIED_HGVS_C.replace(">", "%3E")
                + "/classification?assembly=GRCh38", permed.tokenFor("demo-clinician"));
        assertThat(byHgvs.statusCode()).as(byHgvs.body()).isEqualTo(200);
        assertThat(byHgvs.body()).contains("\"variant\":\"" + Demo.RECLASSIFIED_VARIANT + "\"");

        HttpResponse<String> notifications = permed.get("/api/notifications", permed.tokenFor("demo-clinician"));
        assertThat(notifications.statusCode()).as(notifications.body()).isEqualTo(200);
        assertThat(notifications.body()).contains(Demo.RECLASSIFIED_VARIANT);
        assertThat(permed.get("/api/notifications", permed.tokenFor("demo-lab")).body()).contains(Demo.RECLASSIFIED_VARIANT);
        // a patient is not a recipient of the register's notifications
        assertThat(permed.get("/api/notifications", permed.tokenFor("demo-patient")).statusCode()).isEqualTo(403);
    }
}
