package no.permed.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import no.permed.app.cli.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rotating the pseudonym key: new pseudonyms use the new version, old ones are still found. */
class KeysCommandTest {
    @TempDir
    Path temporary;

    @Test
    void rotateAddsACurrentVersionAndListShowsIt() {
        Path data = temporary.resolve("data");
        String firstPseudonym;
        String url;
        try (RunningPermed permed = RunningPermed.startDemo(data)) {
            firstPseudonym = permed.application.demoPatient().orElseThrow().value();
            url = permed.databaseUrl;
        }
        assertThat(firstPseudonym).startsWith("p1_");

        CommandRun rotated = CommandRun.of("keys", "rotate", "--data", data.toString());
        assertThat(rotated.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(rotated.out()).contains("pseudonym key version 2 is now current");

        CommandRun listed = CommandRun.of("keys", "list", "--data", data.toString());
        assertThat(listed.out()).contains("version 1 ").contains("version 2 ").contains("(current)");
        assertThat(listed.out().lines().filter(line -> line.contains("(current)")).findFirst().orElseThrow())
                .startsWith("version 2");

        try (RunningPermed restarted = RunningPermed.startDemo(data, url)) {
            assertThat(restarted.application.demoPatient().orElseThrow().value())
                    .as("the demo patient stored under key version 1 is still found")
                    .isEqualTo(firstPseudonym);
            assertThat(restarted.application.security().pseudonymizer()
                            .pseudonymOf(no.permed.kernel.NationalId.parse(
                                    no.permed.security.token.DevelopmentTokenIssuer.DEMO_PATIENT_NATIONAL_ID))
                            .value())
                    .as("new pseudonyms use the new key")
                    .startsWith("p2_");
        }
    }
}
