/**
 * The clinician's HTML report of a pharmacogenomic result ({@code <sample>.report.html}), in Norwegian bokmål and
 * English: {@link no.permed.pgx.report.HtmlReportWriter}. {@link no.permed.pgx.report.PrescribingImpact} is the rule
 * that decides which recommendations count as actionable findings.
 */
package no.permed.pgx.report;
