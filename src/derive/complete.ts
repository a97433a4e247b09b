// Complete the tables: every cell of every 公开表, either as given or computed from its parts
// (column totals within a row, 款/类/合计 rows from their 项 rows, 01表 and 04表 from 03/05/07/08表).
// The validator compares what was given with what the parts say; derive and compose read the final
// values. Pure: the dataset is not changed.
import { Decimal, ZERO, sum } from '../model/decimal.js';
import type { CodeTable, Dataset, ThreePublicRows } from '../model/dataset.js';
import { codeLevel, type CodeTableKey } from '../model/tables.js';
import type { FixedRowSpec, Form } from '../model/form.js';
import { canonicalTable } from '../forms/canonical.js';
import { parseCellRef } from '../forms/formula.js';
import { codeColumnSums, codeWidth, economicGroups, fiscalTotalsRows, fixedRowSpecs, rowSums, threePublicColumns, threePublicSums, totalsRows } from '../forms/layout.js';

import type { CompletedGenericTable } from './generic.js';

export type Level = 'total' | 'class' | 'section' | 'item';

export interface CompletedRow {
  readonly code: string; // 'total' for 合计
  readonly level: Level;
  readonly name?: string; // as given in the input
  /** Final value of every column 1..width (given, else computed). */
  readonly cells: readonly Decimal[]; // index = column number; index 0 unused
  /** Columns given in the input. */
  readonly given: ReadonlySet<number>;
  /** For 类/款/合计: Σ of the child rows' final cells; undefined for 项 rows. */
  readonly fromChildren?: readonly Decimal[];
  /** Codes of the rows summed into fromChildren. */
  readonly children: readonly string[];
  /** Whether the row was given in the input (else generated). */
  readonly stated: boolean;
}

export interface CompletedCodeTable {
  readonly key: CodeTableKey;
  readonly width: number;
  /** 合计 first, then 类 → 款 → 项 in code order. */
  readonly rows: readonly CompletedRow[];
  readonly byCode: ReadonlyMap<string, CompletedRow>;
  readonly total: CompletedRow;
}

export interface CompletedTables {
  readonly T01: Readonly<Record<number, Decimal>>;
  readonly T02: CompletedCodeTable;
  readonly T03: CompletedCodeTable;
  readonly T05: CompletedCodeTable;
  readonly TGF: CompletedCodeTable;
  readonly TSOE: CompletedCodeTable;
  /** 04表 as computed from 05/07/08表 (what the given 04表 must equal). */
  readonly T04FromFunds: { readonly left: Readonly<Record<number, Decimal>>; readonly right: Readonly<Record<number, readonly Decimal[]>> };
  /** 04表 final: given cells, else T04FromFunds. */
  readonly T04: { readonly left: Readonly<Record<number, Decimal>>; readonly right: Readonly<Record<number, readonly Decimal[]>> };
  readonly T06: { readonly items: Readonly<Record<string, Decimal>>; readonly personnel: Decimal; readonly operating: Decimal };
  readonly T3G: Readonly<Record<number, readonly Decimal[]>>;
  /** The form's other tables (derive/generic.ts), when the caller has the form. */
  readonly generic?: Readonly<Record<string, CompletedGenericTable>>;
}

/** Fill the column totals of one row (c1 = Σ parts …) where they were not given. */
function fillColumnTotals(key: CodeTableKey, cells: Decimal[], given: ReadonlySet<number>): void {
  for (const { total, parts } of codeColumnSums(canonicalTable(key))) {
    if (!given.has(total)) cells[total] = sum(parts.map((p) => cells[p]));
  }
}

function emptyCells(width: number): Decimal[] {
  return Array.from({ length: width + 1 }, () => ZERO);
}

export function completeCodeTable(key: CodeTableKey, table: CodeTable | undefined): CompletedCodeTable {
  const width = codeWidth(canonicalTable(key));
  const input = new Map((table?.rows ?? []).map((r) => [r.code, r]));
  // every code that appears, with its generated parents
  const codes = new Set<string>();
  for (const code of input.keys()) {
    if (code === 'total') continue;
    codes.add(code);
    if (code.length >= 5) codes.add(code.slice(0, 3));
    if (code.length === 7) codes.add(code.slice(0, 5));
  }
  const sorted = [...codes].sort();
  const rows = new Map<string, CompletedRow>();

  const build = (code: string, level: Level, children: string[]): CompletedRow => {
    const src = input.get(code);
    const given = new Set(Object.keys(src?.cells ?? {}).map(Number));
    const cells = emptyCells(width);
    for (const c of given) cells[c] = src!.cells[c]!;
    let fromChildren: Decimal[] | undefined;
    if (level !== 'item') {
      fromChildren = emptyCells(width);
      for (const child of children) {
        const row = rows.get(child)!;
        for (let c = 1; c <= width; c++) fromChildren[c] = fromChildren[c]!.plus(row.cells[c]!);
      }
      for (let c = 1; c <= width; c++) if (!given.has(c)) cells[c] = fromChildren[c]!;
    }
    fillColumnTotals(key, cells, given);
    return { code, level, ...(src?.name ? { name: src.name } : {}), cells, given, ...(fromChildren ? { fromChildren } : {}), children, stated: src !== undefined };
  };

  // bottom-up: 项, then 款, then 类, then 合计
  for (const code of sorted.filter((c) => c.length === 7)) rows.set(code, build(code, 'item', []));
  for (const code of sorted.filter((c) => c.length === 5)) rows.set(code, build(code, 'section', sorted.filter((c) => c.length === 7 && c.startsWith(code))));
  for (const code of sorted.filter((c) => c.length === 3)) rows.set(code, build(code, 'class', sorted.filter((c) => c.length === 5 && c.startsWith(code))));
  for (const code of sorted.filter((c) => codeLevel(c) === undefined)) rows.set(code, build(code, 'item', [])); // odd codes: kept, flagged by D-CODE
  const total = build('total', 'total', sorted.filter((c) => c.length === 3));

  const ordered = [total, ...sorted.map((c) => rows.get(c)!)];
  return { key, width, rows: ordered, byCode: new Map(ordered.map((r) => [r.code, r])), total };
}

/**
 * Last year's 三公 rows as given, with 公务用车 (r4 = r5 + r6) and the total (r2 = r3 + r4 + r7)
 * filled in when they were left out and their parts were given.
 */
export function completePriorThreePublic(rows: ThreePublicRows | undefined): ThreePublicRows | undefined {
  if (!rows) return undefined;
  const out: Partial<Record<number, Decimal>> = { ...rows };
  // the 三公 table's sums of the 决算 column, inner first (公务用车, then the total)
  for (const s of threePublicSums(canonicalTable('T3G'))) {
    if (out[s.total] === undefined && s.parts.some((r) => out[r] !== undefined)) out[s.total] = sum(s.parts.map((r) => out[r]));
  }
  return out;
}

/**
 * The value a fixed row takes from its source when not given (the form's `from`, `{code}` its 类):
 * a cell of a completed code table; undefined when the row (or that column) has no source.
 */
function sourceValue(codeTables: Readonly<Record<string, CompletedCodeTable>>, spec: FixedRowSpec, col?: number): Decimal | undefined {
  const from = typeof spec.from === 'string' || spec.from === undefined ? spec.from : col === undefined ? undefined : spec.from[`c${col}`];
  if (from === undefined) return undefined;
  const ref = parseCellRef(from.split('{code}').join(spec.code ?? ''));
  const table = codeTables[ref.table];
  if (!table || !ref.col) throw new Error(`表样中“${from}”不是代码行表的单元格`);
  const row = ref.row === 'total' ? table.total : table.byCode.get(ref.row);
  return row?.cells[Number(ref.col.slice(1))] ?? ZERO;
}

/**
 * The department's tables completed (totals from their parts, 04表 from the fund tables …), each in 元.
 * `form`: the department's form, whose 三公 table says which columns its sums cover (2024 公开10表:
 * 决算统计数 in c3); without one, the canonical form's (yunnan-2021: c2).
 */
export function completeTables(ds: Dataset, form?: Form): CompletedTables {
  const t = ds.tables;
  const T02 = completeCodeTable('T02', t.T02);
  const T03 = completeCodeTable('T03', t.T03);
  const T05 = completeCodeTable('T05', t.T05);
  const TGF = completeCodeTable('TGF', t.TGF);
  const TSOE = completeCodeTable('TSOE', t.TSOE);

  const codeTables = { T02, T03, T05, TGF, TSOE } as const;
  const t01Table = canonicalTable('T01');
  const t04Table = canonicalTable('T04');
  const fromCell = (spec: FixedRowSpec, col?: number): Decimal | undefined => sourceValue(codeTables, spec, col);

  // 01表: rows as given; else from their source (类 rows: 03表, X01-03); totals from the form's sums
  const g01 = t.T01 ?? {};
  const T01: Record<number, Decimal> = {};
  const t01Split = totalsRows(t01Table).left.length;
  for (let r = 1; r <= 2 * t01Split; r++) T01[r] = g01[r] ?? ZERO;
  for (const spec of fixedRowSpecs(t01Table)) T01[spec.r] = g01[spec.r] ?? fromCell(spec) ?? T01[spec.r]!;
  for (const s of rowSums(t01Table)) T01[s.total] = g01[s.total] ?? sum(s.parts.map((r) => T01[r]));

  // 04表 from the three fund tables (X04-05, X04-GF, X04-SOE): each row's source, then the form's sums
  const t04 = fiscalTotalsRows(t04Table);
  const left: Record<number, Decimal> = {};
  for (let r = 1; r <= t04.leftLast; r++) left[r] = ZERO;
  const right: Record<number, Decimal[]> = {};
  const colSums = codeColumnSums(t04Table);
  const withColumnTotals = (row: Decimal[]) => {
    for (const { total, parts } of colSums) row[total] = sum(parts.map((p) => row[p]));
    return row;
  };
  const sourced = new Set<number>();
  for (const spec of fixedRowSpecs(t04Table)) {
    if (spec.from !== undefined) sourced.add(spec.r);
    if (spec.r <= t04.leftLast) left[spec.r] = fromCell(spec) ?? ZERO;
    else if (spec.label) {
      const row = emptyCells(Math.max(...t04.rightColumns));
      for (const c of t04.rightColumns) row[c] = fromCell(spec, c) ?? ZERO;
      right[spec.r] = withColumnTotals(row);
    }
  }
  // totals of rows without a source of their own, inner first (the form's order)
  for (const s of rowSums(t04Table)) {
    if (sourced.has(s.total)) continue;
    if (s.columns.length === 0) left[s.total] = sum(s.parts.map((r) => left[r]));
    else for (const c of s.columns) right[s.total]![c] = sum(s.parts.map((r) => right[r]?.[c]));
  }
  const T04FromFunds = { left, right };

  const g04 = t.T04;
  const finalLeft: Record<number, Decimal> = { ...left };
  const finalRight: Record<number, Decimal[]> = {};
  for (const [r, cells] of Object.entries(right)) finalRight[Number(r)] = [...cells];
  if (g04) {
    for (const [r, v] of Object.entries(g04.left)) finalLeft[Number(r)] = v;
    for (const [r, cells] of Object.entries(g04.right)) {
      const row = finalRight[Number(r)] ?? emptyCells(5);
      for (const [c, v] of Object.entries(cells)) row[Number(c)] = v;
      finalRight[Number(r)] = row;
    }
  }

  // 06表: class rows and the two totals from the items unless given
  const items: Record<string, Decimal> = { ...(t.T06?.items ?? {}) };
  let personnel = ZERO;
  let operating = ZERO;
  for (const g of economicGroups(canonicalTable('T06'))) {
    const classAmount = t.T06?.items[g.code] ?? sum(g.items.map((i) => t.T06?.items[i]));
    items[g.code] = classAmount;
    if (g.kind === 'personnel') personnel = personnel.plus(classAmount);
    else operating = operating.plus(classAmount);
  }
  const T06 = { items, personnel: t.T06?.personnelTotal ?? personnel, operating: t.T06?.operatingTotal ?? operating };

  // 三公 table: totals per column unless given (order of T3G_SUMS: inner first)
  const T3G: Record<number, Decimal[]> = {};
  const t3gTable = form?.tables.find((x) => x.key === 'T3G') ?? canonicalTable('T3G');
  for (const { r } of fixedRowSpecs(t3gTable)) {
    const given = t.T3G?.[r] ?? {};
    const width = Math.max(...threePublicColumns(t3gTable), ...Object.keys(given).map(Number));
    T3G[r] = Array.from({ length: width + 1 }, (_, c) => (c === 0 ? ZERO : (given[c] ?? ZERO)));
  }
  for (const s of threePublicSums(t3gTable)) {
    for (const c of s.columns) {
      if (t.T3G?.[s.total]?.[c] === undefined) T3G[s.total]![c] = sum(s.parts.map((p) => T3G[p]![c]));
    }
  }

  return { T01, T02, T03, T05, TGF, TSOE, T04FromFunds, T04: { left: finalLeft, right: finalRight }, T06, T3G };
}

