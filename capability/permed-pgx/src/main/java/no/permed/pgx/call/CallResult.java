package no.permed.pgx.call;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The calls of one sample of one VCF, by gene symbol (in the caller's gene order).
 *
 * @param sample the sample name as written in the VCF
 * @param genes the call of each gene the caller knows, by symbol
 */
public record CallResult(String sample, Map<String, GeneCall> genes) {
    public CallResult {
        requireNonNull(sample, "sample is null");
        genes = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(genes, "genes is null")));
    }

    public Optional<GeneCall> gene(String symbol) {
        return Optional.ofNullable(genes.get(symbol));
    }
}
