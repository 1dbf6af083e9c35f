/** Polygenic risk scores: scoring files, matching, scoring, normalisation. */
package no.permed.prs;
