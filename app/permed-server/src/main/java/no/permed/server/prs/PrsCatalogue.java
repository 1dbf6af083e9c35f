package no.permed.server.prs;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import no.permed.prs.person.ReferencePanel;
import no.permed.prs.score.ScoringFile;

/**
 * What the installation offers: the scores by ID (shipped or the demo's) and the reference populations, at most one per
 * genome build. Given to {@link PrsRoutes} as a supplier, so that reading the reference and fitting its ancestry model
 * happen on the first request rather than at start-up.
 */
public record PrsCatalogue(Map<String, ScoringFile> scores, List<ReferencePanel> panels) {
    public PrsCatalogue {
        scores = Map.copyOf(requireNonNull(scores, "scores is null"));
        panels = List.copyOf(requireNonNull(panels, "panels is null"));
    }

    public static PrsCatalogue empty() {
        return new PrsCatalogue(Map.of(), List.of());
    }
}
