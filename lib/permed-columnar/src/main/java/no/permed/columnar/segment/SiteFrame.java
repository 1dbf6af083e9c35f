package no.permed.columnar.segment;

import java.nio.charset.StandardCharsets;
import no.permed.columnar.Site;
import no.permed.kernel.PermedException;

/** The decoded site frame of one block: positions and alleles of its sites. Immutable. */
final class SiteFrame {
    private final String contig;
    private final int firstSite;
    private final int[] positions;
    private final int[] referenceStarts;
    private final int[] alternateStarts;
    private final byte[] alleleBytes;

    private SiteFrame(String contig, int firstSite, int[] positions, int[] referenceStarts, int[] alternateStarts, byte[] alleleBytes) {
        this.contig = contig;
        this.firstSite = firstSite;
        this.positions = positions;
        this.referenceStarts = referenceStarts;
        this.alternateStarts = alternateStarts;
        this.alleleBytes = alleleBytes;
    }

    /** Decodes and checks a raw site frame against its directory entry. */
    static SiteFrame decode(byte[] raw, int base, int length, BlockEntry entry, String contig) {
        FrameReader reader = new FrameReader(raw, base, base + length);
        int siteCount = reader.readVarint();
        if (siteCount != entry.siteCount()) {
            throw new MalformedFrameException("site frame holds " + siteCount + " sites, the index says " + entry.siteCount());
        }
        int[] positions = new int[siteCount];
        long position = 0;
        for (int index = 0; index < siteCount; index++) {
            position += reader.readVarint();
            if (position > Integer.MAX_VALUE) {
                throw new MalformedFrameException("position beyond 2^31");
            }
            positions[index] = (int) position;
        }
        if (positions[0] != entry.firstPosition() || positions[siteCount - 1] != entry.lastPosition()) {
            throw new MalformedFrameException("site positions " + positions[0] + ".." + positions[siteCount - 1]
                    + " disagree with the index " + entry.firstPosition() + ".." + entry.lastPosition());
        }
        int[] referenceLengths = new int[siteCount];
        int[] alternateLengths = new int[siteCount];
        long total = 0;
        for (int index = 0; index < siteCount; index++) {
            referenceLengths[index] = reader.readVarint();
            total += referenceLengths[index];
        }
        for (int index = 0; index < siteCount; index++) {
            alternateLengths[index] = reader.readVarint();
            total += alternateLengths[index];
        }
        if (total != reader.remaining()) {
            throw new MalformedFrameException("allele lengths add up to " + total + " bytes but " + reader.remaining() + " remain");
        }
        int start = reader.position();
        byte[] alleleBytes = new byte[(int) total];
        System.arraycopy(raw, start, alleleBytes, 0, (int) total);
        int[] referenceStarts = new int[siteCount + 1];
        int[] alternateStarts = new int[siteCount + 1];
        int offset = 0;
        for (int index = 0; index < siteCount; index++) {
            referenceStarts[index] = offset;
            offset += referenceLengths[index];
        }
        referenceStarts[siteCount] = offset;
        for (int index = 0; index < siteCount; index++) {
            alternateStarts[index] = offset;
            offset += alternateLengths[index];
        }
        alternateStarts[siteCount] = offset;
        return new SiteFrame(contig, entry.firstSite(), positions, referenceStarts, alternateStarts, alleleBytes);
    }

    int siteCount() {
        return positions.length;
    }

    int firstSite() {
        return firstSite;
    }

    int position(int indexInBlock) {
        return positions[indexInBlock];
    }

    /** The first index in the block whose position is at least {@code position}. */
    int lowerBound(int position) {
        int low = 0;
        int high = positions.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (positions[middle] < position) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    boolean allelesEqual(int indexInBlock, String reference, String alternate) {
        return equalsAscii(referenceStarts[indexInBlock], referenceStarts[indexInBlock + 1], reference)
                && equalsAscii(alternateStarts[indexInBlock], alternateStarts[indexInBlock + 1], alternate);
    }

    private boolean equalsAscii(int from, int to, String text) {
        if (to - from != text.length()) {
            return false;
        }
        for (int index = from; index < to; index++) {
            if (alleleBytes[index] != text.charAt(index - from)) {
                return false;
            }
        }
        return true;
    }

    /** The site; an allele that is not valid makes the frame malformed. */
    Site site(int indexInBlock) {
        String reference = new String(alleleBytes, referenceStarts[indexInBlock],
                referenceStarts[indexInBlock + 1] - referenceStarts[indexInBlock], StandardCharsets.ISO_8859_1);
        String alternate = new String(alleleBytes, alternateStarts[indexInBlock],
                alternateStarts[indexInBlock + 1] - alternateStarts[indexInBlock], StandardCharsets.ISO_8859_1);
        try {
            return new Site(contig, positions[indexInBlock], reference, alternate);
        } catch (PermedException invalid) {
            throw new MalformedFrameException("site " + (firstSite + indexInBlock) + " is invalid: " + invalid.getMessage());
        }
    }
}
