package no.permed.frequency.beacon;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.permed.vcf.genome.Assembly;
import no.permed.vcf.genome.Contigs;

/**
 * The RefSeq accessions of the primary chromosomes of GRCh37 and GRCh38 (NCBI's assembly reports; the same table as
 * permed-interpretation's {@code refget-primary-chromosomes.tsv}): Beacon names sequences by them in variant records,
 * and clients may give them as {@code referenceName}.
 */
final class Chromosomes {
    private static final List<String> GRCH38 = List.of("NC_000001.11", "NC_000002.12", "NC_000003.12", "NC_000004.12",
            "NC_000005.10", "NC_000006.12", "NC_000007.14", "NC_000008.11", "NC_000009.12", "NC_000010.11", "NC_000011.10",
            "NC_000012.12", "NC_000013.11", "NC_000014.9", "NC_000015.10", "NC_000016.10", "NC_000017.11", "NC_000018.10",
            "NC_000019.10", "NC_000020.11", "NC_000021.9", "NC_000022.11", "NC_000023.11", "NC_000024.10", "NC_012920.1");
    private static final List<String> GRCH37 = List.of("NC_000001.10", "NC_000002.11", "NC_000003.11", "NC_000004.11",
            "NC_000005.9", "NC_000006.11", "NC_000007.13", "NC_000008.10", "NC_000009.11", "NC_000010.10", "NC_000011.9",
            "NC_000012.11", "NC_000013.10", "NC_000014.8", "NC_000015.9", "NC_000016.9", "NC_000017.10", "NC_000018.9",
            "NC_000019.9", "NC_000020.10", "NC_000021.8", "NC_000022.10", "NC_000023.10", "NC_000024.9", "NC_012920.1");

    /** A contig named by its RefSeq accession: the assembly (absent for MT, the same in both) and the canonical name. */
    record Named(Optional<Assembly> assembly, String contig) {
    }

    private static final Map<String, Named> BY_ACCESSION = new HashMap<>();

    static {
        for (int index = 0; index < Contigs.PRIMARY_CONTIGS.size(); index++) {
            String contig = Contigs.PRIMARY_CONTIGS.get(index);
            boolean mitochondrial = contig.equals("MT");
            BY_ACCESSION.put(GRCH38.get(index), new Named(mitochondrial ? Optional.empty() : Optional.of(Assembly.GRCH38), contig));
            BY_ACCESSION.put(GRCH37.get(index), new Named(mitochondrial ? Optional.empty() : Optional.of(Assembly.GRCH37), contig));
        }
    }

    private Chromosomes() {
    }

    /** The RefSeq accession of a primary chromosome, e.g. {@code NC_000022.10} for GRCh37 22. */
    static Optional<String> accession(Assembly assembly, String contig) {
        int index = Contigs.PRIMARY_CONTIGS.indexOf(contig);
        if (index < 0) {
            return Optional.empty();
        }
        return Optional.of(switch (assembly) {
            case GRCH37 -> GRCH37.get(index);
            case GRCH38 -> GRCH38.get(index);
        });
    }

    /** A {@code referenceName} given as a RefSeq accession ({@code NC_000022.10} or {@code refseq:NC_000022.10}). */
    static Optional<Named> byAccession(String referenceName) {
        String accession = referenceName.regionMatches(true, 0, "refseq:", 0, 7) ? referenceName.substring(7) : referenceName;
        return Optional.ofNullable(BY_ACCESSION.get(accession.toUpperCase(java.util.Locale.ROOT)));
    }
}
