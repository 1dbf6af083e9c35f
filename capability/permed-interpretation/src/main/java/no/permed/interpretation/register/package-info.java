/**
 * The register of interpreted variants: versioned laboratory submissions ({@link no.permed.interpretation.register.VariantRegister}),
 * ClinVar-style aggregates with their history, discordances and their resolution workflow, and reclassification recall
 * through {@link no.permed.interpretation.register.CarrierLookup}, {@link no.permed.interpretation.register.ClinicianDirectory}
 * and {@link no.permed.interpretation.register.RecallPreference}, which permed-app wires to the genome store, the security
 * module and (later) consent. Bulk CSV: {@link no.permed.interpretation.register.SubmissionCsv}.
 */
package no.permed.interpretation.register;
