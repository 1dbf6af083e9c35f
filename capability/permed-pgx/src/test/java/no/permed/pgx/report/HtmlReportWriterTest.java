package no.permed.pgx.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import no.permed.pgx.interpret.DrugRecommendation;
import no.permed.pgx.interpret.GeneResult;
import no.permed.pgx.interpret.PgxReport;
import no.permed.pgx.knowledge.PgxKnowledge;
import no.permed.pgx.knowledge.PgxSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The HTML report of PharmCAT's example 2 (CYP2C19 *2/*2 Poor Metabolizer, CYP2B6 *1/*6, ...) with every knowledge
 * recommendation that applies to it, and of PharmCAT's NAT2 tie and no-call cases, in both languages. Every output is
 * parsed with the JDK's XML parser, which fails on any unbalanced tag or unescaped character.
 */
class HtmlReportWriterTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-11-20T09:30:00Z"), ZoneId.of("Europe/Oslo"));
    /** CPIC clopidogrel, CYP2C19 Poor Metabolizer, population CVI ACS PCI (PharmCAT v2.9.0 CPIC_clopidogrel_and_CYP2C19.json). */
    private static final String CPIC_CLOPIDOGREL_PM = "PA166297572";
    /** DPWG clopidogrel, CYP2C19 Poor Metabolizer. */
    private static final String DPWG_CLOPIDOGREL_PM = "PA166299211";
    /** The main text of CPIC_CLOPIDOGREL_PM, as in the guideline file. */
    private static final String AVOID_CLOPIDOGREL = "Avoid clopidogrel if possible. Use prasugrel or ticagrelor at standard dose if no contraindication.";

    private static PgxKnowledge knowledge;
    private static PgxReport example2;
    private static final HtmlReportWriter WRITER = HtmlReportWriter.create(CLOCK);

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        knowledge = ReportFixtures.knowledge();
        List<GeneResult> genes = new ArrayList<>();
        String cyp2b6Warning = ReportFixtures.pharmcatMessage("CYP2B6 *1/*6 warning");
        for (GeneResult gene : ReportFixtures.genesFromPharmcatTsv(ReportFixtures.EXAMPLE_2)) {
            genes.add(gene.gene().equals("CYP2B6") ? withWarnings(gene, List.of(cyp2b6Warning)) : gene);
        }
        example2 = new PgxReport("Sample_2", knowledge.dataVersion().summary(), genes, ReportFixtures.recommendationsFor(knowledge, genes),
                List.of());
    }

    private static GeneResult withWarnings(GeneResult gene, List<String> warnings) {
        return new GeneResult(gene.gene(), gene.sourceDiplotypes(), gene.recommendationDiplotypes(), gene.outsideCall(), gene.matchScore(),
                gene.missingPositions(), warnings, gene.phased());
    }

    @Test
    void theFixtureHoldsTheRealClopidogrelRecommendations() {
        assertThat(example2.gene("CYP2C19").orElseThrow().sourceDiplotypes().get(0).label()).isEqualTo("*2/*2");
        assertThat(example2.recommendations()).extracting(DrugRecommendation::recommendationId)
                .contains(CPIC_CLOPIDOGREL_PM, DPWG_CLOPIDOGREL_PM);
        DrugRecommendation cpic = ReportFixtures.recommendation(knowledge, CPIC_CLOPIDOGREL_PM);
        assertThat(cpic.text()).startsWith(AVOID_CLOPIDOGREL);
        assertThat(cpic.genotype()).containsEntry("CYP2C19", "Poor Metabolizer");
        assertThat(cpic.alternateDrugAdvised()).isTrue();
    }

    @Test
    void bothLanguagesRenderWithTheirLangAttributeAndLabels() throws Exception {
        String norwegian = WRITER.render(example2, HtmlReportWriter.NORWEGIAN_BOKMAL);
        String english = WRITER.render(example2, HtmlReportWriter.ENGLISH);

        Document nb = parse(norwegian);
        Document en = parse(english);
        assertThat(nb.getDocumentElement().getAttribute("lang")).isEqualTo("nb");
        assertThat(en.getDocumentElement().getAttribute("lang")).isEqualTo("en");
        assertThat(norwegian).contains("Farmakogenetisk analyse", "Legemiddel", "Anbefaling", "Fenotype", "Manglende posisjoner", "Advarsler",
                "Prøve", "Aktivitetsskår");
        assertThat(english).contains("Pharmacogenomic report", "Drug", "Recommendation", "Phenotype", "Missing positions", "Warnings");
        assertThat(english).doesNotContain("Legemiddel", "Fenotype");
        for (String html : List.of(norwegian, english)) {
            assertThat(html).contains("Sample_2", "*2/*2", "Poor Metabolizer", AVOID_CLOPIDOGREL,
                    "https://www.pharmgkb.org/guidelineAnnotation/PA166104948", "2025-11-20 10:30 (Europe/Oslo)");
        }
        // the sources' words are marked as English inside the Norwegian document
        assertThat(texts(nb, "//*[@lang='en']")).contains("Poor Metabolizer", "clopidogrel");
    }

    @Test
    void sectionsComeInTheClinicalOrder() throws Exception {
        Document nb = parse(WRITER.render(example2, HtmlReportWriter.NORWEGIAN_BOKMAL));
        List<String> order = texts(nb, "/*[local-name()='html']/*[local-name()='body']/*/@id | /*[local-name()='html']/*[local-name()='body']/*[local-name()='footer']/*[local-name()='h2']");
        assertThat(order).containsExactly("summary", "genes", "recommendations", "warnings", "Om rapporten");
    }

    @Test
    void theSummaryListsExactlyTheDrugsWhoseRecommendationChangesPrescribing() throws Exception {
        Document nb = parse(WRITER.render(example2, HtmlReportWriter.NORWEGIAN_BOKMAL));
        List<String> listed = texts(nb, "//*[@id='summary']//*[local-name()='tbody']/*[local-name()='tr']/*[local-name()='td'][1]");
        List<String> expected = example2.recommendations().stream()
                .filter(r -> PrescribingImpact.of(r) == PrescribingImpact.CHANGES_PRESCRIBING)
                .map(DrugRecommendation::drug).distinct().toList();
        assertThat(listed).containsExactlyElementsOf(expected);
        // CYP2C19 Poor Metabolizer: clopidogrel (alternative advised), voriconazole; CYP2B6 IM: efavirenz
        assertThat(listed).contains("clopidogrel", "voriconazole", "efavirenz");
        // CYP2C9 activity score 2.0: "Initiate therapy with recommended starting dose." -> standard use, not listed
        assertThat(listed).doesNotContain("celecoxib", "ibuprofen", "meloxicam", "simvastatin", "warfarin");
        String clopidogrelRow = String.join(" ", texts(nb,
                "//*[@id='summary']//*[local-name()='tr'][*[local-name()='td'][1]='clopidogrel']/*[local-name()='td']"));
        assertThat(clopidogrelRow).contains("CYP2C19: Poor Metabolizer", "CPIC \u00b7 Strong \u00b7 CVI ACS PCI: " + AVOID_CLOPIDOGREL, "DPWG", "Ja");
        // the summary quotes the main text only; the "Other Considerations" stay in the detailed section
        assertThat(clopidogrelRow).doesNotContain("Other Considerations");
        assertThat(texts(nb, "//*[@id='recommendations']//*[local-name()='strong']")).contains("Other Considerations");
    }

    @Test
    void recommendationsArePerDrugWithCpicAndDpwgSeparately() throws Exception {
        Document en = parse(WRITER.render(example2, HtmlReportWriter.ENGLISH));
        String drugSection = "//*[local-name()='section'][@class='drug'][*[local-name()='h3']/*[local-name()='span'][1]='clopidogrel']";
        assertThat(texts(en, drugSection + "/*[local-name()='h4']")).containsExactly("CPIC", "DPWG");
        long cpic = example2.recommendations().stream()
                .filter(r -> r.drug().equals("clopidogrel") && r.source() == PgxSource.CPIC).count();
        assertThat(cpic).isEqualTo(3);
        String text = String.join(" ", texts(en, drugSection + "//*[local-name()='td']"));
        assertThat(text).contains("Annotation of CPIC Guideline for clopidogrel and CYP2C19", "Annotation of DPWG Guideline for clopidogrel and CYP2C19",
                "Strong", "Moderate", "CVI ACS PCI", "NVI", "recommendation " + CPIC_CLOPIDOGREL_PM, "Yes",
                "version " + ReportFixtures.recommendation(knowledge, CPIC_CLOPIDOGREL_PM).guidelineVersion(),
                "Significantly reduced clopidogrel active metabolite formation");
    }

    @Test
    void theGeneTableShowsOutsideCallsAndActivityScores() throws Exception {
        List<GeneResult> genes = new ArrayList<>(example2.genes());
        GeneResult cyp2d6 = ReportFixtures.genesFromPharmcatTsv(ReportFixtures.EXAMPLE_1).stream()
                .filter(g -> g.gene().equals("CYP2D6")).findFirst().orElseThrow();
        genes.add(cyp2d6);
        PgxReport report = new PgxReport("Sample_1", example2.dataVersion(), genes, List.of(), List.of());
        Document nb = parse(WRITER.render(report, HtmlReportWriter.NORWEGIAN_BOKMAL));
        assertThat(row(nb, "CYP2D6")).containsExactly("CYP2D6", "*1/*3", "Intermediate Metabolizer", "1.0", "Ja", "0");
        assertThat(row(nb, "CYP2C9")).containsExactly("CYP2C9", "*1/*1", "Normal Metabolizer", "2.0", "Nei", "0");
        assertThat(row(nb, "CYP4F2")).containsExactly("CYP4F2", "*1/*1", "ikke bestemt", "–", "Nei", "0");
        assertThat(String.join(" ", texts(nb, "//*[@id='summary']/*[local-name()='p']"))).contains("Ingen av retningslinjeanbefalingene");
        assertThat(String.join(" ", texts(nb, "//*[@id='recommendations']"))).contains("Ingen retningslinjeanbefalinger gjelder");
    }

    @Test
    void tiesAndMissingPositionsAreShownAndWarnedAbout() throws Exception {
        // NAT2/tests.tsv line 65: rs45518335 and rs537007806 missing -> "*7/*46 or *14/*40 or *40/*47 or *46/*59"
        GeneResult nat2 = ReportFixtures.nat2(knowledge, 65);
        assertThat(nat2.sourceDiplotypes()).hasSize(4);
        PgxReport report = new PgxReport("Sample_2", example2.dataVersion(), List.of(nat2), List.of(), List.of());
        for (Locale language : HtmlReportWriter.LANGUAGES) {
            Document document = parse(WRITER.render(report, language));
            List<String> row = row(document, "NAT2");
            assertThat(row.get(1)).contains("*7/*46", "*14/*40", "*40/*47", "*46/*59");
            assertThat(row.get(5)).startsWith("2 (");
            String warnings = String.join(" ", texts(document, "//*[@id='warnings']//*[local-name()='li']"));
            assertThat(warnings).contains("rs45518335", "rs537007806", "*7/*46, *14/*40, *40/*47, *46/*59");
            assertThat(String.join(" ", texts(document, "//*[@id='summary']"))).contains("NAT2");
        }
        String norwegian = WRITER.render(report, HtmlReportWriter.NORWEGIAN_BOKMAL);
        assertThat(norwegian).contains("Uavklart: 4 diplotyper passer like godt", "Manglende posisjoner (2): rs45518335, rs537007806");
        assertThat(WRITER.render(report, HtmlReportWriter.ENGLISH)).contains("Unresolved: 4 diplotypes fit equally well");
    }

    @Test
    void noCallsAreShownAndWarnedAbout() throws Exception {
        // NAT2/tests.tsv line 3: heterozygous at all five positions -> "not called"
        GeneResult nat2 = ReportFixtures.nat2(knowledge, 3);
        assertThat(nat2.isNoCall()).isTrue();
        List<GeneResult> genes = example2.genes().stream().map(g -> g.gene().equals("NAT2") ? nat2 : g).toList();
        PgxReport report = new PgxReport("Sample_2", example2.dataVersion(), genes, example2.recommendations(), List.of());
        Document nb = parse(WRITER.render(report, HtmlReportWriter.NORWEGIAN_BOKMAL));
        assertThat(row(nb, "NAT2")).containsExactly("NAT2", "Ikke kalt", "–", "–", "Nei", "0");
        assertThat(String.join(" ", texts(nb, "//*[@id='summary']"))).contains("disse genene kunne ikke kalles: NAT2");
        assertThat(String.join(" ", texts(nb, "//*[@id='warnings']//*[local-name()='li']"))).contains("NAT2: Genet kunne ikke kalles.");
        Document en = parse(WRITER.render(report, HtmlReportWriter.ENGLISH));
        assertThat(row(en, "NAT2")).containsExactly("NAT2", "Not called", "–", "–", "No", "0");
    }

    @Test
    void everyDynamicStringIsEscaped() throws Exception {
        String hostile = "<script>alert('x')</script> & \"co\"";
        GeneResult cyp2b6 = withWarnings(example2.gene("CYP2B6").orElseThrow(), List.of("gene " + hostile));
        List<GeneResult> genes = example2.genes().stream().map(g -> g.gene().equals("CYP2B6") ? cyp2b6 : g).toList();
        List<DrugRecommendation> recommendations = new ArrayList<>(example2.recommendations());
        DrugRecommendation real = ReportFixtures.recommendation(knowledge, CPIC_CLOPIDOGREL_PM);
        recommendations.add(new DrugRecommendation("<b>drug</b>", PgxSource.CPIC, "<id>", "guideline " + hostile, 1, "javascript:alert(1)",
                Map.of("<GENE>", "<phenotype>"), Optional.of("<population>"), Optional.of("<strength>"), "text " + hostile,
                List.of("implication " + hostile), true));
        PgxReport report = new PgxReport(hostile + "\u0001", "version " + hostile, genes, recommendations, List.of("sample " + hostile));
        assertThat(real.text()).doesNotContain("<");
        for (Locale language : HtmlReportWriter.LANGUAGES) {
            String html = WRITER.render(report, language);
            assertThat(html).doesNotContain("<script", "<b>", "<id>", "<GENE>", "href=\"javascript:");
            assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;co&quot;");
            Document document = parse(html);
            // the parser gives back exactly the original strings
            assertThat(texts(document, "//*[local-name()='title']").get(0)).endsWith(hostile + "\uFFFD");
            assertThat(String.join("\n", texts(document, "//*[@id='warnings']//*[local-name()='li']")))
                    .contains("sample " + hostile, "CYP2B6: gene " + hostile);
            assertThat(texts(document, "//*[@id='summary']//*[local-name()='strong']")).contains("<b>drug</b>");
        }
    }

    @Test
    void theFileIsSelfContainedAndPrintable() {
        String html = WRITER.render(example2, HtmlReportWriter.NORWEGIAN_BOKMAL);
        assertThat(html).startsWith("<!DOCTYPE html>");
        assertThat(html).contains("<meta charset=\"utf-8\"/>", "@page { size: A4;", "@media print");
        assertThat(html).doesNotContain("<script", "<link", "<img", "<iframe", " src=", "@import", "url(");
    }

    @Test
    void theFooterCarriesVersionLicencesAndDisclaimer() throws Exception {
        for (Locale language : HtmlReportWriter.LANGUAGES) {
            Document document = parse(WRITER.render(example2, language));
            String footer = String.join(" ", texts(document, "//*[local-name()='footer']"));
            assertThat(footer).contains(knowledge.dataVersion().summary(), "CC0 1.0", "CC BY-SA 4.0", "PharmVar", "ClinPGx", "CPIC",
                    "https://cpicpgx.org/license/", "HHS");
        }
        String nb = String.join(" ", texts(parse(WRITER.render(example2, HtmlReportWriter.NORWEGIAN_BOKMAL)), "//*[local-name()='footer']"));
        assertThat(nb).contains("registrert tjenestemerke", "ikke godkjent eller anbefalt av CPIC", "erstatter ikke klinisk vurdering");
        String en = String.join(" ", texts(parse(WRITER.render(example2, HtmlReportWriter.ENGLISH)), "//*[local-name()='footer']"));
        assertThat(en).contains("registered service mark", "not endorsed by CPIC", "does not replace clinical judgement");
    }

    @Test
    void writeGoesToTheWriterAndWriteFilesWritesOneFilePerLanguage() throws Exception {
        StringWriter out = new StringWriter();
        WRITER.write(example2, Locale.forLanguageTag("no"), out);
        assertThat(out.toString()).isEqualTo(WRITER.render(example2, HtmlReportWriter.NORWEGIAN_BOKMAL));

        // a copy to look at: target/pgx-report-example/Sample_2.report{,.en}.html
        WRITER.writeFiles(example2, Path.of("target/pgx-report-example"));

        List<Path> files = WRITER.writeFiles(example2, dir);
        assertThat(files).containsExactly(dir.resolve("Sample_2.report.html"), dir.resolve("Sample_2.report.en.html"));
        assertThat(Files.readString(files.get(0), StandardCharsets.UTF_8)).contains("lang=\"nb\"", "Farmakogenetisk analyse");
        assertThat(Files.readString(files.get(1), StandardCharsets.UTF_8)).contains("lang=\"en\"", "Pharmacogenomic report");
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("Sample_2.report.html", "Sample_2.report.en.html");
        }
        // the files are the rendered reports, owner-only (health data); writing again replaces them and leaves no temporary file
        assertThat(Files.readString(files.get(0), StandardCharsets.UTF_8)).isEqualTo(WRITER.render(example2, HtmlReportWriter.NORWEGIAN_BOKMAL));
        assertThat(Files.readString(files.get(1), StandardCharsets.UTF_8)).isEqualTo(WRITER.render(example2, HtmlReportWriter.ENGLISH));
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            for (Path file : files) {
                assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            }
        }
        Files.writeString(files.get(0), "old");
        assertThat(WRITER.writeFiles(example2, dir)).isEqualTo(files);
        assertThat(Files.readString(files.get(0), StandardCharsets.UTF_8)).isEqualTo(WRITER.render(example2, HtmlReportWriter.NORWEGIAN_BOKMAL));
        try (var listing = Files.list(dir)) {
            assertThat(listing).hasSize(2);
        }
        assertThat(HtmlReportWriter.fileName("../x y/<z>", HtmlReportWriter.ENGLISH)).isEqualTo("_.._x_y__z_.report.en.html");
        assertThat(HtmlReportWriter.fileName("", HtmlReportWriter.NORWEGIAN_BOKMAL)).isEqualTo("_.report.html");
    }

    @Test
    void anUnsupportedLanguageIsRefusedWithTheSupportedOnes() {
        assertThatThrownBy(() -> WRITER.render(example2, Locale.forLanguageTag("sv")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'sv'").hasMessageContaining("nb").hasMessageContaining("en");
        assertThatThrownBy(() -> WRITER.render(example2, Locale.forLanguageTag("nn"))).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- helpers ----

    /** Parses with the JDK's XML parser (no external entities, no DTD loading): fails on any malformed markup. */
    static Document parse(String html) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setExpandEntityReferences(false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setErrorHandler(null);
        return builder.parse(new InputSource(new StringReader(html)));
    }

    /** The text content of every node the XPath selects, whitespace collapsed. */
    static List<String> texts(Document document, String xpath) throws Exception {
        XPath path = XPathFactory.newInstance().newXPath();
        NodeList nodes = (NodeList) path.evaluate(xpath, document, XPathConstants.NODESET);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent().replaceAll("\\s+", " ").strip());
        }
        return texts;
    }

    /** The cells of the gene table's row for {@code gene}. */
    private static List<String> row(Document document, String gene) throws Exception {
        List<String> cells = texts(document, "//*[@id='genes']//*[local-name()='tr'][*[local-name()='th']='" + gene + "']/*");
        assertThat(cells).as("row of " + gene).isNotEmpty();
        return cells;
    }
}
