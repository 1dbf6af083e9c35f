/** Polygenic scores: the clinician's HTML report of one person's score (bokmål and English). */
package no.permed.prs.report;
