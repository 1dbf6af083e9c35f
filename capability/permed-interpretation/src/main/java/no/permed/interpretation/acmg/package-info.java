/**
 * The ACMG/AMP classification engine: criteria with ClinGen strength modifiers ({@link
 * no.permed.interpretation.acmg.AppliedCriterion}), the 2015 combining rules, the Bayesian points system, and
 * {@link no.permed.interpretation.acmg.AcmgClassifier}, which gives both and checks a stated class.
 */
package no.permed.interpretation.acmg;
