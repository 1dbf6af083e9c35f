package no.permed.vcf.normalise;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import no.permed.kernel.PermedException;
import no.permed.vcf.VcfErrorCode;
import no.permed.vcf.genome.Assembly;
import no.permed.vcf.genome.Contigs;
import no.permed.vcf.internal.VcfErrors;
import no.permed.vcf.read.Genotypes;
import no.permed.vcf.read.RecordKind;
import no.permed.vcf.read.VcfRecord;

/**
 * Turns records into {@link VariantKey}s, the way {@code bcftools norm -m- [-f REF]} does:
 *
 * <ol>
 *   <li><b>split</b>: a record with n ALT alleles becomes n biallelic variants; in the one for ALT i, calls of ALT i
 *       become 1 and calls of the other ALTs become 0 (REF), so AC per ALT and AN are kept;
 *   <li><b>trim</b>: a shared last base is removed while both alleles are longer than one base, then a shared
 *       first base likewise (moving the position right), so an indel keeps one anchor base and an MNP-padded SNV
 *       becomes a SNV;
 *   <li><b>left-align</b> (only with a reference): an indel in a repeat is moved to its leftmost equivalent
 *       position (the algorithm of Tan, Abecasis and Kang 2015), and REF is checked against the reference first.
 * </ol>
 *
 * Symbolic ALTs ({@code <DEL>}) and {@code *} are split but not trimmed or moved. gVCF reference blocks are
 * handed on as {@link ReferenceBlock}s. Keys can come out of position order after left-alignment; sort them if
 * order matters. Not thread-safe (one genotype buffer per instance).
 */
public final class VariantNormaliser {
    private final Assembly assembly;
    private final Optional<ReferenceSequence> reference;
    private Genotypes splitBuffer;

    private VariantNormaliser(Assembly assembly, Optional<ReferenceSequence> reference) {
        this.assembly = requireNonNull(assembly, "assembly is null");
        this.reference = requireNonNull(reference, "reference is null");
    }

    /** A normaliser that splits and trims but cannot left-align. */
    public static VariantNormaliser withoutReference(Assembly assembly) {
        return new VariantNormaliser(assembly, Optional.empty());
    }

    /** A normaliser that splits, checks REF against the reference, trims and left-aligns. */
    public static VariantNormaliser withReference(Assembly assembly, ReferenceSequence reference) {
        return new VariantNormaliser(assembly, Optional.of(requireNonNull(reference, "reference is null")));
    }

    public Assembly assembly() {
        return assembly;
    }

    /** Whether indels are left-aligned (a reference was given). */
    public boolean leftAligns() {
        return reference.isPresent();
    }

    /**
     * Normalises one record: calls {@code visitor.variant} once per ALT allele in ALT order, or
     * {@code visitor.referenceBlock} once for a reference block.
     *
     * @throws PermedException with {@link VcfErrorCode#REFERENCE_MISMATCH} when REF differs from the reference
     */
    public void split(VcfRecord record, NormalisedRecordVisitor visitor) {
        requireNonNull(record, "record is null");
        requireNonNull(visitor, "visitor is null");
        Genotypes genotypes = record.genotypes();
        if (record.kind() == RecordKind.REFERENCE_BLOCK) {
            visitor.referenceBlock(new ReferenceBlock(assembly, record.contig(), record.position(), record.end()), genotypes, record);
            return;
        }
        checkReference(record);
        List<String> alternates = record.alternateAlleles();
        if (alternates.size() == 1) {
            visitor.variant(key(record, alternates.get(0)), genotypes, record);
            return;
        }
        if (splitBuffer == null || splitBuffer.sampleCount() != genotypes.sampleCount()) {
            splitBuffer = Genotypes.forSamples(genotypes.sampleCount());
        }
        for (int index = 0; index < alternates.size(); index++) {
            genotypes.splitInto(index + 1, splitBuffer);
            visitor.variant(key(record, alternates.get(index)), splitBuffer, record);
        }
    }

    private VariantKey key(VcfRecord record, String alternate) {
        return normalise(record.contig(), record.position(), record.referenceAllele(), alternate);
    }

    private void checkReference(VcfRecord record) {
        if (reference.isEmpty()) {
            return;
        }
        String expected = record.referenceAllele();
        String actual = reference.get().bases(record.contig(), record.position(), expected.length());
        boolean matches = actual.length() == expected.length();
        for (int index = 0; matches && index < expected.length(); index++) {
            char written = expected.charAt(index);
            char genome = actual.charAt(index);
            matches = written == genome || written == 'N' || !isConcreteBase(genome);
        }
        if (!matches) {
            throw VcfErrors.error(VcfErrorCode.REFERENCE_MISMATCH, record.fileName(), record.lineNumber(), "REF",
                    "REF " + VcfErrors.shorten(expected) + " at " + record.contigAsWritten() + ":" + record.position()
                            + " does not match the reference " + VcfErrors.shorten(actual)
                            + "; check that the file and the reference are on the same assembly");
        }
    }

    private static boolean isConcreteBase(char base) {
        return base == 'A' || base == 'C' || base == 'G' || base == 'T';
    }

    /**
     * Normalises one biallelic variant (trim, and left-align when a reference is present).
     *
     * @param contig the contig as written or canonical
     * @param position the 1-based position of REF
     * @param referenceAllele REF (any case)
     * @param alternateAllele ALT (any case; symbolic and {@code *} are kept as they are)
     */
    public VariantKey normalise(String contig, int position, String referenceAllele, String alternateAllele) {
        String canonical = Contigs.canonical(requireNonNull(contig, "contig is null"));
        String referenceBases = referenceAllele.toUpperCase(java.util.Locale.ROOT);
        if (alternateAllele.startsWith("<")) {
            return new VariantKey(assembly, canonical, position, referenceBases, alternateAllele);
        }
        String alternateBases = alternateAllele.toUpperCase(java.util.Locale.ROOT);
        if (alternateBases.equals("*")) {
            return new VariantKey(assembly, canonical, position, referenceBases, alternateBases);
        }
        if (reference.isPresent() && referenceBases.length() != alternateBases.length()) {
            return leftAlign(canonical, position, referenceBases, alternateBases);
        }
        int referenceEnd = referenceBases.length();
        int alternateEnd = alternateBases.length();
        while (referenceEnd > 1 && alternateEnd > 1
                && referenceBases.charAt(referenceEnd - 1) == alternateBases.charAt(alternateEnd - 1)) {
            referenceEnd--;
            alternateEnd--;
        }
        int start = 0;
        while (referenceEnd - start > 1 && alternateEnd - start > 1 && referenceBases.charAt(start) == alternateBases.charAt(start)) {
            start++;
        }
        return new VariantKey(assembly, canonical, position + start, referenceBases.substring(start, referenceEnd),
                alternateBases.substring(start, alternateEnd));
    }

    /** Left-aligns an indel: trim shared last bases, extend left with the reference when an allele empties, repeat. */
    private VariantKey leftAlign(String contig, int position, String referenceAllele, String alternateAllele) {
        ReferenceSequence sequence = reference.orElseThrow();
        StringBuilder referenceBases = new StringBuilder(referenceAllele);
        StringBuilder alternateBases = new StringBuilder(alternateAllele);
        int start = position;
        while (true) {
            boolean changed = false;
            int referenceLength = referenceBases.length();
            int alternateLength = alternateBases.length();
            if (referenceLength > 0 && alternateLength > 0
                    && referenceBases.charAt(referenceLength - 1) == alternateBases.charAt(alternateLength - 1)
                    && (start > 1 || (referenceLength > 1 && alternateLength > 1))) {
                referenceBases.setLength(referenceLength - 1);
                alternateBases.setLength(alternateLength - 1);
                changed = true;
            }
            if (referenceBases.length() == 0 || alternateBases.length() == 0) {
                start--;
                String base = sequence.bases(contig, start, 1);
                if (base.length() != 1 || !isConcreteBase(base.charAt(0))) {
                    // an N (or the contig start): stop here and keep the anchor
                    String anchor = base.isEmpty() ? "N" : base;
                    referenceBases.insert(0, anchor);
                    alternateBases.insert(0, anchor);
                    break;
                }
                referenceBases.insert(0, base);
                alternateBases.insert(0, base);
                changed = true;
            }
            if (!changed) {
                break;
            }
        }
        int shared = 0;
        while (referenceBases.length() - shared > 1 && alternateBases.length() - shared > 1
                && referenceBases.charAt(shared) == alternateBases.charAt(shared)) {
            shared++;
        }
        return new VariantKey(assembly, contig, start + shared, referenceBases.substring(shared), alternateBases.substring(shared));
    }
}
