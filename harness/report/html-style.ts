/** The HTML report's stylesheet, inlined so `index.html` opens from the file system with no network. */
export const HTML_STYLE = `
:root { --pass: #1a7f37; --pass-bg: #dafbe1; --fail: #cf222e; --fail-bg: #ffebe9; --skip: #57606a; --skip-bg: #eaeef2;
  --pending: #9a6700; --pending-bg: #fff8c5; --line: #d0d7de; --muted: #57606a; --accent: #0969da; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #1f2328; background: #fff; }
main { padding: 16px 24px 48px; max-width: 1600px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 16px 0 6px; }
code, pre { font: 12.5px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
pre { white-space: pre-wrap; word-break: break-word; background: #f6f8fa; border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; margin: 6px 0; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
.badge { display: inline-block; padding: 2px 10px; border-radius: 12px; font-weight: 600; font-size: 13px; vertical-align: middle; }
.badge.passed { background: var(--pass-bg); color: var(--pass); }
.badge.failed { background: var(--fail-bg); color: var(--fail); }
.badge.interrupted { background: var(--pending-bg); color: var(--pending); }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 10px 0 0; color: var(--muted); }
.meta dt { font-weight: 600; }
.meta dd { margin: 0; color: #1f2328; }
table { border-collapse: collapse; }
th, td { border: 1px solid var(--line); padding: 3px 8px; text-align: left; vertical-align: top; }
thead th { background: #f6f8fa; position: sticky; top: 0; z-index: 1; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.legend span { margin-right: 14px; white-space: nowrap; }
table.matrix td.cell { text-align: center; min-width: 64px; font-weight: 600; white-space: nowrap; }
table.matrix td.cell a { color: inherit; display: block; }
table.matrix td.passed { background: var(--pass-bg); color: var(--pass); }
table.matrix td.failed { background: var(--fail-bg); color: var(--fail); }
table.matrix td.skipped { background: var(--skip-bg); color: var(--skip); }
table.matrix td.pending { background: var(--pending-bg); color: var(--pending); }
table.matrix td.none { background: #fff; }
table.matrix tr.card th { background: #eef2f6; font-size: 13.5px; }
table.matrix tr.error-row th { color: var(--fail); }
table.matrix th.check code { font-size: 12px; }
table.matrix th.check .title { display: block; font-weight: 400; color: var(--muted); font-size: 12px; max-width: 420px; }
table.matrix thead th.col { text-align: center; font-size: 12.5px; }
table.matrix thead th.col small { display: block; font-weight: 400; color: var(--muted); }
sup { font-size: 10px; font-weight: 600; margin-left: 1px; }
ol.notes li { margin: 3px 0; }
ol.notes li:target, .failure:target, .run-error:target { background: #fff8c5; outline: 2px solid #d4a72c; }
.kind { display: inline-block; min-width: 104px; font-weight: 600; }
.kind.skip { color: var(--skip); } .kind.fail, .kind.error { color: var(--fail); } .kind.pending { color: var(--pending); }
.count { color: var(--muted); }
.failure, .run-error { border: 1px solid var(--line); border-left: 4px solid var(--fail); border-radius: 6px; padding: 6px 10px; margin: 8px 0; }
.failure summary, .run-error summary { cursor: pointer; font-weight: 600; }
.request { font: 12.5px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: #1f2328; }
.request .status { font-weight: 700; color: var(--fail); }
.bars td.bar { width: 420px; }
.bar .track { position: relative; height: 14px; background: #f6f8fa; border-radius: 3px; }
.bar .wall { position: absolute; left: 0; top: 0; bottom: 0; background: #54aeff; border-radius: 3px; }
.bar .server { position: absolute; left: 0; top: 4px; bottom: 4px; background: #0550ae; border-radius: 2px; }
.bar .max { position: absolute; top: -2px; bottom: -2px; width: 2px; background: #cf222e; }
.muted { color: var(--muted); }
footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
`;
