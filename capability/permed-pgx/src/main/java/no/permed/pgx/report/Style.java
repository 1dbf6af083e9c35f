package no.permed.pgx.report;

/** The report's inline style sheet: screen and A4 print, no web fonts, no images, nothing loaded from elsewhere. */
final class Style {
    static final String CSS = """
            @page { size: A4; margin: 15mm 14mm 17mm 14mm; }
            html { font-family: "Segoe UI", Arial, "Liberation Sans", Helvetica, sans-serif; font-size: 10.5pt; color: #111; background: #fff; }
            body { margin: 0 auto; max-width: 182mm; padding: 8mm 4mm; line-height: 1.35; }
            h1 { font-size: 18pt; margin: 0 0 2pt 0; }
            h2 { font-size: 13.5pt; margin: 16pt 0 6pt 0; padding-bottom: 2pt; border-bottom: 1.5pt solid #1f3b57; break-after: avoid; page-break-after: avoid; }
            h3 { font-size: 12pt; margin: 12pt 0 4pt 0; break-after: avoid; page-break-after: avoid; }
            h4 { font-size: 10.5pt; margin: 8pt 0 3pt 0; break-after: avoid; page-break-after: avoid; }
            p { margin: 3pt 0 5pt 0; }
            .subtitle { font-size: 11pt; color: #333; margin-top: 0; }
            table { border-collapse: collapse; width: 100%; margin: 4pt 0 8pt 0; }
            th, td { border: 0.75pt solid #9aa5b1; padding: 3pt 5pt; text-align: left; vertical-align: top; }
            thead th { background: #e6ecf2; }
            tbody th { font-weight: bold; }
            thead { display: table-header-group; }
            tr { break-inside: avoid; page-break-inside: avoid; }
            table.meta { width: auto; }
            table.meta th, table.meta td { border: none; padding: 1pt 10pt 1pt 0; }
            table.recommendation { break-inside: avoid; page-break-inside: avoid; }
            table.recommendation tbody th { width: 30%; background: #f4f6f8; font-weight: normal; }
            .summary table.findings thead th { background: #f6e3e3; }
            .compact { margin: 0 0 3pt 0; padding-left: 0; }
            ul.compact { padding-left: 14pt; }
            .considerations { margin: 4pt 0 0 0; font-size: 9.5pt; color: #222; }
            .badge { display: inline-block; padding: 0 4pt; border: 0.75pt solid; border-radius: 3pt; font-size: 8.5pt; font-weight: bold; white-space: nowrap; }
            .badge.changes { color: #8b1a1a; border-color: #8b1a1a; }
            .badge.standard { color: #1d5b2e; border-color: #1d5b2e; }
            .badge.none { color: #444; border-color: #777; }
            .warn, .flag { color: #8b1a1a; font-weight: bold; }
            .caution { color: #8b1a1a; }
            .muted { color: #555; font-style: italic; }
            .note { font-size: 9pt; color: #333; }
            ul.warnings li { margin-bottom: 2pt; }
            footer { margin-top: 18pt; font-size: 9pt; color: #222; }
            footer h2 { font-size: 11pt; }
            .disclaimer { border: 0.75pt solid #555; padding: 4pt 6pt; }
            a { color: #0b4f8a; overflow-wrap: anywhere; }
            @media print {
              body { max-width: none; padding: 0; }
              a { color: #111; text-decoration: none; }
              * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
            }
            """;

    private Style() {
    }
}
