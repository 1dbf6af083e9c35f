package no.permed.prs.report;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import no.permed.prs.match.MatchOutcome;
import no.permed.prs.match.MatchReport;
import no.permed.prs.person.PersonalScore;
import no.permed.prs.person.PopulationChoice;

/**
 * The clinician's report of one person's polygenic score as one self-contained HTML page (inline CSS, the reference
 * distribution as an inline SVG histogram, no JavaScript, nothing loaded from elsewhere), in Norwegian bokmål or
 * English, laid out like the pharmacogenomic report. XHTML-compatible (every element closed, only XML entities), so it
 * can be checked with an XML parser.
 *
 * <p>Order: the score (ID, name, trait, file) with its <b>licence</b> in a box of its own (some PGS Catalog scores are
 * CC BY-NC-ND or carry the authors' own terms, and the reader must see that), the result (percentile, z, band, sum),
 * the histogram of the reference population's sums with the person's place marked, the reference population and how it
 * was chosen (named, or the nearest super-population on the reference's principal components), the match report, and
 * what the number does not say.
 *
 * <p>Every string that comes from a scoring file or a caller (names, trait, licence, citation, population codes) is
 * HTML-escaped.
 */
public final class PrsHtmlReport {
    /** Norwegian bokmål, the default language of the report. */
    public static final Locale NORWEGIAN_BOKMAL = Locale.forLanguageTag("nb");
    public static final Locale ENGLISH = Locale.forLanguageTag("en");
    static final int BINS = 30;
    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private static final String CSS = """
            @page { size: A4; margin: 15mm 14mm 17mm 14mm; }
            html { font-family: "Segoe UI", Arial, "Liberation Sans", Helvetica, sans-serif; font-size: 10.5pt; color: #111; background: #fff; }
            body { margin: 0 auto; max-width: 182mm; padding: 8mm 4mm; line-height: 1.35; }
            h1 { font-size: 18pt; margin: 0 0 2pt 0; }
            h2 { font-size: 13.5pt; margin: 16pt 0 6pt 0; padding-bottom: 2pt; border-bottom: 1.5pt solid #1f3b57; }
            p { margin: 3pt 0 5pt 0; }
            .subtitle { font-size: 11pt; color: #333; margin-top: 0; }
            table { border-collapse: collapse; margin: 4pt 0 8pt 0; }
            th, td { border: 0.75pt solid #9aa5b1; padding: 3pt 5pt; text-align: left; vertical-align: top; }
            tbody th { background: #e6ecf2; font-weight: bold; }
            .licence { border: 1.5pt solid #8a5a00; background: #fff7e6; padding: 5pt 7pt; margin: 6pt 0; }
            .licence.restricted { border-color: #a00; background: #fdecec; }
            .result { font-size: 12pt; }
            .band { font-weight: bold; color: #a00; }
            .note { color: #333; font-size: 9.5pt; }
            svg { display: block; margin: 4pt 0; }
            """;

    private static final Map<String, String> NB = Map.ofEntries(
            Map.entry("title", "Polygen risikoskår"),
            Map.entry("subtitle", "Rapport for behandlende lege"),
            Map.entry("patient", "Pasient (pseudonym)"),
            Map.entry("created", "Laget"),
            Map.entry("score", "Skår"),
            Map.entry("scoreId", "Skår-ID"),
            Map.entry("name", "Navn"),
            Map.entry("trait", "Egenskap"),
            Map.entry("file", "Skårfil"),
            Map.entry("citation", "Kilde"),
            Map.entry("licence", "Lisens"),
            Map.entry("restricted", "Lisensen begrenser bruken (f.eks. ikke kommersiell bruk, ingen bearbeidinger). Følg den."),
            Map.entry("result", "Resultat"),
            Map.entry("percentile", "Persentil"),
            Map.entry("z", "Z-skår"),
            Map.entry("band", "Risikogruppe"),
            Map.entry("noBand", "ingen (under alle terskler)"),
            Map.entry("noBands", "ingen risikogrupper valgt"),
            Map.entry("sum", "Skårsum"),
            Map.entry("variantsUsed", "Varianter brukt (i både pasient og referanse)"),
            Map.entry("imputed", "Manglende genotyper"),
            Map.entry("imputedText", "erstattet med forventningen fra allelfrekvensene i referansepopulasjonen %s"),
            Map.entry("placeText", "Skåren er høyere enn eller lik skåren til %s %% av referansepopulasjonen %s (%d personer)."),
            Map.entry("distribution", "Fordelingen i referansepopulasjonen"),
            Map.entry("svgTitle", "Histogram over skårsummene i referansepopulasjonen %s; pasientens skår er markert med en rød linje"),
            Map.entry("axis", "skårsum"),
            Map.entry("count", "antall"),
            Map.entry("patientMark", "pasienten"),
            Map.entry("reference", "Referansepopulasjon"),
            Map.entry("panel", "Referansepanel"),
            Map.entry("population", "Populasjon"),
            Map.entry("size", "Antall i populasjonen"),
            Map.entry("mean", "Gjennomsnitt (sd)"),
            Map.entry("chosen", "Valgt slik"),
            Map.entry("given", "oppgitt av den som ba om skåren"),
            Map.entry("ancestry", "nærmeste superpopulasjon ved projeksjon på referansens hovedkomponenter (PCA)"),
            Map.entry("ancestryDetail", "%d av %d varianter i modellen er kalt hos pasienten; avstand til hver superpopulasjon: %s"),
            Map.entry("match", "Varianter i skåren funnet hos pasienten"),
            Map.entry("matchText", "%d av %d varianter funnet (%s %%); minst %s %% kreves."),
            Map.entry("MATCHED", "funnet"),
            Map.entry("EXCLUDED_AMBIGUOUS", "utelatt: strengtvetydige (A/T, C/G)"),
            Map.entry("EXCLUDED_MULTIALLELIC", "utelatt: multialleliske"),
            Map.entry("EXCLUDED_DUPLICATE", "utelatt: duplikater"),
            Map.entry("EXCLUDED_FLIP", "utelatt: krever strengbytte"),
            Map.entry("UNMATCHED", "ikke funnet"),
            Map.entry("limits", "Hva tallet ikke sier"),
            Map.entry("limitsText", "En polygen risikoskår sier hvor pasienten ligger blant personer med lignende opphav i "
                    + "referansepopulasjonen, ikke pasientens absolutte risiko. Skåren er utviklet i bestemte populasjoner og "
                    + "kan være mindre treffsikker for andre. Den skal tolkes sammen med klinikk, familiehistorie og andre "
                    + "risikofaktorer."));

    private static final Map<String, String> EN = Map.ofEntries(
            Map.entry("title", "Polygenic risk score"),
            Map.entry("subtitle", "Report for the treating clinician"),
            Map.entry("patient", "Patient (pseudonym)"),
            Map.entry("created", "Created"),
            Map.entry("score", "Score"),
            Map.entry("scoreId", "Score ID"),
            Map.entry("name", "Name"),
            Map.entry("trait", "Trait"),
            Map.entry("file", "Scoring file"),
            Map.entry("citation", "Citation"),
            Map.entry("licence", "Licence"),
            Map.entry("restricted", "The licence restricts use (e.g. no commercial use, no derivatives). Respect it."),
            Map.entry("result", "Result"),
            Map.entry("percentile", "Percentile"),
            Map.entry("z", "Z-score"),
            Map.entry("band", "Risk band"),
            Map.entry("noBand", "none (below every threshold)"),
            Map.entry("noBands", "no risk bands chosen"),
            Map.entry("sum", "Score sum"),
            Map.entry("variantsUsed", "Variants used (in both patient and reference)"),
            Map.entry("imputed", "Missing genotypes"),
            Map.entry("imputedText", "replaced by the expectation from the allele frequencies of the reference population %s"),
            Map.entry("placeText", "The score is higher than or equal to that of %s %% of the reference population %s (%d people)."),
            Map.entry("distribution", "Distribution in the reference population"),
            Map.entry("svgTitle", "Histogram of the score sums of the reference population %s; the patient's score is marked by a red line"),
            Map.entry("axis", "score sum"),
            Map.entry("count", "count"),
            Map.entry("patientMark", "patient"),
            Map.entry("reference", "Reference population"),
            Map.entry("panel", "Reference panel"),
            Map.entry("population", "Population"),
            Map.entry("size", "People in the population"),
            Map.entry("mean", "Mean (sd)"),
            Map.entry("chosen", "Chosen by"),
            Map.entry("given", "named by whoever asked for the score"),
            Map.entry("ancestry", "nearest super-population on projection onto the reference's principal components (PCA)"),
            Map.entry("ancestryDetail", "%d of the model's %d variants are called in the patient; distance to each super-population: %s"),
            Map.entry("match", "Variants of the score found in the patient"),
            Map.entry("matchText", "%d of %d variants found (%s %%); at least %s %% are required."),
            Map.entry("MATCHED", "found"),
            Map.entry("EXCLUDED_AMBIGUOUS", "excluded: strand-ambiguous (A/T, C/G)"),
            Map.entry("EXCLUDED_MULTIALLELIC", "excluded: multi-allelic"),
            Map.entry("EXCLUDED_DUPLICATE", "excluded: duplicates"),
            Map.entry("EXCLUDED_FLIP", "excluded: needs a strand flip"),
            Map.entry("UNMATCHED", "not found"),
            Map.entry("limits", "What the number does not say"),
            Map.entry("limitsText", "A polygenic risk score tells where the patient lies among people of similar ancestry in the "
                    + "reference population, not the patient's absolute risk. Scores are developed in particular populations and "
                    + "may predict less well in others. Interpret it together with the clinical picture, family history and other "
                    + "risk factors."));

    private final Clock clock;

    public PrsHtmlReport(Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * @param patient the label of the person (a pseudonym; never a name)
     * @param banded whether risk bands were given (so that "no band" reads as below every threshold)
     */
    public String render(PersonalScore result, String patient, boolean banded, Locale language) {
        requireNonNull(result, "result is null");
        requireNonNull(patient, "patient is null");
        requireNonNull(language, "language is null");
        Map<String, String> m = language.getLanguage().equals("en") ? EN : NB;
        String lang = language.getLanguage().equals("en") ? "en" : "nb";
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html>\n<html lang=\"").append(lang).append("\" xmlns=\"http://www.w3.org/1999/xhtml\">\n<head>\n")
                .append("<meta charset=\"utf-8\" />\n<title>").append(escape(m.get("title") + " – " + result.scoreId()))
                .append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        html.append("<h1>").append(escape(m.get("title"))).append("</h1>\n<p class=\"subtitle\">").append(escape(m.get("subtitle")))
                .append("</p>\n<table class=\"meta\"><tbody>\n");
        row(html, m.get("patient"), patient);
        row(html, m.get("created"), ZonedDateTime.now(clock.withZone(OSLO)).format(TIME));
        html.append("</tbody></table>\n");

        // the score and its licence
        html.append("<h2>").append(escape(m.get("score"))).append("</h2>\n<table><tbody>\n");
        row(html, m.get("scoreId"), result.scoreId());
        result.header().pgsName().ifPresent(name -> row(html, m.get("name"), name));
        row(html, m.get("trait"), result.header().traitReported().orElse("–"));
        row(html, m.get("file"), result.fileName());
        result.header().citation().ifPresent(citation -> row(html, m.get("citation"), citation));
        html.append("</tbody></table>\n");
        String licence = result.header().licenseOrDefault();
        boolean restricted = restricted(licence);
        html.append("<div class=\"licence").append(restricted ? " restricted" : "").append("\"><strong>").append(escape(m.get("licence")))
                .append(":</strong> <span lang=\"en\">").append(escape(licence)).append("</span>");
        if (restricted) {
            html.append("<br /><strong>").append(escape(m.get("restricted"))).append("</strong>");
        }
        html.append("</div>\n");

        // the result
        html.append("<h2>").append(escape(m.get("result"))).append("</h2>\n<table class=\"result\"><tbody>\n");
        row(html, m.get("percentile"), number(result.percentile(), 1));
        row(html, m.get("z"), Double.isNaN(result.z()) ? "–" : number(result.z(), 2));
        html.append("<tr><th>").append(escape(m.get("band"))).append("</th><td>");
        if (result.band().isPresent()) {
            html.append("<span class=\"band\">").append(escape(result.band().get())).append("</span>");
        } else {
            html.append(escape(banded ? m.get("noBand") : m.get("noBands")));
        }
        html.append("</td></tr>\n");
        row(html, m.get("sum"), Double.toString(result.score().sum()));
        row(html, m.get("variantsUsed"), Integer.toString(result.sharedVariants()));
        result.imputedFrom().ifPresent(population -> row(html, m.get("imputed"), String.format(Locale.ROOT, m.get("imputedText"), population)));
        html.append("</tbody></table>\n<p>").append(escape(String.format(Locale.ROOT, m.get("placeText"), number(result.percentile(), 1),
                result.population(), result.distribution().size()))).append("</p>\n");

        // the distribution
        html.append("<h2>").append(escape(m.get("distribution"))).append("</h2>\n");
        histogram(html, result, m);

        // the reference population
        html.append("<h2>").append(escape(m.get("reference"))).append("</h2>\n<table><tbody>\n");
        row(html, m.get("panel"), result.reference());
        row(html, m.get("population"), result.population());
        row(html, m.get("size"), Integer.toString(result.distribution().size()));
        row(html, m.get("mean"), number(result.distribution().mean(), 4) + " (" + number(result.distribution().standardDeviation(), 4) + ")");
        row(html, m.get("chosen"), result.choice() == PopulationChoice.GIVEN ? m.get("given") : m.get("ancestry"));
        html.append("</tbody></table>\n");
        result.ancestry().ifPresent(assignment -> {
            StringBuilder distances = new StringBuilder();
            assignment.distances().forEach((population, distance) -> distances.append(distances.length() == 0 ? "" : ", ")
                    .append(population).append(' ').append(number(distance, 1)));
            html.append("<p class=\"note\">").append(escape(String.format(Locale.ROOT, m.get("ancestryDetail"),
                    assignment.variantsObserved(), assignment.variantsTotal(), distances))).append("</p>\n");
        });

        // the match report
        MatchReport match = result.match();
        html.append("<h2>").append(escape(m.get("match"))).append("</h2>\n<p>").append(escape(String.format(Locale.ROOT, m.get("matchText"),
                match.matched(), match.total(), number(100 * match.matchRate(), 2), number(100 * match.minimumOverlap(), 0))))
                .append("</p>\n<table><tbody>\n");
        for (MatchOutcome outcome : MatchOutcome.values()) {
            row(html, m.get(outcome.name()), Integer.toString(match.count(outcome)));
        }
        html.append("</tbody></table>\n");

        html.append("<h2>").append(escape(m.get("limits"))).append("</h2>\n<p>").append(escape(m.get("limitsText"))).append("</p>\n");
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    /** Whether a licence restricts use: non-commercial or no-derivatives terms (CC BY-NC…, CC BY-ND…, "non-commercial"). */
    static boolean restricted(String licence) {
        String text = licence.toUpperCase(Locale.ROOT);
        return text.matches("(?s).*\\b(BY-NC|BY-ND|NC-ND|NC-SA)\\b.*") || text.contains("NON-COMMERCIAL") || text.contains("NONCOMMERCIAL")
                || text.contains("NO DERIVATIVE");
    }

    /** Bin counts of the histogram: {@link #BINS} equal bins from the minimum to the maximum of the values. */
    static int[] bins(double[] values, double low, double high) {
        int[] counts = new int[BINS];
        double width = (high - low) / BINS;
        for (double value : values) {
            int bin = width <= 0 ? 0 : (int) Math.floor((value - low) / width);
            counts[Math.max(0, Math.min(BINS - 1, bin))]++;
        }
        return counts;
    }

    private static void histogram(StringBuilder html, PersonalScore result, Map<String, String> m) {
        double[] values = result.distribution().values();
        double person = result.score().sum();
        double low = Math.min(values[0], person);
        double high = Math.max(values[values.length - 1], person);
        if (high == low) {
            high = low + 1;
        }
        int[] counts = bins(values, low, high);
        int max = 1;
        for (int count : counts) {
            max = Math.max(max, count);
        }
        int width = 600;
        int height = 220;
        int left = 40;
        int bottom = 30;
        int top = 20;
        double plotWidth = width - left - 10;
        double plotHeight = height - bottom - top;
        double barWidth = plotWidth / BINS;
        String title = String.format(Locale.ROOT, m.get("svgTitle"), result.population());
        html.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\" role=\"img\" aria-label=\"")
                .append(escape(title)).append("\">\n<title>").append(escape(title)).append("</title>\n");
        for (int bin = 0; bin < BINS; bin++) {
            double barHeight = plotHeight * counts[bin] / max;
            html.append(String.format(Locale.ROOT,
                    "<rect class=\"bin\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"#9fb7cf\" stroke=\"#1f3b57\" "
                    + "stroke-width=\"0.5\" data-count=\"%d\" />%n", left + bin * barWidth, top + plotHeight - barHeight, barWidth,
                    barHeight, counts[bin]));
        }
        double x = left + plotWidth * (person - low) / (high - low);
        html.append(String.format(Locale.ROOT, "<line class=\"patient\" x1=\"%.2f\" y1=\"%d\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"#c00\" "
                + "stroke-width=\"2.5\" />%n", x, top - 8, x, top + plotHeight));
        html.append(String.format(Locale.ROOT, "<text x=\"%.2f\" y=\"%d\" font-size=\"11\" fill=\"#c00\" text-anchor=\"middle\">%s</text>%n",
                x, top - 10 + 8, escape(m.get("patientMark"))));
        html.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"#111\" />%n", left,
                top + plotHeight, left + plotWidth, top + plotHeight));
        html.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\">%s</text>%n", left, height - 8,
                escape(number(low, 3))));
        html.append(String.format(Locale.ROOT, "<text x=\"%.2f\" y=\"%d\" font-size=\"10\" text-anchor=\"end\">%s</text>%n",
                left + plotWidth, height - 8, escape(number(high, 3))));
        html.append(String.format(Locale.ROOT, "<text x=\"%.2f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>%n",
                left + plotWidth / 2, height - 8, escape(m.get("axis"))));
        html.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\" font-size=\"10\">%d</text>%n", top + 4, max));
        html.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%.2f\" font-size=\"10\">%s</text>%n", top + plotHeight / 2,
                escape(m.get("count"))));
        html.append("</svg>\n");
    }

    private static void row(StringBuilder html, String label, String value) {
        html.append("<tr><th>").append(escape(label)).append("</th><td>").append(escape(value)).append("</td></tr>\n");
    }

    private static String number(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** Escapes text for HTML element content and attribute values (XML entities only). */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                        out.append(' ');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** The report languages, Norwegian first. */
    public static List<Locale> languages() {
        return List.of(NORWEGIAN_BOKMAL, ENGLISH);
    }
}
