package no.permed.pgx.knowledge;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One recommendation of a guideline: for the genotype described by {@link #lookupKeys()} (all must match),
 * what to do with {@link #drugs()}.
 *
 * @param classification the strength (CPIC: Strong, Moderate, Optional, No recommendation; DPWG: mostly N/A)
 * @param textHtml the recommendation text as HTML, as the source has it; see {@link #text()}
 * @param alternateDrugAdvised whether the source flags that an alternative drug is advised
 */
public record Recommendation(
        String id,
        Guideline guideline,
        List<String> drugs,
        Optional<String> population,
        Optional<String> classification,
        String textHtml,
        List<String> implications,
        Map<String, LookupKey> lookupKeys,
        boolean alternateDrugAdvised,
        boolean dosingInformation,
        boolean otherPrescribingGuidance) {
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern SPACE = Pattern.compile("[ \\t]+");

    public Recommendation {
        requireNonNull(id, "id is null");
        requireNonNull(guideline, "guideline is null");
        requireNonNull(population, "population is null");
        requireNonNull(classification, "classification is null");
        requireNonNull(textHtml, "textHtml is null");
        drugs = List.copyOf(drugs);
        implications = List.copyOf(implications);
        lookupKeys = Map.copyOf(lookupKeys);
        if (lookupKeys.isEmpty()) {
            throw new IllegalArgumentException("recommendation " + id + " has no lookup key");
        }
    }

    public PgxSource source() {
        return guideline.source();
    }

    /** The text without HTML tags and with the common entities decoded (computed once per text). */
    public String text() {
        String known = TEXTS.get(textHtml);
        if (known != null) {
            return known;
        }
        String text = plain(textHtml);
        if (TEXTS.size() < 20_000) {   // the knowledge holds a few thousand texts
            TEXTS.put(textHtml, text);
        }
        return text;
    }

    private static final java.util.Map<String, String> TEXTS = new java.util.concurrent.ConcurrentHashMap<>();

    private static String plain(String textHtml) {
        String s = TAG.matcher(textHtml).replaceAll(" ");
        s = s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&nbsp;", " ").replace("&amp;", "&");
        return SPACE.matcher(s).replaceAll(" ").replaceAll(" ?\n ?", "\n").strip();
    }
}
