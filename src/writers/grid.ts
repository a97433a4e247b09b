// Where each cell of a table lands in its grid once row and column spans are taken into account —
// the placement HTML tables use. The XLSX writer needs absolute positions for merges and formulas.
import type { Cell, Row } from '../model/document.js';

export interface Placed {
  readonly cell: Cell;
  readonly row: number;
  readonly col: number;
  readonly rowSpan: number;
  readonly colSpan: number;
}

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

/** Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
