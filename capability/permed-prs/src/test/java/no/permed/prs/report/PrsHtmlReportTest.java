package no.permed.prs.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import no.permed.prs.ancestry.AncestryModel;
import no.permed.prs.calc.SampleScore;
import no.permed.prs.match.MatchOutcome;
import no.permed.prs.match.MatchReport;
import no.permed.prs.match.MatchType;
import no.permed.prs.normalise.ReferenceDistribution;
import no.permed.prs.person.PersonalScore;
import no.permed.prs.person.PopulationChoice;
import no.permed.prs.score.ScoreHeader;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The report parsed as XML: the histogram's bars add up to the reference population, the person's mark sits where
 * their sum is on the axis, every text from the scoring file is escaped, a CC BY-NC-ND licence is shown and flagged, and
 * the two languages differ only in our own words.
 */
class PrsHtmlReportTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-05T10:00:00Z"), ZoneOffset.UTC);

    private static PersonalScore result(String licence, Optional<String> band, PopulationChoice choice) {
        Map<String, String> header = new LinkedHashMap<>();
        header.put("pgs_id", "PGS000999");
        header.put("pgs_name", "Test<script>alert(1)</script>");
        header.put("trait_reported", "Height & \"weight\"");
        header.put("license", licence);
        List<Double> sums = new ArrayList<>();
        for (int index = 0; index < 200; index++) {
            sums.add(Math.sin(index) + index / 100.0);   // -1 .. 3, uneven
        }
        ReferenceDistribution distribution = ReferenceDistribution.of("EUR", sums);
        Map<MatchOutcome, Integer> outcomes = new LinkedHashMap<>();
        for (MatchOutcome outcome : MatchOutcome.values()) {
            outcomes.put(outcome, 0);
        }
        outcomes.put(MatchOutcome.MATCHED, 90);
        outcomes.put(MatchOutcome.EXCLUDED_AMBIGUOUS, 7);
        outcomes.put(MatchOutcome.UNMATCHED, 3);
        MatchReport match = new MatchReport("PGS000999", 100, outcomes, Map.of(MatchType.REFALT, 90), 0, 0, 0.75);
        double sum = 1.25;
        Optional<AncestryModel.Assignment> assignment = choice == PopulationChoice.ANCESTRY
                ? Optional.of(new AncestryModel.Assignment("EUR", new double[] {1, 2}, Map.of("AFR", 40.0, "EUR", 3.5), 300, 341))
                : Optional.empty();
        return new PersonalScore("PGS000999", "PGS000999.txt.gz", new ScoreHeader(header), match, new SampleScore("P1", 180, 180, sum), 90,
                "1000 Genomes <demo>", "EUR", choice, assignment, distribution, distribution.percentile(sum), distribution.z(sum), band);
    }

    private static Document parse(String html) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theHistogramHoldsEveryReferenceSampleAndMarksThePersonAtTheirSum() throws Exception {
        PersonalScore result = result("CC BY 4.0", Optional.of("high"), PopulationChoice.GIVEN);
        String html = new PrsHtmlReport(CLOCK).render(result, "PSN-1", true, PrsHtmlReport.ENGLISH);
        Document document = parse(html);
        NodeList svgs = document.getElementsByTagName("svg");
        assertThat(svgs.getLength()).isEqualTo(1);
        NodeList rects = document.getElementsByTagName("rect");
        assertThat(rects.getLength()).isEqualTo(PrsHtmlReport.BINS);
        int total = 0;
        double firstX = Double.NaN;
        double lastRight = Double.NaN;
        for (int index = 0; index < rects.getLength(); index++) {
            Element rect = (Element) rects.item(index);
            total += Integer.parseInt(rect.getAttribute("data-count"));
            if (index == 0) {
                firstX = Double.parseDouble(rect.getAttribute("x"));
            }
            lastRight = Double.parseDouble(rect.getAttribute("x")) + Double.parseDouble(rect.getAttribute("width"));
        }
        assertThat(total).isEqualTo(200);
        double[] values = result.distribution().values();
        Element mark = null;
        NodeList lines = document.getElementsByTagName("line");
        for (int index = 0; index < lines.getLength(); index++) {
            if ("patient".equals(((Element) lines.item(index)).getAttribute("class"))) {
                mark = (Element) lines.item(index);
            }
        }
        assertThat(mark).isNotNull();
        double expected = firstX + (lastRight - firstX) * (1.25 - values[0]) / (values[values.length - 1] - values[0]);
        assertThat(Double.parseDouble(mark.getAttribute("x1"))).isCloseTo(expected, org.assertj.core.api.Assertions.within(0.01));
        // the bin counts are those of the values, counted here
        double width = (values[values.length - 1] - values[0]) / PrsHtmlReport.BINS;
        int inFirst = 0;
        for (double value : values) {
            if (value < values[0] + width) {
                inFirst++;
            }
        }
        assertThat(Integer.parseInt(((Element) rects.item(0)).getAttribute("data-count"))).isEqualTo(inFirst);
        assertThat(html).contains("Percentile").contains(String.format(Locale.ROOT, "%.1f", result.percentile()))
                .contains(String.format(Locale.ROOT, "%.2f", result.z())).contains(">high<")
                .contains("90 of 100 variants found (90.00 %)").contains("excluded: strand-ambiguous (A/T, C/G)</th><td>7")
                .contains("named by whoever asked for the score").contains("1000 Genomes &lt;demo&gt;").contains("PSN-1");
        assertThat(html).doesNotContain("<script").doesNotContain("restricts use");
        assertThat(html).contains("Test&lt;script&gt;alert(1)&lt;/script&gt;").contains("Height &amp; &quot;weight&quot;");
    }

    @Test
    void aNonCommercialNoDerivativesLicenceIsShownAndFlaggedInBothLanguages() throws Exception {
        PersonalScore result = result("CC BY-NC-ND 4.0 (https://creativecommons.org/licenses/by-nc-nd/4.0/)", Optional.empty(),
                PopulationChoice.ANCESTRY);
        String norwegian = new PrsHtmlReport(CLOCK).render(result, "PSN-1", false, PrsHtmlReport.NORWEGIAN_BOKMAL);
        String english = new PrsHtmlReport(CLOCK).render(result, "PSN-1", false, PrsHtmlReport.ENGLISH);
        parse(norwegian);
        parse(english);
        assertThat(norwegian).contains("lang=\"nb\"").contains("Polygen risikoskår").contains("CC BY-NC-ND 4.0")
                .contains("Lisensen begrenser bruken").contains("licence restricted")
                .contains("nærmeste superpopulasjon").contains("300 av 341 varianter").contains("ingen risikogrupper valgt");
        assertThat(english).contains("lang=\"en\"").contains("Polygenic risk score").contains("CC BY-NC-ND 4.0")
                .contains("The licence restricts use").contains("nearest super-population").contains("300 of the model&#39;s 341 variants")
                .contains("AFR 40.0").contains("EUR 3.5");
        assertThat(PrsHtmlReport.restricted("CC BY 4.0")).isFalse();
        assertThat(PrsHtmlReport.restricted("PGS Catalog data are available under the EMBL-EBI Terms of Use")).isFalse();
        assertThat(PrsHtmlReport.restricted("Creative Commons Attribution-NonCommercial 4.0")).isTrue();
        assertThat(PrsHtmlReport.restricted("CC BY-NC 4.0")).isTrue();
    }

    @Test
    void missingCallsImputedFromTheReferencePopulationAreSaidInBothLanguages() throws Exception {
        PersonalScore plain = result("CC BY 4.0", Optional.empty(), PopulationChoice.GIVEN);
        PersonalScore imputed = new PersonalScore(plain.scoreId(), plain.fileName(), plain.header(), plain.match(), plain.score(),
                plain.sharedVariants(), plain.reference(), plain.population(), plain.choice(), plain.ancestry(), plain.distribution(),
                plain.percentile(), plain.z(), plain.band(), Optional.of("EUR"));
        String english = new PrsHtmlReport(CLOCK).render(imputed, "PSN-1", false, PrsHtmlReport.ENGLISH);
        String norwegian = new PrsHtmlReport(CLOCK).render(imputed, "PSN-1", false, PrsHtmlReport.NORWEGIAN_BOKMAL);
        parse(english);
        parse(norwegian);
        assertThat(english).contains("Missing genotypes</th><td>replaced by the expectation from the allele frequencies of the "
                + "reference population EUR");
        assertThat(norwegian).contains("Manglende genotyper</th><td>erstattet med forventningen fra allelfrekvensene i "
                + "referansepopulasjonen EUR");
        assertThat(new PrsHtmlReport(CLOCK).render(plain, "PSN-1", false, PrsHtmlReport.ENGLISH)).doesNotContain("Missing genotypes");
    }
}
