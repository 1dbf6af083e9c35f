package no.permed.columnar.segment;

import java.util.Map;
import java.util.TreeMap;

/** Test access to the internals of a segment: how often each encoding feature occurs, where blocks lie. */
final class SegmentInspector {
    private SegmentInspector() {
    }

    static SegmentFile file(Segment segment) {
        return segment.file();
    }

    /** Counts of sites per feature: encodings, ploidy modes and flags. */
    static Map<String, Integer> features(Segment segment) {
        SegmentFile file = file(segment);
        Map<String, Integer> features = new TreeMap<>();
        BlockReader reader = file.borrowReader();
        try {
            for (int block = 0; block < file.blocks.length; block++) {
                GenotypeFrame frame = reader.genotypes(block);
                for (int site = 0; site < frame.siteCount; site++) {
                    int kind = frame.data[frame.kindsStart + site] & 0xFF;
                    features.merge(switch (kind & 3) {
                        case SegmentFormat.ENCODING_SPARSE -> "sparse";
                        case SegmentFormat.ENCODING_DENSE -> "dense";
                        default -> "dense-xor";
                    }, 1, Integer::sum);
                    features.merge(switch (kind >>> 2 & 3) {
                        case SegmentFormat.PLOIDY_ALL_DIPLOID -> "diploid";
                        case SegmentFormat.PLOIDY_BITMAP -> "ploidy-bitmap";
                        default -> "ploidy-same";
                    }, 1, Integer::sum);
                    if ((kind & SegmentFormat.KIND_PHASED) != 0) {
                        features.merge("phased", 1, Integer::sum);
                    }
                    if ((kind & SegmentFormat.KIND_ORIENTATION) != 0) {
                        features.merge("orientation", 1, Integer::sum);
                    }
                    if ((kind & SegmentFormat.KIND_EXCEPTIONS) != 0) {
                        features.merge("exceptions", 1, Integer::sum);
                    }
                }
                features.merge(codecName(block(file, block).genotypeFrameCodec()) + "-frames", 1, Integer::sum);
                features.merge("site-" + codecName(block(file, block).siteFrameCodec()) + "-frames", 1, Integer::sum);
            }
        } finally {
            file.releaseReader(reader);
        }
        return features;
    }

    private static String codecName(int codec) {
        return switch (codec) {
            case SegmentFormat.CODEC_STORED -> "stored";
            case SegmentFormat.CODEC_DEFLATE -> "deflated";
            case SegmentFormat.CODEC_ZSTD -> "zstd";
            default -> "codec-" + codec;
        };
    }

    /** The format minor version in the header of the open file. */
    static int formatMinorVersion(Segment segment) {
        return file(segment).formatMinorVersion;
    }

    static BlockEntry block(SegmentFile file, int block) {
        return file.blocks[block];
    }

    static int blockCount(Segment segment) {
        return file(segment).blocks.length;
    }

    /** File offset and stored length of a block. */
    static long[] blockExtent(Segment segment, int block) {
        BlockEntry entry = file(segment).blocks[block];
        return new long[] {entry.fileOffset(), entry.storedLength()};
    }
}
