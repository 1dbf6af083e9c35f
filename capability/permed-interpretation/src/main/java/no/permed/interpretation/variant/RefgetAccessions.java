package no.permed.interpretation.variant;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import no.permed.vcf.genome.Assembly;

/**
 * The RefSeq accession and the GA4GH refget digest ({@code SQ.}…) of each primary chromosome (1–22, X, Y, MT) of GRCh37
 * and GRCh38, from the resource {@code refget-primary-chromosomes.tsv} (its header names the sources).
 */
public final class RefgetAccessions {
    private static final String RESOURCE = "/no/permed/interpretation/variant/refget-primary-chromosomes.tsv";

    /** One chromosome: its assembly, canonical contig name, RefSeq accession and refget digest. */
    public record Chromosome(Assembly assembly, String contig, String refseqAccession, String refgetAccession) {
        public Chromosome {
            requireNonNull(assembly, "assembly is null");
            requireNonNull(contig, "contig is null");
            requireNonNull(refseqAccession, "refseqAccession is null");
            requireNonNull(refgetAccession, "refgetAccession is null");
        }
    }

    private static final Map<String, Chromosome> BY_CONTIG = new HashMap<>();
    private static final Map<String, Chromosome> BY_REFSEQ = new HashMap<>();

    static {
        try (InputStream stream = RefgetAccessions.class.getResourceAsStream(RESOURCE)) {
            if (stream == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the permed-interpretation jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t");
                Chromosome chromosome = new Chromosome(Assembly.parse(columns[0]), columns[1], columns[2], columns[3]);
                BY_CONTIG.put(chromosome.assembly() + ":" + chromosome.contig(), chromosome);
                // MT (NC_012920.1) is the same sequence in both assemblies; the GRCh38 line is read first and kept
                BY_REFSEQ.putIfAbsent(chromosome.refseqAccession(), chromosome);
            }
        } catch (IOException exception) {
            throw new UncheckedIOException(exception);
        }
    }

    private RefgetAccessions() {
    }

    /** The chromosome with this canonical contig name on this assembly, if it is a primary one. */
    public static Optional<Chromosome> byContig(Assembly assembly, String canonicalContig) {
        return Optional.ofNullable(BY_CONTIG.get(assembly + ":" + canonicalContig));
    }

    /** The chromosome with this RefSeq accession (with its version, e.g. {@code NC_000017.11}). */
    public static Optional<Chromosome> byRefseq(String accession) {
        return Optional.ofNullable(BY_REFSEQ.get(accession));
    }
}
