// A 公开表 workbook as the 决算 software exports it, written from a department's completed tables: one
// sheet per table named Sheet1 …, the title in the first row, `编制单位：…` and `金额单位：万元` in the
// second, the form's merged header rows and 栏次 row, 类/款/项 codes in three columns (201 | 04 | 01),
// every total and 类/款 row as a value, amounts in 万元 with as many decimals as they need.
import ExcelJS from 'exceljs';
import { completeTables, type CompletedCodeTable } from '../../src/derive/complete.js';
import { Decimal } from '../../src/model/decimal.js';
import type { Dataset } from '../../src/model/dataset.js';
import type { SubjectDictionary } from '../../src/model/dictionary.js';
import { functionalName } from '../../src/model/dictionary.js';
import type { Form, HeadCell } from '../../src/model/form.js';
import { codeColumns, economicPanels, fiscalTotalsRows, threePublicRows, totalsRows } from '../../src/forms/layout.js';

const WAN = new Decimal(10000);

export async function officialWorkbook(ds: Dataset, form: Form, dict: SubjectDictionary): Promise<Uint8Array> {
  const t = completeTables(ds);
  const wb = new ExcelJS.Workbook();
  const wan = (d: Decimal | undefined) => (d === undefined || d.isZero() ? null : Number(d.dividedBy(WAN).toFixed()));
  form.tables.forEach((table, i) => {
    const ws = wb.addWorksheet(`Sheet${i + 1}`);
    const width = table.columns.length;
    ws.mergeCells(1, 1, 1, width);
    ws.getCell(1, 1).value = table.title;
    ws.getCell(2, 1).value = `编制单位：${ds.department.name}`;
    ws.getCell(2, width).value = '金额单位：万元';
    // header rows with their spans
    const taken = new Set<string>();
    table.head.forEach((row, r) => {
      let c = 0;
      for (const cell of row as readonly HeadCell[]) {
        while (taken.has(`${r},${c}`)) c++;
        const [text, cs = 1, rs = 1] = typeof cell === 'string' ? [cell] : cell;
        for (let dr = 0; dr < rs; dr++) for (let dc = 0; dc < cs; dc++) taken.add(`${r + dr},${c + dc}`);
        if (cs > 1 || rs > 1) ws.mergeCells(3 + r, 1 + c, 3 + r + rs - 1, 1 + c + cs - 1);
        ws.getCell(3 + r, 1 + c).value = text;
        c += cs;
      }
    });
    let row = 3 + table.head.length;
    const put = (values: readonly (string | number | null)[]) => {
      values.forEach((v, c) => {
        if (v !== null && v !== '') ws.getCell(row, c + 1).value = v;
      });
      row++;
    };
    switch (table.body) {
      case 'code': {
        const ct = t[table.key as 'T02'] as CompletedCodeTable;
        const cols = codeColumns(table);
        for (const r of ct.rows) {
          if (r.level !== 'total' && r.cells.slice(1).every((c) => c.isZero())) continue;
          const amounts = cols.map((c) => (c.column === null ? null : wan(r.cells[c.column])));
          if (r.level === 'total') {
            ws.mergeCells(row, 1, row, 4);
            put(['合计', null, null, null, ...amounts]);
            continue;
          }
          const name = r.name ?? functionalName(dict.functional.get(r.code)!, ds.department.year);
          put([r.code.slice(0, 3), r.code.slice(3, 5) || null, r.code.slice(5, 7) || null, name, ...amounts]);
        }
        break;
      }
      case 'totals': {
        const { left, right } = totalsRows(table);
        left.forEach((l, i) => put([l.label || null, l.row, l.label ? wan(t.T01[l.row]) : null, right[i]!.label, right[i]!.row, wan(t.T01[right[i]!.row])]));
        break;
      }
      case 'fiscalTotals': {
        const layout = fiscalTotalsRows(table);
        layout.left.forEach((l, i) => {
          const r = layout.right[i]!;
          const cells = r.label ? layout.rightColumns.map((c) => wan(t.T04.right[r.row]?.[c])) : layout.rightColumns.map(() => null);
          put([l.label || null, l.row, l.label ? wan(t.T04.left[l.row]) : null, r.label || null, r.row, ...cells]);
        });
        break;
      }
      case 'panels': {
        const lines = economicPanels(table).map((groups) => groups.flatMap((g) => [g.code, ...g.items]));
        const height = Math.max(...lines.map((l) => l.length));
        for (let i = 0; i < height; i++) put(lines.flatMap((l) => (l[i] ? [l[i]!, dict.economic.get(l[i]!)?.name ?? '', wan(t.T06.items[l[i]!])] : [null, null, null])));
        put(['人员经费合计', null, wan(t.T06.personnel), '公用经费合计', null, null, null, null, wan(t.T06.operating)]);
        break;
      }
      case 'threePublic':
        for (const spec of threePublicRows(table)) {
          const cells = [1, 2].map((c) => (spec.dash.includes(c) ? '—' : spec.count ? (t.T3G[spec.row]![c]!.isZero() ? null : Number(t.T3G[spec.row]![c]!.toFixed(0))) : wan(t.T3G[spec.row]![c])));
          put([spec.label, spec.row, ...cells]);
        }
        break;
      default:
        break;
    }
    ws.getCell(row + 1, 1).value = table.notes[0] ?? '';
  });
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
