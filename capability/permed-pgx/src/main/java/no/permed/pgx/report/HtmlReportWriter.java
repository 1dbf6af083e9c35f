package no.permed.pgx.report;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import no.permed.pgx.interpret.Diplotype;
import no.permed.pgx.interpret.DrugRecommendation;
import no.permed.pgx.interpret.GeneResult;
import no.permed.pgx.interpret.PgxReport;
import no.permed.pgx.knowledge.PgxSource;

/**
 * The clinician's report of one sample's pharmacogenomic result as one self-contained HTML file: inline CSS, no
 * JavaScript, no external resources (links only), laid out for A4 print. The file is XHTML-compatible (every element
 * closed, only XML entities), so it can also be checked with an XML parser.
 *
 * <p>Order: a header (sample, time, knowledge version), the summary of {@linkplain PrescribingImpact actionable
 * findings}, the gene table (diplotypes including ties, phenotype, activity score, outside call, missing positions), the
 * recommendations per drug (CPIC and DPWG separately), the warnings, and a footer with the data version, the licences
 * and attribution of the sources and the disclaimer.
 *
 * <p><b>Languages.</b> One file per language: {@link #writeFiles} writes Norwegian bokmål to
 * {@code <sample>.report.html}, the document for the patient record, and English to {@code <sample>.report.en.html},
 * for colleagues abroad and patients who do not read Norwegian. A report in one language is shorter on paper and
 * cannot be misread across languages. Our own labels and explanations come from {@code messages_nb.properties} and
 * {@code messages_en.properties}; phenotype names, allele names and guideline texts are the sources' words and stay in
 * English (marked {@code lang="en"}).
 *
 * <p>Every string from the report (sample name, warnings, guideline texts...) is HTML-escaped. Links are written only
 * for {@code http(s)} addresses.
 */
public final class HtmlReportWriter {
    /** Norwegian bokmål, the language of {@code <sample>.report.html}. */
    public static final Locale NORWEGIAN_BOKMAL = Locale.forLanguageTag("nb");
    /** English, the language of {@code <sample>.report.en.html}. */
    public static final Locale ENGLISH = Locale.forLanguageTag("en");
    /** The report languages, Norwegian first. */
    public static final List<Locale> LANGUAGES = List.of(NORWEGIAN_BOKMAL, ENGLISH);

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final Pattern FILE_NAME_UNSAFE = Pattern.compile("[^A-Za-z0-9._-]");
    private static final Pattern OTHER_CONSIDERATIONS = Pattern.compile("(?m)^[ \\t]*Other Considerations:?[ \\t]*$");

    private final Clock clock;
    private final Map<String, Messages> messages;

    /** A rendered recommendation table, by the language's messages and the recommendation (equal records render alike). */
    private record Fragment(Messages language, DrugRecommendation recommendation) {
    }

    private static final int MAX_FRAGMENTS = 20_000;
    private static final Map<Fragment, byte[]> FRAGMENTS = new java.util.concurrent.ConcurrentHashMap<>();
    /** One document buffer per thread, reused: a report is a few hundred kilobytes. */
    private static final ThreadLocal<Utf8Buffer> BUFFERS = ThreadLocal.withInitial(() -> new Utf8Buffer(512 * 1024));

    private HtmlReportWriter(Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
        this.messages = Map.of(
                Messages.NORWEGIAN_BOKMAL, Messages.load(Messages.NORWEGIAN_BOKMAL), Messages.ENGLISH, Messages.load(Messages.ENGLISH));
    }

    /** A writer that stamps reports with the current time in Norway. */
    public static HtmlReportWriter create() {
        return new HtmlReportWriter(Clock.system(OSLO));
    }

    /** A writer that stamps reports with {@code clock}'s time, in the clock's zone. */
    public static HtmlReportWriter create(Clock clock) {
        return new HtmlReportWriter(clock);
    }

    /**
     * Writes the report in one language.
     *
     * @param language Norwegian ({@code nb}, also accepted as {@code no}) or English ({@code en})
     * @throws IllegalArgumentException for another language
     */
    public void write(PgxReport report, Locale language, Writer out) throws IOException {
        requireNonNull(out, "out is null");
        out.write(render(report, language));
        out.flush();
    }

    /** The report in one language as a string; see {@link #write}. */
    public String render(PgxReport report, Locale language) {
        requireNonNull(report, "report is null");
        Messages text = messages.get(Messages.languageOf(language));
        return new Document(report, text, ZonedDateTime.now(clock)).render();
    }

    /**
     * Writes {@code <sample>.report.html} (Norwegian bokmål) and {@code <sample>.report.en.html} (English) into
     * {@code directory}, each atomically (a temporary file, then a rename), replacing earlier files of the same name.
     *
     * @return the two files, Norwegian first
     */
    public List<Path> writeFiles(PgxReport report, Path directory) throws IOException {
        requireNonNull(report, "report is null");
        requireNonNull(directory, "directory is null");
        Files.createDirectories(directory);
        List<Path> written = new ArrayList<>();
        for (Locale language : LANGUAGES) {
            Path file = directory.resolve(fileName(report.sample(), language));
            Path temporary = Files.createTempFile(directory, ".report-", ".tmp");
            try {
                Messages text = messages.get(Messages.languageOf(language));
                try (java.io.OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16)) {
                    new Document(report, text, ZonedDateTime.now(clock)).renderTo(out);
                }
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
            written.add(file);
        }
        return List.copyOf(written);
    }

    /**
     * The file name of a sample's report: {@code <sample>.report.html} in Norwegian, {@code <sample>.report.en.html} in
     * English. Characters other than {@code A-Z a-z 0-9 . _ -} in the sample name, and a leading dot, become {@code _}.
     */
    public static String fileName(String sample, Locale language) {
        requireNonNull(sample, "sample is null");
        String safe = FILE_NAME_UNSAFE.matcher(sample).replaceAll("_");
        if (safe.isEmpty() || safe.startsWith(".")) {
            safe = "_" + safe;
        }
        String suffix = Messages.languageOf(language).equals(Messages.NORWEGIAN_BOKMAL) ? ".report.html" : ".report.en.html";
        return safe + suffix;
    }

    /**
     * One line of the warnings section: about the whole sample or a gene; {@code english} when the text is the
     * interpreter's (English) rather than ours.
     */
    private record Warning(String subject, String text, boolean english) {
        static Warning ours(String subject, String text) {
            return new Warning(subject, text, false);
        }

        static Warning fromSource(String subject, String text) {
            return new Warning(subject, text, true);
        }
    }

    /** One rendering of one report in one language. */
    private static final class Document {
        private final PgxReport report;
        private final Messages text;
        private final ZonedDateTime now;
        private HtmlBuilder html = new HtmlBuilder(BUFFERS.get().reset());
        /** The recommendations grouped by drug, in report order. */
        private final Map<String, List<DrugRecommendation>> byDrug = new LinkedHashMap<>();
        /** The anchor of each drug's section. */
        private final Map<String, String> anchors = new LinkedHashMap<>();

        Document(PgxReport report, Messages text, ZonedDateTime now) {
            this.report = report;
            this.text = text;
            this.now = now;
            for (DrugRecommendation recommendation : report.recommendations()) {
                byDrug.computeIfAbsent(recommendation.drug(), d -> new ArrayList<>()).add(recommendation);
            }
            int index = 1;
            for (String drug : byDrug.keySet()) {
                anchors.put(drug, "drug-" + index++);
            }
        }

        String render() {
            return new String(renderBytes(), StandardCharsets.UTF_8);
        }

        byte[] renderBytes() {
            build();
            return html.finishBytes();
        }

        void renderTo(java.io.OutputStream target) throws IOException {
            build();
            html.finishTo(target);
        }

        private void build() {
            html.raw("<!DOCTYPE html>\n");
            html.open("html", "xmlns", "http://www.w3.org/1999/xhtml", "lang", text.language(), "xml:lang", text.language());
            head();
            html.open("body");
            header();
            summary();
            genes();
            recommendations();
            warnings();
            footer();
            html.close("body");
            html.close("html");
            html.raw("\n");
        }

        private void head() {
            html.open("head");
            html.empty("meta", "charset", "utf-8");
            html.empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1");
            html.element("title", text.get("document.title") + " \u2013 " + report.sample());
            html.open("style").raw(Style.CSS).close("style");
            html.close("head");
        }

        private void header() {
            html.open("header");
            html.element("h1", text.get("document.title"));
            html.element("p", text.get("document.subtitle"), "class", "subtitle");
            html.open("table", "class", "meta");
            html.open("tbody");
            metaRow(text.get("header.sample"), report.sample(), null);
            metaRow(text.get("header.generated"), TIME.format(now) + " (" + now.getZone().getId() + ")", null);
            metaRow(text.get("header.dataVersion"), report.dataVersion(), "en");
            html.close("tbody");
            html.close("table");
            html.element("p", text.get("header.languageNote"), "class", "note");
            html.close("header");
        }

        private void metaRow(String label, String value, String language) {
            html.open("tr").element("th", label, "scope", "row");
            if (language == null) {
                html.element("td", value);
            } else {
                html.element("td", value, "lang", language);
            }
            html.close("tr");
        }

        // ---- summary ----

        private void summary() {
            html.open("section", "class", "summary", "id", "summary");
            html.element("h2", text.get("summary.title"));
            List<String> actionable = new ArrayList<>();
            int standard = 0;
            int none = 0;
            for (Map.Entry<String, List<DrugRecommendation>> drug : byDrug.entrySet()) {
                switch (drugImpact(drug.getValue())) {
                    case CHANGES_PRESCRIBING -> actionable.add(drug.getKey());
                    case STANDARD_USE -> standard++;
                    case NO_RECOMMENDATION -> none++;
                }
            }
            if (actionable.isEmpty()) {
                html.element("p", text.get("summary.none"), "class", "none");
            } else {
                summaryTable(actionable);
            }
            html.element("p", text.get("summary.counts", byDrug.size(), actionable.size(), standard, none));
            List<String> noCalls = genes(GeneResult::isNoCall);
            List<String> missing = genes(g -> !g.missingPositions().isEmpty());
            List<String> ties = genes(g -> g.sourceDiplotypes().size() > 1);
            if (!noCalls.isEmpty()) {
                html.element("p", text.get("summary.noCalls", String.join(", ", noCalls)), "class", "caution");
            }
            if (!missing.isEmpty()) {
                html.element("p", text.get("summary.missingPositions", String.join(", ", missing)), "class", "caution");
            }
            if (!ties.isEmpty()) {
                html.element("p", text.get("summary.ties", String.join(", ", ties)), "class", "caution");
            }
            html.element("p", text.get("summary.rule"), "class", "note");
            html.close("section");
        }

        private void summaryTable(List<String> drugs) {
            html.open("table", "class", "findings");
            html.open("thead").open("tr");
            html.element("th", text.get("table.drug"), "scope", "col");
            html.element("th", text.get("table.genotype"), "scope", "col");
            html.element("th", text.get("table.recommendation"), "scope", "col");
            html.element("th", text.get("table.alternate"), "scope", "col");
            html.close("tr").close("thead");
            html.open("tbody");
            for (String drug : drugs) {
                List<DrugRecommendation> changing = byDrug.get(drug).stream()
                        .filter(r -> PrescribingImpact.of(r) == PrescribingImpact.CHANGES_PRESCRIBING)
                        .toList();
                html.open("tr");
                html.open("td").element("strong", drug, "lang", "en").close("td");
                html.open("td");
                genotypeLines(changing);
                html.close("td");
                html.open("td");
                for (DrugRecommendation recommendation : changing) {
                    html.open("p", "class", "compact");
                    html.element("strong", label(recommendation) + ": ", "lang", "en");
                    html.open("span", "lang", "en").textWithBreaks(PrescribingImpact.mainText(recommendation.text())).close("span");
                    html.close("p");
                }
                html.open("p", "class", "compact").element("a", text.get("summary.details"), "href", "#" + anchors.get(drug)).close("p");
                html.close("td");
                boolean alternate = changing.stream().anyMatch(DrugRecommendation::alternateDrugAdvised);
                html.element("td", yesNo(alternate), "class", alternate ? "flag" : "plain");
                html.close("tr");
            }
            html.close("tbody");
            html.close("table");
        }

        /** The gene → lookup value pairs of the recommendations, distinct, by gene. */
        private void genotypeLines(List<DrugRecommendation> recommendations) {
            TreeSet<String> lines = new TreeSet<>();
            for (DrugRecommendation recommendation : recommendations) {
                new TreeMap<>(recommendation.genotype()).forEach((gene, value) -> lines.add(gene + ": " + value));
            }
            boolean first = true;
            for (String line : lines) {
                if (!first) {
                    html.empty("br");
                }
                html.element("span", line, "lang", "en");
                first = false;
            }
        }

        /** {@code CPIC · Strong · CVI ACS PCI}. */
        private static String label(DrugRecommendation recommendation) {
            StringBuilder s = new StringBuilder(recommendation.source().name());
            recommendation.strength().ifPresent(strength -> s.append(" \u00b7 ").append(strength));
            recommendation.population().ifPresent(population -> s.append(" \u00b7 ").append(population));
            return s.toString();
        }

        /** A drug changes prescribing when any of its recommendations does; otherwise it is standard when any says so. */
        private static PrescribingImpact drugImpact(List<DrugRecommendation> recommendations) {
            List<PrescribingImpact> impacts = recommendations.stream().map(PrescribingImpact::of).toList();
            if (impacts.contains(PrescribingImpact.CHANGES_PRESCRIBING)) {
                return PrescribingImpact.CHANGES_PRESCRIBING;
            }
            if (impacts.contains(PrescribingImpact.STANDARD_USE)) {
                return PrescribingImpact.STANDARD_USE;
            }
            return PrescribingImpact.NO_RECOMMENDATION;
        }

        private List<String> genes(Predicate<GeneResult> filter) {
            return report.genes().stream().filter(filter).map(GeneResult::gene).toList();
        }

        // ---- genes ----

        private void genes() {
            html.open("section", "id", "genes");
            html.element("h2", text.get("genes.title"));
            html.open("table", "class", "genes");
            html.open("thead").open("tr");
            for (String key : List.of("genes.gene", "genes.diplotype", "genes.phenotype", "genes.activityScore", "genes.outsideCall",
                    "genes.missingPositions")) {
                html.element("th", text.get(key), "scope", "col");
            }
            html.close("tr").close("thead");
            html.open("tbody");
            for (GeneResult gene : report.genes()) {
                geneRow(gene);
            }
            html.close("tbody");
            html.close("table");
            html.element("p", text.get("genes.legend"), "class", "note");
            html.close("section");
        }

        private void geneRow(GeneResult gene) {
            html.open("tr", "class", gene.isNoCall() ? "nocall" : "called");
            html.element("th", gene.gene(), "scope", "row");
            if (gene.isNoCall()) {
                html.open("td").element("strong", text.get("genes.noCall"), "class", "warn").close("td");
                html.element("td", text.get("genes.notApplicable"));
                html.element("td", text.get("genes.notApplicable"));
            } else {
                List<Diplotype> diplotypes = gene.sourceDiplotypes();
                html.open("td");
                lines(diplotypes.stream().map(Diplotype::label).toList(), null);
                if (diplotypes.size() > 1) {
                    html.empty("br").element("span", text.get("genes.tie", diplotypes.size()), "class", "warn");
                }
                List<String> lookup = gene.recommendationDiplotypes().stream().map(Diplotype::label).toList();
                if (!lookup.isEmpty() && !lookup.equals(diplotypes.stream().map(Diplotype::label).toList())) {
                    html.empty("br").element("span", text.get("genes.lookup", String.join(", ", lookup)), "class", "note");
                }
                html.close("td");
                html.open("td");
                lines(diplotypes.stream().map(d -> d.phenotype().filter(p -> !p.isBlank()).orElse(null)).toList(), "genes.notDetermined");
                html.close("td");
                html.open("td");
                lines(diplotypes.stream().map(d -> d.activityScore().orElse(null)).toList(), "genes.notApplicable");
                html.close("td");
            }
            html.element("td", yesNo(gene.outsideCall()));
            int missing = gene.missingPositions().size();
            if (missing == 0) {
                html.element("td", "0");
            } else {
                html.open("td", "class", "warn").text(Integer.toString(missing) + " (").text(text.get("genes.seeWarnings")).text(")").close("td");
            }
            html.close("tr");
        }

        /** One value per line; a {@code null} value is shown as the text of {@code emptyKey}, in the report's language. */
        private void lines(List<String> values, String emptyKey) {
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    html.empty("br");
                }
                String value = values.get(i);
                if (value == null) {
                    html.element("span", text.get(emptyKey), "class", "muted");
                } else {
                    html.element("span", value, "lang", "en");
                }
            }
        }

        // ---- recommendations ----

        private void recommendations() {
            html.open("section", "id", "recommendations");
            html.element("h2", text.get("recommendations.title"));
            if (byDrug.isEmpty()) {
                html.element("p", text.get("recommendations.none"));
            }
            for (Map.Entry<String, List<DrugRecommendation>> drug : byDrug.entrySet()) {
                html.open("section", "class", "drug", "id", anchors.get(drug.getKey()));
                html.open("h3").element("span", drug.getKey(), "lang", "en").text(" ");
                badge(drugImpact(drug.getValue()));
                html.close("h3");
                for (PgxSource source : PgxSource.values()) {
                    List<DrugRecommendation> fromSource = drug.getValue().stream().filter(r -> r.source() == source).toList();
                    if (fromSource.isEmpty()) {
                        continue;
                    }
                    html.element("h4", source.name());
                    for (DrugRecommendation recommendation : fromSource) {
                        recommendation(recommendation);
                    }
                }
                html.close("section");
            }
            html.close("section");
        }

        private void badge(PrescribingImpact impact) {
            String style = switch (impact) {
                case CHANGES_PRESCRIBING -> "badge changes";
                case STANDARD_USE -> "badge standard";
                case NO_RECOMMENDATION -> "badge none";
            };
            html.element("span", text.get("impact." + impact.name()), "class", style);
        }

        /**
         * One recommendation's table. It depends only on the recommendation and the language, and a cohort's reports
         * repeat the same few hundred recommendations, so the markup is rendered once and reused.
         */
        private void recommendation(DrugRecommendation recommendation) {
            Fragment key = new Fragment(text, recommendation);
            byte[] markup = FRAGMENTS.get(key);
            if (markup == null) {
                HtmlBuilder document = html;
                html = new HtmlBuilder();
                try {
                    renderRecommendation(recommendation);
                    markup = html.finishBytes();
                } finally {
                    html = document;
                }
                if (FRAGMENTS.size() < MAX_FRAGMENTS) {
                    FRAGMENTS.put(key, markup);
                }
            }
            html.raw(markup);
        }

        private void renderRecommendation(DrugRecommendation recommendation) {
            html.open("table", "class", "recommendation");
            html.open("tbody");
            html.open("tr").element("th", text.get("recommendations.genotype"), "scope", "row").open("td");
            genotypeLines(List.of(recommendation));
            html.text(" ");
            badge(PrescribingImpact.of(recommendation));
            html.close("td").close("tr");

            html.open("tr").element("th", text.get("recommendations.population"), "scope", "row");
            if (recommendation.population().isPresent()) {
                html.element("td", recommendation.population().get(), "lang", "en");
            } else {
                html.element("td", text.get("recommendations.allPatients"), "class", "muted");
            }
            html.close("tr");

            html.open("tr").element("th", text.get("recommendations.strength"), "scope", "row");
            if (recommendation.strength().isPresent()) {
                html.element("td", recommendation.strength().get(), "lang", "en");
            } else {
                html.element("td", text.get("recommendations.notGiven"), "class", "muted");
            }
            html.close("tr");

            html.open("tr").element("th", text.get("recommendations.text"), "scope", "row").open("td", "lang", "en");
            recommendationText(recommendation.text());
            html.close("td").close("tr");

            if (!recommendation.implications().isEmpty()) {
                html.open("tr").element("th", text.get("recommendations.implications"), "scope", "row").open("td", "lang", "en");
                html.open("ul", "class", "compact");
                for (String implication : recommendation.implications()) {
                    html.element("li", implication);
                }
                html.close("ul");
                html.close("td").close("tr");
            }

            html.open("tr").element("th", text.get("recommendations.alternate"), "scope", "row");
            html.element("td", yesNo(recommendation.alternateDrugAdvised()), "class", recommendation.alternateDrugAdvised() ? "flag" : "plain");
            html.close("tr");

            html.open("tr").element("th", text.get("recommendations.guideline"), "scope", "row").open("td");
            html.element("span", recommendation.guidelineName(), "lang", "en");
            html.text(", " + text.get("recommendations.version", recommendation.guidelineVersion()));
            html.text(", " + text.get("recommendations.id", recommendation.recommendationId()));
            html.empty("br");
            link(recommendation.guidelineUrl());
            html.close("td").close("tr");
            html.close("tbody");
            html.close("table");
        }

        /** The main text as paragraphs, then the {@code Other Considerations} part under its own heading. */
        private void recommendationText(String recommendationText) {
            var matcher = OTHER_CONSIDERATIONS.matcher(recommendationText);
            if (matcher.find()) {
                html.open("p", "class", "compact").textWithBreaks(recommendationText.substring(0, matcher.start()).strip()).close("p");
                html.open("p", "class", "considerations").element("strong", "Other Considerations").empty("br")
                        .textWithBreaks(recommendationText.substring(matcher.end()).strip()).close("p");
            } else {
                html.open("p", "class", "compact").textWithBreaks(recommendationText.strip()).close("p");
            }
        }

        /** An {@code http(s)} address as a link showing the address (readable on paper); anything else as plain text. */
        private void link(String url) {
            String lower = url.toLowerCase(Locale.ROOT);
            if (lower.startsWith("https://") || lower.startsWith("http://")) {
                html.element("a", url, "href", url);
            } else {
                html.text(url);
            }
        }

        // ---- warnings ----

        private void warnings() {
            html.open("section", "id", "warnings");
            html.element("h2", text.get("warnings.title"));
            List<Warning> items = new ArrayList<>();
            for (String warning : report.warnings()) {
                items.add(Warning.fromSource(text.get("warnings.sample"), warning));
            }
            for (GeneResult gene : report.genes()) {
                if (gene.isNoCall()) {
                    items.add(Warning.ours(gene.gene(), text.get("warnings.noCall")));
                }
                if (gene.sourceDiplotypes().size() > 1) {
                    String labels = gene.sourceDiplotypes().stream().map(Diplotype::label).collect(Collectors.joining(", "));
                    items.add(Warning.ours(gene.gene(), text.get("warnings.tie", gene.sourceDiplotypes().size(), labels)));
                }
                if (!gene.missingPositions().isEmpty()) {
                    items.add(Warning.ours(gene.gene(),
                            text.get("warnings.missingPositions", gene.missingPositions().size(), String.join(", ", gene.missingPositions()))));
                }
                for (String warning : gene.warnings()) {
                    items.add(Warning.fromSource(gene.gene(), warning));
                }
            }
            if (items.isEmpty()) {
                html.element("p", text.get("warnings.none"));
            } else {
                html.open("ul", "class", "warnings");
                for (Warning item : items) {
                    html.open("li").element("strong", item.subject()).text(": ");
                    if (item.english()) {
                        html.element("span", item.text(), "lang", "en");
                    } else {
                        html.text(item.text());
                    }
                    html.close("li");
                }
                html.close("ul");
            }
            html.close("section");
        }

        // ---- footer ----

        private void footer() {
            html.open("footer");
            html.element("h2", text.get("footer.title"));
            html.open("p").text(text.get("footer.dataVersion") + " ").element("span", report.dataVersion(), "lang", "en").close("p");
            html.element("p", text.get("footer.sources"));
            html.open("ul", "class", "compact");
            source(text.get("footer.cpic"), "https://cpicpgx.org/license/");
            source(text.get("footer.pharmvar"), "https://www.pharmvar.org/");
            source(text.get("footer.clinpgx"), "https://www.clinpgx.org/");
            html.close("ul");
            html.element("p", text.get("footer.pharmcat"));
            html.element("p", text.get("footer.trademark"));
            html.element("p", text.get("footer.endorsement"));
            html.open("p", "class", "disclaimer").element("strong", text.get("footer.disclaimer")).close("p");
            html.element("p", text.get("footer.generatedBy"), "class", "note");
            html.close("footer");
        }

        private void source(String description, String url) {
            html.open("li").text(description + " \u2013 ");
            link(url);
            html.close("li");
        }

        private String yesNo(boolean value) {
            return text.get(value ? "yes" : "no");
        }
    }
}
