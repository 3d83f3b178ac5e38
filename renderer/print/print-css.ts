/**
 * Print layout shared by the desktop app, the web host and the CLI's PDF output. It is a string
 * so that the renderer and the Node side (which has no CSS loader) use the very same rules.
 */
export const PRINT_CSS = `
.report {
  font-family: 'Noto Sans', 'DejaVu Sans', 'Segoe UI', sans-serif;
  font-size: 9.5pt;
  color: #000;
  background: #fff;
}

.report h1 {
  font-size: 14pt;
  margin: 0 0 2mm;
}

.report .report-meta {
  margin: 0 0 4mm;
  display: grid;
  grid-template-columns: max-content 1fr;
  gap: 0.5mm 4mm;
}

.report .report-meta dt {
  font-weight: 600;
}

.report .report-meta dd {
  margin: 0;
}

.report table {
  width: 100%;
  border-collapse: collapse;
}

/* A header repeated on every page, and rows never split across two pages. */
.report thead {
  display: table-header-group;
}

.report tr {
  break-inside: avoid;
  page-break-inside: avoid;
}

.report th,
.report td {
  border: 0.3pt solid #777;
  padding: 1mm 1.5mm;
  vertical-align: top;
}

.report th {
  background: #e8ecf1;
  font-weight: 600;
}

.report td.number,
.report th.number {
  text-align: end;
  font-variant-numeric: tabular-nums;
  white-space: nowrap;
}

/* Long justifications wrap inside their cell instead of being cut. */
.report td.justification {
  white-space: pre-wrap;
  overflow-wrap: anywhere;
}

.report tr.group-row td {
  background: #f3f5f8;
  font-weight: 600;
  break-after: avoid;
  page-break-after: avoid;
}

.report tr.totals-row td {
  font-weight: 700;
  border-top: 1pt solid #000;
}

.report .status-justification-missing {
  font-weight: 700;
}

.report .flag {
  font-weight: 700;
}

.report .report-section {
  margin-top: 5mm;
  break-inside: avoid;
}

.report .report-section h2 {
  font-size: 11pt;
  margin: 0 0 2mm;
}

.report .note {
  font-size: 8pt;
  color: #333;
}

.report code {
  font-family: 'DejaVu Sans Mono', 'Noto Sans Mono', monospace;
}

@media screen {
  .report {
    max-width: 277mm;
    margin: 0 auto;
    padding: 10mm;
    box-shadow: 0 0 3mm rgb(0 0 0 / 15%);
  }
}

.report-summary > table {
  table-layout: fixed;
}

/* The justification gets the room: it is the one column of free text. */
.report-summary th:nth-child(1) {
  width: 24%;
}

.report-summary th:nth-child(2) {
  width: 7%;
}

.report-summary th:nth-child(3),
.report-summary th:nth-child(4) {
  width: 9%;
}

.report-summary th:nth-child(6) {
  width: 12%;
}

.report.report-summary th.number {
  white-space: normal;
}

.report-table {
  font-size: 8.5pt;
}

.report-table thead th {
  text-align: center;
}

/* Thirteen columns must fit the landscape page: fixed layout, narrow figure columns. */
.report-table > table {
  table-layout: fixed;
}

.report-table > table th:first-child {
  width: 19%;
}

.report-table > table th,
.report-table > table td {
  padding: 0.8mm 1mm;
  overflow-wrap: anywhere;
}

.report-table > table thead th {
  white-space: normal;
  text-align: center;
}

.report.report-table th.number {
  white-space: normal;
  text-align: center;
}
`;
