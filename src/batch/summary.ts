// The city summary of a build, written into the output folder beside 生成报告.txt: 汇总.xlsx (one row
// per department with its status, key figures in 万元, counts of errors and warnings and a link to its
// folder, then a 总计 row of SUM formulas) and index.html (the same table for a browser, with links to
// each department's files and its findings further down the page). Both open from the folder as they
// are: links are relative, the page has its style inline and loads nothing.
import { basename, relative, sep } from 'node:path';
import ExcelJS from 'exceljs';
import { Decimal, sum } from '../model/decimal.js';
import type { Finding } from '../model/finding.js';
import { formatAmount } from '../model/format.js';
import type { ReportModel } from '../model/report.js';
import { formatFinding } from '../cli/format-finding.js';

/** The figures of the summary, in 万元 as the department's own documents print them. */
export const SUMMARY_FIGURES = [
  { key: 'totalIncomeExpenditure', label: '收支总计' },
  { key: 'appropriationTotal', label: '财政拨款收支总计' },
  { key: 'threePublic', label: '“三公”经费' },
  { key: 'abroad', label: '因公出国（境）费' },
  { key: 'vehicle', label: '公务用车购置及运行维护费' },
  { key: 'reception', label: '公务接待费' },
  { key: 'agencyOperation', label: '机关运行经费' },
] as const;

export type SummaryFigure = (typeof SUMMARY_FIGURES)[number]['key'];

/** What the summary says of a department that was checked: kept in its manifest for the runs that skip it. */
export interface DepartmentSummary {
  readonly name: string;
  readonly code?: string;
  readonly year: number;
  /** 万元 as decimal strings; absent for a department without 公开表 (only 绩效自评). */
  readonly figures?: Readonly<Record<SummaryFigure, string>>;
}

/** The summary figures of a derived department. */
export function summarize(model: ReportModel): DepartmentSummary {
  const d = model.dataset.department;
  const t = model.threePublic;
  const wan = {
    totalIncomeExpenditure: model.totalIncomeExpenditure,
    appropriationTotal: model.appropriationTotal,
    threePublic: t.breakdown.total,
    abroad: t.items.abroad.amount,
    vehicle: t.items.vehicle.amount,
    reception: t.items.reception.amount,
    agencyOperation: model.agencyOperation,
  };
  return {
    name: d.name,
    ...(d.code ? { code: d.code } : {}),
    year: d.year,
    ...(model.dataset.tables.T01 ? { figures: Object.fromEntries(Object.entries(wan).map(([k, m]) => [k, m.wan.toFixed(2)])) as Record<SummaryFigure, string> } : {}),
  };
}

/** A department's state after the run, as the summary shows it. */
export type SummaryStatus = '已生成' | '未变化' | '有错误' | '未处理';

/** One department of the summary. */
export interface SummaryRow {
  readonly file: string;
  readonly status: SummaryStatus;
  /** The department's folder, relative to the output folder ('' when it has none). */
  readonly folder: string;
  /** Its files, relative to the output folder. */
  readonly outputs: readonly string[];
  readonly summary?: DepartmentSummary;
  readonly findings: readonly Finding[];
  /** Why it was not built, when that is not (only) its findings. */
  readonly failure?: string;
}

/** The file names of the summary in the output folder. */
export const SUMMARY_XLSX = '汇总.xlsx';
export const SUMMARY_HTML = 'index.html';

const errorsOf = (r: SummaryRow) => r.findings.filter((f) => f.severity === 'error').length;
const warningsOf = (r: SummaryRow) => r.findings.filter((f) => f.severity === 'warning').length;

/** A path under the output folder as a relative URL (forward slashes, each part escaped). */
function href(path: string): string {
  return path.split(sep).map(encodeURIComponent).join('/');
}

/** Rows of a build's results, paths made relative to the output folder. */
export function summaryRow(outDir: string, r: { file: string; dir: string; status: SummaryStatus; outputs: readonly string[]; summary?: DepartmentSummary; findings: readonly Finding[]; failure?: string }): SummaryRow {
  const folder = r.status === '已生成' || r.status === '未变化' ? relative(outDir, r.dir) : '';
  return {
    file: r.file,
    status: r.status,
    folder,
    outputs: r.outputs.map((o) => relative(outDir, o)),
    ...(r.summary ? { summary: r.summary } : {}),
    findings: r.findings,
    ...(r.failure ? { failure: r.failure } : {}),
  };
}

const HEADERS = ['序号', '部门', '部门编码', '状态', ...SUMMARY_FIGURES.map((f) => `${f.label}（万元）`), '错误', '警告', '文件夹'];
const AMOUNT_FORMAT = '#,##0.00';

/** 汇总.xlsx: a row per department, then the city's 总计 (SUM formulas whose stored results are the exact sums). */
export async function writeSummaryXlsx(rows: readonly SummaryRow[], createdAt: Date): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'juesuan';
  wb.created = createdAt;
  wb.modified = createdAt;
  const ws = wb.addWorksheet('汇总', { views: [{ state: 'frozen', ySplit: 1 }], pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.addRow(HEADERS).font = { bold: true };
  const first = 2;
  rows.forEach((r, i) => {
    const s = r.summary;
    const row = ws.addRow([
      i + 1,
      s?.name ?? basename(r.file),
      s?.code ?? '',
      r.status,
      ...SUMMARY_FIGURES.map((f) => (s?.figures ? Number(s.figures[f.key]) : null)),
      errorsOf(r),
      warningsOf(r),
      null,
    ]);
    const link = row.getCell(HEADERS.length);
    // Excel follows a relative link as written (percent escapes would not be decoded on Windows)
    if (r.folder) link.value = { text: r.folder, hyperlink: `${r.folder.split(sep).join('/')}/` };
    else link.value = { text: '问题见 index.html', hyperlink: `${SUMMARY_HTML}#d${i + 1}` };
    link.font = { color: { argb: 'FF0563C1' }, underline: true };
  });
  const last = first + rows.length - 1;
  const total = ws.addRow(['', '总计', '', `${rows.length} 个部门`]);
  total.font = { bold: true };
  const col = (n: number) => ws.getColumn(n).letter;
  SUMMARY_FIGURES.forEach((f, k) => {
    const c = 5 + k;
    const exact = sum(rows.map((r) => (r.summary?.figures ? new Decimal(r.summary.figures[f.key]) : undefined)));
    // the stored result is the exact decimal sum of the column, as a spreadsheet number
    total.getCell(c).value = rows.length ? { formula: `SUM(${col(c)}${first}:${col(c)}${last})`, result: Number(exact.toFixed(2)) } : 0;
  });
  for (const [c, count] of [[5 + SUMMARY_FIGURES.length, errorsOf], [6 + SUMMARY_FIGURES.length, warningsOf]] as const) {
    total.getCell(c).value = rows.length ? { formula: `SUM(${col(c)}${first}:${col(c)}${last})`, result: rows.reduce((n, r) => n + count(r), 0) } : 0;
  }
  SUMMARY_FIGURES.forEach((_, k) => (ws.getColumn(5 + k).numFmt = AMOUNT_FORMAT));
  const widths = [6, 34, 12, 8, ...SUMMARY_FIGURES.map(() => 16), 6, 6, 30];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** Text for HTML: every character that could start markup escaped. */
function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A file's link text: its format, and for a workbook which one (公开表 or the checking aids). */
function fileLabel(path: string): string {
  const ext = path.slice(path.lastIndexOf('.') + 1).toUpperCase();
  if (ext !== 'XLSX') return ext;
  return basename(path).includes('审核用') ? 'XLSX（审核用）' : 'XLSX（公开表）';
}

const STATUS_CLASS: Record<SummaryStatus, string> = { 已生成: 'ok', 未变化: 'same', 有错误: 'bad', 未处理: 'skip' };

/** index.html: the summary table, links to every file, and each department's findings under its anchor. */
export function writeSummaryHtml(rows: readonly SummaryRow[], title: string): string {
  const figureCells = (r: SummaryRow) => SUMMARY_FIGURES.map((f) => `<td class="num">${r.summary?.figures ? formatAmount(new Decimal(r.summary.figures[f.key])) : ''}</td>`).join('');
  const totals = SUMMARY_FIGURES.map((f) => sum(rows.map((r) => (r.summary?.figures ? new Decimal(r.summary.figures[f.key]) : undefined))));
  const body = rows
    .map((r, i) => {
      const files = r.outputs.map((o) => `<a href="${esc(href(o))}">${esc(fileLabel(o))}</a>`).join(' ');
      const name = r.summary?.name ?? basename(r.file);
      return `<tr class="${STATUS_CLASS[r.status]}"><td>${i + 1}</td><td>${r.folder ? `<a href="${esc(href(r.folder))}/">${esc(name)}</a>` : esc(name)}</td><td>${esc(r.summary?.code ?? '')}</td><td>${r.status}</td>${figureCells(r)}<td class="num">${errorsOf(r)}</td><td class="num">${warningsOf(r)}</td><td>${files}</td><td>${r.findings.length || r.failure ? `<a href="#d${i + 1}">问题</a>` : '—'}</td></tr>`;
    })
    .join('\n');
  const details = rows
    .map((r, i) => {
      const lines = r.findings.map((f) => `<li class="${f.severity}">${esc(formatFinding(f))}</li>`).join('');
      return `<section id="d${i + 1}"><h2>${i + 1}. ${esc(r.summary?.name ?? basename(r.file))}（${r.status}）</h2><p class="file">${esc(r.file)}</p>${r.failure ? `<p class="failure">${esc(r.failure)}</p>` : ''}${lines ? `<ol>${lines}</ol>` : '<p>没有错误和警告。</p>'}</section>`;
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${esc(title)}</title>
<style>
body { font-family: "Noto Sans SC", "Microsoft YaHei", sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; font-size: 14px; }
th, td { border: 1px solid #bbb; padding: 4px 8px; }
td { white-space: nowrap; }
th { background: #eef; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.bad td { background: #fde8e8; }
tr.same td { color: #555; }
tr.skip td { color: #999; }
tfoot td { font-weight: bold; }
li.error { color: #b00; }
li { white-space: pre-wrap; margin: 0.3em 0; }
</style>
</head>
<body>
<h1>${esc(title)}</h1>
<table>
<thead><tr>${HEADERS.slice(0, -1).map((h) => `<th>${esc(h)}</th>`).join('')}<th>文件</th><th>问题</th></tr></thead>
<tbody>
${body}
</tbody>
<tfoot><tr><td></td><td>总计</td><td></td><td>${rows.length} 个部门</td>${totals.map((t) => `<td class="num">${formatAmount(t)}</td>`).join('')}<td class="num">${rows.reduce((n, r) => n + errorsOf(r), 0)}</td><td class="num">${rows.reduce((n, r) => n + warningsOf(r), 0)}</td><td></td><td></td></tr></tfoot>
</table>
${details}
</body>
</html>
`;
}
