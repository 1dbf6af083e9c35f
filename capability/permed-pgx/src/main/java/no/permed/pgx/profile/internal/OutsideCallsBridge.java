package no.permed.pgx.profile.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import no.permed.pgx.interpret.OutsideCall;
import no.permed.pgx.interpret.OutsideCalls;

/**
 * Stored outside calls back into the {@link OutsideCalls} the interpreter takes. {@code OutsideCalls} is read from a
 * file only so far, so the calls are written in PharmCAT's outside-call format to a temporary file (deleted at once)
 * and read again, which also checks them against the knowledge of the day.
 * TODO: use a factory from a list once {@code OutsideCalls} offers one.
 */
public final class OutsideCallsBridge {
    private OutsideCallsBridge() {
    }

    public static OutsideCalls of(List<OutsideCall> calls) {
        if (calls.isEmpty()) {
            return OutsideCalls.none();
        }
        StringBuilder text = new StringBuilder();
        for (OutsideCall call : calls) {
            // GENE, DIPLOTYPE, then PHENOTYPE and ACTIVITY_SCORE only as far as given
            String line = call.gene() + '\t' + call.diplotype().orElse("") + '\t' + call.phenotype().orElse("") + '\t'
                    + call.activityScore().orElse("");
            text.append(line.replaceAll("\t+$", "")).append('\n');
        }
        Path file = null;
        try {
            file = Files.createTempFile("permed-outside-calls", ".tsv");
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return OutsideCalls.parse(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a temporary outside-call file", e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temporary file; the OS removes it
                }
            }
        }
    }
}
