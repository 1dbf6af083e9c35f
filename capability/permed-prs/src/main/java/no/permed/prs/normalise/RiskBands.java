package no.permed.prs.normalise;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.permed.kernel.PermedException;
import no.permed.prs.PrsErrorCode;

/**
 * Risk bands of a programme, by percentile: {@code high:95} puts a sample whose percentile is above 95 (the top 5 % of
 * the reference) in band {@code high}. Several bands are separated by commas ({@code high:95,elevated:80}); a sample
 * gets the band with the highest threshold its percentile exceeds, or none.
 *
 * @param bands the bands, highest threshold first
 */
public record RiskBands(List<Band> bands) {
    /** One band: percentiles strictly above {@code threshold} (0–100) fall in it unless a higher band takes them. */
    public record Band(String name, double threshold) {
        public Band {
            requireNonNull(name, "name is null");
        }
    }

    public RiskBands {
        bands = requireNonNull(bands, "bands is null").stream()
                .sorted(Comparator.comparingDouble(Band::threshold).reversed()).toList();
    }

    public static RiskBands none() {
        return new RiskBands(List.of());
    }

    /**
     * Reads {@code name:threshold[,name:threshold…]}; names are letters, digits, {@code _} and {@code -}, thresholds
     * percentiles from 0 to 100, each name and threshold once.
     *
     * @throws PermedException {@code PRS_RISK_BANDS_INVALID}
     */
    public static RiskBands parse(String specification) {
        requireNonNull(specification, "specification is null");
        List<Band> bands = new ArrayList<>();
        for (String part : specification.split(",", -1)) {
            String[] pieces = part.strip().split(":", -1);
            if (pieces.length != 2 || !pieces[0].strip().matches("[A-Za-z0-9_-]+")) {
                throw invalid(specification, "each band is name:percentile, e.g. high:95, but '" + part.strip() + "' is not");
            }
            double threshold;
            try {
                threshold = Double.parseDouble(pieces[1].strip());
            } catch (NumberFormatException exception) {
                throw invalid(specification, "the percentile of band '" + pieces[0].strip() + "' is not a number");
            }
            if (!(threshold >= 0 && threshold < 100)) {
                throw invalid(specification, "the percentile of band '" + pieces[0].strip() + "' must be from 0 to below 100");
            }
            String name = pieces[0].strip();
            if (bands.stream().anyMatch(band -> band.name().equals(name) || band.threshold() == threshold)) {
                throw invalid(specification, "band '" + name + "' repeats a name or a percentile");
            }
            bands.add(new Band(name, threshold));
        }
        return new RiskBands(bands);
    }

    /** The band of a percentile: the highest threshold it is above, if any. */
    public Optional<String> band(double percentile) {
        for (Band band : bands) {
            if (percentile > band.threshold()) {
                return Optional.of(band.name());
            }
        }
        return Optional.empty();
    }

    private static PermedException invalid(String specification, String reason) {
        return new PermedException(PrsErrorCode.RISK_BANDS_INVALID, "risk bands '" + specification + "': " + reason,
                Map.of("field", "bands"));
    }
}
