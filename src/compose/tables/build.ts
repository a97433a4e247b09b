// Turn a form's table (its layout, src/model/form.ts) and the report model into a Table node. Every figure comes from the
// completed tables of derive; this module only chooses rows, formats numbers and records which cells
// are sums of which (so the XLSX writer can write live formulas whose results are these figures).
import type { Decimal } from '../../model/decimal.js';
import { ZERO } from '../../model/decimal.js';
import { functionalName, type SubjectDictionary } from '../../model/dictionary.js';
import type { Cell, GridRef, Row, Table } from '../../model/document.js';
import { formatAmount } from '../../model/format.js';
import { toWan } from '../../derive/money.js';
import { cellValue } from '../../derive/cells.js';
import { parseCellRef } from '../../forms/formula.js';
import type { ReportModel } from '../../model/report.js';
import {
  CODE_TABLE_WIDTH,
  COLUMN_SUMS,
  T01_ROWS,
  T04_LEFT_ROWS,
  T04_RIGHT_ROWS,
  T06_GROUPS,
  T3G_ROWS,
  T3G_SUMS,
  type CodeTableKey,
  type TableKey,
} from '../../model/tables.js';
import type { FormTable, HeadCell } from '../../model/form.js';
import type { ProfileSettings } from '../profile.js';
import { isSpacedLabel } from './specs.js';

interface Ctx {
  /** The unit the table prints: 元 as held, or 万元 (each cell the rounding of its own 元 amount). */
  readonly unit: '元' | '万元';
  readonly model: ReportModel;
  readonly dict: SubjectDictionary;
  readonly settings: ProfileSettings;
  /** Grid row of body row i (head rows come first). */
  readonly rowOf: (bodyIndex: number) => number;
}

function amountCell(ctx: Ctx, yuan: Decimal, extra: Partial<Cell> = {}): Cell {
  const wan = ctx.unit === '万元';
  const v = wan ? toWan(yuan) : yuan;
  const blank = v.isZero() && ctx.settings.zeroDisplay === 'blank';
  // a 万元 total is the rounding of its own 元 amount, not the sum of its rounded parts (rules.md §8.1):
  // no live formula, which would show the sum of the parts instead
  const { sumOf, ...rest } = extra;
  return { text: blank ? '' : formatAmount(v), ...(blank ? {} : { value: v.toFixed(2) }), kind: 'amount', align: 'right', ...rest, ...(sumOf && !wan ? { sumOf } : {}) };
}

function countCell(ctx: Ctx, v: Decimal): Cell {
  const blank = v.isZero() && ctx.settings.zeroDisplay === 'blank';
  return { text: blank ? '' : formatAmount(v, 0), ...(blank ? {} : { value: v.toFixed(0) }), kind: 'count', align: 'right' };
}

const text = (t: string, extra: Partial<Cell> = {}): Cell => ({ text: t, kind: 'text', ...extra });
const DASH: Cell = { text: '—', kind: 'text', align: 'center' };

const headCell = (c: HeadCell): readonly [string, number?, number?] => (typeof c === 'string' ? [c] : c);

function headRows(spec: FormTable): Row[] {
  return spec.head.map((row) => ({
    cells: row.map(headCell).map(([t, colSpan, rowSpan]) => ({
      text: t,
      kind: 'text' as const,
      align: 'center' as const,
      ...(colSpan && colSpan > 1 ? { colSpan } : {}),
      ...(rowSpan && rowSpan > 1 ? { rowSpan } : {}),
      ...(isSpacedLabel(t) ? { spaced: true } : {}),
    })),
  }));
}

// ------------------------------------------------------------------ code tables (02, 03, 05, 07, 08)

function codeRows(ctx: Ctx, key: CodeTableKey, fields?: readonly (number | null)[]): Row[] {
  const table = ctx.model.tables[key];
  const width = CODE_TABLE_WIDTH[key];
  const year = ctx.model.year;
  const leafOnly = ctx.settings.functionRows === 'leafOnly';
  // the canonical columns the table prints, in order (a column sum only where every column prints)
  const columns = fields ?? Array.from({ length: width }, (_, i) => i + 1);
  const shown = table.rows.filter(
    (r) => r.level === 'total' || ((!leafOnly || r.level === 'item') && columns.some((c) => c !== null && !r.cells[c]!.isZero())),
  );
  const bodyIndex = new Map(shown.map((r, i) => [r.code, i]));
  const amountCol = (c: number) => 3 + c; // 类/款/项 (3 columns) and 科目名称 come first
  return shown.map((r) => {
    const cells: Cell[] = [];
    if (r.level === 'total') cells.push(text('合计', { colSpan: 4, align: 'center', spaced: true }));
    else {
      const subject = ctx.dict.functional.get(r.code);
      const name = r.name ?? (subject ? functionalName(subject, year) : '');
      cells.push(text(r.code, { colSpan: 3, align: 'left' }), text(name, r.level === 'item' ? { indent: 2 } : {}));
    }
    // which rows a 类/款/合计 row sums (the shown ones; hidden rows are all zero)
    const children = leafOnly && r.level === 'total' ? shown.filter((s) => s.level === 'item').map((s) => s.code) : r.children;
    const childRows = children.map((c) => bodyIndex.get(c)).filter((i): i is number => i !== undefined);
    const columnSums = fields ? new Map<number, readonly number[]>() : new Map(COLUMN_SUMS[key].map((s) => [s.total, s.parts]));
    columns.forEach((c, i) => {
      if (c === null) {
        cells.push(text(''));
        return;
      }
      let sumOf: GridRef[] | undefined;
      if (r.level !== 'item' && childRows.length > 0) sumOf = childRows.map((j) => ({ row: ctx.rowOf(j), col: amountCol(i + 1) }));
      else if (r.level === 'item' && columnSums.has(c)) sumOf = columnSums.get(c)!.map((p) => ({ row: ctx.rowOf(bodyIndex.get(r.code)!), col: amountCol(p) }));
      cells.push(amountCell(ctx, r.cells[c]!, sumOf ? { sumOf } : {}));
    });
    return { cells };
  });
}

// ------------------------------------------------------------------ 01表

const CENTERED_LABELS = new Set(['本年收入合计', '本年支出合计', '总计']);
const INDENTED_T01 = new Set([28, 29, 58, 59]);

function t01Rows(ctx: Ctx): Row[] {
  const v = ctx.model.tables.T01;
  const rows: Row[] = [];
  const ref = (r: number, side: 'left' | 'right'): GridRef => ({ row: ctx.rowOf((side === 'left' ? r : r - 30) - 1), col: side === 'left' ? 2 : 5 });
  const sums: Record<number, GridRef[]> = {
    27: [1, 2, 3, 4, 5, 6, 7, 8].map((r) => ref(r, 'left')),
    30: [27, 28, 29].map((r) => ref(r, 'left')),
    57: Array.from({ length: 26 }, (_, i) => ref(31 + i, 'right')),
    60: [57, 58, 59].map((r) => ref(r, 'right')),
  };
  const label = (r: number) => {
    const l = T01_ROWS[r] ?? '';
    return text(l, CENTERED_LABELS.has(l) ? { align: 'center' } : INDENTED_T01.has(r) ? { indent: 2 } : {});
  };
  for (let i = 1; i <= 30; i++) {
    const left = i >= 9 && i <= 26 ? [text(''), text(String(i), { align: 'center' }), text('')] : [label(i), text(String(i), { align: 'center' }), amountCell(ctx, v[i]!, sums[i] ? { sumOf: sums[i] } : {})];
    const r = 30 + i;
    rows.push({ cells: [...left, label(r), text(String(r), { align: 'center' }), amountCell(ctx, v[r]!, sums[r] ? { sumOf: sums[r] } : {})] });
  }
  return rows;
}

// ------------------------------------------------------------------ 04表

function t04Rows(ctx: Ctx): Row[] {
  const { left, right } = ctx.model.tables.T04;
  const leftRef = (r: number): GridRef => ({ row: ctx.rowOf(r - 1), col: 2 });
  const rightRef = (r: number, c: number): GridRef => ({ row: ctx.rowOf(r - 33), col: 3 + c });
  const leftSums: Record<number, number[]> = { 27: [1, 2, 3], 28: [29, 30, 31], 32: [27, 28] };
  const classRows = Array.from({ length: 26 }, (_, i) => 33 + i);
  const rows: Row[] = [];
  for (let i = 1; i <= 32; i++) {
    const l = T04_LEFT_ROWS[i];
    const leftCells = l
      ? [text(l, CENTERED_LABELS.has(l) ? { align: 'center' } : i >= 29 && i <= 31 ? { indent: 2 } : {}), text(String(i), { align: 'center' }), amountCell(ctx, left[i]!, leftSums[i] ? { sumOf: leftSums[i]!.map(leftRef) } : {})]
      : [text(''), text(String(i), { align: 'center' }), text('')];
    const r = 32 + i;
    const rl = T04_RIGHT_ROWS[r];
    let rightCells: Cell[];
    if (!rl) rightCells = [text(''), text(String(r), { align: 'center' }), text(''), text(''), text(''), text('')];
    else {
      const cells = right[r] ?? [ZERO, ZERO, ZERO, ZERO, ZERO, ZERO];
      rightCells = [text(rl, CENTERED_LABELS.has(rl) ? { align: 'center' } : {}), text(String(r), { align: 'center' })];
      for (let c = 2; c <= 5; c++) {
        let sumOf: GridRef[] | undefined;
        if (c === 2) sumOf = [3, 4, 5].map((p) => rightRef(r, p));
        else if (r === 59) sumOf = classRows.map((cr) => rightRef(cr, c));
        else if (r === 64) sumOf = [59, 60].map((cr) => rightRef(cr, c));
        rightCells.push(amountCell(ctx, cells[c] ?? ZERO, sumOf ? { sumOf } : {}));
      }
    }
    rows.push({ cells: [...leftCells, ...rightCells] });
  }
  return rows;
}

// ------------------------------------------------------------------ 06表

function t06Rows(ctx: Ctx, panelClasses: readonly (readonly string[])[]): Row[] {
  const items = ctx.model.tables.T06.items;
  const groups = new Map(T06_GROUPS.map((g) => [g.code, g]));
  const panels = panelClasses.map((codes) => codes.flatMap((c) => [c, ...(groups.get(c)?.items ?? [])]));
  const height = Math.max(...panels.map((p) => p.length));
  const name = (code: string) => ctx.dict.economic.get(code)?.name ?? '';
  const rowOfCode = new Map<string, number>();
  panels.forEach((p) => p.forEach((code, i) => rowOfCode.set(code, i)));
  const rows: Row[] = [];
  for (let i = 0; i < height; i++) {
    const cells: Cell[] = [];
    panels.forEach((p, pi) => {
      const code = p[i];
      if (!code) {
        cells.push(text(''), text(''), text(''));
        return;
      }
      const group = groups.get(code);
      const sumOf = group ? group.items.map((it) => ({ row: ctx.rowOf(rowOfCode.get(it)!), col: pi * 3 + 2 })) : undefined;
      cells.push(text(code), text(name(code), group ? {} : { indent: 2 }), amountCell(ctx, items[code] ?? ZERO, sumOf ? { sumOf } : {}));
    });
    rows.push({ cells });
  }
  const classRef = (code: string) => ({ row: ctx.rowOf(rowOfCode.get(code)!), col: panelClasses.findIndex((p) => p.includes(code)) * 3 + 2 });
  rows.push({
    cells: [
      text('人员经费合计', { colSpan: 2, align: 'center' }),
      amountCell(ctx, ctx.model.tables.T06.personnel, { sumOf: ['301', '303'].map(classRef) }),
      text('公用经费合计', { colSpan: 5, align: 'center' }),
      amountCell(ctx, ctx.model.tables.T06.operating, { sumOf: ['302', '307', '310', '312', '399'].map(classRef) }),
    ],
  });
  return rows;
}

// ------------------------------------------------------------------ 三公 table

function t3gRows(ctx: Ctx): Row[] {
  const v = ctx.model.tables.T3G;
  const sums = new Map<string, GridRef[]>();
  for (const s of T3G_SUMS) for (const c of s.columns) sums.set(`${s.total}.${c}`, s.parts.map((p) => ({ row: ctx.rowOf(p - 1), col: 1 + c })));
  return T3G_ROWS.map((spec) => {
    const cells: Cell[] = [text(spec.label, spec.indent ? { indent: spec.indent * 2 } : {}), text(String(spec.row), { align: 'center' })];
    for (const c of [1, 2]) {
      if (spec.dash.includes(c)) cells.push(DASH);
      else if (spec.count) cells.push(countCell(ctx, v[spec.row]![c]!));
      else {
        const sumOf = sums.get(`${spec.row}.${c}`);
        cells.push(amountCell(ctx, v[spec.row]![c]!, sumOf ? { sumOf } : {}));
      }
    }
    return { cells };
  });
}

// ------------------------------------------------------------------ rows of named cells

/** A table whose rows name canonical cells (the one-row 三公 table of the national set). */
function cellRows(ctx: Ctx, rows: readonly { labels?: readonly string[]; cells: readonly (string | null)[] }[]): Row[] {
  return rows.map((row) => ({
    cells: [
      ...(row.labels ?? []).map((l) => text(l, { align: 'center' })),
      ...row.cells.map((ref) => (ref === null ? text('') : amountCell(ctx, cellValue(ctx.model.tables, parseCellRef(ref))))),
    ],
  }));
}

// ------------------------------------------------------------------

function isEmpty(model: ReportModel, key: TableKey): boolean {
  if (key === 'TGF' || key === 'TSOE') return model.tables[key].total.cells.every((c) => c.isZero());
  return false;
}

/**
 * The Table node of one 公开表 of the form. `label` is the printed table number (the form's, or the
 * profile's `tableNumbers` override).
 */
export function buildTable(spec: FormTable, model: ReportModel, dict: SubjectDictionary, settings: ProfileSettings): Table {
  const key = spec.key as TableKey;
  const head = headRows(spec);
  const ctx: Ctx = { unit: spec.unit, model, dict, settings, rowOf: (i) => head.length + i };
  let body: Row[];
  switch (spec.body) {
    case 'code':
      body = codeRows(ctx, (spec.source ?? key) as CodeTableKey, spec.fields);
      break;
    case 'cells':
      body = cellRows(ctx, spec.rows ?? []);
      break;
    case 'totals':
      body = t01Rows(ctx);
      break;
    case 'fiscalTotals':
      body = t04Rows(ctx);
      break;
    case 'panels':
      body = t06Rows(ctx, spec.panels ?? []);
      break;
    case 'threePublic':
      body = t3gRows(ctx);
      break;
  }
  const number = settings.tableNumbers?.[key] ?? spec.label;
  return {
    type: 'table',
    id: `table-${key}`,
    label: number || spec.title,
    outline: number ? `${number} ${spec.title}` : spec.title,
    caption: { title: spec.title, ...(number ? { number } : {}), left: `${spec.reporter}：${model.dataset.department.name}`, right: `金额单位：${spec.unit}` },
    columns: spec.columns.map(([width, align]) => ({ width, align })),
    head,
    body,
    notes: spec.notes,
    ...(spec.emptyNote && isEmpty(model, (spec.source ?? key) as TableKey) ? { emptyNote: spec.emptyNote } : {}),
    density: spec.density,
  };
}
