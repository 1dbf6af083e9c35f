/**
 * The anonymous allele-frequency register: AC, AN, homozygotes and AF per variant, overall, per population and per
 * dataset, counted over the samples whose consent allows anonymous aggregate use; the privacy rules of each access
 * tier; GA4GH Beacon v2. The genome store and the consent service reach it through {@link no.permed.frequency.CohortSource}
 * and {@link no.permed.frequency.AggregateConsent}, wired in the application.
 */
package no.permed.frequency;
