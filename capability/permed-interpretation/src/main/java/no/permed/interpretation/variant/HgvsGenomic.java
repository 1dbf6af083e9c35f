package no.permed.interpretation.variant;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.permed.interpretation.InterpretationErrorCode;
import no.permed.kernel.PermedException;
import no.permed.vcf.genome.Assembly;
import no.permed.vcf.genome.Contigs;
import no.permed.vcf.normalise.ReferenceSequence;
import no.permed.vcf.normalise.VariantKey;

/**
 * Genomic HGVS ({@code g.}) expressions that resolve without a transcript database, turned into {@link VariantKey}s:
 * substitutions ({@code NC_000017.11:g.43045712G>A}), deletions ({@code g.100_102del}, {@code g.100delA}), duplications
 * ({@code g.100_101dup}), insertions ({@code g.100_101insTG}) and deletion-insertions ({@code g.100_102delinsTT}), on a
 * RefSeq chromosome accession (which names the assembly: {@code NC_000017.11} is GRCh38, {@code NC_000017.10} GRCh37)
 * or on {@code chr17}/{@code 17} with an assembly given.
 *
 * <p>Indels need a {@link ReferenceSequence}: VCF writes them with the preceding base, which the HGVS expression does
 * not carry; bases written in the expression are checked against it, and the result is left-aligned (HGVS shifts 3',
 * VCF left). Coding and other transcript expressions ({@code c.}, {@code n.}, {@code r.}, {@code p.}, {@code NM_…}) need
 * a transcript database, which this module does not have (Jannovar is not in the offline repository); they get
 * {@link InterpretationErrorCode#HGVS_NOT_SUPPORTED}.
 */
public final class HgvsGenomic {
    private static final Pattern EXPRESSION = Pattern.compile(
            "(?<sequence>[A-Za-z0-9_.]+)(?:\\([^)]*\\))?:(?<type>[a-z])\\.(?<start>\\d+)(?:_(?<end>\\d+))?(?<edit>.*)");
    private static final Pattern SUBSTITUTION = Pattern.compile("([ACGT])>([ACGT])");
    private static final Pattern DELETION = Pattern.compile("del([ACGT]*)");
    private static final Pattern DUPLICATION = Pattern.compile("dup([ACGT]*)");
    private static final Pattern INSERTION = Pattern.compile("ins([ACGT]+)");
    private static final Pattern DELETION_INSERTION = Pattern.compile("del([ACGT]*)ins([ACGT]+)");
    private static final Pattern TRANSCRIPT_OR_OTHER = Pattern.compile("(N[CMRPGTW]|X[MRP])_\\d+.*|ENS[TGP]\\d+.*|LRG_\\d+.*");
    private static final Pattern REFSEQ_CHROMOSOME = Pattern.compile("NC_0+\\d+\\.\\d+");

    private HgvsGenomic() {
    }

    /** Parses an expression on a RefSeq chromosome accession, without a reference (substitutions only). */
    public static VariantKey parse(String expression) {
        return parse(expression, Optional.empty(), Optional.empty());
    }

    /**
     * Parses an expression.
     *
     * @param expression the HGVS expression
     * @param assembly the assembly of a {@code chr17:g.} expression (ignored, but checked, for an {@code NC_} accession)
     * @param reference the reference sequence of that assembly, needed for indels
     * @throws PermedException with {@link InterpretationErrorCode#HGVS_NOT_SUPPORTED},
     *     {@link InterpretationErrorCode#REFERENCE_REQUIRED} or {@link InterpretationErrorCode#REFERENCE_MISMATCH}
     */
    public static VariantKey parse(String expression, Optional<Assembly> assembly, Optional<ReferenceSequence> reference) {
        requireNonNull(expression, "expression is null");
        requireNonNull(assembly, "assembly is null");
        requireNonNull(reference, "reference is null");
        String text = expression.trim();
        Matcher matcher = EXPRESSION.matcher(text);
        if (!matcher.matches()) {
            throw unsupported(text, "HGVS expression '" + text + "' is not of the form SEQUENCE:g.POSITION EDIT"
                    + " (e.g. NC_000017.11:g.43045712G>A)");
        }
        String sequence = matcher.group("sequence");
        String type = matcher.group("type");
        if (!type.equals("g")) {
            throw unsupported(text, "HGVS " + type + ". expression '" + text + "' needs a transcript database to be placed on the genome,"
                    + " which is not available; give a genomic expression (NC_000017.11:g.43045712G>A) or CHROM-POS-REF-ALT");
        }
        RefgetAccessions.Chromosome chromosome = chromosome(text, sequence, assembly);
        int start = Integer.parseInt(matcher.group("start"));
        int end = matcher.group("end") == null ? start : Integer.parseInt(matcher.group("end"));
        if (end < start) {
            throw unsupported(text, "HGVS expression '" + text + "' has its end position before its start");
        }
        String edit = matcher.group("edit");
        Assembly on = chromosome.assembly();
        String contig = chromosome.contig();
        Matcher substitution = SUBSTITUTION.matcher(edit);
        if (substitution.matches() && start == end) {
            String referenceBase = substitution.group(1);
            reference.ifPresent(sequenceOf -> check(text, sequenceOf, contig, start, referenceBase));
            return VariantKeys.of(on, contig, start, referenceBase, substitution.group(2), reference);
        }
        Matcher deletionInsertion = DELETION_INSERTION.matcher(edit);
        Matcher deletion = DELETION.matcher(edit);
        Matcher duplication = DUPLICATION.matcher(edit);
        Matcher insertion = INSERTION.matcher(edit);
        boolean known = deletionInsertion.matches() || deletion.matches() || duplication.matches() || insertion.matches();
        if (!known) {
            throw unsupported(text, "HGVS edit '" + edit + "' in '" + text + "' is not supported; use a substitution (G>A), del, dup,"
                    + " ins or delins on genomic positions");
        }
        ReferenceSequence bases = reference.orElseThrow(() -> new PermedException(InterpretationErrorCode.REFERENCE_REQUIRED,
                "HGVS expression '" + text + "' is an insertion or deletion; placing it as REF/ALT needs the reference sequence of "
                        + on + " (a FASTA with its .fai index)",
                Map.of("field", "hgvs", "value", text)));
        int length = end - start + 1;
        if (deletionInsertion.matches()) {
            String deleted = bases.bases(contig, start, length);
            checkWritten(text, deletionInsertion.group(1), deleted);
            return VariantKeys.of(on, contig, start, deleted, deletionInsertion.group(2), reference);
        }
        if (deletion.matches()) {
            String deleted = bases.bases(contig, start, length);
            checkWritten(text, deletion.group(1), deleted);
            String anchor = bases.bases(contig, start - 1, 1);
            return VariantKeys.of(on, contig, start - 1, anchor + deleted, anchor, reference);
        }
        if (duplication.matches()) {
            String duplicated = bases.bases(contig, start, length);
            checkWritten(text, duplication.group(1), duplicated);
            String anchor = bases.bases(contig, end, 1);
            return VariantKeys.of(on, contig, end, anchor, anchor + duplicated, reference);
        }
        if (end != start + 1) {
            throw unsupported(text, "An HGVS insertion lies between two adjacent positions (g.100_101insT) but '" + text + "' does not");
        }
        String anchor = bases.bases(contig, start, 1);
        return VariantKeys.of(on, contig, start, anchor, anchor + insertion.group(1), reference);
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
            throw unsupported(text, "HGVS on '" + sequence + "' (a transcript or other sequence) needs a transcript database, which is"
                    + " not available; give a genomic expression (NC_000017.11:g.43045712G>A) or CHROM-POS-REF-ALT");
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

    private static void check(String text, ReferenceSequence reference, String contig, int position, String written) {
        checkWritten(text, written, reference.bases(contig, position, written.length()));
    }

    private static void checkWritten(String text, String written, String actual) {
        if (!written.isEmpty() && !written.equals(actual)) {
            throw new PermedException(InterpretationErrorCode.REFERENCE_MISMATCH,
                    "HGVS expression '" + text + "' names reference bases " + written + " but the reference has " + actual
                            + "; check the assembly and the position",
                    Map.of("field", "hgvs", "value", text));
        }
    }

    private static PermedException unsupported(String text, String message) {
        return new PermedException(InterpretationErrorCode.HGVS_NOT_SUPPORTED, message, Map.of("field", "hgvs", "value", text));
    }
}
