package no.permed.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestIdsTest {
    @Test
    void keepsWellFormedIdsFromTheCaller() {
        assertThat(RequestIds.acceptOrGenerate("a")).isEqualTo("a");
        assertThat(RequestIds.acceptOrGenerate("Z9._-")).isEqualTo("Z9._-");
        assertThat(RequestIds.acceptOrGenerate("x".repeat(64))).isEqualTo("x".repeat(64));
    }

    @Test
    void replacesMissingOrMalformedIds() {
        for (String bad : new String[] {null, "", "x".repeat(65), "a b", "a\nb", "a/b", "ø"}) {
            String id = RequestIds.acceptOrGenerate(bad);
            assertThat(id).as("for %s", bad).hasSize(36).isNotEqualTo(bad);
        }
        assertThat(RequestIds.acceptOrGenerate(null)).isNotEqualTo(RequestIds.acceptOrGenerate(null));
    }

    @Test
    void generatedIdsAreVersion4UuidsAndDoNotRepeat() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int index = 0; index < 100_000; index++) {
            String id = RequestIds.random();
            java.util.UUID uuid = java.util.UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(seen.add(id)).as(id).isTrue();
        }
    }
}
