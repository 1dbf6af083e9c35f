package no.permed.interpretation.variant;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import no.permed.interpretation.InterpretationErrorCode;
import no.permed.kernel.PermedException;
import no.permed.vcf.normalise.VariantKey;

/**
 * GA4GH VRS 2.0 computed identifiers ({@code ga4gh:VA.}…) of alleles: the {@code sha512t24u} digest (SHA-512, first
 * 24 bytes, base64url without padding) of the allele's canonical JSON, in which the location is replaced by its own
 * digest.
 *
 * <p>Done: substitutions (SNVs and MNVs, REF and ALT of equal length) on the primary chromosomes, whose VRS form
 * (interbase {@code [POS−1, POS−1+len(REF))} with a literal ALT) needs no reference sequence. Not done: insertions and
 * deletions, which VRS normalises by fully justifying them over the reference and, in repeats, writes as a
 * ReferenceLengthExpression; they need the reference sequence and get {@link InterpretationErrorCode#IDENTIFIER_NOT_SUPPORTED}.
 */
public final class VrsIdentifier {
    private VrsIdentifier() {
    }

    /** The {@code sha512t24u} digest of bytes. */
    public static String sha512t24u(byte[] bytes) {
        requireNonNull(bytes, "bytes is null");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-512").digest(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 24));
        } catch (NoSuchAlgorithmException exception) {
            throw new IllegalStateException("SHA-512 is not available in this JVM", exception);
        }
    }

    /** The digest of a VRS 2.0 SequenceLocation (without the {@code ga4gh:SL.} prefix). */
    public static String sequenceLocationDigest(String refgetAccession, long start, long end) {
        requireNonNull(refgetAccession, "refgetAccession is null");
        String json = "{\"end\":" + end + ",\"sequenceReference\":{\"refgetAccession\":\"" + refgetAccession
                + "\",\"type\":\"SequenceReference\"},\"start\":" + start + ",\"type\":\"SequenceLocation\"}";
        return sha512t24u(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The VRS 2.0 identifier of an Allele with a LiteralSequenceExpression state at an interbase location. */
    public static String alleleIdentifier(String refgetAccession, long start, long end, String sequence) {
        requireNonNull(sequence, "sequence is null");
        String json = "{\"location\":\"" + sequenceLocationDigest(refgetAccession, start, end)
                + "\",\"state\":{\"sequence\":\"" + sequence + "\",\"type\":\"LiteralSequenceExpression\"},\"type\":\"Allele\"}";
        return "ga4gh:VA." + sha512t24u(json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The VRS 2.0 identifier of a substitution.
     *
     * @throws PermedException with {@link InterpretationErrorCode#IDENTIFIER_NOT_SUPPORTED} for an indel, a symbolic
     *     allele or a contig without a known refget digest
     */
    public static String of(VariantKey key) {
        requireNonNull(key, "key is null");
        String reference = key.reference();
        String alternate = key.alternate();
        if (reference.length() != alternate.length() || !alternate.matches("[ACGTN]+")) {
            throw new PermedException(InterpretationErrorCode.IDENTIFIER_NOT_SUPPORTED,
                    "A VRS identifier is computed for substitutions only so far; " + key
                            + " is an insertion, deletion or symbolic allele, whose VRS normalisation needs the reference sequence",
                    Map.of("field", "variant", "value", key.toString()));
        }
        RefgetAccessions.Chromosome chromosome = RefgetAccessions.byContig(key.assembly(), key.contig())
                .orElseThrow(() -> new PermedException(InterpretationErrorCode.IDENTIFIER_NOT_SUPPORTED,
                        "No refget digest is known for contig '" + key.contig() + "' of " + key.assembly()
                                + "; VRS identifiers are computed for the primary chromosomes 1–22, X, Y, MT",
                        Map.of("field", "contig", "value", key.contig())));
        long start = key.position() - 1L;
        return alleleIdentifier(chromosome.refgetAccession(), start, start + reference.length(), alternate);
    }
}
