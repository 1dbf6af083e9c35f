package no.permed.pgx.output;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import no.permed.pgx.interpret.Diplotype;
import no.permed.pgx.interpret.GeneResult;
import no.permed.pgx.interpret.Haplotype;
import no.permed.pgx.interpret.PgxReport;
import no.permed.pgx.knowledge.PgxKnowledge;
import no.permed.pgx.knowledge.PgxSource;

/**
 * Writes PharmCAT's calls-only TSV ({@code <name>.report.tsv}) for one sample, column for column: a version line
 * ({@code permed <version>}), the header, then one row per gene with an allele definition that has a result (the
 * genes called from the VCF, and CYP2D6 when given as an outside call). HLA-A/HLA-B, MT-RNR1 and F5 have no
 * definition and no row, as in PharmCAT.
 *
 * <p>As PharmCAT: tied diplotypes share one row ({@code *1/*2 OR *1/*3}, phenotypes and scores joined with
 * {@code " / "}, haplotype columns empty); an empty or {@code n/a} phenotype of a gene that has a phenotype table is
 * written as a single space; the activity-score columns are filled only for activity-score genes; the recommendation
 * lookup columns only when there is exactly one recommendation diplotype. Unlike PharmCAT, a haplotype without a
 * function gets an empty cell, not the word {@code null}.
 */
public final class CallsTsvWriter {
    /** The header line, as PharmCAT writes it. */
    public static final List<String> HEADER = List.of("Gene", "Source Diplotype", "Phenotype", "Activity Score",
            "Haplotype 1", "Haplotype 1 Function", "Haplotype 1 Activity Value",
            "Haplotype 2", "Haplotype 2 Function", "Haplotype 2 Activity Value",
            "Outside Call", "Match Score", "Missing positions",
            "Recommendation Lookup Diplotype", "Recommendation Lookup Phenotype", "Recommendation Lookup Activity Score");

    private final PgxKnowledge knowledge;
    private final String permedVersion;

    private CallsTsvWriter(PgxKnowledge knowledge, String permedVersion) {
        this.knowledge = requireNonNull(knowledge, "knowledge is null");
        this.permedVersion = requireNonNull(permedVersion, "permedVersion is null");
        this.firstLines = "permed " + permedVersion + "\n" + String.join("\t", HEADER) + "\n";
    }

    /** The version line and the header. */
    private final String firstLines;

    /** @param permedVersion written on the first line as {@code permed <version>} */
    public static CallsTsvWriter create(PgxKnowledge knowledge, String permedVersion) {
        return new CallsTsvWriter(knowledge, permedVersion);
    }

    /** Writes the report to {@code file} (UTF-8, replacing it) and returns the file. */
    public Path write(PgxReport report, Path file) {
        requireNonNull(file, "file is null");
        requireNonNull(report, "report is null");
        try {
            Files.write(file, text(report).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    /** Writes the report; the writer is flushed, not closed. */
    public void write(PgxReport report, Writer out) throws IOException {
        requireNonNull(report, "report is null");
        requireNonNull(out, "out is null");
        out.write(text(report));
        out.flush();
    }

    /** The whole file. */
    private String text(PgxReport report) {
        StringBuilder out = new StringBuilder(4096);
        out.append(firstLines);
        for (GeneResult gene : report.genes()) {
            if (knowledge.genes().containsKey(gene.gene()) && knowledge.gene(gene.gene()).definition().isPresent()) {
                out.append(line(gene));
            }
        }
        return out.toString();
    }

    /**
     * A gene's row with its line break, made once per distinct result: the interpreter shares equal results, and a
     * cohort repeats the same few hundred (kept by identity, up to {@link #MAX_ROWS}).
     */
    private String line(GeneResult gene) {
        IdentityKey key = new IdentityKey(gene);
        String line = rows.get(key);
        if (line == null) {
            line = String.join("\t", row(gene)) + "\n";
            if (rows.size() < MAX_ROWS) {
                rows.put(key, line);
            }
        }
        return line;
    }

    private static final int MAX_ROWS = 20_000;
    private final java.util.Map<IdentityKey, String> rows = new java.util.concurrent.ConcurrentHashMap<>();


    /** The 16 cells of the gene's row. */
    public List<String> row(GeneResult gene) {
        String[] cells = new String[HEADER.size()];
        java.util.Arrays.fill(cells, "");
        cells[0] = gene.gene();
        boolean scoreGene = knowledge.gene(gene.gene()).activityScore();
        List<Diplotype> source = gene.sourceDiplotypes();
        if (source.isEmpty()) {
            cells[1] = "no call";
        } else if (source.size() == 1) {
            Diplotype d = source.get(0);
            cells[1] = d.label();
            cells[2] = phenotype(gene.gene(), d);
            cells[3] = scoreGene ? d.activityScore().map(CallsTsvWriter::standardised).orElse("") : "";
            d.first().ifPresent(h -> haplotype(h, cells, 4));
            d.second().ifPresent(h -> haplotype(h, cells, 7));
        } else {
            cells[1] = source.stream().map(Diplotype::label).collect(Collectors.joining(" OR "));
            if (source.stream().anyMatch(d -> d.phenotype().filter(p -> !ignorable(p)).isPresent())) {
                cells[2] = source.stream().map(d -> phenotype(gene.gene(), d)).collect(Collectors.joining(" / "));
            }
            if (scoreGene && source.stream().anyMatch(d -> d.activityScore().filter(s -> !ignorable(s)).isPresent())) {
                cells[3] = source.stream().map(d -> d.activityScore().map(CallsTsvWriter::standardised).orElse(" "))
                        .collect(Collectors.joining(" / "));
            }
        }
        cells[10] = gene.outsideCall() ? "yes" : "no";
        if (!source.isEmpty()) {
            cells[11] = source.stream().map(d -> Integer.toString(gene.matchScore())).collect(Collectors.joining(" / "));
        }
        cells[12] = gene.missingPositions().isEmpty() ? "no" : "yes";
        if (gene.recommendationDiplotypes().size() == 1) {
            Diplotype r = gene.recommendationDiplotypes().get(0);
            cells[13] = r.label();
            cells[14] = phenotype(gene.gene(), r);
            cells[15] = scoreGene ? r.activityScore().map(CallsTsvWriter::standardised).orElse(" ") : "";
        }
        return List.of(cells);
    }

    private static void haplotype(Haplotype h, String[] cells, int at) {
        cells[at] = h.name();
        cells[at + 1] = h.function().orElse("");
        cells[at + 2] = h.activityValue().filter(v -> !v.equals("n/a")).orElse("");
    }

    /** PharmCAT writes a blank or n/a phenotype of a gene with a phenotype table as one space, and nothing otherwise. */
    private String phenotype(String gene, Diplotype d) {
        Optional<String> p = d.phenotype();
        boolean table = knowledge.phenotypeTableVersion(PgxSource.CPIC, gene).isPresent()
                || knowledge.phenotypeTableVersion(PgxSource.DPWG, gene).isPresent();
        if (p.isEmpty()) {
            return table ? " " : "";
        }
        return standardised(p.get());
    }

    private static boolean ignorable(String value) {
        return value.isBlank() || value.equals("n/a") || value.equals("No Result");
    }

    private static String standardised(String value) {
        return ignorable(value) ? " " : value;
    }
}
