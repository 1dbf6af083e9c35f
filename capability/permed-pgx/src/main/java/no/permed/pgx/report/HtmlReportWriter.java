package no.permed.pgx.report;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
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

    /**
     * The bytes of rendered fragments kept, at most: beyond it fragments are rendered each time. A cohort's reports
     * repeat a few hundred distinct fragments (a few megabytes); the limit only matters for a long-lived writer fed
     * with ever new results.
     */
    private static final long FRAGMENT_BUDGET = 48L * 1024 * 1024;
    /** One document buffer per thread, reused: a report is a few hundred kilobytes. */
    private static final ThreadLocal<Utf8Buffer> BUFFERS = ThreadLocal.withInitial(() -> new Utf8Buffer(512 * 1024));

    private final Clock clock;
    private final Map<String, Messages> messages;
    /**
     * Rendered markup that depends only on the language and on immutable parts of the result (a gene's result, a
     * drug's recommendations, the data version), so that the reports of a cohort, which repeat the same few hundred
     * of them, are assembled from bytes rendered once. Keys are {@link Part}s; values {@code byte[]} or
     * {@link DrugBlock}.
     */
    private final Map<Object, Object> fragments = new ConcurrentHashMap<>();
    private final AtomicLong fragmentBytes = new AtomicLong();

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
        return new Document(this, new Grouped(report), text, ZonedDateTime.now(clock)).render();
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
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory);
        }
        Grouped grouped = new Grouped(report);
        List<Path> written = new ArrayList<>();
        for (Locale language : LANGUAGES) {
            Path file = directory.resolve(fileName(report.sample(), language));
            Messages text = messages.get(Messages.languageOf(language));
            Document document = new Document(this, grouped, text, ZonedDateTime.now(clock));
            Path temporary = writeTemporary(directory, document);
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(temporary);
                throw e;
            }
            written.add(file);
        }
        return List.copyOf(written);
    }

    private static final FileAttribute<?> OWNER_ONLY = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final Set<OpenOption> CREATE_NEW = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

    /**
     * Renders the document into a new temporary file of {@code directory} ({@code .report-<random>.tmp}, owner-only
     * where the file system has POSIX permissions) and returns it. The file is written through the descriptor that
     * created it: reopening it with truncation, as {@code Files.createTempFile} then {@code newOutputStream} would, makes
     * ext4 write it out to disk synchronously on close (its protection for replace-by-truncate), which cost more than
     * rendering a cohort's reports.
     */
    private static Path writeTemporary(Path directory, Document document) throws IOException {
        boolean posix = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] attributes = posix ? new FileAttribute<?>[] {OWNER_ONLY} : new FileAttribute<?>[0];
        for (int attempt = 1; ; attempt++) {
            Path temporary = directory.resolve(".report-" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong()) + ".tmp");
            SeekableByteChannel channel;
            try {
                channel = Files.newByteChannel(temporary, CREATE_NEW, attributes);
            } catch (FileAlreadyExistsException e) {
                if (attempt == 100) {
                    throw e;
                }
                continue;
            }
            try (java.io.OutputStream out = Channels.newOutputStream(channel)) {
                document.renderTo(out);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(temporary);
                throw e;
            }
            return temporary;
        }
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

    // ---- fragment memo ----

    /**
     * A fragment's key: which part, in which language, of what. {@code subject} is compared by equality; wrap
     * results in {@link Same} to compare them by identity (the interpreter shares equal results, and identity is
     * cheaper than comparing whole records).
     */
    private record Part(String part, Messages language, Object subject) {
    }

    /** Objects compared by identity, element by element. */
    private static final class Same {
        private final Object[] items;
        private final int hash;

        Same(Object... items) {
            this.items = items;
            int h = 1;
            for (Object item : items) {
                h = 31 * h + System.identityHashCode(item);
            }
            this.hash = h;
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof Same s) || s.hash != hash || s.items.length != items.length) {
                return false;
            }
            for (int i = 0; i < items.length; i++) {
                if (s.items[i] != items[i]) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** Keeps a fragment when the budget allows. */
    private void keep(Object key, Object value, int bytes) {
        if (fragmentBytes.get() + bytes <= FRAGMENT_BUDGET && fragments.putIfAbsent(key, value) == null) {
            fragmentBytes.addAndGet(bytes);
        }
    }

    /** What one drug's recommendations in a report render to, whatever the report: the verdict and, per language, the markup. */
    private static final class DrugBlock {
        final PrescribingImpact impact;
        final List<DrugRecommendation> changing;
        /** Per language: the summary row up to the anchor, the rest of the row, the section after its opening tag. */
        final Map<Messages, byte[][]> markup = new ConcurrentHashMap<>();

        DrugBlock(List<DrugRecommendation> recommendations) {
            this.impact = drugImpact(recommendations);
            this.changing = recommendations.stream()
                    .filter(r -> PrescribingImpact.of(r) == PrescribingImpact.CHANGES_PRESCRIBING)
                    .toList();
        }
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

    private DrugBlock drugBlock(List<DrugRecommendation> recommendations) {
        Same key = new Same(recommendations.toArray());
        DrugBlock block = (DrugBlock) fragments.get(key);
        if (block == null) {
            block = new DrugBlock(recommendations);
            keep(key, block, 64);
        }
        return block;
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

    /** A report's recommendations grouped by drug, in report order, with each drug's anchor; shared by both languages. */
    private static final class Grouped {
        final PgxReport report;
        final Map<String, List<DrugRecommendation>> byDrug = new LinkedHashMap<>();
        final Map<String, String> anchors = new LinkedHashMap<>();

        Grouped(PgxReport report) {
            this.report = report;
            for (DrugRecommendation recommendation : report.recommendations()) {
                byDrug.computeIfAbsent(recommendation.drug(), d -> new ArrayList<>()).add(recommendation);
            }
            int index = 1;
            for (String drug : byDrug.keySet()) {
                anchors.put(drug, "drug-" + index++);
            }
        }
    }

    /** One rendering of one report in one language. */
    private static final class Document {
        private final HtmlReportWriter writer;
        private final PgxReport report;
        private final Messages text;
        private final ZonedDateTime now;
        private HtmlBuilder html = new HtmlBuilder(BUFFERS.get().reset());
        /** The recommendations grouped by drug, in report order. */
        private final Map<String, List<DrugRecommendation>> byDrug;
        /** The anchor of each drug's section. */
        private final Map<String, String> anchors;
        /** Each drug's block, in report order. */
        private final Map<String, DrugBlock> blocks = new LinkedHashMap<>();

        Document(HtmlReportWriter writer, Grouped grouped, Messages text, ZonedDateTime now) {
            this.writer = writer;
            this.report = grouped.report;
            this.text = text;
            this.now = now;
            this.byDrug = grouped.byDrug;
            this.anchors = grouped.anchors;
            byDrug.forEach((drug, recommendations) -> blocks.put(drug, writer.drugBlock(recommendations)));
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

        /**
         * Writes the fragment for {@code key}, rendering it with {@code render} (into a builder of its own, so it must
         * be balanced unless {@code balanced} is false) the first time.
         */
        private void fragment(Part key, boolean balanced, Runnable render) {
            byte[] markup = (byte[]) writer.fragments.get(key);
            if (markup == null) {
                markup = renderApart(balanced, render);
                writer.keep(key, markup, markup.length);
            }
            html.raw(markup);
        }

        private byte[] renderApart(boolean balanced, Runnable render) {
            HtmlBuilder document = html;
            html = new HtmlBuilder();
            try {
                render.run();
                return balanced ? html.finishBytes() : html.partBytes();
            } finally {
                html = document;
            }
        }

        private void build() {
            // <!DOCTYPE html><html …><head>…<title>, the title, </title><style>…</style></head><body>: the elements opened
            // here are closed by the fixed end below.
            fragment(new Part("start", text, null), false, () -> {
                html.raw("<!DOCTYPE html>\n");
                html.open("html", "xmlns", "http://www.w3.org/1999/xhtml", "lang", text.language(), "xml:lang", text.language());
                html.open("head");
                html.empty("meta", "charset", "utf-8");
                html.empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1");
                html.open("title");
            });
            html.text(text.get("document.title") + " \u2013 " + report.sample());
            fragment(new Part("style", text, null), false, () -> {
                html.raw("</title>");
                html.open("style").raw(Style.CSS).close("style");
                html.raw("</head><body>");
            });
            header();
            summary();
            genes();
            recommendations();
            warnings();
            footer();
            html.raw("</body></html>\n");
        }

        private void header() {
            fragment(new Part("header.sample", text, null), false, () -> {
                html.open("header");
                html.element("h1", text.get("document.title"));
                html.element("p", text.get("document.subtitle"), "class", "subtitle");
                html.open("table", "class", "meta");
                html.open("tbody");
                html.open("tr").element("th", text.get("header.sample"), "scope", "row");
                html.open("td");
            });
            html.text(report.sample());
            fragment(new Part("header.generated", text, null), false, () -> {
                html.raw("</td></tr>");   // the sample's cell and row, opened above
                html.open("tr").element("th", text.get("header.generated"), "scope", "row");
                html.open("td");
            });
            html.text(TIME.format(now) + " (" + now.getZone().getId() + ")");
            fragment(new Part("header.end", text, report.dataVersion()), false, () -> {
                html.raw("</td></tr>");   // the time's cell and row, opened above
                metaRow(text.get("header.dataVersion"), report.dataVersion(), "en");
                html.raw("</tbody></table>");
                html.element("p", text.get("header.languageNote"), "class", "note");
                html.raw("</header>");
            });
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
            for (Map.Entry<String, DrugBlock> drug : blocks.entrySet()) {
                switch (drug.getValue().impact) {
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
            fragment(new Part("summary.table", text, null), false, () -> {
                html.open("table", "class", "findings");
                html.open("thead").open("tr");
                html.element("th", text.get("table.drug"), "scope", "col");
                html.element("th", text.get("table.genotype"), "scope", "col");
                html.element("th", text.get("table.recommendation"), "scope", "col");
                html.element("th", text.get("table.alternate"), "scope", "col");
                html.close("tr").close("thead");
                html.raw("<tbody>");
            });
            for (String drug : drugs) {
                byte[][] markup = drugMarkup(drug);
                html.raw(markup[0]);
                html.text(anchors.get(drug));
                html.raw(markup[1]);
            }
            html.raw("</tbody></table>");
        }

        /** The drug's markup in this language (see {@link DrugBlock#markup}), rendered on first use. */
        private byte[][] drugMarkup(String drug) {
            DrugBlock block = blocks.get(drug);
            byte[][] markup = block.markup.get(text);
            if (markup == null) {
                markup = new byte[][] {
                    renderApart(false, () -> summaryRowStart(drug, block.changing)),
                    renderApart(false, () -> summaryRowEnd(block.changing)),
                    renderApart(false, () -> drugSection(drug, block))
                };
                if (writer.fragmentBytes.get() < FRAGMENT_BUDGET) {
                    block.markup.put(text, markup);
                    writer.fragmentBytes.addAndGet(markup[0].length + markup[1].length + markup[2].length);
                }
            }
            return markup;
        }

        /** A summary row up to the anchor of the drug's section: {@code <tr>…<a href="#}. */
        private void summaryRowStart(String drug, List<DrugRecommendation> changing) {
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
            html.raw("<p class=\"compact\"><a href=\"#");
        }

        /** The rest of a summary row after the anchor. */
        private void summaryRowEnd(List<DrugRecommendation> changing) {
            html.raw("\">").text(text.get("summary.details")).raw("</a></p></td>");
            boolean alternate = changing.stream().anyMatch(DrugRecommendation::alternateDrugAdvised);
            html.element("td", yesNo(alternate), "class", alternate ? "flag" : "plain");
            html.raw("</tr>");
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

        private List<String> genes(Predicate<GeneResult> filter) {
            return report.genes().stream().filter(filter).map(GeneResult::gene).toList();
        }

        // ---- genes ----

        private void genes() {
            fragment(new Part("genes.start", text, null), false, () -> {
                html.open("section", "id", "genes");
                html.element("h2", text.get("genes.title"));
                html.open("table", "class", "genes");
                html.open("thead").open("tr");
                for (String key : List.of("genes.gene", "genes.diplotype", "genes.phenotype", "genes.activityScore",
                        "genes.outsideCall", "genes.missingPositions")) {
                    html.element("th", text.get(key), "scope", "col");
                }
                html.close("tr").close("thead");
                html.raw("<tbody>");
            });
            for (GeneResult gene : report.genes()) {
                fragment(new Part("genes.row", text, new Same(gene)), true, () -> geneRow(gene));
            }
            fragment(new Part("genes.end", text, null), false, () -> {
                html.raw("</tbody></table>");
                html.element("p", text.get("genes.legend"), "class", "note");
                html.raw("</section>");
            });
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
            for (String drug : byDrug.keySet()) {
                html.raw("<section class=\"drug\" id=\"").text(anchors.get(drug)).raw("\">");
                html.raw(drugMarkup(drug)[2]);
            }
            html.close("section");
        }

        /** A drug's section after its opening tag, to its end. */
        private void drugSection(String drug, DrugBlock block) {
            List<DrugRecommendation> recommendations = byDrug.get(drug);
            html.open("h3").element("span", drug, "lang", "en").text(" ");
            badge(block.impact);
            html.close("h3");
            for (PgxSource source : PgxSource.values()) {
                List<DrugRecommendation> fromSource = recommendations.stream().filter(r -> r.source() == source).toList();
                if (fromSource.isEmpty()) {
                    continue;
                }
                html.element("h4", source.name());
                for (DrugRecommendation recommendation : fromSource) {
                    fragment(new Part("recommendation", text, new Same(recommendation)), true,
                            () -> renderRecommendation(recommendation));
                }
            }
            html.raw("</section>");
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
            boolean any = !report.warnings().isEmpty();
            for (GeneResult gene : report.genes()) {
                any |= gene.isNoCall() || gene.sourceDiplotypes().size() > 1 || !gene.missingPositions().isEmpty()
                        || !gene.warnings().isEmpty();
            }
            if (!any) {
                html.element("p", text.get("warnings.none"));
            } else {
                html.open("ul", "class", "warnings");
                for (String warning : report.warnings()) {
                    warning(Warning.fromSource(text.get("warnings.sample"), warning));
                }
                for (GeneResult gene : report.genes()) {
                    fragment(new Part("warnings.gene", text, new Same(gene)), true, () -> geneWarnings(gene));
                }
                html.close("ul");
            }
            html.close("section");
        }

        /** The warnings about one gene, as list items (none when there is nothing to warn about). */
        private void geneWarnings(GeneResult gene) {
            if (gene.isNoCall()) {
                warning(Warning.ours(gene.gene(), text.get("warnings.noCall")));
            }
            if (gene.sourceDiplotypes().size() > 1) {
                String labels = gene.sourceDiplotypes().stream().map(Diplotype::label).collect(Collectors.joining(", "));
                warning(Warning.ours(gene.gene(), text.get("warnings.tie", gene.sourceDiplotypes().size(), labels)));
            }
            if (!gene.missingPositions().isEmpty()) {
                warning(Warning.ours(gene.gene(),
                        text.get("warnings.missingPositions", gene.missingPositions().size(), String.join(", ", gene.missingPositions()))));
            }
            for (String warning : gene.warnings()) {
                warning(Warning.fromSource(gene.gene(), warning));
            }
        }

        private void warning(Warning item) {
            html.open("li").element("strong", item.subject()).text(": ");
            if (item.english()) {
                html.element("span", item.text(), "lang", "en");
            } else {
                html.text(item.text());
            }
            html.close("li");
        }

        // ---- footer ----

        private void footer() {
            fragment(new Part("footer", text, report.dataVersion()), true, () -> {
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
            });
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
