package no.permed.pgx.profile.internal;

import java.util.List;
import no.permed.pgx.interpret.OutsideCall;
import no.permed.pgx.interpret.OutsideCalls;
import no.permed.pgx.knowledge.PgxKnowledge;

/**
 * Stored outside calls back into the {@link OutsideCalls} the interpreter takes, checked against the knowledge of the
 * day exactly as a file would be (so a stored allele that a later release no longer knows is named, not ignored).
 */
public final class OutsideCallsBridge {
    private OutsideCallsBridge() {
    }

    public static OutsideCalls of(List<OutsideCall> calls) {
        if (calls.isEmpty()) {
            return OutsideCalls.none();
        }
        return OutsideCalls.of(calls, "the stored profile", PgxKnowledge.load());
    }
}
