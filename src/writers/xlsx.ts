// Document → XLSX with exceljs: one worksheet per table, named by its 公开NN表 label, laid out as
// printed (title block, merged header cells, notes). Amounts are numbers formatted #,##0.00; every
// total is a live SUM formula whose cached result is the exact total computed by derive; user text
// is always written as text, never as a formula. Print setup: A4, landscape where the table is wide,
// one page wide, header rows repeated; panes frozen below the header. Columns are as wide as their
// figures and header labels (measure.ts); text that wraps, merged cells included, gets rows tall
// enough for its lines. A draft says 草稿 in every sheet's title row and page header.
import ExcelJS from 'exceljs';
import type { Cell, Document, GridRef, Section, Table } from '../model/document.js';
import { cellAlign, columnLetter, isNumeric, placeRows } from './grid.js';
import { linesNeeded, textWidth, unbreakableWidth } from './measure.js';
import { datePackage } from './package-dates.js';

/** Options of the XLSX writer: the font of every cell. */
export interface XlsxOptions {
  readonly font: string;
}

export const defaultXlsxOptions: XlsxOptions = { font: '宋体' };

/** Number format of amounts (also the fill-in workbook's). */
export const AMOUNT_FORMAT = '#,##0.00';
/** Number format of counts. */
export const COUNT_FORMAT = '#,##0';
const THIN = { style: 'thin' as const, color: { argb: 'FF000000' } };
/** A thin black border on every side of a grid cell. */
export const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
/** Rows above the table grid: title, number, header line. */
export const TITLE_ROWS = 3;
/** Type size of the grid, in points. */
export const SIZE = 10;
/** Height of one line of grid text, in points. */
export const LINE = 14;
/** Widest a column grows for its text (longer text wraps), in column units. */
const MAX_WIDTH = 60;
/** Column units across a printed A4 page at the grid's type size. */
const PAGE_UNITS = { portrait: 95, landscape: 150 } as const;

/**
 * Excel column units for a width in ems of the grid font: a unit is the width of “0” in the
 * workbook's default font (7 px), and a cell keeps about 5 px of padding, plus one unit to spare.
 */
export function columnUnits(em: number): number {
  return (em * SIZE * (96 / 72) + 5) / 7 + 1;
}

/** The width in ems of the grid font that a width in column units holds (the inverse of columnUnits). */
export function unitsToEm(units: number): number {
  return Math.max(0, ((units - 1) * 7 - 5) / (SIZE * (96 / 72)));
}

/** `SUM(C5:C9,E5)`: consecutive cells of one column become a range. */
function sumFormula(refs: readonly GridRef[], firstRow: number): string {
  const byCol = new Map<number, number[]>();
  for (const r of refs) byCol.set(r.col, [...(byCol.get(r.col) ?? []), r.row + firstRow]);
  const parts: string[] = [];
  for (const [col, rows] of byCol) {
    const sorted = [...new Set(rows)].sort((a, b) => a - b);
    let start = sorted[0]!;
    for (let i = 1; i <= sorted.length; i++) {
      if (i < sorted.length && sorted[i] === sorted[i - 1]! + 1) continue;
      const end = sorted[i - 1]!;
      const letter = columnLetter(col);
      parts.push(start === end ? `${letter}${start}` : `${letter}${start}:${letter}${end}`);
      start = sorted[i]!;
    }
  }
  return `SUM(${parts.join(',')})`;
}

function sheetName(label: string, used: Set<string>): string {
  const base = label.replace(/[[\]:*?/\\]/g, '').slice(0, 31) || '表';
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base.slice(0, 28)}(${i})`;
  used.add(name);
  return name;
}

function writeTable(wb: ExcelJS.Workbook, t: Table, orientation: Section['orientation'], name: string, o: XlsxOptions, draft: boolean): void {
  const width = t.columns.length;
  const rows = [...t.head, ...t.body];
  const headCount = t.head.length;
  const firstRow = TITLE_ROWS + 1; // 1-based sheet row of grid row 0
  const ws = wb.addWorksheet(name, tableSheetOptions(orientation, TITLE_ROWS + headCount, draft));
  // forms without header rows (the 绩效自评 tables) have no rows to repeat
  if (headCount > 0) ws.pageSetup.printTitlesRow = `${firstRow}:${firstRow + headCount - 1}`;
  const font = { name: o.font, size: SIZE };
  writeTitleBlock(ws, t.caption, width, font, draft);

  // grid
  const placed = placeRows(rows);
  // a form of free text (layout 'fixed') keeps its proportions across a printed page; elsewhere the
  // text decides, up to MAX_WIDTH
  const fixed = t.layout === 'fixed';
  const share = PAGE_UNITS[orientation] / t.columns.reduce((sum, c) => sum + c.width, 0);
  const widths = t.columns.map((c) => (fixed ? c.width * share : Math.max(4, c.width * 0.6)));
  for (const p of placed) {
    const r = firstRow + p.row;
    const c = 1 + p.col;
    if (p.rowSpan > 1 || p.colSpan > 1) ws.mergeCells(r, c, r + p.rowSpan - 1, c + p.colSpan - 1);
    const target = ws.getCell(r, c);
    setCellValue(target, p.cell, firstRow);
    const header = p.row < headCount;
    const align = header ? 'center' : cellAlign(p.cell, t.columns[p.col]);
    target.font = font;
    target.alignment = { horizontal: align, vertical: 'middle', wrapText: !isNumeric(p.cell), ...(p.cell.indent ? { indent: Math.ceil(p.cell.indent / 2) } : {}) };
    for (let dr = 0; dr < p.rowSpan; dr++) for (let dc = 0; dc < p.colSpan; dc++) ws.getCell(r + dr, c + dc).border = BORDER;
    if (p.colSpan === 1) widths[p.col] = Math.max(widths[p.col]!, neededUnits(p.cell, header ? p.rowSpan * 2 : 1, fixed));
  }
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = Math.ceil(w * 100) / 100));
  // neither Excel nor LibreOffice grows a row for wrapped text in merged cells: give each row the
  // lines its longest text needs in the width it has (a cell over several rows shares them out)
  const heights = rows.map(() => LINE + 3);
  for (const p of [...placed].sort((a, b) => a.rowSpan - b.rowSpan)) {
    if (!p.cell.text) continue;
    const room = unitsToEm(widths.slice(p.col, p.col + p.colSpan).reduce((sum, w) => sum + w, 0)) - (p.cell.indent ?? 0);
    const needed = linesNeeded(p.cell.text, room, 'song') * LINE + 3;
    const have = heights.slice(p.row, p.row + p.rowSpan).reduce((sum, h) => sum + h, 0);
    if (needed > have) for (let i = p.row; i < p.row + p.rowSpan; i++) heights[i]! += (needed - have) / p.rowSpan;
  }
  heights.forEach((h, i) => (ws.getRow(firstRow + i).height = Math.min(409, Math.ceil(h))));

  // notes under the grid
  let r = firstRow + rows.length + 1;
  for (const note of [...t.notes, ...(t.emptyNote ? [t.emptyNote] : [])]) {
    ws.mergeCells(r, 1, r, width);
    Object.assign(ws.getCell(r, 1), { value: note, font: { ...font, size: 9 }, alignment: { horizontal: 'left', vertical: 'top', wrapText: true } });
    ws.getRow(r).height = Math.min(409, Math.max(LINE + 1, linesNeeded(note, unitsToEm(widths.reduce((s, w) => s + w, 0)) * (SIZE / 9), 'song') * (LINE - 1) + 3));
    r++;
  }
}

/**
 * The sheet options of a printed table: A4 in the given orientation, one page wide, centred, page
 * number in the footer, 草稿 in the header of a draft, panes frozen below the first `frozenRows` rows.
 */
export function tableSheetOptions(orientation: Section['orientation'], frozenRows: number, draft: boolean): Partial<ExcelJS.AddWorksheetOptions> {
  return {
    pageSetup: {
      paperSize: 9,
      orientation,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    },
    headerFooter: { ...(draft ? { oddHeader: '&C&"宋体,Bold"&20草稿' } : {}), oddFooter: '&C— &P —' },
    views: [{ state: 'frozen', ySplit: frozenRows, xSplit: 0 }],
  };
}

/** The title block above a table grid (rows 1–3): title, table number, reporter (部门：…) and unit. */
export function writeTitleBlock(
  ws: ExcelJS.Worksheet,
  caption: { readonly title: string; readonly number?: string; readonly left?: string; readonly right?: string },
  width: number,
  font: Partial<ExcelJS.Font>,
  draft: boolean,
): void {
  ws.mergeCells(1, 1, 1, width);
  Object.assign(ws.getCell(1, 1), { value: draft ? `${caption.title}（草稿）` : caption.title, font: { ...font, size: 16, bold: true }, alignment: { horizontal: 'center', vertical: 'middle' } });
  ws.getRow(1).height = 28;
  ws.mergeCells(2, 1, 2, width);
  Object.assign(ws.getCell(2, 1), { value: caption.number ?? '', font, alignment: { horizontal: 'right' } });
  const half = Math.max(1, Math.floor(width / 2));
  ws.mergeCells(3, 1, 3, half);
  Object.assign(ws.getCell(3, 1), { value: caption.left ?? '', font, alignment: { horizontal: 'left' } });
  if (half < width) ws.mergeCells(3, half + 1, 3, width);
  Object.assign(ws.getCell(3, half + 1), { value: caption.right ?? '', font, alignment: { horizontal: 'right' } });
}

/**
 * Column units a cell needs: figures, codes and short labels in full on one line; longer text up to
 * MAX_WIDTH, wrapped beyond; a header label may wrap over the lines its rows give it.
 */
function neededUnits(cell: Cell, lines: number, fixed: boolean): number {
  const full = textWidth(cell.text, 'song') + (cell.indent ?? 0);
  if (isNumeric(cell)) return columnUnits(full);
  const unbreakable = columnUnits(unbreakableWidth(cell.text, 'song'));
  return fixed ? unbreakable : Math.max(unbreakable, Math.min(columnUnits(full / lines), MAX_WIDTH));
}

function setCellValue(target: ExcelJS.Cell, cell: Cell, firstRow: number): void {
  const numeric = cell.kind === 'amount' || cell.kind === 'count';
  if (numeric && cell.value !== undefined) {
    const result = Number(cell.value); // a cell's display number; the exact figure is the decimal string
    target.value = cell.sumOf?.length ? { formula: sumFormula(cell.sumOf, firstRow), result } : result;
    target.numFmt = cell.kind === 'count' ? COUNT_FORMAT : AMOUNT_FORMAT;
  } else if (cell.text !== '') {
    target.value = cell.text; // a string value is stored as text, even when it starts with “=”
  }
}

/** The document's tables as a workbook, one sheet per table: (Document, options) → bytes. */
export async function writeXlsx(doc: Document, options: XlsxOptions = defaultXlsxOptions): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = doc.meta.author;
  wb.lastModifiedBy = doc.meta.author;
  wb.title = doc.meta.title;
  if (doc.meta.subject) wb.subject = doc.meta.subject;
  wb.created = new Date(doc.meta.createdAt);
  wb.modified = new Date(doc.meta.createdAt);
  const used = new Set<string>();
  for (const s of doc.sections) {
    for (const b of s.blocks) if (b.type === 'table') writeTable(wb, b, s.orientation, sheetName(b.label, used), options, doc.meta.draft === true);
  }
  // the package's dates are the document's, not the clock's
  return datePackage(new Uint8Array(await wb.xlsx.writeBuffer()), doc.meta.createdAt);
}
