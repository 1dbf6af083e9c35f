package no.permed.vcf.read;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import no.permed.vcf.genome.Assembly;

/**
 * How a {@link VcfReader} reads and checks its input. Immutable; start from {@link #defaults()} and change
 * one setting at a time with the {@code with…} methods.
 *
 * @param assembly the assembly the caller says the file is on; when the header's contig lengths say otherwise,
 *     reading fails with {@code VCF_ASSEMBLY_MISMATCH}. Default: none (recognised from the header).
 * @param requireAssembly whether reading fails with {@code VCF_ASSEMBLY_UNKNOWN} when the assembly is neither
 *     given nor recognised. Default: false.
 * @param maximumLineLength the longest line accepted, in bytes (64 MiB by default; 16 bytes to 1 GiB)
 * @param ploidyPolicy which ploidy calls may have. Default: {@link PloidyPolicy#DIPLOID_AUTOSOMES}.
 * @param readAhead whether compressed input is decompressed on a second thread while records are parsed.
 *     Default: true.
 * @param decompressionThreads how many threads inflate BGZF input when {@code readAhead} is on (blocks are
 *     decompressed in parallel and handed on in order); 0 means one per available processor, 1 one background
 *     thread. Plain (non-BGZF) gzip is always inflated by one thread. Default: 0.
 * @param formatInteger one FORMAT key whose value the reader also reads per sample as a VCF Integer (for example
 *     {@code PS}, the phase set: see {@link #withPhaseSets()} and {@link VcfRecord#formatInteger(int)}). Opt-in because
 *     only callers that need it should pay for it: without it the sample columns are read for GT only. Default: none.
 */
public record VcfReaderOptions(
        Optional<Assembly> assembly, boolean requireAssembly, int maximumLineLength, PloidyPolicy ploidyPolicy, boolean readAhead,
        int decompressionThreads, Optional<String> formatInteger) {
    /** The FORMAT key of the phase set (VCF 4.3 §1.6.2: Number=1, Type=Integer). */
    public static final String PHASE_SET = "PS";

    public static final int DEFAULT_MAXIMUM_LINE_LENGTH = 64 << 20;
    private static final int LOWEST_MAXIMUM_LINE_LENGTH = 16;
    private static final int HIGHEST_MAXIMUM_LINE_LENGTH = 1 << 30;

    public VcfReaderOptions {
        requireNonNull(assembly, "assembly is null");
        requireNonNull(ploidyPolicy, "ploidyPolicy is null");
        requireNonNull(formatInteger, "formatInteger is null");
        formatInteger.ifPresent(VcfReaderOptions::checkFormatKey);
        if (maximumLineLength < LOWEST_MAXIMUM_LINE_LENGTH || maximumLineLength > HIGHEST_MAXIMUM_LINE_LENGTH) {
            throw new IllegalArgumentException("maximumLineLength must be between " + LOWEST_MAXIMUM_LINE_LENGTH + " and "
                    + HIGHEST_MAXIMUM_LINE_LENGTH + " bytes but is " + maximumLineLength);
        }
        if (decompressionThreads < 0 || decompressionThreads > 256) {
            throw new IllegalArgumentException("decompressionThreads must be between 0 and 256 but is " + decompressionThreads);
        }
    }

    /** Backwards-compatible constructor: no FORMAT integer read. */
    public VcfReaderOptions(Optional<Assembly> assembly, boolean requireAssembly, int maximumLineLength, PloidyPolicy ploidyPolicy,
            boolean readAhead, int decompressionThreads) {
        this(assembly, requireAssembly, maximumLineLength, ploidyPolicy, readAhead, decompressionThreads, Optional.empty());
    }

    private static void checkFormatKey(String key) {
        if (key.isEmpty() || key.equals("GT")) {
            throw new IllegalArgumentException("formatInteger must be a FORMAT key other than GT but is '" + key + "'");
        }
        for (int index = 0; index < key.length(); index++) {
            char character = key.charAt(index);
            if (character <= ' ' || character == ':' || character == 0x7f) {
                throw new IllegalArgumentException("formatInteger must be a FORMAT key without ':', spaces or control characters");
            }
        }
    }

    /** Backwards-compatible constructor: decompression threads as available processors. */
    public VcfReaderOptions(Optional<Assembly> assembly, boolean requireAssembly, int maximumLineLength, PloidyPolicy ploidyPolicy,
            boolean readAhead) {
        this(assembly, requireAssembly, maximumLineLength, ploidyPolicy, readAhead, 0);
    }

    /** The number of BGZF decompression threads to use: {@link #decompressionThreads()}, or the processors when 0. */
    public int effectiveDecompressionThreads() {
        return decompressionThreads == 0 ? Math.max(1, Runtime.getRuntime().availableProcessors()) : decompressionThreads;
    }

    public VcfReaderOptions withDecompressionThreads(int newDecompressionThreads) {
        return new VcfReaderOptions(assembly, requireAssembly, maximumLineLength, ploidyPolicy, readAhead, newDecompressionThreads,
                formatInteger);
    }

    public static VcfReaderOptions defaults() {
        return new VcfReaderOptions(Optional.empty(), false, DEFAULT_MAXIMUM_LINE_LENGTH, PloidyPolicy.DIPLOID_AUTOSOMES, true, 0,
                Optional.empty());
    }

    public VcfReaderOptions withAssembly(Assembly newAssembly) {
        return new VcfReaderOptions(Optional.of(newAssembly), requireAssembly, maximumLineLength, ploidyPolicy, readAhead, decompressionThreads,
                formatInteger);
    }

    public VcfReaderOptions withRequireAssembly(boolean newRequireAssembly) {
        return new VcfReaderOptions(assembly, newRequireAssembly, maximumLineLength, ploidyPolicy, readAhead, decompressionThreads,
                formatInteger);
    }

    public VcfReaderOptions withMaximumLineLength(int newMaximumLineLength) {
        return new VcfReaderOptions(assembly, requireAssembly, newMaximumLineLength, ploidyPolicy, readAhead, decompressionThreads,
                formatInteger);
    }

    public VcfReaderOptions withPloidyPolicy(PloidyPolicy newPloidyPolicy) {
        return new VcfReaderOptions(assembly, requireAssembly, maximumLineLength, newPloidyPolicy, readAhead, decompressionThreads,
                formatInteger);
    }

    public VcfReaderOptions withReadAhead(boolean newReadAhead) {
        return new VcfReaderOptions(assembly, requireAssembly, maximumLineLength, ploidyPolicy, newReadAhead, decompressionThreads,
                formatInteger);
    }

    /**
     * Also reads the value of FORMAT key {@code key} of every sample as a VCF Integer ({@link VcfRecord#formatInteger(int)}).
     * The header need not declare the key (though VCF says it should).
     */
    public VcfReaderOptions withFormatInteger(String key) {
        requireNonNull(key, "key is null");
        return new VcfReaderOptions(assembly, requireAssembly, maximumLineLength, ploidyPolicy, readAhead, decompressionThreads,
                Optional.of(key));
    }

    /** Also reads FORMAT/PS, the phase set: {@code withFormatInteger("PS")}. */
    public VcfReaderOptions withPhaseSets() {
        return withFormatInteger(PHASE_SET);
    }
}
