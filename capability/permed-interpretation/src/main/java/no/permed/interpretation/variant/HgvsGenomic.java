package no.permed.interpretation.variant;

import static java.util.Objects.requireNonNull;

import de.charite.compbio.jannovar.hgvs.SequenceType;
import de.charite.compbio.jannovar.hgvs.nts.NucleotidePointLocation;
import de.charite.compbio.jannovar.hgvs.nts.NucleotideRange;
import de.charite.compbio.jannovar.hgvs.nts.NucleotideSeqDescription;
import de.charite.compbio.jannovar.hgvs.nts.change.NucleotideChange;
import de.charite.compbio.jannovar.hgvs.nts.change.NucleotideDeletion;
import de.charite.compbio.jannovar.hgvs.nts.change.NucleotideDuplication;
import de.charite.compbio.jannovar.hgvs.nts.change.NucleotideIndel;
import de.charite.compbio.jannovar.hgvs.nts.change.NucleotideInsertion;
import de.charite.compbio.jannovar.hgvs.nts.change.NucleotideSubstitution;
import de.charite.compbio.jannovar.hgvs.nts.variant.NucleotideVariant;
import de.charite.compbio.jannovar.hgvs.nts.variant.SingleAlleleNucleotideVariant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import no.permed.interpretation.InterpretationErrorCode;
import no.permed.kernel.PermedException;
import no.permed.vcf.genome.Assembly;
import no.permed.vcf.genome.Contigs;
import no.permed.vcf.normalise.ReferenceSequence;
import no.permed.vcf.normalise.VariantKey;

/**
 * HGVS expressions turned into {@link VariantKey}s. Every expression is read by Jannovar's HGVS parser
 * ({@code jannovar-hgvs}, see {@link HgvsSyntax}); a syntax error is reported with the expression and where it is.
 *
 * <ul>
 *   <li><b>Genomic</b> ({@code g.}, and {@code m.} on the mitochondrion): substitutions ({@code NC_000017.11:g.43045712G>A}),
 *       deletions ({@code g.100_102del}, {@code g.100delA}), duplications, insertions ({@code g.100_101insTG}) and
 *       deletion-insertions ({@code g.100_102delinsTT}), on a RefSeq chromosome accession (which names the assembly:
 *       {@code NC_000017.11} is GRCh38, {@code NC_000017.10} GRCh37) or on {@code chr17}/{@code 17} with an assembly
 *       given.</li>
 *   <li><b>Coding</b> ({@code c.} on a versioned RefSeq transcript, e.g. {@code NM_000277.2:c.1222C>T}, also
 *       {@code c.-12}, {@code c.*30}, {@code c.123+5}): placed through {@link TranscriptAnchors}, which knows only
 *       positions that ClinVar fixes exactly; anything else is refused with
 *       {@link InterpretationErrorCode#HGVS_NOT_RESOLVABLE}, never guessed. The reference base of a substitution is
 *       checked against the table where the table knows it.</li>
 *   <li>{@code p.} and {@code r.}, alleles with several changes, predicted changes in parentheses, inversions and other
 *       edits get {@link InterpretationErrorCode#HGVS_NOT_SUPPORTED}; {@code n.} transcripts are not in the table.</li>
 * </ul>
 *
 * <p>Indels need reference bases: VCF writes them with the preceding base, which the HGVS expression does not carry.
 * They come from the {@link ReferenceSequence} given, or for {@code c.} from the bases the table knows; bases written
 * in the expression are checked, and the result is left-aligned (HGVS shifts 3', VCF left).
 */
public final class HgvsGenomic {
    private static final Pattern TRANSCRIPT_OR_OTHER = Pattern.compile("(N[CMRPGTW]|X[MRP])_\\d+.*|ENS[TGP]\\d+.*|LRG_\\d+.*");
    private static final Pattern REFSEQ_CHROMOSOME = Pattern.compile("NC_0+\\d+\\.\\d+");
    /** The longest expression read; longer text is refused before parsing (and not echoed whole). */
    public static final int MAX_LENGTH = 1000;

    private HgvsGenomic() {
    }

    /** Parses an expression on a RefSeq chromosome accession or a transcript, without a reference (substitutions only). */
    public static VariantKey parse(String expression) {
        return parse(expression, Optional.empty(), Optional.empty());
    }

    /**
     * Parses an expression, placing {@code c.} through the bundled {@link TranscriptAnchors#bundled() transcript table}.
     *
     * @param expression the HGVS expression
     * @param assembly the assembly of a {@code chr17:g.} expression, or of a {@code c.} expression whose transcript the
     *     table places on both assemblies (checked against an {@code NC_} accession)
     * @param reference the reference sequence of that assembly, needed for indels
     * @throws PermedException with {@link InterpretationErrorCode#HGVS_NOT_SUPPORTED},
     *     {@link InterpretationErrorCode#HGVS_NOT_RESOLVABLE}, {@link InterpretationErrorCode#REFERENCE_REQUIRED} or
     *     {@link InterpretationErrorCode#REFERENCE_MISMATCH}
     */
    public static VariantKey parse(String expression, Optional<Assembly> assembly, Optional<ReferenceSequence> reference) {
        return parse(expression, assembly, reference, TranscriptAnchors.bundled());
    }

    /** As {@link #parse(String, Optional, Optional)}, with the given transcript table. */
    public static VariantKey parse(String expression, Optional<Assembly> assembly, Optional<ReferenceSequence> reference,
            TranscriptAnchors anchors) {
        requireNonNull(expression, "expression is null");
        requireNonNull(assembly, "assembly is null");
        requireNonNull(reference, "reference is null");
        requireNonNull(anchors, "anchors is null");
        String text = expression.strip();
        if (text.length() > MAX_LENGTH) {
            throw unsupported(text.substring(0, 60) + "…", "HGVS expression '" + text.substring(0, 60) + "…' has " + text.length()
                    + " characters; at most " + MAX_LENGTH + " are read (give a long change as CHROM-POS-REF-ALT)");
        }
        SingleAlleleNucleotideVariant variant = HgvsSyntax.parse(text);
        if (variant.getAllele().size() != 1) {
            throw unsupported(text, "HGVS expression '" + text + "' has " + variant.getAllele().size() + " changes in one allele;"
                    + " the register keys one change at a time: submit each on its own");
        }
        NucleotideChange change = variant.getChange();
        if (change.isOnlyPredicted()) {
            throw unsupported(text, "HGVS expression '" + text + "' is a predicted change (in parentheses); submit the observed"
                    + " change without parentheses");
        }
        Edit edit = edit(text, change);
        return switch (variant.getSeqType()) {
            case GENOMIC, MITOCHONDRIAL_DNA -> genomic(text, variant, edit, assembly, reference);
            case CODING_DNA -> coding(text, variant, edit, assembly, reference, anchors);
            case NON_CODING_DNA -> throw TranscriptAnchors.notResolvable(text, "HGVS n. expression '" + text + "' is on a non-coding"
                    + " transcript; permed's transcript table holds coding (c.) positions only: give a genomic expression"
                    + " (NC_…:g.…) or CHROM-POS-REF-ALT with the assembly");
            default -> throw unsupported(text, "HGVS expression '" + text + "' is of type " + variant.getSeqType()
                    + ", which the register does not key; give g. or c.");
        };
    }

    /** The edit of an expression, before its positions are placed on the genome. */
    private record Edit(Kind kind, NucleotidePointLocation first, NucleotidePointLocation last, String deleted,
            int deletedCount, String inserted) {
    }

    private enum Kind { SUBSTITUTION, DELETION, DUPLICATION, INSERTION, DELETION_INSERTION }

    private static Edit edit(String text, NucleotideChange change) {
        if (change instanceof NucleotideSubstitution substitution) {
            if (substitution.getFromNT().length() != 1 || substitution.getToNT().length() != 1) {
                throw unsupported(text, "A substitution replaces one base by one base, but '" + text + "' has "
                        + substitution.getFromNT() + ">" + substitution.getToNT() + "; use delins for more bases");
            }
            return new Edit(Kind.SUBSTITUTION, substitution.getPosition(), substitution.getPosition(), substitution.getFromNT(),
                    1, substitution.getToNT());
        }
        if (change instanceof NucleotideDeletion deletion) {
            return range(text, Kind.DELETION, deletion.getRange(), deletion.getSeq(), null);
        }
        if (change instanceof NucleotideDuplication duplication) {
            return range(text, Kind.DUPLICATION, duplication.getRange(), duplication.getSeq(), null);
        }
        if (change instanceof NucleotideInsertion insertion) {
            return range(text, Kind.INSERTION, insertion.getRange(), null, insertion.getSeq());
        }
        if (change instanceof NucleotideIndel indel) {
            return range(text, Kind.DELETION_INSERTION, indel.getRange(), indel.getDelSeq(), indel.getInsSeq());
        }
        throw unsupported(text, "HGVS edit '" + change.toHGVSString() + "' in '" + text + "' is not supported; use a substitution"
                + " (G>A), del, dup, ins or delins");
    }

    private static Edit range(String text, Kind kind, NucleotideRange range, NucleotideSeqDescription deleted,
            NucleotideSeqDescription inserted) {
        String written = "";
        int count = -1;
        if (deleted != null && deleted.hasNucleotides()) {
            written = deleted.getNucleotides();
        } else if (deleted != null && !deleted.isBlank()) {
            count = deleted.length();
        }
        String insertedBases = null;
        if (inserted != null) {
            if (!inserted.hasNucleotides()) {
                throw unsupported(text, "HGVS expression '" + text + "' does not name the inserted bases; write them out"
                        + " (ins" + "TG, not ins2)");
            }
            insertedBases = inserted.getNucleotides();
        }
        return new Edit(kind, range.getFirstPos(), range.getLastPos(), written, count, insertedBases);
    }

    private static VariantKey genomic(String text, NucleotideVariant variant, Edit edit, Optional<Assembly> assembly,
            Optional<ReferenceSequence> reference) {
        RefgetAccessions.Chromosome chromosome = chromosome(text, variant.getRefIDWithVersion(), assembly);
        if (variant.getSeqType() == SequenceType.MITOCHONDRIAL_DNA && !chromosome.contig().equals("MT")) {
            throw unsupported(text, "HGVS m. expression '" + text + "' is not on the mitochondrial chromosome (NC_012920.1 or chrM)");
        }
        int start = genomicPosition(text, edit.first());
        int end = genomicPosition(text, edit.last());
        return apply(text, chromosome.assembly(), chromosome.contig(), start, end, edit.kind(), edit.deleted(), edit.deletedCount(),
                edit.inserted(), reference);
    }

    private static int genomicPosition(String text, NucleotidePointLocation location) {
        if (location.getOffset() != 0 || location.isDownstreamOfCDS() || location.getBasePos() < 0) {
            throw unsupported(text, "Genomic HGVS positions are whole numbers from 1 without offsets or *, but '" + text
                    + "' has " + location.toHGVSString());
        }
        return location.getBasePos() + 1;
    }

    private static VariantKey coding(String text, NucleotideVariant variant, Edit edit, Optional<Assembly> assembly,
            Optional<ReferenceSequence> reference, TranscriptAnchors anchors) {
        String accession = variant.getRefID();
        if (variant.getTranscriptVersion() == NucleotideVariant.NO_TRANSCRIPT_VERSION) {
            Set<String> known = anchors.versions(accession);
            throw TranscriptAnchors.notResolvable(text, "HGVS expression '" + text + "' names transcript " + accession
                    + " without its version; versions can number differently, so give it (e.g. "
                    + (known.isEmpty() ? accession + ".2" : String.join(" or ", known)) + ")");
        }
        String transcript = variant.getRefIDWithVersion();
        Set<Assembly> placed = anchors.assemblies(transcript);
        if (placed.isEmpty()) {
            Set<String> known = anchors.versions(accession);
            if (!known.isEmpty()) {
                throw TranscriptAnchors.notResolvable(text, "Transcript " + transcript + " is not in permed's transcript table, which"
                        + " has " + String.join(", ", known) + " of " + accession + "; versions can number differently, so"
                        + " give the expression on " + String.join(" or ", known) + ", a genomic expression (NC_…:g.…) or"
                        + " CHROM-POS-REF-ALT with the assembly");
            }
            throw TranscriptAnchors.notResolvable(text, "Transcript " + transcript + " is not in permed's transcript table (the"
                    + " RefSeq transcripts with positions known exactly from ClinVar); give a genomic expression (NC_…:g.…) or"
                    + " CHROM-POS-REF-ALT with the assembly");
        }
        Assembly on;
        if (assembly.isPresent()) {
            on = assembly.get();
            if (!placed.contains(on)) {
                throw TranscriptAnchors.notResolvable(text, "Transcript " + transcript + " is in permed's transcript table on "
                        + placed.iterator().next() + " only, not on " + on + "; give a genomic expression (NC_…:g.…) or"
                        + " CHROM-POS-REF-ALT on " + on);
            }
        } else if (placed.size() == 1) {
            on = placed.iterator().next();
        } else {
            Map<String, Object> details = new HashMap<>();
            details.put("field", "assembly");
            details.put("value", text);
            throw new PermedException(InterpretationErrorCode.HGVS_NOT_RESOLVABLE, "Transcript " + transcript + " is placed on both"
                    + " GRCh37 and GRCh38 in permed's transcript table; give the assembly (GRCh37 or GRCh38) the variant is"
                    + " to be registered on", details);
        }
        TranscriptAnchors.Placement placement = anchors.placement(transcript, on).orElseThrow();
        TranscriptAnchors.CodingPosition firstPosition = TranscriptAnchors.CodingPosition.of(edit.first());
        TranscriptAnchors.Located first = placement.locate(text, firstPosition);
        TranscriptAnchors.Located last = edit.first().equals(edit.last()) ? first
                : placement.locate(text, TranscriptAnchors.CodingPosition.of(edit.last()));
        int strand = placement.strand();
        if (edit.kind() == Kind.SUBSTITUTION) {
            char written = edit.deleted().charAt(0);
            if (first.transcriptBase().isPresent() && first.transcriptBase().get() != written) {
                throw new PermedException(InterpretationErrorCode.REFERENCE_MISMATCH, "HGVS expression '" + text + "' names reference"
                        + " base " + written + " but c." + firstPosition + " of " + transcript + " is " + first.transcriptBase().get()
                        + " (ClinVar); check the transcript version and the position",
                        Map.of("field", "hgvs", "value", text));
            }
        }
        int start = Math.min(first.genomic(), last.genomic());
        int end = Math.max(first.genomic(), last.genomic());
        if (strand * (last.genomic() - first.genomic()) < 0) {
            throw unsupported(text, "HGVS expression '" + text + "' has its end position before its start");
        }
        String deleted = strand > 0 ? edit.deleted() : reverseComplement(edit.deleted());
        String inserted = edit.inserted() == null || strand > 0 ? edit.inserted() : reverseComplement(edit.inserted());
        Optional<ReferenceSequence> bases = reference.isPresent() || edit.kind() == Kind.SUBSTITUTION ? reference
                : Optional.of(placement.knownBases(text));
        return apply(text, on, placement.contig(), start, end, edit.kind(), deleted, edit.deletedCount(), inserted, bases);
    }

    private static VariantKey apply(String text, Assembly on, String contig, int start, int end, Kind kind, String deleted,
            int deletedCount, String inserted, Optional<ReferenceSequence> reference) {
        if (end < start) {
            throw unsupported(text, "HGVS expression '" + text + "' has its end position before its start");
        }
        int length = end - start + 1;
        if (kind == Kind.SUBSTITUTION) {
            reference.ifPresent(sequence -> checkWritten(text, deleted, sequence.bases(contig, start, 1)));
            return VariantKeys.of(on, contig, start, deleted, inserted, reference);
        }
        if (deletedCount >= 0 && deletedCount != length) {
            throw unsupported(text, "HGVS expression '" + text + "' spans " + length + " bases but names " + deletedCount);
        }
        if (!deleted.isEmpty() && deleted.length() != length) {
            throw unsupported(text, "HGVS expression '" + text + "' spans " + length + " bases but names " + deleted.length()
                    + " (" + deleted + ")");
        }
        if (kind == Kind.INSERTION && end != start + 1) {
            throw unsupported(text, "An HGVS insertion lies between two adjacent positions (g.100_101insT) but '" + text + "' does not");
        }
        ReferenceSequence bases = reference.orElseThrow(() -> new PermedException(InterpretationErrorCode.REFERENCE_REQUIRED,
                "HGVS expression '" + text + "' is an insertion or deletion; placing it as REF/ALT needs the reference sequence of "
                        + on + " (a FASTA with its .fai index)",
                Map.of("field", "hgvs", "value", text)));
        switch (kind) {
            case DELETION_INSERTION -> {
                String removed = bases.bases(contig, start, length);
                checkWritten(text, deleted, removed);
                return VariantKeys.of(on, contig, start, removed, inserted, reference);
            }
            case DELETION -> {
                String removed = bases.bases(contig, start, length);
                checkWritten(text, deleted, removed);
                String anchor = bases.bases(contig, start - 1, 1);
                return VariantKeys.of(on, contig, start - 1, anchor + removed, anchor, reference);
            }
            case DUPLICATION -> {
                String duplicated = bases.bases(contig, start, length);
                checkWritten(text, deleted, duplicated);
                String anchor = bases.bases(contig, end, 1);
                return VariantKeys.of(on, contig, end, anchor, anchor + duplicated, reference);
            }
            case INSERTION -> {
                String anchor = bases.bases(contig, start, 1);
                return VariantKeys.of(on, contig, start, anchor, anchor + inserted, reference);
            }
            default -> throw new IllegalStateException("substitution handled above");
        }
    }

    private static RefgetAccessions.Chromosome chromosome(String text, String sequence, Optional<Assembly> assembly) {
        if (REFSEQ_CHROMOSOME.matcher(sequence).matches()) {
            RefgetAccessions.Chromosome chromosome = RefgetAccessions.byRefseq(sequence).orElseThrow(() -> unsupported(text,
                    "RefSeq accession '" + sequence + "' is not a primary chromosome of GRCh37 or GRCh38 (check its version:"
                            + " NC_000017.11 is GRCh38, NC_000017.10 GRCh37)"));
            if (assembly.isPresent() && assembly.get() != chromosome.assembly() && !chromosome.contig().equals("MT")) {
                throw unsupported(text, "HGVS expression '" + text + "' is on " + sequence + " (" + chromosome.assembly()
                        + ") but " + assembly.get() + " was asked for; GRCh37 and GRCh38 are kept apart");
            }
            return assembly.isPresent() && chromosome.contig().equals("MT")
                    ? RefgetAccessions.byContig(assembly.get(), "MT").orElseThrow()
                    : chromosome;
        }
        if (TRANSCRIPT_OR_OTHER.matcher(sequence.toUpperCase(Locale.ROOT)).matches()) {
            throw unsupported(text, "HGVS g. on '" + sequence + "' (a transcript or other sequence) is not a genomic position;"
                    + " give a chromosome (NC_000017.11:g.43045712G>A), c. on the transcript, or CHROM-POS-REF-ALT");
        }
        String contig = Contigs.canonical(sequence);
        if (!Contigs.isPrimary(contig)) {
            throw unsupported(text, "Sequence '" + sequence + "' in '" + text + "' is neither a RefSeq chromosome (NC_…) nor a primary"
                    + " chromosome name (chr1–chr22, chrX, chrY, chrM)");
        }
        Assembly on = assembly.orElseThrow(() -> unsupported(text, "HGVS expression '" + text + "' names the chromosome but not the"
                + " assembly; give the assembly (GRCh37 or GRCh38) or use a RefSeq accession such as NC_000017.11"));
        return RefgetAccessions.byContig(on, contig).orElseThrow();
    }

    private static void checkWritten(String text, String written, String actual) {
        if (!written.isEmpty() && !written.equals(actual)) {
            throw new PermedException(InterpretationErrorCode.REFERENCE_MISMATCH,
                    "HGVS expression '" + text + "' names reference bases " + written + " but the reference has " + actual
                            + "; check the assembly and the position",
                    Map.of("field", "hgvs", "value", text));
        }
    }

    private static String reverseComplement(String bases) {
        StringBuilder out = new StringBuilder(bases.length());
        for (int i = bases.length() - 1; i >= 0; i--) {
            out.append(TranscriptAnchors.complement(bases.charAt(i)));
        }
        return out.toString();
    }

    private static PermedException unsupported(String text, String message) {
        return HgvsSyntax.unsupported(text, message);
    }
}
