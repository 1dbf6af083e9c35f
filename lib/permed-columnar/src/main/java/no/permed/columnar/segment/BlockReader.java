package no.permed.columnar.segment;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import java.util.zip.CRC32C;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads, checks and decompresses blocks of one {@link SegmentFile}, reusing its buffers, its
 * Inflater and its zstd decompression context (created on the first zstd frame). Keeps the last
 * block loaded. Not thread-safe: one per thread, borrowed from the file.
 */
final class BlockReader {
    private final SegmentFile file;
    private final Inflater inflater = new Inflater();
    private ZstdDecompressCtx zstd;
    private final CRC32C checksum = new CRC32C();
    private final byte[] oneByte = new byte[1];
    private byte[] stored = new byte[0];
    private byte[] siteRaw = new byte[0];
    private byte[] genotypeRaw = new byte[0];
    private int loadedBlock = -1;
    private SiteFrame siteFrame;
    private GenotypeFrame genotypeFrame;

    BlockReader(SegmentFile file) {
        this.file = file;
    }

    SiteFrame sites(int block) {
        load(block);
        if (siteFrame == null) {
            BlockEntry entry = file.blocks[block];
            try {
                byte[] raw = frame(block, 0, entry.siteFrameStoredLength(), entry.siteFrameRawLength(),
                        entry.siteFrameCodec(), true);
                siteFrame = SiteFrame.decode(raw, 0, entry.siteFrameRawLength(), entry,
                        file.contigs[entry.contigIndex()].name());
            } catch (MalformedFrameException | ArrayIndexOutOfBoundsException malformed) {
                throw file.corruptBlock(block, "has a malformed site frame (" + malformed.getMessage() + ")");
            }
        }
        return siteFrame;
    }

    GenotypeFrame genotypes(int block) {
        load(block);
        if (genotypeFrame == null) {
            BlockEntry entry = file.blocks[block];
            try {
                byte[] raw = frame(block, entry.siteFrameStoredLength(), entry.genotypeFrameStoredLength(),
                        entry.genotypeFrameRawLength(), entry.genotypeFrameCodec(), false);
                int base = entry.genotypeFrameCodec() == SegmentFormat.CODEC_STORED ? entry.siteFrameStoredLength() : 0;
                genotypeFrame = GenotypeFrame.parse(raw, base, entry.genotypeFrameRawLength(), entry);
            } catch (MalformedFrameException malformed) {
                throw file.corruptBlock(block, "has a malformed genotype frame (" + malformed.getMessage() + ")");
            }
        }
        return genotypeFrame;
    }

    private void load(int block) {
        if (block == loadedBlock) {
            return;
        }
        loadedBlock = -1;
        siteFrame = null;
        genotypeFrame = null;
        BlockEntry entry = file.blocks[block];
        int length = (int) entry.storedLength();
        if (stored.length < length) {
            stored = new byte[Math.max(length, stored.length * 2)];
        }
        file.readBlock(block, stored);
        checksum.reset();
        checksum.update(stored, 0, length);
        int computed = (int) checksum.getValue();
        if (computed != entry.checksum()) {
            throw file.corruptBlock(block, String.format("failed its CRC32C check (stored %08x, computed %08x)",
                    entry.checksum(), computed));
        }
        loadedBlock = block;
    }

    /**
     * The raw bytes of a frame: for a stored frame the block buffer itself (the frame starts at
     * {@code offset}), for a compressed frame a decompression buffer (the frame starts at 0).
     */
    private byte[] frame(int block, int offset, int storedLength, int rawLength, int codec, boolean sites) {
        if (codec == SegmentFormat.CODEC_STORED) {
            return stored;
        }
        byte[] target = sites ? siteRaw : genotypeRaw;
        if (target.length < rawLength + 8) {
            target = new byte[Math.max(rawLength + 8, target.length * 2)];
            if (sites) {
                siteRaw = target;
            } else {
                genotypeRaw = target;
            }
        }
        if (codec == SegmentFormat.CODEC_ZSTD) {
            unzstd(block, offset, storedLength, target, rawLength);
            return target;
        }
        inflater.reset();
        inflater.setInput(stored, offset, storedLength);
        try {
            int length = 0;
            while (length < rawLength) {
                int inflated = inflater.inflate(target, length, rawLength - length);
                if (inflated == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                length += inflated;
            }
            if (length != rawLength) {
                throw new MalformedFrameException("decompressed to " + length + " bytes, the index says " + rawLength);
            }
            if (!inflater.finished() && (inflater.inflate(oneByte, 0, 1) != 0 || !inflater.finished())) {
                throw new MalformedFrameException("compressed data continues beyond the recorded length");
            }
            if (inflater.getRemaining() != 0) {
                throw new MalformedFrameException("bytes left over after the compressed data");
            }
        } catch (DataFormatException damaged) {
            throw file.corruptBlock(block, "could not be decompressed (" + damaged.getMessage() + ")");
        }
        return target;
    }

    /**
     * Decompresses a zstd frame: the stored bytes must be exactly one zstd frame whose header records
     * the raw length, and it must decompress to exactly that many bytes.
     */
    private void unzstd(int block, int offset, int storedLength, byte[] target, int rawLength) {
        if (zstd == null) {
            zstd = new ZstdDecompressCtx();
        }
        int length;
        try {
            long frameLength = Zstd.findFrameCompressedSize(stored, offset, storedLength);
            if (frameLength != storedLength) {
                throw new MalformedFrameException("zstd frame has " + frameLength + " bytes, the index says " + storedLength);
            }
            long contentSize = Zstd.getFrameContentSize(stored, offset, storedLength);
            if (contentSize != rawLength) {
                throw new MalformedFrameException("zstd frame records " + (contentSize < 0 ? "no" : String.valueOf(contentSize))
                        + " content size, the index says " + rawLength);
            }
            length = zstd.decompressByteArray(target, 0, rawLength, stored, offset, storedLength);
        } catch (ZstdException damaged) {
            zstd.reset();
            throw file.corruptBlock(block, "could not be decompressed (zstd: " + damaged.getMessage() + ")");
        }
        if (length != rawLength) {
            throw new MalformedFrameException("decompressed to " + length + " bytes, the index says " + rawLength);
        }
    }

    void end() {
        inflater.end();
        if (zstd != null) {
            zstd.close();
        }
    }
}
