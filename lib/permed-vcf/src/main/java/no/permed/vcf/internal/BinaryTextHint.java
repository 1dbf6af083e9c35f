package no.permed.vcf.internal;

/**
 * Names the usual reasons why the first line of an input is binary rather than VCF text, from its first bytes:
 * a gzip stream inside the gzip stream (the file was compressed twice), UTF-16 text (a "Unicode" export of a
 * Windows editor), or another compressed container inside gzip.
 */
final class BinaryTextHint {
    private BinaryTextHint() {
    }

    /**
     * A sentence naming what the bytes {@code [start, end)} at the start of the text (after any decompression)
     * are, or null when they look like nothing in particular.
     */
    static String describe(byte[] bytes, int start, int end) {
        int count = end - start;
        if (count >= 2 && (bytes[start] & 0xff) == 0x1f && (bytes[start + 1] & 0xff) == 0x8b) {
            // a plain input starting with the gzip magic is decompressed, so this is gzip inside gzip
            return "the decompressed content is itself gzip data: the file was compressed twice; decompress it once"
                    + " (e.g. with gunzip) and submit the inner .vcf.gz";
        }
        if (count >= 2 && (bytes[start] & 0xff) == 0xff && (bytes[start + 1] & 0xff) == 0xfe) {
            return utf16("UTF-16LE");
        }
        if (count >= 2 && (bytes[start] & 0xff) == 0xfe && (bytes[start + 1] & 0xff) == 0xff) {
            return utf16("UTF-16BE");
        }
        // UTF-16 without a byte-order mark: "##" as 23 00 23 00 (little-endian) or 00 23 00 23 (big-endian)
        if (count >= 4 && bytes[start] == '#' && bytes[start + 1] == 0 && bytes[start + 2] == '#' && bytes[start + 3] == 0) {
            return utf16("UTF-16LE");
        }
        if (count >= 4 && bytes[start] == 0 && bytes[start + 1] == '#' && bytes[start + 2] == 0 && bytes[start + 3] == '#') {
            return utf16("UTF-16BE");
        }
        // plain inputs in these containers are refused before any line is read, so this is inside gzip
        String other = InputOpener.otherContainer(bytes, start, count);
        if (other != null) {
            return "the decompressed content is not VCF text but " + other;
        }
        return null;
    }

    private static String utf16(String encoding) {
        return "the file is " + encoding + " text (every other byte is NUL, as when a Windows editor saves 'Unicode');"
                + " save it as UTF-8 (or ASCII) without a byte-order mark";
    }
}
