package no.permed.simulate.internal;

/**
 * The SplitMix64 generator (Steele, Lea and Flood 2014), written out here so that the output for a seed never
 * depends on the JDK's random classes. Not thread-safe.
 */
final class SplitMix64 {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    private static final double UNIT = 0x1.0p-53;

    private long state;

    SplitMix64(long seed) {
        this.state = seed;
    }

    long nextLong() {
        state += GOLDEN_GAMMA;
        long mixed = state;
        mixed = (mixed ^ (mixed >>> 30)) * 0xbf58476d1ce4e5b9L;
        mixed = (mixed ^ (mixed >>> 27)) * 0x94d049bb133111ebL;
        return mixed ^ (mixed >>> 31);
    }

    /** Uniform in {@code [0, 1)}. */
    double nextDouble() {
        return (nextLong() >>> 11) * UNIT;
    }

    /** Uniform in {@code [0, bound)} for {@code bound} from 1 to {@code Integer.MAX_VALUE} (Lemire's multiply, bias below 2^-32). */
    int nextInt(int bound) {
        long random = nextLong() >>> 32;
        return (int) ((random * bound) >>> 32);
    }

    /** Exponentially distributed with the given mean. */
    double nextExponential(double mean) {
        return -mean * Math.log(1.0 - nextDouble());
    }
}
