// readExcel(bytes, file) → { dataset, findings }: a workbook read into the same plain tree and
// source map as a YAML file (every value at its input path, `tables.T05.2010401.c7`, with its place
// `公开05表!H12`), then checked by the same schema and built by the same builder, so every rule and
// every message works unchanged. Two kinds of workbook:
//
// * the fill-in workbook of `juesuan template` (sheets 部门信息 … with hidden keys, excel-fields.ts,
//   and the 公开表 in their published layout): everything the YAML format holds;
// * a published 公开表 workbook: the XLSX `build` writes, or the 决算 software's export in the
//   official layout (excel-tables.ts). Only its tables are read, with the department's name and the
//   year from its title block; the text parts are the officer's to add.
//
// Which layout the 公开表 have comes from the form of the department's profile and year, which the
// caller resolves (`formFor`): readers do not know profiles.
import ExcelJS from 'exceljs';
import type { Dataset } from '../model/dataset.js';
import { excelSerialToIso, isLikelyExcelSerial } from '../model/dates.js';
import type { Finding, SourceRef } from '../model/finding.js';
import type { Form } from '../model/form.js';
import { tableName } from '../forms/layout.js';
import { buildDataset } from './build-dataset.js';
import { cellContent, normalLabel, shownText, type CellValue } from './excel-cells.js';
import { fieldTypes, KEY_ROW, projectSheetNumber, type Field } from './excel-fields.js';
import { findTableSheet, readTableSheet, type Sink } from './excel-tables.js';
import { checkSchema } from './schema-check.js';
import { parseDecimal } from './values.js';
import { MAX_CELL_TEXT, type YamlTree } from './yaml-tree.js';

/** Result of reading one input: the dataset, or the findings that say why there is none. */
export interface ExcelReadResult {
  readonly dataset?: Dataset;
  readonly findings: readonly Finding[];
}

/** What a workbook is for the reader. */
export type WorkbookKind = 'fill-in' | 'published';

/**
 * The form whose 公开表 a workbook holds: the department's profile (as typed, or undefined) and report
 * year; `kind` says whether the sheets are the fill-in workbook's (the form the data is typed in) or
 * the published tables (the form as printed).
 */
export type FormResolver = (profile: string | undefined, year: number | undefined, kind: WorkbookKind) => Form | undefined;

/** Options of the Excel reader. */
export interface ExcelOptions {
  /** The form of the 公开表 sheets; without it no table is read (a finding says so). */
  readonly formFor?: FormResolver;
  /** The report year when the workbook states none (a published workbook without a year in its titles). */
  readonly year?: number;
}

type Obj = Record<string, unknown>;

/** The plain tree being built: values by input path, their sources, the source text of numbers. */
class Tree implements Sink {
  readonly plain: Obj = {};
  readonly sources: Record<string, SourceRef> = {};
  readonly raw: Record<string, string> = {};
  readonly findings: Finding[] = [];
  /** Every path a value was put at, and every path above it. */
  private readonly filled = new Set<string>();

  put(path: string, value: unknown, at: SourceRef): void {
    const segments = [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]!));
    let node: Obj | unknown[] = this.plain;
    for (let i = 0; i < segments.length - 1; i++) {
      const seg = segments[i]!;
      const nextIsIndex = typeof segments[i + 1] === 'number';
      const holder = node as Record<string | number, unknown>;
      let child = holder[seg];
      if (child === null || typeof child !== 'object') {
        child = nextIsIndex ? [] : {};
        holder[seg] = child;
      }
      node = child as Obj | unknown[];
    }
    (node as Record<string | number, unknown>)[segments.at(-1)!] = value;
    // a number is read from its digits, never from the JS number (YAML's source text of a plain scalar)
    if (typeof value === 'number') this.raw[path] ??= String(value);
    for (let p = path; ; ) {
      this.filled.add(p);
      const parent = p.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
      if (parent === p) break;
      p = parent;
    }
    this.sources[path] ??= at;
  }

  source(path: string, at: SourceRef): void {
    this.sources[path] ??= at;
  }

  finding(f: Finding): void {
    this.findings.push(f);
  }

  has(path: string): boolean {
    return this.filled.has(path);
  }

  get(path: string): unknown {
    let node: unknown = this.plain;
    for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
      if (node === null || typeof node !== 'object') return undefined;
      node = (node as Record<string | number, unknown>)[m[2] !== undefined ? Number(m[2]) : m[1]!];
    }
    return node;
  }
}

const FIELD_TYPES = fieldTypes();

function ref(file: string, ws: ExcelJS.Worksheet, row: number, col: number): SourceRef {
  return { file, sheet: ws.name, cell: ws.getCell(row, col).address };
}

/** A typed value as the plain tree holds it (what YAML would have given), or undefined for blank. */
function typedValue(v: CellValue, field: Field, path: string, tree: Tree): unknown {
  if (v.kind === 'blank') return undefined;
  if (v.kind === 'error') return v.text;
  if (v.kind === 'bool') return v.value ? '是' : '否';
  const text = v.kind === 'number' ? v.text : v.text;
  switch (field.type) {
    case 'count':
    case 'year': {
      const d = parseDecimal(text);
      // whole numbers are numbers (as YAML reads them); anything else stays as typed, for the schema to name
      if (d.ok && d.value.isInteger()) return d.value.toNumber();
      if (v.kind === 'number') tree.raw[path] = v.text;
      return v.kind === 'number' ? v.value : text;
    }
    case 'amount':
    case 'selfAmount':
    case 'decimal':
      return text.trim() === '' ? undefined : text;
    case 'date':
      if (v.kind === 'number') {
        const d = parseDecimal(v.text);
        if (d.ok && isLikelyExcelSerial(d.value)) return excelSerialToIso(d.value.toNumber());
      }
      return text;
    case 'value':
      if (v.kind === 'number') {
        tree.raw[path] = v.text;
        return v.value;
      }
      return text;
    case 'code':
    case 'text':
    case 'longText':
      return text.replace(/\r\n?/g, '\n');
  }
}

/** The key column of a fill-in sheet (the column whose cells say `@`), or undefined: not a fill-in sheet. */
function keyColumn(ws: ExcelJS.Worksheet): number | undefined {
  const rows = Math.min(ws.rowCount, 40);
  for (let c = 1; c <= 5; c++) for (let r = 1; r <= rows; r++) if (shownText(ws.getRow(r).getCell(c)) === KEY_ROW) return c;
  return undefined;
}

/** Read one fill-in sheet. `project`: the index of its project, for a 项目自评 sheet. */
function readFieldSheet(ws: ExcelJS.Worksheet, keyCol: number, file: string, tree: Tree, project: number | undefined): void {
  let columns = new Map<number, string>();
  const counters = new Map<string, number>();
  const width = Math.max(ws.columnCount, 2);
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const key = shownText(row.getCell(keyCol));
    if (key === '') continue;
    if (key === KEY_ROW) {
      columns = new Map();
      for (let c = 1; c <= width; c++) if (c !== keyCol) {
        const k = shownText(row.getCell(c));
        if (k) columns.set(c, k);
      }
      continue;
    }
    const rowKey = project === undefined ? key : key.replace('projects[]', `projects[${project}]`);
    const patternRow = key;
    // what is typed in this row, by column
    const typed: { col: number; colKey: string; field: Field; value: unknown; at: SourceRef }[] = [];
    let mapKey: { text: string; at: SourceRef } | undefined;
    for (const [c, colKey] of columns) {
      const cell = row.getCell(c);
      const at = ref(file, ws, r, c);
      if (colKey === '{}') {
        const v = cellContent(cell);
        const shown = v.kind === 'formula' ? v.result : v;
        const text = shown && shown.kind !== 'blank' && shown.kind !== 'bool' ? normalLabel(shown.text) : '';
        if (text) mapKey = { text, at };
        continue;
      }
      const pattern = patternRow.includes('*') ? patternRow.replace('*', colKey) : colKey === '.' ? patternRow : `${patternRow}.${colKey}`;
      const field = FIELD_TYPES.get(pattern.replace(/\.$/, ''));
      if (!field) continue;
      const content = cellContent(cell);
      let value: CellValue;
      if (content.kind === 'formula') {
        if (!content.result) {
          tree.finding({ ruleId: 'IN-FORMULA', severity: 'error', message: `工作表“${ws.name}”${cell.address} 是公式（=${content.formula}），但文件中没有保存它的计算结果`, location: at, note: '请在 Excel 或 WPS 中打开并保存后再读取，或直接填写内容' });
          continue;
        }
        value = content.result;
      } else value = content;
      typed.push({ col: c, colKey, field, value: value, at });
    }
    const filled = typed.filter((t) => (t.value as CellValue).kind !== 'blank');
    let base = rowKey;
    if (rowKey.endsWith('[]')) {
      if (filled.length === 0) continue;
      const list = rowKey.slice(0, -2);
      const i = counters.get(list) ?? 0;
      counters.set(list, i + 1);
      base = `${list}[${i}]`;
      tree.source(base, filled[0]!.at);
    } else if (rowKey.endsWith('{}')) {
      const map = rowKey.slice(0, -2);
      if (!mapKey) {
        if (filled.length) tree.finding({ ruleId: 'IN-REQ', severity: 'error', message: `工作表“${ws.name}”第${r}行填写了内容，但没有填写科目编码`, location: filled[0]!.at, note: '请在这一行填写项级科目编码（7位），或删去这一行的内容' });
        continue;
      }
      base = `${map}.${mapKey.text}`;
      if (tree.sources[`${base}#key`]) {
        tree.finding({ ruleId: 'IN-DUP', severity: 'error', message: `工作表“${ws.name}”中科目“${mapKey.text}”出现了两次`, location: mapKey.at, related: [tree.sources[`${base}#key`]!] });
        continue;
      }
      tree.source(`${base}#key`, mapKey.at);
      tree.source(base, mapKey.at);
    }
    const pathOf = (colKey: string) => (base.includes('*') ? base.replace('*', colKey) : colKey === '.' ? base : `${base}.${colKey}`);
    // a text left blank is still pointed at (“说明文字缺少…” names the cell to fill in)
    if (base === rowKey) for (const t of typed) if ((t.value as CellValue).kind === 'blank' && (t.field.type === 'text' || t.field.type === 'longText')) tree.source(pathOf(t.colKey), t.at);
    for (const t of filled) {
      const path = pathOf(t.colKey);
      const value = typedValue(t.value as CellValue, t.field, path, tree);
      if (value === undefined) continue;
      if (typeof value === 'string' && value.length > MAX_CELL_TEXT) continue; // cannot happen in a cell
      tree.put(path, value, t.at);
    }
  }
}

/** The block base paths a fill-in sheet covers point at its first cell (a missing value is pointed at there). */
function sectionSources(ws: ExcelJS.Worksheet, keyCol: number, file: string, tree: Tree, project: number | undefined): void {
  const at = ref(file, ws, 1, Math.min(keyCol + 1, Math.max(ws.columnCount, 1)));
  for (let r = 1; r <= ws.rowCount; r++) {
    const key = shownText(ws.getRow(r).getCell(keyCol));
    if (!key || key === KEY_ROW) continue;
    const path = project === undefined ? key : key.replace('projects[]', `projects[${project}]`);
    const cut = path.replace(/(\[\]|\{\}|\.\*).*$/, '');
    const parts = cut.split('.');
    for (let i = 1; i < parts.length; i++) tree.source(parts.slice(0, i).join('.'), at);
  }
}

function yearOf(wb: ExcelJS.Workbook): number | undefined {
  for (const text of [wb.subject, wb.title, wb.keywords]) {
    const m = /(20\d{2})\s*年/.exec(text ?? '');
    if (m) return Number(m[1]);
  }
  return undefined;
}

function fileProblem(file: string, message: string, note?: string): ExcelReadResult {
  // about the file as a whole: no cell to point at
  return { findings: [{ ruleId: 'IN-FILE', severity: 'error', message, ...(note ? { note } : {}) }] };
}

/** Read a workbook (the bytes of an .xlsx file) into a dataset. Problems are findings, never exceptions. */
export async function readExcel(bytes: Uint8Array, file: string, options: ExcelOptions = {}): Promise<ExcelReadResult> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (e) {
    return fileProblem(file, '读不了这个 Excel 文件：文件已损坏，或不是 Excel 2007 及以后的 .xlsx 格式', `读取时的错误：${e instanceof Error ? e.message.split('\n')[0] : String(e)}；请在 Excel 或 WPS 中打开后“另存为”.xlsx`);
  }
  const tree = new Tree();
  const first = wb.worksheets[0];
  if (!first) return fileProblem(file, '这个 Excel 文件中没有工作表');
  tree.source('', { file, sheet: first.name, cell: 'A1' });

  // the fill-in sheets (hidden keys); project sheets in workbook order
  const fillIn = wb.worksheets.map((ws) => ({ ws, keyCol: keyColumn(ws) })).filter((s): s is { ws: ExcelJS.Worksheet; keyCol: number } => s.keyCol !== undefined);
  const projects = fillIn.filter((s) => projectSheetNumber(s.ws.name) !== undefined || sheetHasProjectKeys(s.ws, s.keyCol));
  let projectIndex = 0;
  for (const s of fillIn) {
    const isProject = projects.includes(s);
    const before = JSON.stringify(tree.plain.selfEvaluation ?? null);
    readFieldSheet(s.ws, s.keyCol, file, tree, isProject ? projectIndex : undefined);
    if (isProject) {
      // an untouched project sheet (the blank one of the template) is no project
      if (JSON.stringify(tree.plain.selfEvaluation ?? null) !== before) {
        sectionSources(s.ws, s.keyCol, file, tree, projectIndex);
        projectIndex++;
      }
    } else sectionSources(s.ws, s.keyCol, file, tree, undefined);
  }
  const kind: WorkbookKind = fillIn.length > 0 ? 'fill-in' : 'published';
  if (kind === 'published' && !wb.worksheets.some(hasTableHeader)) {
    return fileProblem(file, '这个 Excel 工作簿既不是 juesuan 的填报表，也不是公开表：找不到公开表的表头（“栏次”行）', '请用 juesuan template 生成填报表后填写，或提供决算软件导出的公开表工作簿');
  }

  // the 公开表
  const dep = (tree.plain.department ?? {}) as Obj;
  const profile = typeof dep.profile === 'string' ? dep.profile.trim() || undefined : undefined;
  const typedYear = typeof dep.year === 'number' ? dep.year : undefined;
  const form = options.formFor?.(profile, typedYear ?? yearOf(wb) ?? options.year, kind);
  const used = new Set<string>();
  let department: string | undefined;
  let year: number | undefined;
  if (form) {
    const found = form.tables.map((t) => {
      const ws = findTableSheet(wb, t, used);
      if (ws) used.add(ws.name);
      return { table: t, ws };
    });
    const present = found.filter((f) => f.ws);
    // a workbook of 绩效自评 only (no table at all) is like a YAML file without `tables`
    const selfEvaluationOnly = present.length === 0 && kind === 'fill-in';
    if (!selfEvaluationOnly) {
      for (const { table, ws } of found) {
        if (!ws) {
          tree.finding({
            ruleId: 'IN-SHEET',
            severity: 'error',
            message: `工作簿中没有${tableName(table)}的工作表`,
            location: { file, sheet: first.name, cell: 'A1' },
            note: `应有名为“${table.label}”的工作表（表样“${form.name}”）；没有数据的表也请保留工作表，不填数字即可`,
          });
          continue;
        }
        const facts = readTableSheet(ws, table, file, tree);
        department ??= facts?.department;
        year ??= facts?.year;
      }
    }
  } else if (kind === 'published' || wb.worksheets.some((ws) => /^公开\d+表$/.test(ws.name))) {
    tree.finding({
      ruleId: 'IN-FORM',
      severity: 'error',
      message: '不知道这个工作簿的公开表是哪一年、哪种表样，未读取公开表',
      location: { file, sheet: first.name, cell: 'A1' },
      note: '请用 --profile 指定模板配置；公开表工作簿请在表头写明年度，或用 juesuan import --year 指定',
    });
  }

  if (kind === 'published') {
    if (!form) return { findings: tree.findings };
    // a published workbook names the department in its header line and the year in its title or properties
    const y = year ?? yearOf(wb) ?? options.year;
    const at = { file, sheet: first.name, cell: 'A1' };
    if (department) tree.put('department.name', department, at);
    if (y) tree.put('department.year', y, at);
    tree.source('department', at);
    if (!department) tree.finding({ ruleId: 'IN-REQ', severity: 'error', message: '公开表的表头中找不到部门名称（“部门：……”或“编制单位：……”）', location: at, note: '请在公开表标题下一行写明“部门：部门名称”' });
  }
  if (Object.keys(tree.plain).length === 0) {
    return { findings: [...tree.findings, { ruleId: 'IN-EMPTY', severity: 'error', message: '这个工作簿不是 juesuan 的填报表，也不是公开表工作簿：没有读到任何数据', location: { file, sheet: first.name, cell: 'A1' }, note: '请用 juesuan template 生成填报表后填写' }] };
  }
  const yamlTree: YamlTree = { plain: tree.plain, sources: tree.sources, raw: tree.raw, duplicateKeys: [], findings: [] };
  const schema = checkSchema(tree.plain, tree.sources);
  const findings = [...tree.findings, ...schema];
  if (findings.some((f) => f.severity === 'error')) return { findings };
  const built = buildDataset(yamlTree, file);
  return { dataset: built.dataset, findings: [...findings, ...built.findings] };
}

/** Whether a sheet has the header of a 公开表 (a 栏次 row, or the 科目编码 row of 06表) in its top rows. */
function hasTableHeader(ws: ExcelJS.Worksheet): boolean {
  const rows = Math.min(ws.rowCount, 60);
  for (let r = 1; r <= rows; r++) {
    const row = ws.getRow(r);
    for (let c = 1; c <= Math.min(row.cellCount, 40); c++) {
      const t = normalLabel(shownText(row.getCell(c)));
      if (t === '栏次' || t === '科目编码') return true;
    }
  }
  return false;
}

function sheetHasProjectKeys(ws: ExcelJS.Worksheet, keyCol: number): boolean {
  for (let r = 1; r <= Math.min(ws.rowCount, 12); r++) if (shownText(ws.getRow(r).getCell(keyCol)).startsWith('selfEvaluation.projects[]')) return true;
  return false;
}
