package no.permed.app.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import no.permed.kernel.PermedException;

/** Typed reading of resolved settings; every error names the key, the bad value and where it came from. */
final class Values {
    private final ResolvedConfiguration resolved;

    Values(ResolvedConfiguration resolved) {
        this.resolved = resolved;
    }

    String text(Setting setting) {
        return resolved.get(setting);
    }

    Optional<String> optionalText(Setting setting) {
        String value = resolved.get(setting);
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    long integer(Setting setting, long minimum, long maximum) {
        String value = resolved.get(setting);
        long number;
        try {
            number = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw invalid(setting, "must be a whole number from " + minimum + " to " + maximum);
        }
        if (number < minimum || number > maximum) {
            throw invalid(setting, "must be from " + minimum + " to " + maximum);
        }
        return number;
    }

    boolean bool(Setting setting) {
        String value = resolved.get(setting).toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw invalid(setting, "must be true or false");
        };
    }

    Path path(Setting setting) {
        try {
            return Path.of(resolved.get(setting));
        } catch (InvalidPathException e) {
            throw invalid(setting, "is not a valid path");
        }
    }

    Optional<URI> httpUri(Setting setting) {
        Optional<String> value = optionalText(setting);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(value.get());
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
                throw invalid(setting, "must be an http(s) URL with a host");
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            throw invalid(setting, "is not a valid URL");
        }
    }

    PermedException invalid(Setting setting, String problem) {
        String shown = setting.isSecret() ? "***" : "'" + resolved.get(setting) + "'";
        return new PermedException(
                AppErrorCode.INVALID_CONFIGURATION,
                setting.key() + " " + problem + ", was " + shown + " (from " + resolved.origin(setting) + ")",
                Map.of("field", setting.key()));
    }
}
