package no.permed.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The patient's consent routes as the running application serves them (demo patient, development tokens). */
class ConsentApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

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
    void theDemoPatientGivesAndWithdrawsAResearchConsentAndSeesItInTheAccessLog() throws Exception {
        String patient = permed.tokenFor("demo-patient");
        HttpResponse<String> given = permed.postJson("/api/me/consents", patient,
                "{\"purpose\":\"HMB\",\"reclassificationNotices\":false}");
        assertThat(given.statusCode()).as(given.body()).isEqualTo(201);
        long id = JSON.readTree(given.body()).get("consentId").asLong();

        JsonNode listed = JSON.readTree(permed.get("/api/me/consents", patient).body());
        assertThat(listed.get("current").toString()).contains("DUO:0000006", "GIVEN");

        HttpResponse<String> withdrawn = permed.delete("/api/me/consents/" + id, patient);
        assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(200);
        assertThat(withdrawn.body()).contains("WITHDRAWN");

        assertThat(permed.get("/api/me/consents", permed.tokenFor("demo-clinician")).statusCode()).isEqualTo(403);
        assertThat(permed.get("/api/me/access-log", patient).body()).contains("consent.give", "consent.withdraw");
    }
}
