package no.permed.columnar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.BitSet;
import no.permed.kernel.PermedException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SampleSetTest {
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 63, 64, 65, 1000})
    void setAlgebraAndConversionsAgree(int sampleCount) {
        SampleSet all = SampleSet.all(sampleCount);
        assertThat(all.size()).isEqualTo(sampleCount);
        assertThat(all.complement()).isEqualTo(SampleSet.none(sampleCount));
        java.util.Random random = new java.util.Random(sampleCount);
        BitSet bits = new BitSet();
        for (int sample = 0; sample < sampleCount; sample++) {
            if (random.nextBoolean()) {
                bits.set(sample);
            }
        }
        SampleSet some = SampleSet.of(sampleCount, bits);
        assertThat(some.toBitSet()).isEqualTo(bits);
        assertThat(SampleSet.of(sampleCount, some.toIndices())).isEqualTo(some);
        assertThat(SampleSet.fromWords(sampleCount, some.toWords())).isEqualTo(some);
        assertThat(some.union(some.complement())).isEqualTo(all);
        assertThat(some.intersection(some.complement()).isEmpty()).isTrue();
        assertThat(all.minus(some)).isEqualTo(some.complement());
        assertThat(some.size() + some.complement().size()).isEqualTo(sampleCount);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 65, 1000})
    void indicesOutsideTheSegmentAreRejected(int index) {
        assertThatThrownBy(() -> SampleSet.of(65, index))
                .isInstanceOfSatisfying(PermedException.class, error ->
                        assertThat(error.errorCode()).isEqualTo(ColumnarErrorCode.SAMPLE_INDEX_OUT_OF_RANGE))
                .hasMessageContaining("sample index " + index);
        if (index >= 0) {
            BitSet bits = new BitSet();
            bits.set(index);
            assertThatThrownBy(() -> SampleSet.of(65, bits)).isInstanceOf(PermedException.class);
            assertThatThrownBy(() -> SampleSet.fromWords(65, bits.toLongArray())).isInstanceOf(PermedException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 100})
    void setsOfDifferentSegmentsDoNotMix(int other) {
        assertThatThrownBy(() -> SampleSet.all(64).minus(SampleSet.all(other)))
                .isInstanceOfSatisfying(PermedException.class, error ->
                        assertThat(error.errorCode()).isEqualTo(ColumnarErrorCode.SAMPLE_COUNT_MISMATCH));
    }
}
