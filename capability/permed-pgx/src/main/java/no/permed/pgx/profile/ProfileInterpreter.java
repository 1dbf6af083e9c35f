package no.permed.pgx.profile;

import no.permed.pgx.call.CallResult;
import no.permed.pgx.interpret.OutsideCalls;
import no.permed.pgx.interpret.PgxInterpreter;
import no.permed.pgx.interpret.PgxReport;

/**
 * Turns a profile's calls into phenotypes and recommendations with the knowledge of the day. In production this is
 * {@link PgxInterpreter#interpret(CallResult, OutsideCalls)} ({@link #of(PgxInterpreter)}); tests may give another
 * knowledge result to simulate a new guideline release.
 */
@FunctionalInterface
public interface ProfileInterpreter {
    /** Interprets the calls; the report's {@link PgxReport#dataVersion()} names the knowledge used. */
    PgxReport interpret(CallResult calls, OutsideCalls outside);

    /** The interpreter as a profile interpreter. */
    static ProfileInterpreter of(PgxInterpreter interpreter) {
        java.util.Objects.requireNonNull(interpreter, "interpreter is null");
        return interpreter::interpret;
    }
}
