package no.permed.pgx.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.permed.pgx.interpret.Diplotype;
import no.permed.pgx.interpret.DrugRecommendation;
import no.permed.pgx.interpret.GeneResult;
import no.permed.pgx.interpret.Haplotype;
import no.permed.pgx.knowledge.LookupKey;
import no.permed.pgx.knowledge.PgxKnowledge;
import no.permed.pgx.knowledge.PhenotypeRule;
import no.permed.pgx.knowledge.Recommendation;

/**
 * Builds {@code PgxReport} parts directly from PharmCAT's files in {@code src/test/resources/report} (see its README)
 * and from the project's PGx knowledge. This is not the interpreter: it only turns rows that PharmCAT already
 * called into records.
 */
final class ReportFixtures {
    static final String EXAMPLE_1 = "/report/pharmcat.example.report.tsv";
    static final String EXAMPLE_2 = "/report/pharmcat.example2.report.tsv";
    private static final String NAT2_TESTS = "/report/NAT2.tests.tsv";
    private static final String MESSAGES = "/report/messages.json";
    private static final Pattern RSID = Pattern.compile("rs\\d+");

    private static PgxKnowledge knowledge;

    private ReportFixtures() {
    }

    /** The project's PGx knowledge, loaded once per test JVM (about a second). */
    static synchronized PgxKnowledge knowledge() {
        if (knowledge == null) {
            knowledge = PgxKnowledge.load();
        }
        return knowledge;
    }

    static List<String> lines(String resource) {
        try (InputStream in = ReportFixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + resource + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The genes of a PharmCAT {@code report.tsv} (first line the PharmCAT version, then a header), one result per row,
     * in file order.
     */
    static List<GeneResult> genesFromPharmcatTsv(String resource) {
        List<String> lines = lines(resource);
        List<String> header = Arrays.asList(lines.get(1).split("\t", -1));
        List<GeneResult> genes = new ArrayList<>();
        for (String line : lines.subList(2, lines.size())) {
            String[] cells = line.split("\t", -1);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), cells[i]);
            }
            Haplotype first = new Haplotype(row.get("Haplotype 1"), present(row.get("Haplotype 1 Function")),
                    present(row.get("Haplotype 1 Activity Value")));
            Optional<Haplotype> second = present(row.get("Haplotype 2")).map(name -> new Haplotype(name,
                    present(row.get("Haplotype 2 Function")), present(row.get("Haplotype 2 Activity Value"))));
            Diplotype diplotype = new Diplotype(row.get("Source Diplotype"), first, second, present(row.get("Phenotype")),
                    present(row.get("Activity Score")));
            boolean missing = !row.get("Missing positions").equals("no");
            if (missing) {
                throw new IllegalStateException(resource + ": missing positions are not expected in the examples");
            }
            genes.add(new GeneResult(row.get("Gene"), List.of(diplotype), List.of(diplotype), row.get("Outside Call").equals("yes"),
                    Integer.parseInt(row.get("Match Score")), List.of(), List.of(), false));
        }
        return genes;
    }

    /** A row's cell as PharmCAT writes it: blank, {@code null} and {@code n/a} mean absent. */
    private static Optional<String> present(String cell) {
        if (cell == null || cell.isBlank() || cell.equals("null")) {
            return Optional.empty();
        }
        return Optional.of(cell.strip());
    }

    /**
     * NAT2 as PharmCAT's {@code NAT2/tests.tsv} line {@code lineNumber} (1-based, the header is line 1) expects it:
     * "not called" gives a no-call; "A or B" gives a tie; the "Missing positions" column gives the missing rsIDs.
     * Functions and phenotypes come from the knowledge (CPIC NAT2 table).
     */
    static GeneResult nat2(PgxKnowledge knowledge, int lineNumber) {
        List<String> lines = lines(NAT2_TESTS);
        List<String> header = Arrays.asList(lines.get(0).split("\t", -1));
        String[] cells = lines.get(lineNumber - 1).split("\t", -1);
        String output = cells[header.indexOf("Output")];
        List<String> missing = new ArrayList<>();
        Matcher rsid = RSID.matcher(cells[header.indexOf("Missing positions")]);
        while (rsid.find()) {
            missing.add(rsid.group());
        }
        List<Diplotype> diplotypes = new ArrayList<>();
        if (!output.equals("not called")) {
            for (String label : output.split(" or ")) {
                String[] alleles = label.split("/");
                Optional<PhenotypeRule> rule = knowledge.phenotype("NAT2", alleles[0], alleles[1]);
                diplotypes.add(new Diplotype(label, haplotype(knowledge, "NAT2", alleles[0]), Optional.of(haplotype(knowledge, "NAT2", alleles[1])),
                        rule.map(PhenotypeRule::phenotype), rule.flatMap(PhenotypeRule::activityScore)));
            }
        }
        return new GeneResult("NAT2", diplotypes, diplotypes, false, 0, missing, List.of(), false);
    }

    private static Haplotype haplotype(PgxKnowledge knowledge, String gene, String allele) {
        var function = knowledge.function(gene, allele);
        return new Haplotype(allele, function.map(f -> f.function()), function.flatMap(f -> f.activityValue()));
    }

    /** The message of one rule of PharmCAT's {@code reporter/messages.json}. */
    static String pharmcatMessage(String ruleName) {
        try (InputStream in = ReportFixtures.class.getResourceAsStream(MESSAGES)) {
            JsonNode root = new ObjectMapper().readTree(in);
            JsonNode messages = root.isArray() ? root : root.path("messages");
            for (JsonNode message : messages) {
                if (message.path("rule_name").asText().equals(ruleName)) {
                    return message.path("message").asText();
                }
            }
            throw new IllegalStateException("no rule " + ruleName + " in " + MESSAGES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every knowledge recommendation whose lookup keys all match the genes (by phenotype, activity score or diplotype
     * label), one per drug it names, ordered by drug, then CPIC before DPWG, then id.
     */
    static List<DrugRecommendation> recommendationsFor(PgxKnowledge knowledge, List<GeneResult> genes) {
        Map<String, Diplotype> byGene = new HashMap<>();
        for (GeneResult gene : genes) {
            if (!gene.isNoCall() && gene.recommendationDiplotypes().size() == 1) {
                byGene.put(gene.gene(), gene.recommendationDiplotypes().get(0));
            }
        }
        List<DrugRecommendation> result = new ArrayList<>();
        for (Recommendation recommendation : knowledge.recommendations()) {
            boolean applies = recommendation.lookupKeys().values().stream().allMatch(key -> matches(key, byGene.get(key.gene())));
            if (applies) {
                for (String drug : recommendation.drugs()) {
                    result.add(drugRecommendation(recommendation, drug));
                }
            }
        }
        result.sort(Comparator.comparing(DrugRecommendation::drug).thenComparing(DrugRecommendation::source)
                .thenComparing(DrugRecommendation::recommendationId));
        return List.copyOf(result);
    }

    private static boolean matches(LookupKey key, Diplotype diplotype) {
        if (diplotype == null) {
            return false;
        }
        return switch (key.kind()) {
            case PHENOTYPE -> diplotype.phenotype().map(p -> p.equalsIgnoreCase(key.value())).orElse(false);
            case ACTIVITY_SCORE -> diplotype.activityScore().map(score -> sameNumber(score, key.value())).orElse(false);
            case DIPLOTYPE -> diplotype.label().equals(key.value());
            case ALLELE_STATUS, NO_RESULT -> false;
        };
    }

    private static boolean sameNumber(String a, String b) {
        try {
            return new BigDecimal(a).compareTo(new BigDecimal(b)) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The knowledge recommendation with this id, for one of its drugs. */
    static DrugRecommendation recommendation(PgxKnowledge knowledge, String id) {
        Recommendation recommendation = knowledge.recommendations().stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no recommendation " + id + " in the knowledge"));
        return drugRecommendation(recommendation, recommendation.drugs().get(0));
    }

    static DrugRecommendation drugRecommendation(Recommendation recommendation, String drug) {
        Map<String, String> genotype = new HashMap<>();
        recommendation.lookupKeys().values().forEach(key -> genotype.put(key.gene(), key.value()));
        return new DrugRecommendation(drug, recommendation.source(), recommendation.id(), recommendation.guideline().name(),
                recommendation.guideline().version(), recommendation.guideline().url(), genotype, recommendation.population(),
                recommendation.classification(), recommendation.text(), recommendation.implications(), recommendation.alternateDrugAdvised());
    }
}
