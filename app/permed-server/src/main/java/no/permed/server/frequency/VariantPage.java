package no.permed.server.frequency;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import no.permed.frequency.RegisterStatus;
import no.permed.frequency.Variants;
import no.permed.frequency.privacy.PublishedCounts;
import no.permed.frequency.privacy.PublishedLine;
import no.permed.vcf.normalise.VariantKey;

/**
 * A variant's page in the style of gnomAD's: the variant, then its counts per dataset and per population at the public
 * tier. Plain HTML with inline style, no script, every text escaped; a web UI may replace it.
 */
final class VariantPage {
    private VariantPage() {
    }

    static String render(VariantKey variant, Optional<PublishedLine> line, RegisterStatus status) {
        String name = Variants.shortForm(variant);
        StringBuilder html = new StringBuilder(4096);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(escape(name)).append(" (").append(escape(variant.assembly().displayName()))
                .append(") – permed frequency register</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem;color:#222}")
                .append("table{border-collapse:collapse;margin:1rem 0;min-width:30rem}")
                .append("th,td{border-bottom:1px solid #ddd;padding:.3rem .8rem;text-align:right}")
                .append("th:first-child,td:first-child{text-align:left}caption{text-align:left;font-weight:bold;padding:.4rem 0}")
                .append(".note{color:#555;font-size:.9rem}</style></head><body>\n");
        html.append("<h1>").append(escape(name)).append("</h1>\n<p>").append(escape(variant.assembly().displayName()))
                .append(" · ").append(variant.isSingleNucleotide() ? "single-nucleotide variant" : "indel or other variant")
                .append(" · REF ").append(escape(variant.reference())).append(" · ALT ").append(escape(variant.alternate()))
                .append("</p>\n");
        if (line.isEmpty()) {
            html.append("<p>The register has no counts to show for this variant: no sample that counts holds it, or the"
                    + " public tier does not show it (see the privacy rules).</p>\n");
        } else {
            PublishedLine shown = line.get();
            html.append("<table><caption>All shown datasets</caption>");
            header(html);
            row(html, "Total", shown.overall());
            html.append("</table>\n");
            table(html, "Datasets", shown.datasets());
            table(html, "Populations", shown.populations());
        }
        html.append("<p class=\"note\">Public tier: counts below the band limit are shown as a band (e.g. 1-4); datasets"
                + " below the minimum size are not shown; only samples whose consent allows anonymous aggregate use count."
                + " Counted ").append(escape(status.countedAt().toString())).append(". Machine-readable: <a href=\"/api/frequencies/")
                .append(escape(name)).append("?assembly=").append(escape(variant.assembly().displayName())).append("\">JSON</a>, <a href=\"")
                .append("/beacon/g_variants?assemblyId=").append(escape(variant.assembly().displayName())).append("&amp;referenceName=")
                .append(escape(variant.contig())).append("&amp;start=").append(variant.position() - 1).append("&amp;referenceBases=")
                .append(escape(variant.reference())).append("&amp;alternateBases=").append(escape(variant.alternate()))
                .append("\">Beacon</a>.</p>\n</body></html>\n");
        return html.toString();
    }

    private static void table(StringBuilder html, String caption, Map<String, PublishedCounts> groups) {
        if (groups.isEmpty()) {
            return;
        }
        html.append("<table><caption>").append(escape(caption)).append("</caption>");
        header(html);
        groups.forEach((name, counts) -> row(html, name, counts));
        html.append("</table>\n");
    }

    private static void header(StringBuilder html) {
        html.append("<tr><th>Group</th><th>Allele count</th><th>Allele number</th><th>Homozygotes</th><th>Allele frequency</th></tr>");
    }

    private static void row(StringBuilder html, String name, PublishedCounts counts) {
        html.append("<tr><td>").append(escape(name)).append("</td><td>").append(escape(counts.alleleCount().text()))
                .append("</td><td>").append(escape(counts.alleleNumber().text())).append("</td><td>")
                .append(escape(counts.homozygotes().text())).append("</td><td>")
                .append(counts.alleleFrequency().isPresent() ? String.format(Locale.ROOT, "%.6f", counts.alleleFrequency().getAsDouble()) : "–")
                .append("</td></tr>");
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int index = 0; index < text.length(); index++) {
            char character = text.charAt(index);
            switch (character) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(character);
            }
        }
        return escaped.toString();
    }
}
