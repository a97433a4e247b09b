// Where each cell of a table lands in its grid once row and column spans are taken into account —
// the placement HTML tables use — and the layout decisions every writer shares: how a cell is
// aligned, and how a table falls into parts that each have their own header rows.
import type { Align, Cell, Column, Row, Table } from '../model/document.js';

export interface Placed {
  readonly cell: Cell;
  readonly row: number;
  readonly col: number;
  readonly rowSpan: number;
  readonly colSpan: number;
}

/** Every cell with its grid row and column, after the spans of the rows above and to its left. */
export function placeRows(rows: readonly Row[]): Placed[] {
  const taken = new Set<string>();
  const out: Placed[] = [];
  rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row.cells) {
      while (taken.has(`${r},${c}`)) c++;
      const rowSpan = cell.rowSpan ?? 1;
      const colSpan = cell.colSpan ?? 1;
      for (let dr = 0; dr < rowSpan; dr++) for (let dc = 0; dc < colSpan; dc++) taken.add(`${r + dr},${c + dc}`);
      out.push({ cell, row: r, col: c, rowSpan, colSpan });
      c += colSpan;
    }
  });
  return out;
}

/** The rows of a table with, for each cell, the grid column it starts in. */
export function placedRows(rows: readonly Row[]): { readonly row: Row; readonly cells: readonly Placed[] }[] {
  const placed = placeRows(rows);
  return rows.map((row, r) => ({ row, cells: placed.filter((p) => p.row === r) }));
}

/** A figure: printed right-aligned on one line, never broken. */
export function isNumeric(cell: Cell): boolean {
  return cell.kind === 'amount' || cell.kind === 'count';
}

/**
 * How a body cell is aligned: as the cell says; figures right; text as its column, except that text
 * is never right-aligned by a column of figures it happens to start in (it reads from the left).
 */
export function cellAlign(cell: Cell, column: Column | undefined): Align {
  if (cell.align) return cell.align;
  if (isNumeric(cell)) return 'right';
  const a = column?.align ?? 'left';
  return a === 'right' ? 'left' : a;
}

/** A run of a table's rows under its own header rows, printed again on every page the run continues on. */
export interface TablePart {
  readonly head: readonly Row[];
  readonly body: readonly Row[];
}

/**
 * The table as parts: the first under the table's header rows, then one per run of header rows inside
 * the body (`Row.header`), each heading the rows up to the next run.
 */
export function tableParts(t: Table): TablePart[] {
  const parts: { head: Row[]; body: Row[] }[] = [{ head: [...t.head], body: [] }];
  for (const row of t.body) {
    let part = parts[parts.length - 1]!;
    if (row.header && part.body.length > 0) {
      part = { head: [], body: [] };
      parts.push(part);
    }
    (row.header && part.body.length === 0 ? part.head : part.body).push(row);
  }
  // a header run with nothing under it stays a plain row of the part before
  const last = parts[parts.length - 1]!;
  if (parts.length > 1 && last.body.length === 0) {
    parts.pop();
    parts[parts.length - 1]!.body.push(...last.head);
  }
  return parts;
}

/** Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
