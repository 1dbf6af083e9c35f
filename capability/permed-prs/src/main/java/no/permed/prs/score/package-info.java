/**
 * PGS Catalog scoring files (format 2.0, as authored or harmonised, plain or gzip, and the "structured" layout that
 * pgscatalog tooling writes): {@link no.permed.prs.score.ScoringFileReader} reads one into a
 * {@link no.permed.prs.score.ScoringFile}.
 */
package no.permed.prs.score;
