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
import type { CodeTableKey, TableKey } from '../../model/tables.js';
import {
  codeColumnSums,
  economicPanels,
  rowSums,
  threePublicColumns,
  threePublicRows,
  threePublicSums,
  totalsRows,
  type FixedRow,
} from '../../forms/layout.js';
import { completeGenericTable, isGenericTable } from '../../derive/generic.js';
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
  /** Column totals within a row of a code table (the form's `columnSums`). */
  readonly columnSums: readonly { readonly total: number; readonly parts: readonly number[] }[];
  /** What a zero prints in this table whatever the zero display (the form's `emptyCell`, 2024 12表 `-`). */
  readonly emptyCell?: string;
}

/** A zero cell printed as the table's `emptyCell` text (centred, no value), when the table has one. */
function emptyCell(ctx: Ctx, v: Decimal, kind: 'amount' | 'count'): Cell | undefined {
  return ctx.emptyCell !== undefined && v.isZero() ? { text: ctx.emptyCell, kind, align: 'center' } : undefined;
}

function amountCell(ctx: Ctx, yuan: Decimal, extra: Partial<Cell> = {}): Cell {
  const wan = ctx.unit === '万元';
  const v = wan ? toWan(yuan) : yuan;
  const empty = emptyCell(ctx, v, 'amount');
  if (empty) return empty;
  const blank = v.isZero() && ctx.settings.zeroDisplay === 'blank';
  // a 万元 total is the rounding of its own 元 amount, not the sum of its rounded parts (rules.md §8.1):
  // no live formula, which would show the sum of the parts instead
  const { sumOf, ...rest } = extra;
  return { text: blank ? '' : formatAmount(v), ...(blank ? {} : { value: v.toFixed(2) }), kind: 'amount', align: 'right', ...rest, ...(sumOf && !wan ? { sumOf } : {}) };
}

function countCell(ctx: Ctx, v: Decimal): Cell {
  const empty = emptyCell(ctx, v, 'count');
  if (empty) return empty;
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
  const width = ctx.model.tables[key].width;
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
    const columnSums = fields ? new Map<number, readonly number[]>() : new Map(ctx.columnSums.map((s) => [s.total, s.parts]));
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

// ------------------------------------------------------------------ two-sided fixed tables (01表, 04表)

const CENTERED_LABELS = new Set(['本年收入合计', '本年支出合计', '总计']);

/**
 * A fixed-row table printed as two sides (body `totals`, `fiscalTotals`): physical row i shows
 * 行次 i on the left (one amount) and split + i on the right (one amount, or the form's
 * `amountColumns`). Rows, labels, indents and totals are the form's (forms/layout.ts).
 */
function sidedRows(ctx: Ctx, spec: FormTable, value: (row: number, col: number | undefined) => Decimal): Row[] {
  const { left, right } = totalsRows(spec);
  const split = left.length;
  const rightCols: readonly (number | undefined)[] = spec.body === 'fiscalTotals' ? threePublicColumns(spec) : [undefined];
  const leftRef = (r: number): GridRef => ({ row: ctx.rowOf(r - 1), col: 2 });
  const rightRef = (r: number, c: number | undefined): GridRef => ({ row: ctx.rowOf(r - split - 1), col: 5 + Math.max(0, rightCols.indexOf(c)) });
  const rowSumOf = new Map(rowSums(spec).flatMap((s) => (s.columns.length ? s.columns : [undefined]).map((c) => [`${s.total}.${c}`, s.parts] as const)));
  const colSumOf = new Map(codeColumnSums(spec).map((s) => [s.total, s.parts]));
  const labelCell = (row: FixedRow) => text(row.label, CENTERED_LABELS.has(row.label) ? { align: 'center' } : row.indent ? { indent: row.indent * 2 } : {});
  const rows: Row[] = [];
  for (let i = 0; i < split; i++) {
    const l = left[i]!;
    const lSum = rowSumOf.get(`${l.row}.undefined`);
    const leftCells = l.label
      ? [labelCell(l), text(String(l.row), { align: 'center' }), amountCell(ctx, value(l.row, undefined), lSum ? { sumOf: lSum.map(leftRef) } : {})]
      : [text(''), text(String(l.row), { align: 'center' }), text('')];
    const r = right[i]!;
    const rightCells: Cell[] = [r.label ? labelCell(r) : text(''), text(String(r.row), { align: 'center' })];
    for (const c of rightCols) {
      if (!r.label) {
        rightCells.push(text(''));
        continue;
      }
      const colParts = c === undefined ? undefined : colSumOf.get(c);
      const rowParts = rowSumOf.get(`${r.row}.${c}`);
      const sumOf = colParts ? colParts.map((p) => rightRef(r.row, p)) : rowParts ? rowParts.map((p) => rightRef(p, c)) : undefined;
      rightCells.push(amountCell(ctx, value(r.row, c), sumOf ? { sumOf } : {}));
    }
    rows.push({ cells: [...leftCells, ...rightCells] });
  }
  return rows;
}

function t01Rows(ctx: Ctx, spec: FormTable): Row[] {
  const v = ctx.model.tables.T01;
  return sidedRows(ctx, spec, (r) => v[r] ?? ZERO);
}

function t04Rows(ctx: Ctx, spec: FormTable): Row[] {
  const { left, right } = ctx.model.tables.T04;
  const split = totalsRows(spec).left.length;
  return sidedRows(ctx, spec, (r, c) => (r <= split ? (left[r] ?? ZERO) : (right[r]?.[c ?? 0] ?? ZERO)));
}

// ------------------------------------------------------------------ 经济分类 panels (06表, 2024 07表)

/**
 * A table of 经济分类 panels side by side (body `panels`): each panel lists its 类 (a sum of its 款)
 * and their 款, as the form's `panels` and `groups` say. 06表 adds the footer of 人员经费合计 and
 * 公用经费合计 (groups of kind personnel / operating).
 */
function panelRows(ctx: Ctx, spec: FormTable, amountOf: (code: string) => Decimal, footer?: { personnel: Decimal; operating: Decimal }): Row[] {
  const panelGroups = economicPanels(spec);
  const panelClasses = panelGroups.map((gs) => gs.map((g) => g.code));
  const groups = new Map(panelGroups.flat().map((g) => [g.code, g]));
  const panels = panelGroups.map((gs) => gs.flatMap((g) => [g.code, ...g.items]));
  const height = Math.max(...panels.map((p) => p.length));
  const name = (code: string) => spec.names?.[code] ?? ctx.dict.economic.get(code)?.name ?? '';
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
      cells.push(text(code), text(name(code), group ? {} : { indent: 2 }), amountCell(ctx, amountOf(code), sumOf ? { sumOf } : {}));
    });
    rows.push({ cells });
  }
  if (!footer) return rows;
  const classRef = (code: string) => ({ row: ctx.rowOf(rowOfCode.get(code)!), col: panelClasses.findIndex((p) => p.includes(code)) * 3 + 2 });
  const ofKind = (kind: string) => [...groups.values()].filter((g) => g.kind === kind).map((g) => g.code);
  const last = panels.length - 1;
  rows.push({
    cells: [
      text('人员经费合计', { colSpan: 2, align: 'center' }),
      amountCell(ctx, footer.personnel, { sumOf: ofKind('personnel').map(classRef) }),
      text('公用经费合计', { colSpan: 3 * last - 1, align: 'center' }),
      amountCell(ctx, footer.operating, { sumOf: ofKind('operating').map(classRef) }),
    ],
  });
  return rows;
}

// ------------------------------------------------------------------ fixed rows with amount columns (三公, 国有资产)

/**
 * A fixed-row table with amount columns (body `threePublic`: label, 行次, amounts; body `fixed`:
 * label, amounts): the form's rows with their dashes and count rows, its totals as live sums. The
 * printed columns are the form's `fields` (data 栏次 in print order) or its `amountColumns`.
 */
function fixedRows(ctx: Ctx, spec: FormTable, value: (row: number, col: number) => Decimal, withRowNumbers: boolean): Row[] {
  const printed = (spec.fields?.filter((c): c is number => c !== null) ?? threePublicColumns(spec)) as readonly number[];
  const first = withRowNumbers ? 2 : 1;
  const specs = threePublicRows(spec);
  const bodyIndex = new Map(specs.map((r, i) => [r.row, i]));
  const sums = new Map<string, GridRef[]>();
  for (const s of threePublicSums(spec)) {
    for (const c of s.columns.length ? s.columns : printed) sums.set(`${s.total}.${c}`, s.parts.map((p) => ({ row: ctx.rowOf(bodyIndex.get(p) ?? 0), col: first + printed.indexOf(c) })));
  }
  return specs.map((r) => {
    const cells: Cell[] = [text(r.label, r.indent ? { indent: r.indent * 2 } : {})];
    if (withRowNumbers) cells.push(text(String(r.row), { align: 'center' }));
    for (const c of printed) {
      if (r.dash.includes(c)) cells.push(DASH);
      else if (r.count) cells.push(countCell(ctx, value(r.row, c)));
      else {
        const sumOf = sums.get(`${r.row}.${c}`);
        cells.push(amountCell(ctx, value(r.row, c), sumOf ? { sumOf } : {}));
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

/** A note of the form with its placeholders filled: {department} 部门名称, {year} 年度 (2024 空表说明). */
function fillNote(note: string, model: ReportModel): string {
  return note.split('{department}').join(model.dataset.department.name).split('{year}').join(String(model.year));
}

/**
 * The Table node of one 公开表 of the form. `label` is the printed table number (the form's, or the
 * profile's `tableNumbers` override).
 */
export function buildTable(spec: FormTable, model: ReportModel, dict: SubjectDictionary, settings: ProfileSettings): Table {
  const key = spec.key as TableKey;
  const head = headRows(spec);
  const ctx: Ctx = { unit: spec.unit, model, dict, settings, rowOf: (i) => head.length + i, columnSums: codeColumnSums(spec), ...(spec.emptyCell !== undefined ? { emptyCell: spec.emptyCell } : {}) };
  let body: Row[];
  switch (spec.body) {
    case 'code':
      body = codeRows(ctx, (spec.source ?? key) as CodeTableKey, spec.fields);
      break;
    case 'cells':
      body = cellRows(ctx, spec.rows ?? []);
      break;
    case 'totals':
      body = t01Rows(ctx, spec);
      break;
    case 'fiscalTotals':
      body = t04Rows(ctx, spec);
      break;
    case 'panels': {
      if (isGenericTable(spec)) {
        const g = completeGenericTable(model.dataset, spec);
        body = panelRows(ctx, spec, (code) => g[code]?.[1] ?? ZERO);
      } else {
        const t06 = model.tables.T06;
        body = panelRows(ctx, spec, (code) => t06.items[code] ?? ZERO, { personnel: t06.personnel, operating: t06.operating });
      }
      break;
    }
    case 'threePublic':
    case 'fixed': {
      const g = isGenericTable(spec) ? completeGenericTable(model.dataset, spec) : undefined;
      const value = g ? (r: number, c: number) => g[`r${r}`]?.[c] ?? ZERO : (r: number, c: number) => model.tables.T3G[r]?.[c] ?? ZERO;
      body = fixedRows(ctx, spec, value, spec.body === 'threePublic');
      break;
    }
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
    ...(spec.emptyNote && isEmpty(model, (spec.source ?? key) as TableKey) ? { emptyNote: fillNote(spec.emptyNote, model) } : {}),
    density: spec.density,
  };
}
