package no.permed.columnar.segment;

/** One row of the block directory in the segment index (FORMAT.md, "Index"). */
record BlockEntry(
        int contigIndex,
        int firstSite,
        int siteCount,
        int firstPosition,
        int lastPosition,
        long fileOffset,
        int siteFrameStoredLength,
        int siteFrameRawLength,
        int genotypeFrameStoredLength,
        int genotypeFrameRawLength,
        int siteFrameCodec,
        int genotypeFrameCodec,
        int checksum) {

    long storedLength() {
        return (long) siteFrameStoredLength + genotypeFrameStoredLength;
    }

    long endOffset() {
        return fileOffset + storedLength();
    }
}
