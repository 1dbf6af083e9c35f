/** Polygenic scores: the stored samples a score can be computed on, as an interface the app implements over the genome store. */
package no.permed.prs.targets;
