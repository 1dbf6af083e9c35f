package no.permed.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MediaTypesTest {
    @Test
    void jsonInUtf8IsAccepted() {
        assertThat(MediaTypes.isJson("application/json")).isTrue();
        assertThat(MediaTypes.isJson("Application/JSON; charset=UTF-8")).isTrue();
        assertThat(MediaTypes.isJson("application/json;charset=\"utf-8\"")).isTrue();
        assertThat(MediaTypes.isJson("application/fhir+json")).isTrue();
    }

    @Test
    void anythingElseIsNot() {
        assertThat(MediaTypes.isJson(null)).isFalse();
        assertThat(MediaTypes.isJson("")).isFalse();
        assertThat(MediaTypes.isJson("text/plain")).isFalse();
        assertThat(MediaTypes.isJson("text/json")).isFalse();
        assertThat(MediaTypes.isJson("application/json; charset=iso-8859-1")).isFalse();
        assertThat(MediaTypes.isJson("application/x-www-form-urlencoded")).isFalse();
    }
}
