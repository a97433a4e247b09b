// The 公开表 sheets of a workbook, read by what they print rather than by fixed addresses: a sheet is
// found by its name (公开05表), its table number or its title; its 栏次 row gives the amount columns,
// its 行次 columns and 类/款/项 (or 科目编码) columns give the rows. So the fill-in workbook, the XLSX
// that `build` writes and the 决算 software's export all read the same way, and merged cells, hidden
// rows, trailing blank rows, an edited title or an inserted blank column do not matter. Amounts are
// read in the unit the sheet's unit line names (金额单位：万元 → 元, exactly).
//
// What the form computes (合计, 类/款 rows, column totals, 04表) is read when it is a value (a
// published total, checked like a total typed in YAML) and skipped when it is a formula: a formula
// there only repeats the sum of the cells it adds up. A formula where a figure is typed is read
// through the result Excel saved with it; without one it is a finding, never 0.
import type ExcelJS from 'exceljs';
import { Decimal } from '../model/decimal.js';
import type { Finding, SourceRef } from '../model/finding.js';
import type { FormTable, HeadCell } from '../model/form.js';
import {
  canonicalKey,
  codeColumns,
  codeColumnSums,
  economicPanels,
  fiscalTotalsRows,
  tableName,
  threePublicColumns,
  threePublicRows,
  threePublicSums,
  totalsInputRows,
} from '../forms/layout.js';
import { cellContent, normalLabel, shownText, type CellContent, type CellValue } from './excel-cells.js';
import { parseDecimal } from './values.js';

/** Where the reader puts what it reads: a value at an input path, a source, a finding. */
export interface Sink {
  put(path: string, value: unknown, at: SourceRef): void;
  source(path: string, at: SourceRef): void;
  finding(f: Finding): void;
  /** Whether a value was put at the path already. */
  has(path: string): boolean;
}

/** What a table sheet says about the department besides its figures. */
export interface SheetFacts {
  readonly department?: string;
  readonly year?: number;
}

const WAN = new Decimal(10000);
/** How far down a sheet the header is looked for. */
const HEADER_SCAN = 60;
/** Labels that name the layout rather than a column; an export may word them differently. */
const LAYOUT_WORDS = new Set(['项目', '栏次', '类', '款', '项', '科目名称', '支出功能分类科目编码', '科目编码', '行次', '金额', '决算数', '']);
const DASHES = /^[—–\-－―─]+$/;

function at(file: string, ws: ExcelJS.Worksheet, row: number, col: number): SourceRef {
  return { file, sheet: ws.name, cell: ws.getCell(row, col).address };
}

function cellAt(ws: ExcelJS.Worksheet, row: number, col: number): ExcelJS.Cell {
  return ws.getRow(row).getCell(col);
}

function textAt(ws: ExcelJS.Worksheet, row: number, col: number): string {
  return shownText(cellAt(ws, row, col));
}

function lastColumn(ws: ExcelJS.Worksheet): number {
  let last = ws.columnCount;
  ws.eachRow({ includeEmpty: false }, (row) => (last = Math.max(last, row.cellCount)));
  return last;
}

/** The text of the top rows of a sheet, for finding it by number or title. */
function topTexts(ws: ExcelJS.Worksheet, rows = 6): string[] {
  const out: string[] = [];
  const width = Math.min(lastColumn(ws), 40);
  for (let r = 1; r <= Math.min(rows, ws.rowCount); r++) for (let c = 1; c <= width; c++) {
    const t = normalLabel(textAt(ws, r, c));
    if (t) out.push(t);
  }
  return out;
}

function bareTitle(text: string): string {
  return normalLabel(text)
    .replace(/^\d{4}年度?/, '')
    .replace(/\(草稿\)$/, '');
}

/**
 * The sheet holding a form table: by name (公开05表), then by the table number printed in its top rows,
 * then by its title (a profile printing 表一 for 公开01表 is found by its title). Each sheet serves one table.
 */
export function findTableSheet(wb: ExcelJS.Workbook, table: FormTable, used: ReadonlySet<string>): ExcelJS.Worksheet | undefined {
  const sheets = wb.worksheets.filter((ws) => !used.has(ws.name));
  const names = new Set([normalLabel(table.label)]);
  const byName = sheets.find((ws) => names.has(normalLabel(ws.name)));
  if (byName) return byName;
  const title = normalLabel(table.title);
  for (const ws of sheets) {
    const texts = topTexts(ws);
    if (texts.some((t) => names.has(t))) return ws;
  }
  for (const ws of sheets) {
    const texts = topTexts(ws);
    // the title as printed, perhaps after the year or the department and year (…2021年度收入支出决算总表)
    if (texts.some((t) => bareTitle(t) === title || (t.endsWith(title) && /年度?$/.test(t.slice(0, -title.length))))) return ws;
  }
  return undefined;
}

interface Header {
  /** The 栏次 row (the 科目编码 row of 06表). */
  readonly numberRow: number;
  /** Printed 栏次 → sheet column. */
  readonly printed: ReadonlyMap<number, number>;
  /** Header labels (normalised) → the columns they start in. */
  readonly labels: ReadonlyMap<string, readonly number[]>;
  readonly width: number;
}

function integerText(text: string): number | undefined {
  const t = normalLabel(text);
  return /^\d{1,3}$/.test(t) ? Number(t) : undefined;
}

function expectedHeadTexts(table: FormTable): string[] {
  const text = (c: HeadCell) => (typeof c === 'string' ? c : c[0]);
  return [...new Set(table.head.flat().map((c) => normalLabel(text(c))).filter((t) => !LAYOUT_WORDS.has(t) && !/^\d+$/.test(t)))];
}

function findHeader(ws: ExcelJS.Worksheet, table: FormTable): Header | undefined {
  const width = lastColumn(ws);
  const rows = Math.min(ws.rowCount, HEADER_SCAN);
  let numberRow: number | undefined;
  if (table.body === 'panels') {
    for (let r = 1; r <= rows && numberRow === undefined; r++) for (let c = 1; c <= width; c++) if (normalLabel(textAt(ws, r, c)) === '科目编码') numberRow = r;
  } else {
    for (let r = 1; r <= rows && numberRow === undefined; r++) {
      for (let c = 1; c <= width; c++) if (normalLabel(textAt(ws, r, c)) === '栏次') numberRow = r;
    }
    // a numbering row without the word 栏次 (1, 2, 3 … across the columns)
    for (let r = 1; r <= rows && numberRow === undefined; r++) {
      const nums = [];
      for (let c = 1; c <= width; c++) {
        const n = integerText(textAt(ws, r, c));
        if (n !== undefined) nums.push(n);
      }
      if (nums.length >= 2 && nums.every((n, i) => n === i + 1)) numberRow = r;
    }
  }
  if (numberRow === undefined) return undefined;
  const printed = new Map<number, number>();
  if (table.body !== 'panels') {
    for (let c = 1; c <= width; c++) {
      const cell = cellAt(ws, numberRow, c);
      if (cell.isMerged && cell.master.address !== cell.address) continue;
      const n = integerText(shownText(cell));
      if (n !== undefined && !printed.has(n)) printed.set(n, c);
    }
  }
  const labels = new Map<string, number[]>();
  const top = Math.max(1, numberRow - table.head.length - 2);
  for (let r = top; r <= numberRow; r++) {
    for (let c = 1; c <= width; c++) {
      const cell = cellAt(ws, r, c);
      if (cell.isMerged && cell.master.address !== cell.address) continue;
      const t = normalLabel(shownText(cell));
      if (!t) continue;
      labels.set(t, [...(labels.get(t) ?? []), c]);
    }
  }
  return { numberRow, printed, labels, width };
}

/** The unit, department name and year the sheet's title block states. */
function titleFacts(ws: ExcelJS.Worksheet, numberRow: number, width: number): { wan?: boolean; department?: string; year?: number } {
  let wan: boolean | undefined;
  let department: string | undefined;
  let year: number | undefined;
  for (let r = 1; r < numberRow; r++) {
    for (let c = 1; c <= width; c++) {
      const cell = cellAt(ws, r, c);
      if (cell.isMerged && cell.master.address !== cell.address) continue;
      const raw = shownText(cell);
      const t = normalLabel(raw);
      const unit = /单位:?(万元|元)/.exec(t.replace(/^.*?(金额)?单位/, '单位'));
      if (unit && /单位/.test(t) && !/^(部门|编制单位|单位名称)/.test(t)) wan = unit[1] === '万元';
      const dep = /^(?:部门|编制单位|单位名称|单位)[:：]\s*(.+?)(?:\s+(?:金额)?单位[:：].*)?$/.exec(raw.trim());
      if (dep && !/^(万元|元)$/.test(normalLabel(dep[1]!))) department ??= dep[1]!.trim();
      const inline = /(?:金额)?单位[:：]\s*(万元|元)\s*$/.exec(raw.trim());
      if (inline && dep) wan = inline[1] === '万元';
      const y = /(20\d{2})\s*年度?/.exec(raw);
      if (y && r <= 2) year ??= Number(y[1]);
    }
  }
  return { ...(wan !== undefined ? { wan } : {}), ...(department ? { department } : {}), ...(year ? { year } : {}) };
}

/** Reading of one amount (or count) cell: a value to put, nothing, or a finding. */
type Read = { readonly value: unknown } | { readonly skip: true; readonly computed?: boolean } | { readonly finding: string; readonly note?: string };

function valueOf(v: CellValue, wan: boolean, count: boolean): Read {
  switch (v.kind) {
    case 'blank':
      return { skip: true };
    case 'error':
      return { finding: `单元格显示错误值 ${v.text}`, note: '请改正公式或直接填写数字' };
    case 'bool':
      return { value: v.value ? 'TRUE' : 'FALSE' };
    case 'date':
      return { value: v.text };
    case 'number':
    case 'text': {
      const text = v.text.trim();
      if (text === '' || DASHES.test(text)) return { skip: true };
      if (count) {
        const d = parseDecimal(text);
        // a count is a JS number (a whole number, read exactly from its digits); anything else stays text
        return { value: d.ok && d.value.isInteger() ? d.value.toNumber() : text };
      }
      if (!wan) return { value: text };
      const d = parseDecimal(text);
      return { value: d.ok ? d.value.times(WAN).toFixed() : text };
    }
  }
}

/** Read a figure cell. `computed`: the form computes this cell, so a formula in it is skipped. */
function readFigure(cell: ExcelJS.Cell, computed: boolean, wan: boolean, count = false): Read {
  const c: CellContent = cellContent(cell);
  if (c.kind !== 'formula') return valueOf(c, wan, count);
  if (computed) return { skip: true, computed: true };
  if (!c.result) return { finding: `是公式（=${c.formula}），但文件中没有保存它的计算结果`, note: '请在 Excel 或 WPS 中打开并保存后再读取，或直接填写数字' };
  return valueOf(c.result, wan, count);
}

class TableReader {
  private readonly base: string;

  constructor(
    private readonly ws: ExcelJS.Worksheet,
    private readonly table: FormTable,
    private readonly file: string,
    private readonly sink: Sink,
    private readonly wan: boolean,
  ) {
    this.base = `tables.${canonicalKey(table)}`;
  }

  ref(row: number, col: number): SourceRef {
    return at(this.file, this.ws, row, col);
  }

  figure(path: string, row: number, col: number, computed: boolean, count = false): void {
    const cell = cellAt(this.ws, row, col);
    const r = readFigure(cell, computed, this.wan, count);
    const where = this.ref(row, col);
    if ('value' in r) this.sink.put(path, r.value, where);
    // the workbook's own sum: not data, but a finding about that figure points at the cell showing it
    else if ('computed' in r) this.sink.source(path, where);
    else if ('finding' in r) this.sink.finding({ ruleId: 'IN-FORMULA', severity: 'error', message: `${this.table.label} ${cell.address}（${path}）${r.finding}`, location: where, ...(r.note ? { note: r.note } : {}) });
  }

  /** The rows below the header that hold something. */
  *bodyRows(h: Header): Generator<number> {
    for (let r = h.numberRow + 1; r <= this.ws.rowCount; r++) yield r;
  }

  /** The 行次 in a cell, if it holds one. */
  rowNumber(row: number, col: number): number | undefined {
    const t = normalLabel(textAt(this.ws, row, col));
    return /^\d{1,3}$/.test(t) ? Number(t) : undefined;
  }

  /** Columns under a header label, left to right. */
  columnsOf(h: Header, label: string): readonly number[] {
    return h.labels.get(label) ?? [];
  }

  // ---------------------------------------------------------------- 01表

  totals(h: Header): void {
    const lineCols = this.columnsOf(h, '行次');
    const amountCols = [h.printed.get(1), h.printed.get(2)];
    const input = new Set(totalsInputRows(this.table));
    lineCols.slice(0, 2).forEach((lineCol, side) => {
      const amountCol = amountCols[side];
      if (amountCol === undefined) return;
      for (const r of this.bodyRows(h)) {
        const n = this.rowNumber(r, lineCol);
        if (n === undefined || n < 1 || n > 60) continue;
        this.figure(`${this.base}.r${n}`, r, amountCol, !input.has(n));
      }
    });
  }

  // ---------------------------------------------------------------- 04表

  fiscalTotals(h: Header): void {
    const lineCols = this.columnsOf(h, '行次');
    const layout = fiscalTotalsRows(this.table);
    const [leftLine, rightLine] = lineCols;
    const leftAmount = h.printed.get(1);
    for (const r of this.bodyRows(h)) {
      if (leftLine !== undefined && leftAmount !== undefined) {
        const n = this.rowNumber(r, leftLine);
        if (n !== undefined && n >= 1 && n <= layout.leftLast) this.figure(`${this.base}.r${n}`, r, leftAmount, true);
      }
      if (rightLine !== undefined) {
        const n = this.rowNumber(r, rightLine);
        if (n === undefined || n <= layout.leftLast) continue;
        for (const c of layout.rightColumns) {
          const col = h.printed.get(c);
          if (col !== undefined) this.figure(`${this.base}.r${n}.c${c}`, r, col, true);
        }
      }
    }
  }

  // ---------------------------------------------------------------- 三公

  threePublic(h: Header): void {
    const [lineCol] = this.columnsOf(h, '行次');
    if (lineCol === undefined) return;
    const specs = new Map(threePublicRows(this.table).map((s) => [s.row, s]));
    const sums = new Set(threePublicSums(this.table).flatMap((s) => s.columns.map((c) => `${s.total}.${c}`)));
    for (const r of this.bodyRows(h)) {
      const n = this.rowNumber(r, lineCol);
      const spec = n === undefined ? undefined : specs.get(n);
      if (!spec) continue;
      for (const c of threePublicColumns(this.table)) {
        const col = h.printed.get(c);
        if (col === undefined) continue;
        const text = textAt(this.ws, r, col);
        if (spec.dash.includes(c) && (text === '' || DASHES.test(text))) continue;
        this.figure(`${this.base}.r${n}.c${c}`, r, col, sums.has(`${n}.${c}`), spec.count);
      }
    }
  }

  // ---------------------------------------------------------------- 06表

  panels(h: Header): void {
    const codeCols = this.columnsOf(h, '科目编码');
    const amountCols = this.columnsOf(h, '金额');
    const groups = economicPanels(this.table).flat();
    const classes = new Set(groups.map((g) => g.code));
    const seen = new Map<string, SourceRef>();
    for (const r of this.bodyRows(h)) {
      for (const codeCol of codeCols) {
        const code = normalLabel(textAt(this.ws, r, codeCol));
        if (!/^\d{3}(\d{2})?$/.test(code)) continue;
        const where = this.ref(r, codeCol);
        if (seen.has(code)) {
          this.duplicate(code, seen.get(code)!, where);
          continue;
        }
        seen.set(code, where);
        // the amount is the first figure column right of the code and its name
        const next = codeCols.find((c) => c > codeCol) ?? Number.MAX_SAFE_INTEGER;
        const amountCol = amountCols.find((c) => c > codeCol && c < next);
        if (amountCol === undefined) continue;
        this.sink.source(`${this.base}.${code}#key`, where);
        this.figure(`${this.base}.${code}`, r, amountCol, classes.has(code));
      }
      // 人员经费合计 / 公用经费合计
      for (let c = 1; c <= h.width; c++) {
        const label = normalLabel(textAt(this.ws, r, c));
        const key = label === '人员经费合计' ? 'personnelTotal' : label === '公用经费合计' ? 'operatingTotal' : undefined;
        if (!key) continue;
        const cell = cellAt(this.ws, r, c);
        if (cell.isMerged && cell.master.address !== cell.address) continue;
        // the figure is the first cell right of the label (and its merged cells) that holds something
        let next = c + 1;
        while (next <= h.width && cellAt(this.ws, r, next).isMerged && cellAt(this.ws, r, next).master.address === cell.address) next++;
        let at = next;
        while (at <= h.width && cellContent(cellAt(this.ws, r, at)).kind === 'blank' && !/合计$/.test(normalLabel(textAt(this.ws, r, at)))) at++;
        const target = at <= h.width && !/合计$/.test(normalLabel(textAt(this.ws, r, at))) ? at : next;
        if (target <= h.width) this.figure(`${this.base}.${key}`, r, target, true);
      }
    }
  }

  private duplicate(code: string, first: SourceRef, again: SourceRef): void {
    this.sink.finding({
      ruleId: 'IN-DUP',
      severity: 'error',
      message: `${tableName(this.table)}中科目“${code}”出现了两次`,
      location: again,
      related: [first],
      note: '同一科目只填一行，请删去或合并重复的一行',
    });
  }

  // ---------------------------------------------------------------- code tables

  codes(h: Header): void {
    const columns = codeColumns(this.table);
    const firstAmount = Math.min(...columns.map((c) => h.printed.get(c.printed) ?? Number.MAX_SAFE_INTEGER));
    const inBlock = (c: number) => c < firstAmount;
    const split = ['类', '款', '项'].map((l) => this.columnsOf(h, l).find(inBlock));
    const single = [...this.columnsOf(h, '科目编码'), ...this.columnsOf(h, '支出功能分类科目编码')].find(inBlock);
    const codeCols: number[] = split.every((c) => c !== undefined) ? (split as number[]) : single !== undefined ? [single] : [1];
    const nameCol = this.columnsOf(h, '科目名称').find(inBlock) ?? (codeCols.length === 3 ? codeCols[2]! + 1 : codeCols[0]! + 1);
    const sums = new Set(codeColumnSums(this.table).map((s) => s.total));
    const seen = new Map<string, SourceRef>();
    let cls = '';
    let sec = '';
    for (const r of this.bodyRows(h)) {
      const parts = codeCols.map((c) => {
        const cell = cellAt(this.ws, r, c);
        return cell.isMerged && cell.master.address !== cell.address ? '' : normalLabel(shownText(cell)).replace(/^'/, '');
      });
      const labelText = (() => {
        for (let c = 1; c < firstAmount && c <= h.width; c++) {
          const t = normalLabel(textAt(this.ws, r, c));
          if (t) return t;
        }
        return '';
      })();
      let code: string | undefined;
      let codeCol = codeCols[0]!;
      const [a = '', b = '', c = ''] = parts;
      if (labelText === '合计' || labelText === '总计') code = 'total';
      else if (/^\d{3}$|^\d{5}$|^\d{7}$/.test(a) && !b && !c) code = a;
      else if (/^\d{3}$/.test(a) && /^\d{2}$/.test(b) && (/^\d{2}$/.test(c) || !c)) code = a + b + c;
      else if (!a && /^\d{2}$/.test(b) && !c && cls) {
        code = cls + b;
        codeCol = codeCols[1]!;
      } else if (!a && !b && /^\d{2}$/.test(c) && sec) {
        code = sec + c;
        codeCol = codeCols[2]!;
      } else if (!a && !b && /^\d{5}$|^\d{7}$/.test(c)) {
        code = c;
        codeCol = codeCols[2]!;
      } else {
        // a code printed with its name in one cell: “2010401 行政运行”, “[2010401]行政运行”
        const m = /^\[?(\d{3}|\d{5}|\d{7})\]?(.*)$/.exec(normalLabel(textAt(this.ws, r, nameCol)));
        if (m && !a && !b && !c) {
          code = m[1]!;
          codeCol = nameCol;
        }
      }
      if (!code) continue;
      if (code !== 'total') {
        if (code.length >= 3) cls = code.slice(0, 3);
        if (code.length >= 5) sec = code.slice(0, 5);
      }
      const where = this.ref(r, codeCol);
      if (seen.has(code)) {
        this.duplicate(code === 'total' ? '合计' : code, seen.get(code)!, where);
        continue;
      }
      seen.set(code, where);
      const path = `${this.base}.${code}`;
      const item = code.length === 7;
      // a 类/款/合计 row shows the workbook's own sums (formulas) or states its totals (values): only
      // a row with a stated figure is a row of the data, as a 类 row typed in YAML
      const figureCols = columns.filter((c) => c.column !== null && h.printed.has(c.printed));
      let any = false;
      for (const c of figureCols) {
        const cPath = `${path}.c${c.column}`;
        this.figure(cPath, r, h.printed.get(c.printed)!, !item || sums.has(c.column!));
        any ||= this.sink.has(cPath);
      }
      if (!item && !any) {
        this.sink.source(path, where);
        continue;
      }
      this.sink.source(path, where);
      this.sink.source(`${path}#key`, where);
      if (code !== 'total' && nameCol !== codeCol) {
        const nameCell = cellAt(this.ws, r, nameCol);
        const content = cellContent(nameCell);
        // a name filled in by formula is the dictionary's: only a typed name is the department's
        if (content.kind === 'text' && content.text.trim()) this.sink.put(`${path}.name`, content.text.trim(), this.ref(r, nameCol));
      }
      // an item row typed without figures is still a row (blank = 0), as in YAML
      if (!this.sink.has(path)) this.sink.put(path, {}, where);
    }
  }

  // ---------------------------------------------------------------- a table of named cells (national 三公 table)

  cells(h: Header): void {
    const rows = this.table.rows ?? [];
    let i = 0;
    for (const r of this.bodyRows(h)) {
      const spec = rows[i];
      if (!spec) break;
      const cols = [...h.printed.entries()].sort((x, y) => x[0] - y[0]);
      if (!cols.some(([, col]) => textAt(this.ws, r, col) !== '')) continue;
      i++;
      spec.cells.forEach((ref, k) => {
        const col = cols[k]?.[1];
        if (!ref || col === undefined) return;
        const m = /^(\w+)\.(r\d+|\w+)(?:\.(c\d+))?$/.exec(ref);
        if (!m) return;
        this.figure(['tables', m[1], m[2], m[3]].filter(Boolean).join('.'), r, col, true);
      });
    }
  }
}

/**
 * Read one 公开表 sheet into the sink. Returns what its title block says (department, year), or a
 * finding when its header is not the form's.
 */
export function readTableSheet(ws: ExcelJS.Worksheet, table: FormTable, file: string, sink: Sink): SheetFacts | undefined {
  const header = findHeader(ws, table);
  const where: SourceRef = { file, sheet: ws.name, cell: 'A1' };
  if (!header) {
    sink.finding({
      ruleId: 'IN-SHEET',
      severity: 'error',
      message: `工作表“${ws.name}”找不到${table.body === 'panels' ? '“科目编码”表头行' : '栏次行'}，不是${tableName(table)}的表样`,
      location: where,
      note: `表头应为：${expectedHeadTexts(table).join('、')}${table.body === 'panels' ? '' : '，表头下有“栏次”行'}`,
    });
    return undefined;
  }
  const expectedNumbers =
    table.body === 'code' ? codeColumns(table).length : table.body === 'totals' ? 2 : table.body === 'fiscalTotals' ? 5 : table.body === 'threePublic' ? threePublicColumns(table).length : table.body === 'cells' ? (table.rows?.[0]?.cells.length ?? 0) : 0;
  const printed = [...header.printed.keys()].filter((n) => n <= expectedNumbers + 5);
  const missingTexts = expectedHeadTexts(table).filter((t) => !header.labels.has(t));
  const missingNumbers = Array.from({ length: expectedNumbers }, (_, i) => i + 1).filter((n) => !header.printed.has(n));
  const extraNumbers = printed.filter((n) => n > expectedNumbers);
  if (missingTexts.length || missingNumbers.length || extraNumbers.length) {
    const problems = [
      ...(missingTexts.length ? [`缺少表头“${missingTexts.join('”“')}”`] : []),
      ...(missingNumbers.length || extraNumbers.length ? [`栏次应为 1 至 ${expectedNumbers}，实际为 ${printed.sort((a, b) => a - b).join('、') || '无'}`] : []),
    ];
    sink.finding({
      ruleId: 'IN-SHEET',
      severity: 'error',
      message: `工作表“${ws.name}”的表头与${tableName(table)}的表样不符：${problems.join('；')}`,
      location: { file, sheet: ws.name, cell: cellAt(ws, header.numberRow, 1).address },
      note: `表头应为：${expectedHeadTexts(table).join('、')}；请按表样（juesuan template 生成的填报表）填写，不要改动表头`,
    });
    return undefined;
  }
  const facts = titleFacts(ws, header.numberRow, header.width);
  const wan = facts.wan ?? table.unit === '万元';
  sink.source(`tables.${canonicalKey(table)}`, where);
  const reader = new TableReader(ws, table, file, sink, wan);
  switch (table.body) {
    case 'code':
      reader.codes(header);
      break;
    case 'totals':
      reader.totals(header);
      break;
    case 'fiscalTotals':
      reader.fiscalTotals(header);
      break;
    case 'panels':
      reader.panels(header);
      break;
    case 'threePublic':
      reader.threePublic(header);
      break;
    case 'cells':
      reader.cells(header);
      break;
  }
  return { ...(facts.department ? { department: facts.department } : {}), ...(facts.year ? { year: facts.year } : {}) };
}
