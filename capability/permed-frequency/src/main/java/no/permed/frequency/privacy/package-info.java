/**
 * The privacy rules of each access tier over the register's exact counts: minimum dataset size, small counts as bands,
 * no sample-level data in the public tier, per-client query budgets, and the defence against membership inference
 * (Shringarpure and Bustamante's likelihood-ratio attack). {@link no.permed.frequency.privacy.Disclosure} is the one
 * place that turns an exact {@link no.permed.frequency.RegisterLine} into what a client of a tier is shown.
 */
package no.permed.frequency.privacy;
