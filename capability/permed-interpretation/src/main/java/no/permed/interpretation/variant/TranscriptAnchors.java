package no.permed.interpretation.variant;

import static java.util.Objects.requireNonNull;

import de.charite.compbio.jannovar.hgvs.SequenceType;
import de.charite.compbio.jannovar.hgvs.nts.NucleotidePointLocation;
import de.charite.compbio.jannovar.hgvs.nts.change.NucleotideChange;
import de.charite.compbio.jannovar.hgvs.nts.change.NucleotideSubstitution;
import de.charite.compbio.jannovar.hgvs.nts.variant.NucleotideVariant;
import de.charite.compbio.jannovar.hgvs.nts.variant.SingleAlleleNucleotideVariant;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import no.permed.interpretation.InterpretationErrorCode;
import no.permed.kernel.PermedException;
import no.permed.vcf.genome.Assembly;
import no.permed.vcf.genome.Contigs;
import no.permed.vcf.normalise.ReferenceSequence;

/**
 * permed's transcript-anchor table: where coding (c.) positions of RefSeq transcripts lie on GRCh37 and GRCh38, as far
 * as it is known <em>exactly</em> from ClinVar's own pairs of HGVS c. expression and VCF allele.
 *
 * <p>Why not a transcript database: none is reachable offline, and a wrong placement of a lab's classification is worse
 * than a refusal. Each ClinVar substitution {@code NM_…:c.N X>Y} at {@code CHROM:POS REF>ALT} fixes one position and
 * the strand (X equals REF, or its complement on a minus-strand transcript); an intronic one ({@code c.N+k},
 * {@code c.N-k}) fixes c.N at POS∓k and marks c.N as the last (first) base of an exon. Between two anchors of the same
 * transcript whose genomic distance equals their c. distance no intron can lie, so every position between them is
 * known too; such runs are the table's blocks. Anything else is refused, never guessed. A transcript whose anchors
 * contradict each other (order, distance, an exon end inside a run) is left out whole; an anchor whose bases fit
 * neither strand, or that disagrees with the majority on chromosome and strand, is dropped.
 *
 * <p>c.-N (5' UTR) and c.N share one numbering (there is no c.0); c.*N (3' UTR) counts from the stop codon, whose c.
 * number the table does not know, so c.* blocks never join coding ones. Transcript versions are kept apart: ClinVar's
 * {@code NM_000277.1} says nothing about {@code NM_000277.2}.
 *
 * <p>The bundled table ({@link #bundled()}) is made by {@code src/build/make-transcript-anchors.sh} from the ClinVar
 * 2018 extracts in the shared data folder beside the checkout (read by that script only) with {@link #fromObservations};
 * the product only reads the resource.
 */
public final class TranscriptAnchors {
    /** The bundled table's resource, next to this class. */
    public static final String RESOURCE = "transcript-anchors.tsv.gz";
    private static final String HEADER = "transcript\tassembly\tchrom\tstrand\tfirst\tlast\tgenomic_first\texon_start\texon_end\tbases";
    private static final Object LOCK = new Object();
    private static TranscriptAnchors bundled;

    private final Map<String, Map<Assembly, Placement>> placements;
    private final Map<String, TreeSet<String>> versions;
    private final List<String> notes;

    private TranscriptAnchors(Collection<Placement> all, List<String> notes) {
        Map<String, Map<Assembly, Placement>> byTranscript = new TreeMap<>();
        Map<String, TreeSet<String>> byAccession = new HashMap<>();
        for (Placement placement : all) {
            byTranscript.computeIfAbsent(placement.transcript(), key -> new EnumMap<>(Assembly.class)).put(placement.assembly(), placement);
            byAccession.computeIfAbsent(accession(placement.transcript()), key -> new TreeSet<>()).add(placement.transcript());
        }
        this.placements = byTranscript;
        this.versions = byAccession;
        this.notes = List.copyOf(notes);
    }

    /** One ClinVar row: an HGVS c. expression and the VCF allele ClinVar gives for it on one assembly. */
    public record Observation(String hgvs, Assembly assembly, String chromosome, int position, String reference, String alternate) {
        public Observation {
            requireNonNull(hgvs, "hgvs is null");
            requireNonNull(assembly, "assembly is null");
            requireNonNull(chromosome, "chromosome is null");
            requireNonNull(reference, "reference is null");
            requireNonNull(alternate, "alternate is null");
        }
    }

    /** Where a transcript lies on one assembly: chromosome, strand (+1 or -1) and its exactly known blocks. */
    public record Placement(String transcript, Assembly assembly, String contig, int strand, List<Block> blocks) {
        public Placement {
            requireNonNull(transcript, "transcript is null");
            requireNonNull(assembly, "assembly is null");
            requireNonNull(contig, "contig is null");
            blocks = List.copyOf(blocks);
        }

        /**
         * The genomic position of a c. position, with the transcript's base there when the table knows it.
         *
         * @throws PermedException with {@link InterpretationErrorCode#HGVS_NOT_RESOLVABLE} when the position is not known
         *     exactly
         */
        Located locate(String text, CodingPosition position) {
            for (Block block : blocks) {
                if (block.region() != position.region() || position.index() < block.first() || position.index() > block.last()) {
                    continue;
                }
                int genomic = block.genomicFirst() + strand * (position.index() - block.first());
                if (position.offset() == 0) {
                    char base = block.bases().charAt(position.index() - block.first());
                    return new Located(genomic, base == '.' ? Optional.empty() : Optional.of(base));
                }
                boolean boundary = position.offset() > 0
                        ? position.index() == block.last() && block.exonEndAtLast()
                        : position.index() == block.first() && block.exonStartAtFirst();
                if (!boundary) {
                    throw notResolvable(text, "Intronic position c." + position + " of " + transcript + " needs c."
                            + position.withoutOffset() + " to be the " + (position.offset() > 0 ? "last" : "first")
                            + " base of an exon, and permed's transcript table does not know that; give a genomic expression"
                            + " (NC_…:g.…) or CHROM-POS-REF-ALT with the assembly");
                }
                return new Located(genomic + strand * position.offset(), Optional.empty());
            }
            throw notResolvable(text, "Position c." + position + " of " + transcript + " on " + assembly + " is not in permed's"
                    + " transcript table, which places only positions known exactly from ClinVar (for " + transcript + ": "
                    + stretches() + "); give a genomic expression (NC_…:g.…) or CHROM-POS-REF-ALT with the assembly");
        }

        /** The genomic bases the table knows (the transcript's bases, complemented on the minus strand). */
        ReferenceSequence knownBases(String text) {
            Map<Integer, Character> known = new HashMap<>();
            for (Block block : blocks) {
                for (int i = 0; i < block.bases().length(); i++) {
                    char base = block.bases().charAt(i);
                    if (base != '.') {
                        known.put(block.genomicFirst() + strand * i, strand > 0 ? base : complement(base));
                    }
                }
            }
            return new ReferenceSequence() {
                @Override
                public OptionalInt contigLength(String canonicalContig) {
                    return canonicalContig.equals(contig) ? assembly.primaryContigLength(contig) : OptionalInt.empty();
                }

                @Override
                public String bases(String canonicalContig, int start, int length) {
                    StringBuilder bases = new StringBuilder();
                    for (int at = start; at < start + length; at++) {
                        Character base = canonicalContig.equals(contig) ? known.get(at) : null;
                        if (base == null) {
                            throw new PermedException(InterpretationErrorCode.REFERENCE_REQUIRED, "HGVS expression '" + text
                                    + "' is an insertion or deletion; writing it as REF/ALT needs the reference base at " + assembly
                                    + " " + contig + ":" + at + ", which permed's transcript table does not hold; give the variant as"
                                    + " CHROM-POS-REF-ALT (VCF style) with the assembly",
                                    Map.of("field", "hgvs", "value", text));
                        }
                        bases.append(base);
                    }
                    return bases.toString();
                }
            };
        }

        private String stretches() {
            List<String> shown = new ArrayList<>();
            for (Block block : blocks) {
                if (shown.size() == 6) {
                    shown.add("… " + (blocks.size() - 6) + " more");
                    break;
                }
                String first = block.region().render(block.first());
                shown.add(block.first() == block.last() ? "c." + first : "c." + first + "_" + block.region().render(block.last()));
            }
            return String.join(", ", shown);
        }
    }

    /**
     * A run of c. positions that lie on the genome without an intron between them.
     *
     * @param region coding numbering (c.-N and c.N) or 3' UTR numbering (c.*N)
     * @param first the first position ({@link Region#index})
     * @param last the last position
     * @param genomicFirst the genomic position of {@code first}
     * @param exonStartAtFirst whether {@code first} is known to be the first base of an exon
     * @param exonEndAtLast whether {@code last} is known to be the last base of an exon
     * @param bases the transcript's bases from first to last, {@code .} where not known
     */
    public record Block(Region region, int first, int last, int genomicFirst, boolean exonStartAtFirst, boolean exonEndAtLast,
            String bases) {
        public Block {
            requireNonNull(region, "region is null");
            requireNonNull(bases, "bases is null");
            if (last < first || bases.length() != last - first + 1) {
                throw new IllegalArgumentException("block " + first + ".." + last + " has " + bases.length() + " bases");
            }
        }
    }

    /** The two c. numberings: {@code c.-N}/{@code c.N} (one line, no c.0) and {@code c.*N} after the stop codon. */
    public enum Region {
        CODING, UTR3;

        /** The HGVS number written in {@code c.} for an index of this region. */
        String render(int index) {
            if (this == UTR3) {
                return "*" + index;
            }
            return index > 0 ? Integer.toString(index) : Integer.toString(index - 1);
        }

        static Region of(NucleotidePointLocation location) {
            return location.isDownstreamOfCDS() ? UTR3 : CODING;
        }

        /** A line without gaps: c.-1 is 0, c.1 is 1; c.*N is N. */
        static int index(NucleotidePointLocation location) {
            // Jannovar keeps c.N as N-1, c.*N as N-1 and c.-N as -N: one more is the index in every case
            return location.getBasePos() + 1;
        }
    }

    /** A c. position: region, index on the region's line, and the intronic offset (+k after, -k before). */
    record CodingPosition(Region region, int index, int offset) {
        static CodingPosition of(NucleotidePointLocation location) {
            return new CodingPosition(Region.of(location), Region.index(location), location.getOffset());
        }

        CodingPosition withoutOffset() {
            return new CodingPosition(region, index, 0);
        }

        @Override
        public String toString() {
            return region.render(index) + (offset > 0 ? "+" + offset : offset < 0 ? Integer.toString(offset) : "");
        }
    }

    /** A genomic position and, when the table knows it, the transcript's base there. */
    record Located(int genomic, Optional<Character> transcriptBase) {
    }

    /** The table shipped with permed (ClinVar 2018, both assemblies). */
    public static TranscriptAnchors bundled() {
        synchronized (LOCK) {
            if (bundled == null) {
                try (InputStream in = TranscriptAnchors.class.getResourceAsStream(RESOURCE)) {
                    if (in == null) {
                        throw new IllegalStateException("resource " + RESOURCE + " is missing from permed-interpretation");
                    }
                    bundled = read(new GZIPInputStream(in));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + RESOURCE, e);
                }
            }
            return bundled;
        }
    }

    /** The transcripts (accession.version) in the table. */
    public Set<String> transcripts() {
        return placements.keySet();
    }

    /** The assemblies a transcript is placed on (empty when it is not in the table). */
    public Set<Assembly> assemblies(String transcript) {
        return placements.getOrDefault(transcript, Map.of()).keySet();
    }

    /** A transcript's placement on an assembly. */
    public Optional<Placement> placement(String transcript, Assembly assembly) {
        return Optional.ofNullable(placements.getOrDefault(transcript, Map.of()).get(assembly));
    }

    /** The versions of an accession ({@code NM_000277}) the table has, as accession.version. */
    public Set<String> versions(String accession) {
        return versions.getOrDefault(accession, new TreeSet<>());
    }

    /** The number of placements (transcript × assembly) and of blocks, and the positions they cover. */
    public String size() {
        int placementCount = 0;
        int blockCount = 0;
        long positions = 0;
        for (Map<Assembly, Placement> byAssembly : placements.values()) {
            for (Placement placement : byAssembly.values()) {
                placementCount++;
                blockCount += placement.blocks().size();
                for (Block block : placement.blocks()) {
                    positions += block.last() - block.first() + 1;
                }
            }
        }
        return placements.size() + " transcripts, " + placementCount + " placements, " + blockCount + " blocks, " + positions
                + " positions";
    }

    /** What the builder dropped and why (written as comments at the head of the table). */
    public List<String> notes() {
        return notes;
    }

    /**
     * Builds the table from ClinVar rows (see the class comment for the rules). Rows that are not substitutions on a
     * versioned transcript, or whose VCF allele is not one base to one base, give no anchor.
     */
    public static TranscriptAnchors fromObservations(Collection<Observation> observations) {
        requireNonNull(observations, "observations is null");
        Map<String, List<Anchor>> groups = new TreeMap<>();
        int used = 0;
        int noStrand = 0;
        for (Observation observation : observations) {
            Optional<Anchor> anchor = anchor(observation);
            if (anchor.isEmpty()) {
                continue;
            }
            if (anchor.get().strand() == 0) {
                noStrand++;
                continue;
            }
            used++;
            groups.computeIfAbsent(anchor.get().transcript() + "\t" + observation.assembly().name(), key -> new ArrayList<>())
                    .add(anchor.get());
        }
        List<Placement> placements = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        int outvoted = 0;
        for (Map.Entry<String, List<Anchor>> group : groups.entrySet()) {
            List<Anchor> anchors = group.getValue();
            Map<String, Integer> votes = new TreeMap<>();
            for (Anchor anchor : anchors) {
                votes.merge(anchor.contig() + "\t" + anchor.strand(), 1, Integer::sum);
            }
            int best = votes.values().stream().max(Integer::compare).orElseThrow();
            List<String> winners = votes.entrySet().stream().filter(vote -> vote.getValue() == best).map(Map.Entry::getKey).toList();
            String[] transcriptAssembly = group.getKey().split("\t");
            if (winners.size() > 1) {
                dropped.add(transcriptAssembly[0] + " " + transcriptAssembly[1] + ": anchors split evenly on chromosome/strand");
                continue;
            }
            String[] winner = winners.get(0).split("\t");
            List<Anchor> agreeing = anchors.stream()
                    .filter(anchor -> anchor.contig().equals(winner[0]) && anchor.strand() == Integer.parseInt(winner[1])).toList();
            outvoted += anchors.size() - agreeing.size();
            try {
                placements.add(place(transcriptAssembly[0], agreeing.get(0).assembly(), winner[0], Integer.parseInt(winner[1]), agreeing));
            } catch (IllegalArgumentException inconsistent) {
                dropped.add(transcriptAssembly[0] + " " + transcriptAssembly[1] + ": " + inconsistent.getMessage());
            }
        }
        List<String> notes = new ArrayList<>();
        notes.add(used + " substitution anchors used; " + noStrand + " whose bases fit neither strand dropped; " + outvoted
                + " outvoted on chromosome/strand dropped");
        for (String reason : dropped) {
            notes.add("left out: " + reason);
        }
        return new TranscriptAnchors(placements, notes);
    }

    private record Anchor(String transcript, Assembly assembly, String contig, int strand, CodingPosition position, int genomic,
            char base) {
    }

    private static Optional<Anchor> anchor(Observation observation) {
        if (observation.reference().length() != 1 || observation.alternate().length() != 1) {
            return Optional.empty();
        }
        SingleAlleleNucleotideVariant variant;
        try {
            variant = HgvsSyntax.parse(observation.hgvs().strip());
        } catch (PermedException notReadable) {
            return Optional.empty();
        }
        if (variant.getSeqType() != SequenceType.CODING_DNA || variant.getTranscriptVersion() == NucleotideVariant.NO_TRANSCRIPT_VERSION
                || variant.getAllele().size() != 1) {
            return Optional.empty();
        }
        NucleotideChange change = variant.getChange();
        if (!(change instanceof NucleotideSubstitution substitution) || change.isOnlyPredicted()
                || substitution.getFromNT().length() != 1 || substitution.getToNT().length() != 1) {
            return Optional.empty();
        }
        String contig = Contigs.canonical(observation.chromosome().strip());
        if (!Contigs.isPrimary(contig)) {
            return Optional.empty();
        }
        char from = substitution.getFromNT().charAt(0);
        char to = substitution.getToNT().charAt(0);
        char ref = Character.toUpperCase(observation.reference().charAt(0));
        char alt = Character.toUpperCase(observation.alternate().charAt(0));
        int strand = from == ref && to == alt ? 1 : from == complement(ref) && to == complement(alt) ? -1 : 0;
        CodingPosition position = CodingPosition.of(substitution.getPosition());
        int genomic = observation.position() - strand * position.offset();
        return Optional.of(new Anchor(variant.getRefIDWithVersion(), observation.assembly(), contig, strand, position, genomic,
                position.offset() == 0 ? from : '.'));
    }

    private record Point(CodingPosition position, int genomic, char base, boolean exonStart, boolean exonEnd) {
    }

    private static Placement place(String transcript, Assembly assembly, String contig, int strand, List<Anchor> anchors) {
        Map<CodingPosition, Point> points = new HashMap<>();
        Map<Integer, CodingPosition> byGenomic = new HashMap<>();
        for (Anchor anchor : anchors) {
            CodingPosition at = anchor.position().withoutOffset();
            Point point = new Point(at, anchor.genomic(), anchor.base(), anchor.position().offset() < 0, anchor.position().offset() > 0);
            Point before = points.get(at);
            if (before != null) {
                if (before.genomic() != point.genomic()) {
                    throw new IllegalArgumentException("c." + at + " is placed at both " + before.genomic() + " and " + point.genomic());
                }
                if (before.base() != '.' && point.base() != '.' && before.base() != point.base()) {
                    throw new IllegalArgumentException("c." + at + " is both " + before.base() + " and " + point.base());
                }
                point = new Point(at, point.genomic(), before.base() != '.' ? before.base() : point.base(),
                        before.exonStart() || point.exonStart(), before.exonEnd() || point.exonEnd());
            }
            CodingPosition other = byGenomic.put(point.genomic(), at);
            if (other != null && !other.equals(at)) {
                throw new IllegalArgumentException("c." + other + " and c." + at + " are both placed at " + point.genomic());
            }
            points.put(at, point);
        }
        List<Point> sorted = new ArrayList<>(points.values());
        sorted.sort(Comparator.comparing((Point point) -> point.position().region()).thenComparingInt(point -> point.position().index()));
        List<Block> blocks = new ArrayList<>();
        List<Point> run = new ArrayList<>();
        for (Point point : sorted) {
            if (!run.isEmpty()) {
                Point previous = run.get(run.size() - 1);
                int genomicStep = strand * (point.genomic() - previous.genomic());
                if (genomicStep <= 0) {
                    throw new IllegalArgumentException("c." + previous.position() + " and c." + point.position()
                            + " are out of order on the genome");
                }
                boolean sameRegion = previous.position().region() == point.position().region();
                int codingStep = point.position().index() - previous.position().index();
                if (sameRegion && genomicStep < codingStep) {
                    throw new IllegalArgumentException("c." + previous.position() + " and c." + point.position() + " are "
                            + genomicStep + " bases apart on the genome but " + codingStep + " on the transcript");
                }
                if (sameRegion && genomicStep == codingStep) {
                    if (previous.exonEnd() || point.exonStart()) {
                        throw new IllegalArgumentException("an exon boundary at c." + previous.position() + "/c." + point.position()
                                + " lies inside a run without intron");
                    }
                } else {
                    blocks.add(block(run, strand));
                    run.clear();
                }
            }
            run.add(point);
        }
        if (!run.isEmpty()) {
            blocks.add(block(run, strand));
        }
        return new Placement(transcript, assembly, contig, strand, blocks);
    }

    private static Block block(List<Point> run, int strand) {
        Point first = run.get(0);
        Point last = run.get(run.size() - 1);
        char[] bases = new char[last.position().index() - first.position().index() + 1];
        Arrays.fill(bases, '.');
        for (Point point : run) {
            bases[point.position().index() - first.position().index()] = point.base();
        }
        return new Block(first.position().region(), first.position().index(), last.position().index(), first.genomic(),
                first.exonStart(), last.exonEnd(), new String(bases));
    }

    /** Writes the table as TSV (the resource's format): {@code #} comment lines, a header, one block per line. */
    public void write(Writer out, List<String> comments) throws IOException {
        for (String comment : comments) {
            out.write("# " + comment + "\n");
        }
        for (String note : notes) {
            out.write("# " + note + "\n");
        }
        out.write("# " + size() + "\n");
        out.write(HEADER + "\n");
        for (Map<Assembly, Placement> byAssembly : placements.values()) {
            for (Placement placement : byAssembly.values()) {
                for (Block block : placement.blocks()) {
                    out.write(String.join("\t", placement.transcript(), placement.assembly().displayName(), placement.contig(),
                            placement.strand() > 0 ? "+" : "-", block.region().render(block.first()),
                            block.region().render(block.last()), Integer.toString(block.genomicFirst()),
                            block.exonStartAtFirst() ? "1" : "0", block.exonEndAtLast() ? "1" : "0", block.bases()) + "\n");
                }
            }
        }
    }

    /** Reads a table written by {@link #write} (uncompressed). */
    public static TranscriptAnchors read(InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        Map<String, Placement> placements = new TreeMap<>();
        List<String> notes = new ArrayList<>();
        String line;
        int number = 0;
        boolean header = false;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.startsWith("#")) {
                notes.add(line.substring(1).strip());
                continue;
            }
            if (!header) {
                if (!line.equals(HEADER)) {
                    throw new IOException("transcript-anchor table line " + number + ": header expected");
                }
                header = true;
                continue;
            }
            String[] fields = line.split("\t", -1);
            if (fields.length != 10) {
                throw new IOException("transcript-anchor table line " + number + ": 10 fields expected, not " + fields.length);
            }
            Assembly assembly = Assembly.parse(fields[1]);
            int strand = fields[3].equals("+") ? 1 : -1;
            Region region = fields[4].startsWith("*") ? Region.UTR3 : Region.CODING;
            Block block = new Block(region, index(region, fields[4]), index(region, fields[5]), Integer.parseInt(fields[6]),
                    fields[7].equals("1"), fields[8].equals("1"), fields[9]);
            String key = fields[0] + "\t" + assembly.name();
            Placement before = placements.get(key);
            List<Block> blocks = new ArrayList<>(before == null ? List.of() : before.blocks());
            blocks.add(block);
            if (before != null && (!before.contig().equals(fields[2]) || before.strand() != strand)) {
                throw new IOException("transcript-anchor table line " + number + ": " + fields[0] + " changes chromosome or strand");
            }
            placements.put(key, new Placement(fields[0], assembly, fields[2], strand, blocks));
        }
        notes.removeIf(note -> note.isEmpty());
        return new TranscriptAnchors(placements.values(), notes);
    }

    /**
     * Reads ClinVar rows in the observation format of {@code src/build/make-transcript-anchors.sh} (TSV, {@code #}
     * comments, header {@code source line assembly chrom pos ref alt hgvs_c}; uncompressed).
     */
    public static List<Observation> readObservations(InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        List<Observation> observations = new ArrayList<>();
        Map<String, Integer> column = null;
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.startsWith("#") || line.isEmpty()) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            if (column == null) {
                column = new HashMap<>();
                for (int i = 0; i < fields.length; i++) {
                    column.put(fields[i], i);
                }
                continue;
            }
            observations.add(new Observation(fields[column.get("hgvs_c")], Assembly.parse(fields[column.get("assembly")]),
                    fields[column.get("chrom")], Integer.parseInt(fields[column.get("pos")]), fields[column.get("ref")],
                    fields[column.get("alt")]));
        }
        return observations;
    }

    private static int index(Region region, String written) {
        if (region == Region.UTR3) {
            return Integer.parseInt(written.substring(1));
        }
        int number = Integer.parseInt(written);
        return number > 0 ? number : number + 1;
    }

    static String accession(String transcript) {
        int dot = transcript.lastIndexOf('.');
        return dot < 0 ? transcript : transcript.substring(0, dot);
    }

    static char complement(char base) {
        return switch (base) {
            case 'A' -> 'T';
            case 'T' -> 'A';
            case 'C' -> 'G';
            case 'G' -> 'C';
            default -> 'N';
        };
    }

    static PermedException notResolvable(String text, String message) {
        return new PermedException(InterpretationErrorCode.HGVS_NOT_RESOLVABLE, message, Map.of("field", "hgvs", "value", text));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TranscriptAnchors anchors && anchors.placements.equals(placements);
    }

    @Override
    public int hashCode() {
        return Objects.hash(placements);
    }
}
