/**
 * Normalisation of polygenic scores against a reference population: the reference (e.g. 1000 Genomes) is scored with
 * the variants matched in the target, and each target sample gets the percentile and Z-score of its sum in the chosen
 * population's distribution, and a risk band. Ancestry inference (projection onto reference principal components) is not
 * built: the population is named by the caller.
 */
package no.permed.prs.normalise;
