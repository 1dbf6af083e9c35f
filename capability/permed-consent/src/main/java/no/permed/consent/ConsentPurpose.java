package no.permed.consent;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import no.permed.kernel.PermedException;

/**
 * What data may be used for: a DUO permission code and, for disease-specific research ({@link DuoCode#DS}) only, the
 * MONDO identifier of the disease ({@code MONDO:0007254}).
 */
public record ConsentPurpose(DuoCode code, Optional<String> mondo) {
    private static final Pattern MONDO = Pattern.compile("MONDO:[0-9]{7}");

    public ConsentPurpose {
        requireNonNull(code, "code is null");
        requireNonNull(mondo, "mondo is null");
        if (code.kind() != DuoCode.Kind.PERMISSION) {
            throw invalid("DUO code " + code + " (" + code.identifier() + ") is a modifier, not a purpose");
        }
        if (code == DuoCode.DS && mondo.isEmpty()) {
            throw invalid("disease-specific research (DS) needs the MONDO identifier of the disease");
        }
        if (code != DuoCode.DS && mondo.isPresent()) {
            throw invalid("only disease-specific research (DS) names a disease; " + code + " does not");
        }
        if (mondo.isPresent() && !MONDO.matcher(mondo.get()).matches()) {
            throw invalid("'" + mondo.get() + "' is not a MONDO identifier (MONDO: and seven digits)");
        }
    }

    /** A purpose without a disease. */
    public static ConsentPurpose of(DuoCode code) {
        return new ConsentPurpose(code, Optional.empty());
    }

    /** Disease-specific research on a MONDO disease. */
    public static ConsentPurpose diseaseSpecific(String mondo) {
        return new ConsentPurpose(DuoCode.DS, Optional.of(requireNonNull(mondo, "mondo is null")));
    }

    /** Parses {@code GRU}, {@code DUO:0000006} or {@code DS:MONDO:0007254}. */
    public static ConsentPurpose parse(String text) {
        requireNonNull(text, "text is null");
        int colon = text.indexOf(":MONDO:");
        if (colon > 0) {
            return new ConsentPurpose(DuoCode.parse(text.substring(0, colon)), Optional.of(text.substring(colon + 1)));
        }
        return new ConsentPurpose(DuoCode.parse(text), Optional.empty());
    }

    /** Whether a consent for this purpose covers a use for {@code use} (a DS consent only its own disease). */
    public boolean covers(ConsentPurpose use) {
        if (!code.covers(use.code)) {
            return false;
        }
        return code != DuoCode.DS || mondo.equals(use.mondo);
    }

    /** {@code GRU}, or {@code DS:MONDO:0007254}. */
    @Override
    public String toString() {
        return mondo.map(disease -> code + ":" + disease).orElse(code.name());
    }

    private static PermedException invalid(String message) {
        return new PermedException(ConsentErrorCode.INVALID_PURPOSE, message, Map.of("field", "purpose"));
    }
}
