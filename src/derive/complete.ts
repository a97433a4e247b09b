// Complete the tables: every cell of every 公开表, either as given or computed from its parts
// (column totals within a row, 款/类/合计 rows from their 项 rows, 01表 and 04表 from 03/05/07/08表).
// The validator compares what was given with what the parts say; derive and compose read the final
// values. Pure: the dataset is not changed.
import { Decimal, ZERO, sum } from '../model/decimal.js';
import type { CodeTable, Dataset, ThreePublicRows } from '../model/dataset.js';
import {
  CLASS_ROWS,
  CODE_TABLE_WIDTH,
  COLUMN_SUMS,
  T01_CLASS_ROW_BASE,
  T04_CLASS_ROW_BASE,
  T06_GROUPS,
  T3G_SUMS,
  codeLevel,
  type CodeTableKey,
} from '../model/tables.js';

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
  for (const { total, parts } of COLUMN_SUMS[key]) {
    if (!given.has(total)) cells[total] = sum(parts.map((p) => cells[p]));
  }
}

function emptyCells(width: number): Decimal[] {
  return Array.from({ length: width + 1 }, () => ZERO);
}

export function completeCodeTable(key: CodeTableKey, table: CodeTable | undefined): CompletedCodeTable {
  const width = CODE_TABLE_WIDTH[key];
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
  const some = (rs: number[]) => rs.some((r) => out[r] !== undefined);
  if (out[4] === undefined && some([5, 6])) out[4] = sum([out[5], out[6]]);
  if (out[2] === undefined && some([3, 4, 7])) out[2] = sum([out[3], out[4], out[7]]);
  return out;
}

const col = (t: CompletedCodeTable, code: string, c: number): Decimal => t.byCode.get(code)?.cells[c] ?? ZERO;

export function completeTables(ds: Dataset): CompletedTables {
  const t = ds.tables;
  const T02 = completeCodeTable('T02', t.T02);
  const T03 = completeCodeTable('T03', t.T03);
  const T05 = completeCodeTable('T05', t.T05);
  const TGF = completeCodeTable('TGF', t.TGF);
  const TSOE = completeCodeTable('TSOE', t.TSOE);

  // 01表: income rows given; 类 rows from 03表 unless given; totals computed unless given
  const g01 = t.T01 ?? {};
  const T01: Record<number, Decimal> = {};
  for (let r = 1; r <= 60; r++) T01[r] = g01[r] ?? ZERO;
  CLASS_ROWS.forEach((c, i) => {
    const r = T01_CLASS_ROW_BASE + i;
    T01[r] = g01[r] ?? col(T03, c.code, 1);
  });
  T01[27] = g01[27] ?? sum([1, 2, 3, 4, 5, 6, 7, 8].map((r) => T01[r]));
  T01[30] = g01[30] ?? T01[27]!.plus(T01[28]!).plus(T01[29]!);
  T01[57] = g01[57] ?? sum(CLASS_ROWS.map((_, i) => T01[T01_CLASS_ROW_BASE + i]));
  T01[60] = g01[60] ?? T01[57]!.plus(T01[58]!).plus(T01[59]!);

  // 04表 from the three fund tables (X04-05, X04-GF, X04-SOE)
  const left: Record<number, Decimal> = {};
  for (let r = 1; r <= 32; r++) left[r] = ZERO;
  left[1] = T05.total.cells[4]!;
  left[2] = TGF.total.cells[4]!;
  left[3] = TSOE.total.cells[4]!;
  left[27] = left[1]!.plus(left[2]!).plus(left[3]!);
  left[29] = T05.total.cells[1]!;
  left[30] = TGF.total.cells[1]!;
  left[31] = TSOE.total.cells[1]!;
  left[28] = left[29]!.plus(left[30]!).plus(left[31]!);
  left[32] = left[27]!.plus(left[28]!);
  const right: Record<number, Decimal[]> = {};
  const fundRow = (c3: Decimal, c4: Decimal, c5: Decimal): Decimal[] => [ZERO, ZERO, c3.plus(c4).plus(c5), c3, c4, c5];
  CLASS_ROWS.forEach((c, i) => {
    right[T04_CLASS_ROW_BASE + i] = fundRow(col(T05, c.code, 7), col(TGF, c.code, 7), col(TSOE, c.code, 5));
  });
  right[59] = fundRow(T05.total.cells[7]!, TGF.total.cells[7]!, TSOE.total.cells[5]!);
  right[60] = fundRow(T05.total.cells[12]!, TGF.total.cells[12]!, TSOE.total.cells[6]!);
  right[64] = [2, 3, 4, 5].reduce((row, c) => ((row[c] = right[59]![c]!.plus(right[60]![c]!)), row), emptyCells(5));
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
  for (const g of T06_GROUPS) {
    const classAmount = t.T06?.items[g.code] ?? sum(g.items.map((i) => t.T06?.items[i]));
    items[g.code] = classAmount;
    if (g.kind === 'personnel') personnel = personnel.plus(classAmount);
    else operating = operating.plus(classAmount);
  }
  const T06 = { items, personnel: t.T06?.personnelTotal ?? personnel, operating: t.T06?.operatingTotal ?? operating };

  // 三公 table: totals per column unless given (order of T3G_SUMS: inner first)
  const T3G: Record<number, Decimal[]> = {};
  for (let r = 1; r <= 24; r++) {
    const given = t.T3G?.[r] ?? {};
    const width = Math.max(2, ...Object.keys(given).map(Number));
    T3G[r] = Array.from({ length: width + 1 }, (_, c) => (c === 0 ? ZERO : (given[c] ?? ZERO)));
  }
  for (const s of T3G_SUMS) {
    for (const c of s.columns) {
      if (t.T3G?.[s.total]?.[c] === undefined) T3G[s.total]![c] = sum(s.parts.map((p) => T3G[p]![c]));
    }
  }

  return { T01, T02, T03, T05, TGF, TSOE, T04FromFunds, T04: { left: finalLeft, right: finalRight }, T06, T3G };
}

