// The fill-in workbook (填报表) of a form: what `juesuan template` writes and the Excel reader reads
// back. It is not a writer of writers/ (those render a composed Document for publication); it is an
// input for the department to type into, generated from the form and, to prefill it, from a
// department's plain tree (plain.ts). Its styling and print setup are the published workbook's
// (writers/xlsx.ts).
//
// * One sheet per 公开表 in its published layout: title block, merged header rows, 栏次, fixed rows
//   with 行次. Cells to type in are unlocked and shaded; totals are live formulas (SUMPRODUCT over the
//   项 rows by code prefix, SUM of the fixed rows), so the officer sees them while typing; everything
//   else is protected (sheet protection without a password). Code tables take one row per 项: the
//   code is checked against the year's 支出功能分类 (the sheet 科目) and the name filled by VLOOKUP.
// * One sheet per part of the YAML format that is not a table (readers/excel-fields.ts), with the
//   keys the reader needs in a hidden column and hidden rows.
// * 填表说明 first, the lookup sheet 科目, and the hidden lists of the drop-downs (选项).
import ExcelJS from 'exceljs';
import { functionalInYear, functionalName, type FunctionalSubject, type SubjectDictionary } from '../model/dictionary.js';
import type { Form, FormTable, HeadCell } from '../model/form.js';
import type { Cell, Row } from '../model/document.js';
import {
  canonicalKey,
  classRows,
  codeColumns,
  codeColumnSums,
  economicPanels,
  fiscalTotalsRows,
  threePublicColumns,
  threePublicRows,
  threePublicSums,
  totalsInputRows,
  totalsRows,
  totalsSums,
} from '../forms/layout.js';
import { KEY_ROW, LEADING_SHEETS, LISTS, PROJECT_SHEET, projectSheetName, STRICT_LISTS, TRAILING_SHEETS, type Field, type FillInSheet, type ListName } from '../readers/excel-fields.js';
import { columnLetter, placeRows } from '../writers/grid.js';
import { linesNeeded } from '../writers/measure.js';
import { AMOUNT_FORMAT, BORDER, COUNT_FORMAT, defaultXlsxOptions, LINE, SIZE, TITLE_ROWS, tableSheetOptions, unitsToEm, writeTitleBlock } from '../writers/xlsx.js';
import { Figure, plainAt, type Plain } from './plain.js';

/** What the fill-in workbook is made from. */
export interface FillInOptions {
  /** The form whose tables the department types (an input form: 元, the canonical tables). */
  readonly form: Form;
  readonly dict: SubjectDictionary;
  /** The report year (the 科目 list and names are that year's). */
  readonly year: number;
  /** A department's plain tree to prefill the workbook with (datasetToPlain). */
  readonly data?: Plain;
  /** Printed table numbers that differ from the form's (the profile's tableNumbers): the sheet names. */
  readonly tableNumbers?: Readonly<Record<string, string>>;
  /** Font of every cell. */
  readonly font?: string;
  /** ISO date written into the workbook's properties (reproducible output). */
  readonly createdAt?: string;
  /** The profile to prefill in 部门信息 when the data has none. */
  readonly profile?: string;
}

const INPUT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
const COMPUTED_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDEDED' } };
const HEAD_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
/** Formula results: zero shows blank, as in the published tables. */
const FORMULA_FORMAT = '#,##0.00;-#,##0.00;;@';
const SELF_AMOUNT_FORMAT = '#,##0.00####';
const TEXT_FORMAT = '@';
/** Blank 项 rows of a code table (more can be inserted: the totals' ranges grow with them). */
const CODE_ROWS = 60;
const PROTECTION: Partial<ExcelJS.WorksheetProtection> = { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true };

const letter = (col: number) => columnLetter(col - 1);
const quote = (sheet: string) => `'${sheet.replace(/'/g, "''")}'`;

/** Where a code table of the workbook sits, for the formulas of other sheets. */
interface CodeSheet {
  readonly name: string;
  readonly totalRow: number;
  readonly first: number;
  readonly last: number;
  readonly codeCol: number;
  /** Canonical column → sheet column. */
  readonly columns: ReadonlyMap<number, number>;
}

class Workbook {
  readonly wb = new ExcelJS.Workbook();
  readonly font: Partial<ExcelJS.Font>;
  readonly codeSheets = new Map<string, CodeSheet>();
  /** Input path → cell (sheet!A1), for formulas that show a typed value elsewhere. */
  readonly cells = new Map<string, string>();
  private readonly listRanges = new Map<ListName, string>();
  readonly subjectRange: string;

  constructor(readonly o: FillInOptions) {
    this.font = { name: o.font ?? defaultXlsxOptions.font, size: SIZE };
    // the lookup sheets come last, but the drop-downs of every sheet refer to their ranges
    this.subjects = [...o.dict.functional.values()].filter((s) => functionalInYear(o.dict, s.code, o.year) !== false).sort((a, b) => a.code.localeCompare(b.code));
    this.subjectRange = `科目!$A$2:$A$${this.subjects.length + 1}`;
    Object.entries(LISTS).forEach(([name, values], i) => this.listRanges.set(name as ListName, `${quote('选项')}!$${letter(i + 1)}$2:$${letter(i + 1)}$${values.length + 1}`));
  }

  private readonly subjects: readonly FunctionalSubject[];

  /** The sheet of that name (the sheets are added first, in reading order), with these options. */
  sheet(name: string, options: Partial<ExcelJS.AddWorksheetOptions> = {}): ExcelJS.Worksheet {
    const ws = this.wb.getWorksheet(name) ?? this.wb.addWorksheet(name);
    if (options.pageSetup) ws.pageSetup = { ...ws.pageSetup, ...options.pageSetup };
    if (options.headerFooter) ws.headerFooter = { ...ws.headerFooter, ...options.headerFooter };
    if (options.views) ws.views = options.views;
    if (options.state) ws.state = options.state;
    return ws;
  }

  value(path: string): Plain | undefined {
    return this.o.data === undefined ? undefined : plainAt(this.o.data, path);
  }

  // ------------------------------------------------------------------ cell helpers

  input(cell: ExcelJS.Cell, format?: string): void {
    cell.protection = { locked: false };
    cell.fill = INPUT_FILL;
    cell.border = BORDER;
    cell.font = this.font;
    if (format) cell.numFmt = format;
  }

  computed(cell: ExcelJS.Cell, formula: string, format = FORMULA_FORMAT): void {
    cell.value = { formula } as ExcelJS.CellFormulaValue;
    cell.fill = COMPUTED_FILL;
    cell.border = BORDER;
    cell.font = this.font;
    cell.numFmt = format;
    cell.alignment = { horizontal: 'right', vertical: 'middle' };
  }

  label(cell: ExcelJS.Cell, text: string, extra: Partial<ExcelJS.Alignment> = {}, bold = false): void {
    cell.value = text;
    cell.border = BORDER;
    cell.font = { ...this.font, ...(bold ? { bold: true } : {}) };
    cell.alignment = { vertical: 'middle', wrapText: true, ...extra };
  }

  /** A figure (exact decimal text) as the number a cell holds. */
  setFigure(cell: ExcelJS.Cell, v: Plain | undefined): void {
    if (v instanceof Figure) cell.value = Number(v.text);
    else if (typeof v === 'number') cell.value = v;
    else if (typeof v === 'string' && v !== '') cell.value = v; // text stays text, even a leading “=”
  }

  list(name: ListName): string {
    return this.listRanges.get(name)!;
  }

  validateList(cell: ExcelJS.Cell, name: ListName): void {
    cell.dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [this.list(name)],
      showErrorMessage: true,
      errorStyle: STRICT_LISTS.has(name) ? 'stop' : 'information',
      errorTitle: '不在可选范围内',
      error: `可选：${LISTS[name].join('、')}`,
    };
  }

  validateWhole(cell: ExcelJS.Cell): void {
    cell.dataValidation = { type: 'whole', operator: 'greaterThanOrEqual', allowBlank: true, formulae: [0], showErrorMessage: true, errorStyle: 'stop', errorTitle: '应为整数', error: '请填写不小于0的整数' };
  }

  validateCode(cell: ExcelJS.Cell): void {
    cell.dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [this.subjectRange],
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: '科目编码',
      error: `这个编码不在${this.o.year}年支出功能分类科目（工作表“科目”）中，请核对`,
    };
  }

  nameFormula(codeRef: string): string {
    return `IFERROR(VLOOKUP(${codeRef},科目!$A:$B,2,FALSE),"")`;
  }

  // ------------------------------------------------------------------ lists and lookups

  writeLists(): void {
    const ws = this.sheet('选项', { state: 'hidden' });
    Object.entries(LISTS).forEach(([name, values], i) => {
      ws.getCell(1, i + 1).value = name;
      values.forEach((v, j) => (ws.getCell(j + 2, i + 1).value = v));
    });
  }

  writeSubjects(): void {
    const ws = this.sheet('科目', { views: [{ state: 'frozen', ySplit: 1 }], pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
    ws.pageSetup.printTitlesRow = '1:1';
    ws.columns = [{ width: 12 }, { width: 48 }];
    ws.getCell('A1').value = '科目编码';
    ws.getCell('B1').value = `科目名称（${this.o.year}年）`;
    for (const c of ['A1', 'B1']) Object.assign(ws.getCell(c), { font: { ...this.font, bold: true }, fill: HEAD_FILL, border: BORDER });
    this.subjects.forEach((s, i) => {
      const a = ws.getCell(i + 2, 1);
      a.value = s.code;
      a.numFmt = TEXT_FORMAT;
      ws.getCell(i + 2, 2).value = functionalName(s, this.o.year);
    });
    void ws.protect('', PROTECTION);
  }

  // ------------------------------------------------------------------ 填表说明

  writeInstructions(tables: readonly FormTable[]): void {
    const ws = this.sheet('填表说明', { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
    // one column as wide as a portrait page, so that no printer has to shrink it
    ws.getColumn(1).width = 60;
    const lines: [string, boolean?][] = [
      [`${this.o.year}年度部门决算填报表 填表说明`, true],
      [''],
      ['一、这个工作簿是什么', true],
      ['本工作簿由 juesuan 按公开表表样生成，填好后用 juesuan 校验并生成部门决算公开材料（PDF、DOCX、XLSX）：'],
      ['    juesuan validate 本文件.xlsx        校验，列出每个问题所在的工作表和单元格（如“公开05表!H12”）'],
      ['    juesuan build 本文件.xlsx --out 输出文件夹        生成公开材料'],
      ['    juesuan convert 本文件.xlsx --to yaml        转换为 YAML 数据文件'],
      [''],
      ['二、怎样填写', true],
      ['1．只在浅黄色的单元格中填写；灰色单元格是公式（合计、小计、类款行、04表等），随填写自动计算，不能修改；其他单元格已保护。'],
      ['2．金额单位为元，保留两位小数，直接填数字（可以带千分位逗号）；不要填“元”“万元”等单位，不要填公式。没有数的格子空着即可（空白即为0）。'],
      ['3．公开02、03、05、07、08表：每个项级科目填一行，在“类/款/项”格中填7位科目编码（如 2010401），科目名称自动显示（名称与当年科目不同时可直接改写）；类、款行和合计行自动计算，不用填写。行不够时可在表中插入行。'],
      ['4．公开01表只填收入各行、年初结转和结余、结余分配和年末结转和结余；支出各类由公开03表自动汇总。公开04表全部由公开05、07、08表自动计算。'],
      ['5．“三公”经费表中的批次、人次、车辆数填整数；印“—”的格子不填。'],
      ['6．说明文字工作表中，每项只填原因本身，右边是它所在的句子。文字较长时可在单元格内换行（Alt+Enter），段与段之间空一行。'],
      ['7．绩效自评：先在“自评情况”工作表选择金额单位（元或万元）。每个项目一个工作表（项目自评1、项目自评2……），项目多时右键工作表标签“移动或复制”→勾选“建立副本”，副本会被自动识别；一级指标、二级指标、指标性质、度量单位可从下拉列表选择。'],
      ['8．工作表名称、表头、灰色列和隐藏的行列（A列和各表头上方的隐藏行是读取时用的标记）请不要改动或删除；可以调整列宽、行高。'],
      [''],
      ['三、本工作簿中的工作表', true],
      ['部门信息、部门概况；' + tables.map((t) => this.o.tableNumbers?.[t.key] ?? t.label).join('、') + '；说明文字、上年数和预算数、三公经费明细、政府采购、国有资产、预算绩效管理；自评情况、部门整体自评、项目自评；科目（当年支出功能分类科目，供查阅）。'],
    ];
    lines.forEach(([text, bold], i) => {
      const c = ws.getCell(i + 1, 1);
      c.value = text;
      c.font = { ...this.font, size: i === 0 ? 14 : SIZE, ...(bold ? { bold: true } : {}) };
      c.alignment = { wrapText: true, vertical: 'top' };
      // LibreOffice keeps a row's height on opening: each row as tall as its wrapped lines
      ws.getRow(i + 1).height = i === 0 ? 24 : Math.max(LINE + 4, linesNeeded(text, unitsToEm(60), 'song') * LINE + 4);
    });
    void ws.protect('', PROTECTION);
  }

  // ------------------------------------------------------------------ 公开表 sheets

  /** Title block and header grid of a table; returns the first body row. */
  tableFrame(table: FormTable, ws: ExcelJS.Worksheet): number {
    const width = table.columns.length;
    const name = this.cells.get('department.name');
    writeTitleBlock(ws, { title: table.title, number: this.o.tableNumbers?.[table.key] ?? table.label, right: `金额单位：${table.unit}` }, width, this.font, false);
    const reporter = ws.getCell(3, 1);
    reporter.value = name ? ({ formula: `"${table.reporter}："&${name}` } as ExcelJS.CellFormulaValue) : `${table.reporter}：`;
    const head: Row[] = table.head.map((row) => ({
      cells: row.map((c: HeadCell): Cell => {
        const [text, colSpan, rowSpan] = typeof c === 'string' ? [c] : c;
        return { text, kind: 'text', ...(colSpan && colSpan > 1 ? { colSpan } : {}), ...(rowSpan && rowSpan > 1 ? { rowSpan } : {}) };
      }),
    }));
    const first = TITLE_ROWS + 1;
    for (const p of placeRows(head)) {
      const r = first + p.row;
      const c = 1 + p.col;
      if (p.rowSpan > 1 || p.colSpan > 1) ws.mergeCells(r, c, r + p.rowSpan - 1, c + p.colSpan - 1);
      this.label(ws.getCell(r, c), p.cell.text, { horizontal: 'center' });
      ws.getCell(r, c).fill = HEAD_FILL;
      for (let dr = 0; dr < p.rowSpan; dr++) for (let dc = 0; dc < p.colSpan; dc++) ws.getCell(r + dr, c + dc).border = BORDER;
    }
    if (head.length) ws.pageSetup.printTitlesRow = `${first}:${first + head.length - 1}`;
    const widths = table.columns.map(([w, align]) => (align === 'right' ? 16 : Math.max(4, Math.min(44, w * 1.1))));
    widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
    // header labels wrap in their cells: each header row as tall as its longest label needs (a label
    // over several rows shares them)
    const heights = head.map(() => LINE + 4);
    for (const p of [...placeRows(head)].sort((a, b) => a.rowSpan - b.rowSpan)) {
      const room = unitsToEm(widths.slice(p.col, p.col + p.colSpan).reduce((a, b) => a + b, 0));
      const needed = linesNeeded(p.cell.text, room, 'song') * LINE + 4;
      const have = heights.slice(p.row, p.row + p.rowSpan).reduce((a, b) => a + b, 0);
      if (needed > have) for (let i = p.row; i < p.row + p.rowSpan; i++) heights[i]! += (needed - have) / p.rowSpan;
    }
    heights.forEach((h, i) => (ws.getRow(first + i).height = Math.ceil(h)));
    return first + head.length;
  }

  tableSheet(table: FormTable): ExcelJS.Worksheet {
    const name = this.o.tableNumbers?.[table.key] ?? table.label;
    return this.sheet(name, tableSheetOptions(table.orientation, TITLE_ROWS + table.head.length, false));
  }

  codeTable(table: FormTable): void {
    const ws = this.tableSheet(table);
    const top = this.tableFrame(table, ws);
    const key = canonicalKey(table);
    const columns = codeColumns(table).filter((c) => c.column !== null) as { printed: number; column: number }[];
    const colOf = new Map(columns.map((c) => [c.column, 4 + c.printed]));
    const sums = new Map(codeColumnSums(table).map((s) => [s.total, s.parts]));
    const data = this.value(`tables.${key}`);
    const given = data && typeof data === 'object' && !(data instanceof Figure) && !Array.isArray(data) ? (data as Record<string, Plain>) : {};
    // prefilled rows: every 项 with its 类 and 款 (shown as formulas), in code order
    const items = Object.keys(given).filter((c) => c !== 'total');
    const display = new Set<string>();
    for (const c of items) {
      display.add(c);
      if (c.length >= 5) display.add(c.slice(0, 3));
      if (c.length === 7) display.add(c.slice(0, 5));
    }
    const codes = [...display].sort();
    const totalRow = top;
    const first = top + 1;
    const last = first + codes.length + Math.max(CODE_ROWS - codes.length, 20) - 1;
    const codeRange = `$A$${first}:$A$${last}`;
    // the 合计 row sits above the block and adds up its 项 rows
    const itemSum = (col: number) => `SUMPRODUCT(--(LEN(${codeRange})=7),${letter(col)}$${first}:${letter(col)}$${last})`;
    // a 类 or 款 row inside the block adds up the runs of rows between the 类 and 款 rows, never a
    // range holding itself or another 类/款 row (that would be a circular reference): the runs
    // holding its 项, and the blank rows at the end where more are typed
    const parentRows = new Set(codes.map((c, i) => (c.length === 7 ? -1 : first + i)).filter((r) => r >= 0));
    const runs: { from: number; to: number; codes: string[] }[] = [];
    for (let r = first; r <= last; r++) {
      if (parentRows.has(r)) continue;
      const run = runs.at(-1);
      const code = codes[r - first];
      if (run && run.to === r - 1) {
        run.to = r;
        if (code) run.codes.push(code);
      } else runs.push({ from: r, to: r, codes: code ? [code] : [] });
    }
    const prefixSum = (col: number, prefix: string) =>
      runs
        .filter((run, i) => i === runs.length - 1 || run.codes.some((c) => c.startsWith(prefix)))
        .map((run) => {
          const codes = `$A$${run.from}:$A$${run.to}`;
          return `SUMPRODUCT(--(LEN(${codes})=7),--(LEFT(${codes},${prefix.length})="${prefix}"),${letter(col)}$${run.from}:${letter(col)}$${run.to})`;
        })
        .join('+');
    // 合计
    ws.mergeCells(totalRow, 1, totalRow, 4);
    this.label(ws.getCell(totalRow, 1), '合计', { horizontal: 'center' }, true);
    for (const { column } of columns) this.computed(ws.getCell(totalRow, colOf.get(column)!), itemSum(colOf.get(column)!));
    for (let r = first; r <= last; r++) {
      const code = codes[r - first];
      ws.mergeCells(r, 1, r, 3);
      const codeCell = ws.getCell(r, 1);
      const nameCell = ws.getCell(r, 4);
      const rowData = code ? given[code] : undefined;
      const rowObj = rowData && typeof rowData === 'object' && !(rowData instanceof Figure) && !Array.isArray(rowData) ? (rowData as Record<string, Plain>) : {};
      if (code !== undefined && code.length !== 7) {
        // a 类 or 款 row: the workbook's own sum of its 项 rows
        this.label(codeCell, code, { horizontal: 'left' });
        codeCell.fill = COMPUTED_FILL;
        this.label(nameCell, '');
        nameCell.value = { formula: this.nameFormula(`$A${r}`) } as ExcelJS.CellFormulaValue;
        nameCell.fill = COMPUTED_FILL;
        for (const { column } of columns) this.computed(ws.getCell(r, colOf.get(column)!), prefixSum(colOf.get(column)!, code));
        continue;
      }
      this.input(codeCell, TEXT_FORMAT);
      codeCell.alignment = { horizontal: 'left', vertical: 'middle' };
      this.validateCode(codeCell);
      if (code) codeCell.value = code;
      this.input(nameCell);
      nameCell.alignment = { horizontal: 'left', vertical: 'middle', wrapText: true, indent: 1 };
      const dictName = code ? this.dictName(code) : undefined;
      const typedName = typeof rowObj.name === 'string' ? rowObj.name : undefined;
      nameCell.value = typedName && typedName !== dictName ? typedName : ({ formula: this.nameFormula(`$A${r}`) } as ExcelJS.CellFormulaValue);
      for (const { column } of columns) {
        const cell = ws.getCell(r, colOf.get(column)!);
        const parts = sums.get(column);
        if (parts) {
          this.computed(cell, `SUM(${parts.map((p) => `${letter(colOf.get(p)!)}${r}`).join(',')})`);
          continue;
        }
        this.input(cell, AMOUNT_FORMAT);
        this.setFigure(cell, rowObj[`c${column}`]);
      }
    }
    ws.getColumn(4).width = 34;
    this.codeSheets.set(key, { name: ws.name, totalRow, first, last, codeCol: 1, columns: colOf });
    this.notes(ws, table, last + 1);
    void ws.protect('', { ...PROTECTION, insertRows: true, deleteRows: true });
  }

  dictName(code: string): string | undefined {
    const s = this.o.dict.functional.get(code);
    return s ? functionalName(s, this.o.year) : undefined;
  }

  notes(ws: ExcelJS.Worksheet, table: FormTable, after: number): void {
    let r = after + 1;
    for (const note of table.notes) {
      ws.mergeCells(r, 1, r, table.columns.length);
      Object.assign(ws.getCell(r, 1), { value: note, font: { ...this.font, size: 9 }, alignment: { wrapText: true, vertical: 'top' } });
      ws.getRow(r).height = 30;
      r++;
    }
  }

  /** A cell of another code table (canonical column) in a formula, or 0 when the form has no such table. */
  private codeTotal(key: string, column: number): string {
    const s = this.codeSheets.get(key);
    const col = s?.columns.get(column);
    return s && col ? `${quote(s.name)}!$${letter(col)}$${s.totalRow}` : '0';
  }

  private codeClassSum(key: string, column: number, cls: string): string {
    const s = this.codeSheets.get(key);
    const col = s?.columns.get(column);
    if (!s || !col) return '0';
    const codes = `${quote(s.name)}!$A$${s.first}:$A$${s.last}`;
    return `SUMPRODUCT(--(LEN(${codes})=7),--(LEFT(${codes},3)="${cls}"),${quote(s.name)}!$${letter(col)}$${s.first}:$${letter(col)}$${s.last})`;
  }

  totalsTable(table: FormTable): void {
    const ws = this.tableSheet(table);
    const top = this.tableFrame(table, ws);
    const { left, right } = totalsRows(table);
    const input = new Set(totalsInputRows(table));
    const sums = new Map(totalsSums(table).map((s) => [s.row, s.parts]));
    const classes = new Map(classRows().map((c) => [c.t01Row, c.code]));
    const rowOf = (n: number) => top + (n <= 30 ? n - 1 : n - 31);
    const colOf = (n: number) => (n <= 30 ? 3 : 6);
    const ref = (n: number) => `${letter(colOf(n))}${rowOf(n)}`;
    for (const side of [left, right]) {
      for (const spec of side) {
        const r = rowOf(spec.row);
        const base = spec.row <= 30 ? 1 : 4;
        const blankRow = spec.label === '';
        this.label(ws.getCell(r, base), spec.label, { horizontal: /^(本年收入合计|本年支出合计|总计)$/.test(spec.label) ? 'center' : 'left', ...(spec.indent ? { indent: spec.indent } : {}) });
        this.label(ws.getCell(r, base + 1), String(spec.row), { horizontal: 'center' });
        const cell = ws.getCell(r, base + 2);
        if (blankRow) {
          cell.border = BORDER;
          continue;
        }
        const parts = sums.get(spec.row);
        const cls = classes.get(spec.row);
        if (parts) this.computed(cell, `SUM(${parts.map(ref).join(',')})`);
        else if (cls && this.codeSheets.has('T03')) this.computed(cell, this.codeClassSum('T03', 1, cls));
        else if (input.has(spec.row) || cls) {
          this.input(cell, AMOUNT_FORMAT);
          this.setFigure(cell, this.value(`tables.${canonicalKey(table)}.r${spec.row}`));
        } else this.computed(cell, '0');
      }
    }
    this.notes(ws, table, top + 29);
    void ws.protect('', PROTECTION);
  }

  fiscalTotalsTable(table: FormTable): void {
    const ws = this.tableSheet(table);
    const top = this.tableFrame(table, ws);
    const layout = fiscalTotalsRows(table);
    const leftRow = (n: number) => top + n - 1;
    const rightRow = (n: number) => top + n - layout.leftLast - 1;
    const colOf = (c: number) => 4 + c; // 栏次 2 → column F
    const t = (key: string, c: number) => this.codeTotal(key, c);
    const leftFormula: Record<number, string> = {
      1: t('T05', 4),
      2: t('TGF', 4),
      3: t('TSOE', 4),
      27: `SUM(C${leftRow(1)}:C${leftRow(3)})`,
      29: t('T05', 1),
      30: t('TGF', 1),
      31: t('TSOE', 1),
      28: `SUM(C${leftRow(29)}:C${leftRow(31)})`,
      32: `C${leftRow(27)}+C${leftRow(28)}`,
    };
    for (const spec of layout.left) {
      const r = leftRow(spec.row);
      this.label(ws.getCell(r, 1), spec.label, { horizontal: /^(本年收入合计|总计)$/.test(spec.label) ? 'center' : 'left', ...(spec.indent ? { indent: spec.indent } : {}) });
      this.label(ws.getCell(r, 2), String(spec.row), { horizontal: 'center' });
      if (leftFormula[spec.row] && spec.label) this.computed(ws.getCell(r, 3), leftFormula[spec.row]!);
      else ws.getCell(r, 3).border = BORDER;
    }
    const classes = new Map(classRows().map((c) => [c.t04Row, c.code]));
    for (const spec of layout.right) {
      const r = rightRow(spec.row);
      this.label(ws.getCell(r, 4), spec.label, { horizontal: /^(本年支出合计|总计)$/.test(spec.label) ? 'center' : 'left' });
      this.label(ws.getCell(r, 5), String(spec.row), { horizontal: 'center' });
      const cls = classes.get(spec.row);
      const formulas: Record<number, string> | undefined = cls
        ? { 3: this.codeClassSum('T05', 7, cls), 4: this.codeClassSum('TGF', 7, cls), 5: this.codeClassSum('TSOE', 5, cls) }
        : spec.row === 59
          ? { 3: t('T05', 7), 4: t('TGF', 7), 5: t('TSOE', 5) }
          : spec.row === 60
            ? { 3: t('T05', 12), 4: t('TGF', 12), 5: t('TSOE', 6) }
            : spec.row === 64
              ? Object.fromEntries([3, 4, 5].map((c) => [c, `${letter(colOf(c))}${rightRow(59)}+${letter(colOf(c))}${rightRow(60)}`]))
              : undefined;
      for (const c of layout.rightColumns) {
        const cell = ws.getCell(r, colOf(c));
        if (!formulas || !spec.label) {
          cell.border = BORDER;
          continue;
        }
        this.computed(cell, c === 2 ? `SUM(${letter(colOf(3))}${r}:${letter(colOf(5))}${r})` : formulas[c]!);
      }
    }
    this.notes(ws, table, top + layout.left.length - 1);
    void ws.protect('', PROTECTION);
  }

  panelsTable(table: FormTable): void {
    const ws = this.tableSheet(table);
    const top = this.tableFrame(table, ws);
    const panels = economicPanels(table);
    const lines = panels.map((groups) => groups.flatMap((g) => [g.code, ...g.items]));
    const height = Math.max(...lines.map((l) => l.length));
    const where = new Map<string, string>();
    lines.forEach((codes, p) => codes.forEach((code, i) => where.set(code, `${letter(p * 3 + 3)}${top + i}`)));
    const groups = new Map(panels.flat().map((g) => [g.code, g]));
    const key = canonicalKey(table);
    lines.forEach((codes, p) => {
      for (let i = 0; i < height; i++) {
        const r = top + i;
        const code = codes[i];
        const [c1, c2, c3] = [p * 3 + 1, p * 3 + 2, p * 3 + 3];
        if (!code) {
          for (const c of [c1, c2, c3]) ws.getCell(r, c).border = BORDER;
          continue;
        }
        const group = groups.get(code);
        this.label(ws.getCell(r, c1), code, { horizontal: 'left' });
        this.label(ws.getCell(r, c2), this.o.dict.economic.get(code)?.name ?? '', { horizontal: 'left', ...(group ? {} : { indent: 1 }) });
        const cell = ws.getCell(r, c3);
        if (group) this.computed(cell, `SUM(${group.items.map((it) => where.get(it)).join(',')})`);
        else {
          this.input(cell, AMOUNT_FORMAT);
          this.setFigure(cell, this.value(`tables.${key}.${code}`));
        }
      }
    });
    const r = top + height;
    ws.mergeCells(r, 1, r, 2);
    this.label(ws.getCell(r, 1), '人员经费合计', { horizontal: 'center' });
    const personnel = panels.flat().filter((g) => g.kind === 'personnel').map((g) => where.get(g.code));
    const operating = panels.flat().filter((g) => g.kind === 'operating').map((g) => where.get(g.code));
    this.computed(ws.getCell(r, 3), `SUM(${personnel.join(',')})`);
    ws.mergeCells(r, 4, r, 8);
    this.label(ws.getCell(r, 4), '公用经费合计', { horizontal: 'center' });
    this.computed(ws.getCell(r, 9), `SUM(${operating.join(',')})`);
    this.notes(ws, table, r);
    void ws.protect('', PROTECTION);
  }

  threePublicTable(table: FormTable): void {
    const ws = this.tableSheet(table);
    const top = this.tableFrame(table, ws);
    const rows = threePublicRows(table);
    const rowOf = new Map(rows.map((s, i) => [s.row, top + i]));
    const sums = new Map<string, readonly number[]>();
    for (const s of threePublicSums(table)) for (const c of s.columns) sums.set(`${s.total}.${c}`, s.parts);
    const key = canonicalKey(table);
    for (const spec of rows) {
      const r = rowOf.get(spec.row)!;
      this.label(ws.getCell(r, 1), spec.label, { horizontal: 'left', ...(spec.indent ? { indent: spec.indent } : {}) });
      this.label(ws.getCell(r, 2), String(spec.row), { horizontal: 'center' });
      for (const c of threePublicColumns(table)) {
        const cell = ws.getCell(r, 2 + c);
        const parts = sums.get(`${spec.row}.${c}`);
        if (spec.dash.includes(c)) this.label(cell, '—', { horizontal: 'center' });
        else if (parts) this.computed(cell, `SUM(${parts.map((p) => `${letter(2 + c)}${rowOf.get(p)}`).join(',')})`);
        else {
          this.input(cell, spec.count ? COUNT_FORMAT : AMOUNT_FORMAT);
          if (spec.count) this.validateWhole(cell);
          this.setFigure(cell, this.value(`tables.${key}.r${spec.row}.c${c}`));
        }
      }
    }
    this.notes(ws, table, top + rows.length - 1);
    void ws.protect('', PROTECTION);
  }

  // ------------------------------------------------------------------ sheets of fields

  fieldSheet(sheet: FillInSheet, name: string, project?: number): void {
    const widths = this.sheetColumns(sheet);
    const wide = widths.length > 4;
    const ws = this.sheet(name, {
      pageSetup: { paperSize: 9, orientation: wide ? 'landscape' : 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 } },
      headerFooter: { oddFooter: '&C— &P —' },
    });
    ws.getColumn(1).width = 4;
    ws.getColumn(1).hidden = true;
    widths.forEach((w, i) => (ws.getColumn(i + 2).width = w));
    const last = widths.length + 1;
    const at = (p: string) => (project === undefined ? p : p.replace('projects[]', `projects[${project}]`));
    let r = 1;
    ws.mergeCells(r, 2, r, last);
    Object.assign(ws.getCell(r, 2), { value: sheet.title, font: { ...this.font, size: 14, bold: true }, alignment: { horizontal: 'center', vertical: 'middle' } });
    ws.getRow(r).height = 26;
    r++;
    ws.mergeCells(r, 2, r, last);
    Object.assign(ws.getCell(r, 2), { value: sheet.intro, font: { ...this.font, size: 9 }, alignment: { wrapText: true, vertical: 'top' } });
    ws.getRow(r).height = Math.max(LINE + 4, linesNeeded(sheet.intro, unitsToEm(widths.reduce((a, b) => a + b, 0)) * (SIZE / 9), 'song') * (LINE - 1) + 4);
    r += 2;
    const keyRow = (keys: readonly string[]) => {
      const row = ws.getRow(r);
      row.getCell(1).value = KEY_ROW;
      keys.forEach((k, i) => {
        if (k) row.getCell(i + 2).value = k;
      });
      row.hidden = true;
      r++;
    };
    const headerRow = (labels: readonly string[]) => {
      labels.forEach((l, i) => {
        const c = ws.getCell(r, i + 2);
        this.label(c, l, { horizontal: 'center' }, true);
        c.fill = HEAD_FILL;
      });
      r++;
    };
    const title = (text: string, hint?: string) => {
      ws.mergeCells(r, 2, r, last);
      Object.assign(ws.getCell(r, 2), { value: hint ? `${text}（${hint}）` : text, font: { ...this.font, bold: true }, alignment: { vertical: 'middle', wrapText: true } });
      r++;
    };
    const valueWidth = wide ? Math.max(1, Math.ceil((widths.length - 1) / 2)) : 1;
    for (const block of sheet.blocks) {
      switch (block.kind) {
        case 'heading':
          r++;
          title(block.label, block.hint);
          break;
        case 'fields': {
          keyRow(['', '.']);
          headerRow(wide ? ['项目', '填写内容', ...Array(valueWidth - 1).fill(''), '说明', ...Array(Math.max(0, widths.length - 2 - valueWidth)).fill('')] : ['项目', '填写内容', '说明']);
          if (wide) {
            ws.mergeCells(r - 1, 3, r - 1, 2 + valueWidth);
            if (3 + valueWidth < last) ws.mergeCells(r - 1, 3 + valueWidth, r - 1, last);
          }
          for (const f of block.fields) {
            const path = block.base ? (f.key === '.' ? block.base : `${block.base}.${f.key}`) : f.key;
            ws.getCell(r, 1).value = path;
            this.label(ws.getCell(r, 2), f.label);
            if (valueWidth > 1) ws.mergeCells(r, 3, r, 2 + valueWidth);
            const cell = ws.getCell(r, 3);
            this.field(cell, f, this.value(at(path)));
            this.cells.set(at(path), `${quote(name)}!$C$${r}`);
            const hintCol = 3 + valueWidth;
            if (hintCol < last) ws.mergeCells(r, hintCol, r, last);
            this.label(ws.getCell(r, hintCol), f.hint ?? '');
            ws.getCell(r, hintCol).font = { ...this.font, size: 9, color: { argb: 'FF595959' } };
            this.rowHeight(ws, r, f, cell, widths.slice(1, 1 + valueWidth).reduce((a, b) => a + b, 0), f.hint, widths.slice(1 + valueWidth).reduce((a, b) => a + b, 0) || widths[2] || 40);
            r++;
          }
          break;
        }
        case 'list': {
          r++;
          title(block.label, block.hint);
          keyRow(block.columns.map((c) => c.key));
          headerRow(block.columns.map((c) => c.label));
          const items = this.value(at(block.path));
          const n = Array.isArray(items) ? items.length : 0;
          const count = Math.max(block.rows, n + 5);
          for (let i = 0; i < count; i++) {
            ws.getCell(r, 1).value = `${block.path}[]`;
            const item = Array.isArray(items) ? (items[i] as Plain | undefined) : undefined;
            block.columns.forEach((f, j) => {
              const v = item === undefined ? undefined : f.key === '.' ? item : plainAt(item, f.key);
              this.field(ws.getCell(r, j + 2), f, v);
            });
            const longest = block.columns.reduce((h, f, j) => {
              const v = item === undefined ? undefined : f.key === '.' ? item : plainAt(item, f.key);
              return typeof v === 'string' ? Math.max(h, linesNeeded(v, unitsToEm(widths[j] ?? 20), 'song')) : h;
            }, 1);
            ws.getRow(r).height = Math.min(409, Math.max(LINE + 6, longest * LINE + 4));
            r++;
          }
          break;
        }
        case 'map': {
          r++;
          title(block.label, block.hint);
          keyRow(['{}', '', '.']);
          headerRow(['科目编码', '科目名称', block.value.label]);
          const entries = this.value(block.path);
          const pairs = entries && typeof entries === 'object' && !Array.isArray(entries) && !(entries instanceof Figure) ? Object.entries(entries as Record<string, Plain>) : [];
          const count = Math.max(block.rows, pairs.length + 5);
          for (let i = 0; i < count; i++) {
            ws.getCell(r, 1).value = `${block.path}{}`;
            const code = ws.getCell(r, 2);
            this.input(code, TEXT_FORMAT);
            this.validateCode(code);
            const name = ws.getCell(r, 3);
            this.label(name, '');
            name.value = { formula: this.nameFormula(`$B${r}`) } as ExcelJS.CellFormulaValue;
            name.fill = COMPUTED_FILL;
            const [k, v] = pairs[i] ?? [];
            if (k) code.value = k;
            const cell = ws.getCell(r, 4);
            this.field(cell, block.value, v);
            ws.getRow(r).height = Math.min(409, Math.max(LINE + 6, typeof v === 'string' ? linesNeeded(v, unitsToEm(widths[2] ?? 40), 'song') * LINE + 4 : 0));
            r++;
          }
          break;
        }
        case 'grid': {
          r++;
          title(block.label, block.hint);
          keyRow(['', ...block.columns.map((c) => c.key)]);
          headerRow(['项目', ...block.columns.map((c) => c.label)]);
          for (const row of block.rows) {
            ws.getCell(r, 1).value = block.pattern.replace('{row}', row.key).replace('{col}', '*').replace(/\.\./g, '.');
            this.label(ws.getCell(r, 2), row.label);
            block.columns.forEach((f, j) => {
              const path = block.pattern.replace('{row}', row.key).replace('{col}', f.key).replace(/\.\./g, '.');
              this.field(ws.getCell(r, j + 3), f, this.value(at(path)));
            });
            r++;
          }
          break;
        }
      }
    }
    void ws.protect('', PROTECTION);
  }

  rowHeight(ws: ExcelJS.Worksheet, r: number, f: Field, cell: ExcelJS.Cell, width: number, hint: string | undefined, hintWidth: number): void {
    const text = typeof cell.value === 'string' ? cell.value : '';
    const lines = Math.max(f.type === 'longText' ? 3 : 1, text ? linesNeeded(text, unitsToEm(width), 'song') : 1, hint ? linesNeeded(hint, unitsToEm(hintWidth) * (SIZE / 9), 'song') : 1);
    ws.getRow(r).height = Math.min(409, lines * LINE + 6);
  }

  /** An input cell of a field: its format, its drop-down, its prefilled value. */
  field(cell: ExcelJS.Cell, f: Field, v: Plain | undefined): void {
    const format: Record<Field['type'], string | undefined> = {
      text: TEXT_FORMAT,
      longText: TEXT_FORMAT,
      code: TEXT_FORMAT,
      amount: AMOUNT_FORMAT,
      selfAmount: SELF_AMOUNT_FORMAT,
      decimal: undefined,
      count: COUNT_FORMAT,
      year: '0',
      date: 'yyyy-mm-dd',
      value: undefined,
    };
    this.input(cell, format[f.type]);
    cell.alignment = { vertical: 'top', wrapText: f.type === 'text' || f.type === 'longText' || f.type === 'value', horizontal: f.type === 'amount' || f.type === 'selfAmount' || f.type === 'decimal' || f.type === 'count' ? 'right' : 'left' };
    if (f.list) this.validateList(cell, f.list);
    else if (f.type === 'count' || f.type === 'year') this.validateWhole(cell);
    if (v === undefined || v === null) return;
    if (f.type === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) {
      cell.value = new Date(`${v}T00:00:00Z`);
      return;
    }
    if ((f.type === 'text' || f.type === 'longText' || f.type === 'code') && (typeof v === 'number' || v instanceof Figure)) {
      cell.value = v instanceof Figure ? v.text : String(v);
      return;
    }
    this.setFigure(cell, v);
  }

  /** Column widths (in characters) of a fill-in sheet, from column B on. */
  sheetColumns(sheet: FillInSheet): number[] {
    const widths: number[] = [];
    const need = (i: number, w: number) => (widths[i] = Math.max(widths[i] ?? 0, w));
    let lists = false;
    for (const b of sheet.blocks) {
      if (b.kind === 'list') {
        lists = true;
        b.columns.forEach((c, i) => need(i, c.width ?? (c.type === 'longText' ? 36 : 14)));
      } else if (b.kind === 'grid') {
        lists = true;
        need(0, 30);
        b.columns.forEach((c, i) => need(i + 1, c.width ?? 16));
      } else if (b.kind === 'map') {
        lists = true;
        need(0, 12);
        need(1, 30);
        need(2, b.value.width ?? 40);
      }
    }
    if (!lists || widths.length <= 3) {
      need(0, 34);
      need(1, 56);
      need(2, 46);
      return widths;
    }
    return widths;
  }
}

/**
 * The fill-in workbook of a form for a report year, prefilled with a department's data when given:
 * (options) → the bytes of an .xlsx file.
 */
export async function writeFillInWorkbook(options: FillInOptions): Promise<Uint8Array> {
  // 部门信息 shows the year and profile the workbook was made for
  const given = options.data && typeof options.data === 'object' && !Array.isArray(options.data) && !(options.data instanceof Figure) ? (options.data as Record<string, Plain>) : {};
  const department = (given.department && typeof given.department === 'object' ? given.department : {}) as Record<string, Plain>;
  const data: Plain = { ...given, department: { ...department, year: department.year ?? options.year, ...(options.profile && department.profile === undefined ? { profile: options.profile } : {}) } };
  const b = new Workbook({ ...options, data });
  const wb = b.wb;
  const name = plainAt(data, 'department.name');
  wb.creator = 'juesuan';
  wb.title = `${typeof name === 'string' ? name : ''}${options.year}年度部门决算填报表`;
  wb.subject = `${options.year}年度部门决算填报`;
  wb.keywords = `juesuan 填报表 ${options.form.id}`;
  const created = new Date(options.createdAt ?? `${options.year}-12-31T00:00:00Z`);
  wb.created = created;
  wb.modified = created;
  wb.calcProperties.fullCalcOnLoad = true;
  const tables = options.form.tables;
  const tableName = (t: FormTable) => options.tableNumbers?.[t.key] ?? t.label;
  const projects = plainAt(data, 'selfEvaluation.projects');
  const n = Array.isArray(projects) ? Math.max(1, projects.length) : 1;
  // the sheets in reading order; they are filled afterwards (01表 and 04表 refer to the code tables)
  const names = [
    '填表说明',
    ...LEADING_SHEETS.map((s) => s.name),
    ...tables.map(tableName),
    ...TRAILING_SHEETS.map((s) => s.name),
    ...Array.from({ length: n }, (_, i) => projectSheetName(i + 1)),
    '科目',
    '选项',
  ];
  for (const sheet of names) wb.addWorksheet(sheet);
  b.writeInstructions(tables);
  for (const s of LEADING_SHEETS) b.fieldSheet(s, s.name);
  for (const t of tables.filter((x) => x.body === 'code')) b.codeTable(t);
  for (const t of tables) {
    if (t.body === 'totals') b.totalsTable(t);
    else if (t.body === 'fiscalTotals') b.fiscalTotalsTable(t);
    else if (t.body === 'panels') b.panelsTable(t);
    else if (t.body === 'threePublic') b.threePublicTable(t);
  }
  for (const s of TRAILING_SHEETS) b.fieldSheet(s, s.name);
  for (let i = 0; i < n; i++) b.fieldSheet(PROJECT_SHEET, projectSheetName(i + 1), i);
  b.writeSubjects();
  b.writeLists();
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
