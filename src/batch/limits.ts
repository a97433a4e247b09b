// The last check before anything is written: every table cell must fit an Excel cell as it is.
// The readers refuse an input amount or text that cannot (at its line); this catches what the
// pipeline made from them (a total of large amounts), so no XLSX ever holds a rounded figure or a
// cut text.
import { Decimal } from '../model/decimal.js';
import type { Document } from '../model/document.js';

/** Significant digits an Excel number keeps exactly. */
export const EXCEL_DIGITS = 15;
/** Characters an Excel cell holds. */
export const EXCEL_TEXT = 32_767;

/** A sentence for the first cell that would not fit, or undefined when all fit. */
export function cellLimitProblem(doc: Document): string | undefined {
  for (const section of doc.sections) {
    for (const block of section.blocks) {
      if (block.type !== 'table') continue;
      for (const row of [...block.head, ...block.body]) {
        for (const cell of row.cells) {
          if (cell.value !== undefined && new Decimal(cell.value).precision() > EXCEL_DIGITS) {
            return `${block.label}中的数字 ${cell.text} 超过 Excel 单元格能精确保存的${EXCEL_DIGITS}位有效数字`;
          }
          if (cell.text.length > EXCEL_TEXT) return `${block.label}中有一格文字超过 Excel 单元格最多能放的 32,767 个字符`;
        }
      }
    }
  }
  return undefined;
}
