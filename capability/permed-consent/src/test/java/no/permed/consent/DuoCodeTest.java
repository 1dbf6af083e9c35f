package no.permed.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import no.permed.kernel.PermedException;
import org.junit.jupiter.api.Test;

/** Every DuoCode against EBISPOT/DUO's duo.csv (see src/test/resources/duo/README.md). */
class DuoCodeTest {
    @Test
    void identifiersAndLabelsAreDuos() throws IOException {
        Map<String, String[]> byShorthand = new HashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                DuoCodeTest.class.getResourceAsStream("/duo/duo.csv"), StandardCharsets.UTF_8))) {
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] fields = csv(line);
                byShorthand.put(fields[1], fields);
            }
        }
        for (DuoCode code : DuoCode.values()) {
            String[] row = byShorthand.get(code.shorthand());
            assertThat(row).as("%s in duo.csv", code).isNotNull();
            assertThat(code.identifier()).as("identifier of %s", code).isEqualTo(row[0]);
            assertThat(code.label()).as("label of %s", code).isEqualTo(row[2]);
            assertThat(code.kind() == DuoCode.Kind.PERMISSION).as("kind of %s", code).isEqualTo(row[3].contains("data use permission"));
        }
    }

    @Test
    void parsesShorthandsAndIdentifiersAndRefusesOthers() {
        assertThat(DuoCode.parse("gru")).isEqualTo(DuoCode.GRU);
        assertThat(DuoCode.parse("DUO:0000007")).isEqualTo(DuoCode.DS);
        assertThat(ConsentPurpose.parse("DS:MONDO:0007254")).isEqualTo(ConsentPurpose.diseaseSpecific("MONDO:0007254"));
        assertThatThrownBy(() -> DuoCode.parse("XYZ")).isInstanceOf(PermedException.class)
                .satisfies(e -> assertThat(((PermedException) e).errorCode()).isEqualTo(ConsentErrorCode.UNKNOWN_DUO_CODE))
                .hasMessageContaining("XYZ");
        assertThatThrownBy(() -> ConsentPurpose.of(DuoCode.DS)).isInstanceOf(PermedException.class)
                .satisfies(e -> assertThat(((PermedException) e).errorCode()).isEqualTo(ConsentErrorCode.INVALID_PURPOSE));
        assertThatThrownBy(() -> ConsentPurpose.of(DuoCode.NCU)).isInstanceOf(PermedException.class)
                .hasMessageContaining("modifier");
    }

    @Test
    void broaderPermissionsCoverNarrowerUses() {
        ConsentPurpose brca = ConsentPurpose.diseaseSpecific("MONDO:0007254");
        assertThat(ConsentPurpose.of(DuoCode.GRU).covers(ConsentPurpose.of(DuoCode.HMB))).isTrue();
        assertThat(ConsentPurpose.of(DuoCode.HMB).covers(brca)).isTrue();
        assertThat(ConsentPurpose.of(DuoCode.HMB).covers(ConsentPurpose.of(DuoCode.GRU))).isFalse();
        assertThat(brca.covers(ConsentPurpose.diseaseSpecific("MONDO:0000001"))).isFalse();
    }

    private static String[] csv(String line) {
        java.util.List<String> fields = new java.util.ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields.toArray(String[]::new);
    }
}
