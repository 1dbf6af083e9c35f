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
 */
public record VcfReaderOptions(
        Optional<Assembly> assembly, boolean requireAssembly, int maximumLineLength, PloidyPolicy ploidyPolicy, boolean readAhead) {
    public static final int DEFAULT_MAXIMUM_LINE_LENGTH = 64 << 20;
    private static final int LOWEST_MAXIMUM_LINE_LENGTH = 16;
    private static final int HIGHEST_MAXIMUM_LINE_LENGTH = 1 << 30;

    public VcfReaderOptions {
        requireNonNull(assembly, "assembly is null");
        requireNonNull(ploidyPolicy, "ploidyPolicy is null");
        if (maximumLineLength < LOWEST_MAXIMUM_LINE_LENGTH || maximumLineLength > HIGHEST_MAXIMUM_LINE_LENGTH) {
            throw new IllegalArgumentException("maximumLineLength must be between " + LOWEST_MAXIMUM_LINE_LENGTH + " and "
                    + HIGHEST_MAXIMUM_LINE_LENGTH + " bytes but is " + maximumLineLength);
        }
    }

    public static VcfReaderOptions defaults() {
        return new VcfReaderOptions(Optional.empty(), false, DEFAULT_MAXIMUM_LINE_LENGTH, PloidyPolicy.DIPLOID_AUTOSOMES, true);
    }

    public VcfReaderOptions withAssembly(Assembly newAssembly) {
        return new VcfReaderOptions(Optional.of(newAssembly), requireAssembly, maximumLineLength, ploidyPolicy, readAhead);
    }

    public VcfReaderOptions withRequireAssembly(boolean newRequireAssembly) {
        return new VcfReaderOptions(assembly, newRequireAssembly, maximumLineLength, ploidyPolicy, readAhead);
    }

    public VcfReaderOptions withMaximumLineLength(int newMaximumLineLength) {
        return new VcfReaderOptions(assembly, requireAssembly, newMaximumLineLength, ploidyPolicy, readAhead);
    }

    public VcfReaderOptions withPloidyPolicy(PloidyPolicy newPloidyPolicy) {
        return new VcfReaderOptions(assembly, requireAssembly, maximumLineLength, newPloidyPolicy, readAhead);
    }

    public VcfReaderOptions withReadAhead(boolean newReadAhead) {
        return new VcfReaderOptions(assembly, requireAssembly, maximumLineLength, ploidyPolicy, newReadAhead);
    }
}
