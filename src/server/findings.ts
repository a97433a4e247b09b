// Findings as the web page shows them: severity and rule, the message, where (a YAML line or a
// sheet cell, the way cli/format-finding.ts writes it), the table it concerns (for the filter), the
// expected and actual values with their difference, and the place itself in context — the lines of
// the YAML file around the line, or a small grid of the sheet around the cell.
import { readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import ExcelJS from 'exceljs';
import { Decimal } from '../model/decimal.js';
import type { Finding, SourceRef } from '../model/finding.js';
import { formatAmount } from '../model/format.js';

/** Lines of a YAML file around a line, the line itself marked. */
export interface LinesContext {
  readonly kind: 'lines';
  readonly first: number;
  readonly last: number;
  readonly lines: readonly { readonly number: number; readonly text: string; readonly current: boolean }[];
}

/** Cells of a sheet around a cell, the cell itself marked. */
export interface GridContext {
  readonly kind: 'grid';
  readonly sheet: string;
  readonly columns: readonly string[];
  readonly rows: readonly { readonly number: number; readonly cells: readonly { readonly text: string; readonly current: boolean }[] }[];
}

/** The place of a finding in its file. */
export type Context = LinesContext | GridContext;

/** One finding, ready for the page (every text plain: the template escapes it). */
export interface FindingView {
  readonly severity: Finding['severity'];
  readonly severityLabel: string;
  readonly ruleId: string;
  readonly message: string;
  readonly note?: string;
  /** `第29行第10列` or `公开05表!H12`. */
  readonly where: string;
  /** The file the place is in. */
  readonly file?: string;
  /** The YAML path (`tables.T01.r27`). */
  readonly path?: string;
  /** The table or part of the data it concerns, for the filter. */
  readonly table: string;
  readonly expected?: string;
  readonly actual?: string;
  /** actual − expected, signed (`+1.00`). */
  readonly difference?: string;
  readonly related: readonly string[];
  readonly context?: Context;
}

const SEVERITY_LABELS = { error: '错误', warning: '警告' } as const;

/** Lines shown before and after the line of a finding. */
const CONTEXT_LINES = 3;
/** Rows and columns shown around the cell of a finding. */
const CONTEXT_CELLS = 3;

/** Parts of a department file that are not a 公开表, by their YAML key. */
const PARTS: Readonly<Record<string, string>> = {
  department: '部门信息',
  overview: '部门概况',
  selfEvaluation: '绩效自评',
  tables: '公开表',
};

/** A place as the page writes it: `第29行第10列` or `公开05表!H12`. */
export function where(ref: SourceRef | undefined): string {
  if (!ref) return '';
  return 'sheet' in ref ? `${ref.sheet}!${ref.cell}` : `第${ref.line}行第${ref.column}列`;
}

function tableOf(f: Finding): string {
  if (f.location && 'sheet' in f.location) return f.location.sheet;
  const named = /公开\d{1,2}表/.exec(f.message);
  if (named) return named[0];
  const top = f.location && 'path' in f.location ? f.location.path?.split('.')[0] : undefined;
  if (!top) return '文件';
  return PARTS[top] ?? '说明文字及其他';
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

function amount(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  return DECIMAL.test(text) ? formatAmount(new Decimal(text), Math.max(2, text.split('.')[1]?.length ?? 0)) : text;
}

function difference(f: Finding): string | undefined {
  if (f.expected === undefined || f.actual === undefined || !DECIMAL.test(f.expected) || !DECIMAL.test(f.actual)) return undefined;
  const d = new Decimal(f.actual).minus(f.expected);
  const places = Math.max(2, f.expected.split('.')[1]?.length ?? 0, f.actual.split('.')[1]?.length ?? 0);
  return `${d.isPositive() && !d.isZero() ? '+' : ''}${formatAmount(d, places)}`;
}

/** Reads the files findings point at, each once, only inside the upload's folder. */
class Sources {
  private readonly texts = new Map<string, Promise<string[] | undefined>>();
  private readonly books = new Map<string, Promise<ExcelJS.Workbook | undefined>>();

  constructor(private readonly root: string) {}

  private inside(file: string): string | undefined {
    const path = resolve(this.root, file);
    return path.startsWith(this.root + sep) ? path : undefined;
  }

  lines(file: string): Promise<string[] | undefined> {
    let p = this.texts.get(file);
    if (!p) {
      const path = this.inside(file);
      // a file that is not UTF-8 text has no lines to show (its finding says what it is)
      p = path ? readFile(path).then((b) => new TextDecoder('utf-8', { fatal: true }).decode(b).replace(/^\uFEFF/, '').split(/\r?\n/), () => undefined) : Promise.resolve(undefined);
      this.texts.set(file, p);
    }
    return p;
  }

  workbook(file: string): Promise<ExcelJS.Workbook | undefined> {
    let p = this.books.get(file);
    if (!p) {
      const path = this.inside(file);
      p = path
        ? (async () => {
            const wb = new ExcelJS.Workbook();
            await wb.xlsx.readFile(path);
            return wb;
          })().catch(() => undefined)
        : Promise.resolve(undefined);
      this.books.set(file, p);
    }
    return p;
  }
}

/** `H12` → column 8, row 12. */
export function parseCell(cell: string): { col: number; row: number } | undefined {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/i.exec(cell);
  if (!m) return undefined;
  let col = 0;
  for (const ch of m[1]!.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { col, row: Number(m[2]) };
}

/** Column 8 → `H`. */
export function columnName(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

async function linesContext(sources: Sources, ref: { file: string; line: number }): Promise<LinesContext | undefined> {
  const lines = await sources.lines(ref.file);
  if (!lines || ref.line < 1 || ref.line > lines.length) return undefined;
  const first = Math.max(1, ref.line - CONTEXT_LINES);
  const last = Math.min(lines.length, ref.line + CONTEXT_LINES);
  return { kind: 'lines', first, last, lines: Array.from({ length: last - first + 1 }, (_, i) => ({ number: first + i, text: lines[first + i - 1]!, current: first + i === ref.line })) };
}

/** What a cell shows: a merged range shows its text once, in its first cell. */
function cellText(cell: ExcelJS.Cell): string {
  if (cell.isMerged && cell.master !== cell) return '';
  return cell.text ?? '';
}

async function gridContext(sources: Sources, ref: { file: string; sheet: string; cell: string }): Promise<GridContext | undefined> {
  const at = parseCell(ref.cell);
  const sheet = at && (await sources.workbook(ref.file))?.getWorksheet(ref.sheet);
  if (!at || !sheet) return undefined;
  const cols = Array.from({ length: 2 * CONTEXT_CELLS + 1 }, (_, i) => at.col - CONTEXT_CELLS + i).filter((c) => c >= 1);
  const rows = Array.from({ length: 2 * CONTEXT_CELLS + 1 }, (_, i) => at.row - CONTEXT_CELLS + i).filter((r) => r >= 1);
  return {
    kind: 'grid',
    sheet: ref.sheet,
    columns: cols.map(columnName),
    rows: rows.map((r) => ({ number: r, cells: cols.map((c) => ({ text: cellText(sheet.getCell(r, c)), current: r === at.row && c === at.col })) })),
  };
}

/** The findings of one department for its page; `root` is the upload's folder the files are in. */
export async function viewFindings(findings: readonly Finding[], root: string): Promise<FindingView[]> {
  const sources = new Sources(resolve(root));
  return Promise.all(
    findings.map(async (f): Promise<FindingView> => {
      const loc = f.location;
      const context = !loc ? undefined : 'sheet' in loc ? await gridContext(sources, loc) : await linesContext(sources, loc);
      const expected = amount(f.expected);
      const actual = amount(f.actual);
      const diff = difference(f);
      return {
        severity: f.severity,
        severityLabel: SEVERITY_LABELS[f.severity],
        ruleId: f.ruleId,
        message: f.message,
        ...(f.note ? { note: f.note } : {}),
        where: where(loc),
        ...(loc ? { file: loc.file } : {}),
        ...(loc && 'path' in loc && loc.path ? { path: loc.path } : {}),
        table: tableOf(f),
        ...(expected !== undefined ? { expected } : {}),
        ...(actual !== undefined ? { actual } : {}),
        ...(diff !== undefined ? { difference: diff } : {}),
        // another file's place is named with its file
        related: (f.related ?? []).map((r) => (loc && r.file === loc.file ? where(r) : `${r.file} ${where(r)}`)),
        ...(context ? { context } : {}),
      };
    }),
  );
}

/** The distinct tables of the findings, in order of first appearance (the filter's choices). */
export function tablesOf(views: readonly FindingView[]): string[] {
  return [...new Set(views.map((v) => v.table))];
}
