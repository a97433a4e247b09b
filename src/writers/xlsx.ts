// Document → XLSX with exceljs: one worksheet per table, named by its 公开NN表 label, laid out as
// printed (title block, merged header cells, notes). Amounts are numbers formatted #,##0.00; every
// total is a live SUM formula whose cached result is the exact total computed by derive; user text
// is always written as text, never as a formula. Print setup: A4, landscape where the table is wide,
// one page wide, header rows repeated; panes frozen below the header.
import ExcelJS from 'exceljs';
import type { Cell, Document, GridRef, Section, Table } from '../model/document.js';
import { columnLetter, placeRows } from './grid.js';

export interface XlsxOptions {
  readonly font: string;
}

export const defaultXlsxOptions: XlsxOptions = { font: '宋体' };

const AMOUNT_FORMAT = '#,##0.00';
const COUNT_FORMAT = '#,##0';
const THIN = { style: 'thin' as const, color: { argb: 'FF000000' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
/** Rows above the table grid: title, number, header line. */
const TITLE_ROWS = 3;

/** Display width of a text in Excel column units (a CJK character counts two). */
function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u2E80-\uFFEF]/.test(ch) ? 2 : 1;
  return w;
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

function writeTable(wb: ExcelJS.Workbook, t: Table, orientation: Section['orientation'], name: string, o: XlsxOptions): void {
  const width = t.columns.length;
  const rows = [...t.head, ...t.body];
  const headCount = t.head.length;
  const firstRow = TITLE_ROWS + 1; // 1-based sheet row of grid row 0
  const ws = wb.addWorksheet(name, {
    pageSetup: {
      paperSize: 9,
      orientation,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C— &P —' },
    views: [{ state: 'frozen', ySplit: TITLE_ROWS + headCount, xSplit: 0 }],
  });
  // forms without header rows (the 绩效自评 tables) have no rows to repeat
  if (headCount > 0) ws.pageSetup.printTitlesRow = `${firstRow}:${firstRow + headCount - 1}`;
  const font = { name: o.font, size: 10 };

  // title block
  ws.mergeCells(1, 1, 1, width);
  Object.assign(ws.getCell(1, 1), { value: t.caption.title, font: { ...font, size: 16, bold: true }, alignment: { horizontal: 'center', vertical: 'middle' } });
  ws.getRow(1).height = 28;
  ws.mergeCells(2, 1, 2, width);
  Object.assign(ws.getCell(2, 1), { value: t.caption.number ?? '', font, alignment: { horizontal: 'right' } });
  const half = Math.max(1, Math.floor(width / 2));
  ws.mergeCells(3, 1, 3, half);
  Object.assign(ws.getCell(3, 1), { value: t.caption.left ?? '', font, alignment: { horizontal: 'left' } });
  if (half < width) ws.mergeCells(3, half + 1, 3, width);
  Object.assign(ws.getCell(3, half + 1), { value: t.caption.right ?? '', font, alignment: { horizontal: 'right' } });

  // grid
  const widths = t.columns.map((c) => Math.max(4, c.width * 0.6));
  for (const p of placeRows(rows)) {
    const r = firstRow + p.row;
    const c = 1 + p.col;
    if (p.rowSpan > 1 || p.colSpan > 1) ws.mergeCells(r, c, r + p.rowSpan - 1, c + p.colSpan - 1);
    const target = ws.getCell(r, c);
    setCellValue(target, p.cell, firstRow);
    const header = p.row < headCount;
    const align = header ? 'center' : (p.cell.align ?? (p.cell.kind === 'amount' || p.cell.kind === 'count' ? 'right' : t.columns[p.col]?.align ?? 'left'));
    target.font = font;
    target.alignment = { horizontal: align, vertical: 'middle', wrapText: header || p.cell.kind === 'text', ...(p.cell.indent ? { indent: Math.ceil(p.cell.indent / 2) } : {}) };
    for (let dr = 0; dr < p.rowSpan; dr++) for (let dc = 0; dc < p.colSpan; dc++) ws.getCell(r + dr, c + dc).border = BORDER;
    // body text decides the column width (headers wrap)
    if (!header && p.colSpan === 1) widths[p.col] = Math.max(widths[p.col]!, Math.min(60, textWidth(p.cell.text) + 2 + (p.cell.indent ?? 0)));
  }
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  // header rows hold wrapped labels: give each row room for two lines
  for (let i = 0; i < headCount; i++) ws.getRow(firstRow + i).height = 27;
  // neither Excel nor LibreOffice grows a row for wrapped text in merged cells: give each row the
  // lines its longest text needs in the width it has
  const lines = new Map<number, number>();
  for (const p of placeRows(rows)) {
    if (p.rowSpan > 1 || !p.cell.text) continue;
    const width = widths.slice(p.col, p.col + p.colSpan).reduce((sum, w) => sum + w, 0);
    const needed = Math.ceil(textWidth(p.cell.text) / Math.max(1, width - 1));
    lines.set(p.row, Math.max(lines.get(p.row) ?? 1, needed));
  }
  for (const [row, n] of lines) if (n > 1 && row >= headCount) ws.getRow(firstRow + row).height = Math.min(409, n * 13 + 4);

  // notes under the grid
  let r = firstRow + rows.length + 1;
  for (const note of [...t.notes, ...(t.emptyNote ? [t.emptyNote] : [])]) {
    ws.mergeCells(r, 1, r, width);
    Object.assign(ws.getCell(r, 1), { value: note, font: { ...font, size: 9 }, alignment: { horizontal: 'left', vertical: 'top', wrapText: true } });
    ws.getRow(r).height = Math.max(15, Math.ceil(textWidth(note) / Math.max(20, widths.reduce((s, w) => s + w, 0))) * 13);
    r++;
  }
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
    for (const b of s.blocks) if (b.type === 'table') writeTable(wb, b, s.orientation, sheetName(b.label, used), options);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
