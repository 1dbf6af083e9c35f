/**
 * Matching a score's variants to the sites of a target, as pgsc_calc (pgscatalog-match) does it: by chromosome,
 * position and alleles, best match type first, with strand-ambiguous, multi-allelic and duplicated matches excluded
 * by default, and a minimum share of matched variants. {@link no.permed.prs.match.VariantMatcher} is the entry point.
 */
package no.permed.prs.match;
