package no.permed.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Pins every default of the server settings and their validation (the keys are in docs/configuration.md). */
class ServerSettingsTest {
    @Test
    void defaults() {
        ServerSettings settings = ServerSettings.defaults("1.2.3");

        assertThat(settings).isEqualTo(new ServerSettings("127.0.0.1", 8080, 1_048_576L, Duration.ofSeconds(10), "1.2.3", false));
    }

    @Test
    void withersChangeOneThing() {
        ServerSettings settings = ServerSettings.defaults("1")
                .withHost("0.0.0.0").withPort(0).withMaxRequestBytes(10).withShutdownGrace(Duration.ZERO).withDevMode(true);

        assertThat(settings).isEqualTo(new ServerSettings("0.0.0.0", 0, 10, Duration.ZERO, "1", true));
    }

    @Test
    void refusesBadValuesNamingThem() {
        ServerSettings settings = ServerSettings.defaults("1");

        assertThatThrownBy(() -> settings.withPort(65_536)).hasMessageContaining("port").hasMessageContaining("65536");
        assertThatThrownBy(() -> settings.withPort(-1)).hasMessageContaining("-1");
        assertThatThrownBy(() -> settings.withHost(" ")).hasMessageContaining("host");
        assertThatThrownBy(() -> settings.withMaxRequestBytes(0)).hasMessageContaining("maxRequestBytes");
        assertThatThrownBy(() -> settings.withShutdownGrace(Duration.ofSeconds(-1))).hasMessageContaining("shutdownGrace");
        assertThatThrownBy(() -> settings.withShutdownGrace(Duration.ofHours(1))).hasMessageContaining("PT10M");
        assertThatThrownBy(() -> ServerSettings.defaults("")).hasMessageContaining("version");
    }
}
