/** Polygenic scores: choosing the reference population by projection onto reference principal components. */
package no.permed.prs.ancestry;
