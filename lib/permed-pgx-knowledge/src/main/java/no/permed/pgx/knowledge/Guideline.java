package no.permed.pgx.knowledge;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A CPIC or DPWG guideline annotation as curated by ClinPGx.
 *
 * @param version the annotation's version number at ClinPGx
 * @param dataVersion the data release the annotation was taken from (for example {@code 2023-12-19-10-38})
 */
public record Guideline(
        String id, String name, PgxSource source, int version, String url, List<String> drugs, List<String> genes, List<String> pmids, String dataVersion) {
    public Guideline {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(source, "source is null");
        requireNonNull(url, "url is null");
        requireNonNull(dataVersion, "dataVersion is null");
        drugs = List.copyOf(drugs);
        genes = List.copyOf(genes);
        pmids = List.copyOf(pmids);
    }
}
