/**
 * Synthetic cohorts for scale tests: {@link no.permed.simulate.CohortSimulator} writes phased genotypes of any
 * number of samples as mosaics of a real reference panel's haplotypes, which keeps its allele frequencies and the
 * linkage between nearby sites. See the module's README.md for the model and the figures.
 */
package no.permed.simulate;
