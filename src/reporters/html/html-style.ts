import { code, highlight, muted, page, severityColours, verdictColours } from './palette.js';

/**
 * The report's one stylesheet, inline (the file makes no request). On paper: no backgrounds are
 * relied on (browsers drop them unless asked), so verdicts keep their words and borders; a
 * finding is not split across pages; links show nothing extra since there are none.
 */
export function reportStyle(): string {
  const verdicts = Object.entries(verdictColours)
    .map(([verdict, c]) => `.verdict-${verdict}{color:${c.text};background:${c.background};border-color:${c.text}}`)
    .join('\n');
  const severities = Object.entries(severityColours)
    .map(([severity, c]) => `.severity-${severity}{color:${c.text};background:${c.background};border-color:${c.text}}`)
    .join('\n');
  return `
*{box-sizing:border-box}
body{margin:0 auto;max-width:960px;padding:24px;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:${page.text};background:${page.background}}
h1{font-size:24px;margin:0 0 4px}
h2{font-size:19px;margin:28px 0 10px;border-bottom:1px solid #cccccc;padding-bottom:4px}
header p{margin:2px 0;color:${muted.text}}
header .totals{color:${page.text};font-weight:600}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:5px 8px;border-bottom:1px solid #dddddd}
th{font-size:13px;color:${muted.text}}
td code,li code{font-size:13px;overflow-wrap:anywhere}
.claim td:first-child code{overflow-wrap:normal;white-space:nowrap}
.badge{display:inline-block;padding:1px 7px;border:1px solid;border-radius:10px;font-size:13px;font-weight:600;white-space:nowrap}
${verdicts}
${severities}
.chart{max-width:100%;height:auto;display:block}
ol.findings{list-style:none;padding:0;margin:0}
.finding{border:1px solid #dddddd;border-radius:6px;padding:10px 12px;margin:0 0 12px}
.finding p{margin:4px 0}
.where{color:${muted.text};font-size:13px;overflow-wrap:anywhere}
pre{margin:6px 0;padding:6px 8px;overflow-x:auto;font:13px/1.4 ui-monospace,"DejaVu Sans Mono",monospace;tab-size:4;color:${code.text};background:${code.background};border-radius:4px;white-space:pre-wrap;overflow-wrap:anywhere}
pre .line{display:block}
pre .mark{background:${highlight.background};color:${highlight.text};font-weight:600}
pre .number{display:inline-block;min-width:3.5em;color:${muted.text};user-select:none}
.suggestion-label{font-weight:600}
footer{margin-top:28px;color:${muted.text};font-size:13px}
@media print{
  body{max-width:none;padding:0;font-size:11pt}
  h2{break-after:avoid}
  .finding,tr,.chart{break-inside:avoid}
  .badge,.finding,pre{border:1px solid #000000}
  pre{white-space:pre-wrap}
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
`;
}
