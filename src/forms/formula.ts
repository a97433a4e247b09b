// The identities of a form, written the way the 决算 software writes its 审核公式: a left side, a
// relation and a right side over cells of the form's tables. This module only parses and expands
// them; reading cells and reporting belong to the caller (validate).
//
//   T01.r27 = sum(T01.r1:r8)                 a cell equals the sum of a run of rows
//   T01.r30 = T01.r27 + T01.r28 + T01.r29    … or of listed cells (+ and −)
//   T04.r59.c{c} = sum(T04.r33:r58.c{c})     `each: { c: [2, 3, 4, 5] }` repeats it per value
//   T02.total.c1 = T01.r27                   code tables: a row by code (total = 合计)
//   T3G.r9.c2 <= T3G.r8.c2                   relations: = <= >=
//
// A reference is TABLE.ROW or TABLE.ROW.COL; ROW is r<行次> or a code (2010401, total, 30101); COL is
// c<栏次>. A range r<a>:r<b> (or r<a>:<b>) stands for every 行次 from a to b.

/** One cell of a form table: `row` is 'r27', a code or 'total'; `col` is 'c3' or absent (one-column rows). */
export interface CellRef {
  readonly table: string;
  readonly row: string;
  readonly col?: string;
}

export interface Term {
  readonly sign: 1 | -1;
  readonly cells: readonly CellRef[];
  /** The term was written as sum(range): its words are “行次a至b之和”. */
  readonly range?: { readonly table: string; readonly from: number; readonly to: number; readonly col?: string };
}

export type Relation = '=' | '<=' | '>=';

export interface ParsedIdentity {
  readonly left: readonly Term[];
  readonly relation: Relation;
  readonly right: readonly Term[];
}

export class FormulaError extends Error {}

const REF = /^([A-Za-z][A-Za-z0-9]*)\.([A-Za-z0-9]+)(?:\.(c\d+))?$/;
const RANGE = /^([A-Za-z][A-Za-z0-9]*)\.r(\d+):r?(\d+)(?:\.(c\d+))?$/;

/** One cell reference (`T3G.r2.c1`); throws FormulaError naming `formula` (the text it stands in). */
export function parseCellRef(text: string, formula = text): CellRef {
  const m = REF.exec(text);
  if (!m) throw new FormulaError(`公式“${formula}”中“${text}”不是单元格引用（应为 表.行次 或 表.行次.栏次，如 T01.r27、T04.r59.c2、T05.total.c7）`);
  return { table: m[1]!, row: m[2]!, ...(m[3] ? { col: m[3] } : {}) };
}

function parseSide(text: string, formula: string): Term[] {
  const terms: Term[] = [];
  // split on + and − that are not inside sum(…)
  const parts = text.replace(/\s+/g, '').split(/(?=[+-])/).filter(Boolean);
  for (const raw of parts) {
    const sign: 1 | -1 = raw.startsWith('-') ? -1 : 1;
    const body = raw.replace(/^[+-]/, '');
    const sumOf = /^sum\((.+)\)$/.exec(body);
    if (sumOf) {
      const m = RANGE.exec(sumOf[1]!);
      if (!m) throw new FormulaError(`公式“${formula}”中 sum(${sumOf[1]}) 的范围应写成 表.r起:r止 或 表.r起:r止.栏次（如 sum(T01.r1:r8)）`);
      const [from, to] = [Number(m[2]), Number(m[3])];
      if (to < from) throw new FormulaError(`公式“${formula}”中的范围 r${from}:r${to} 起止颠倒`);
      const col = m[4];
      const cells = Array.from({ length: to - from + 1 }, (_, i) => ({ table: m[1]!, row: `r${from + i}`, ...(col ? { col } : {}) }));
      terms.push({ sign, cells, range: { table: m[1]!, from, to, ...(col ? { col } : {}) } });
    } else terms.push({ sign, cells: [parseCellRef(body, formula)] });
  }
  if (terms.length === 0) throw new FormulaError(`公式“${formula}”有一边是空的`);
  return terms;
}

/** Parse `left relation right`; throws FormulaError with a Chinese message naming the formula. */
export function parseIdentity(formula: string): ParsedIdentity {
  const m = /^(.+?)\s*(<=|>=|=)\s*(.+)$/.exec(formula.trim());
  if (!m) throw new FormulaError(`公式“${formula}”缺少 =、<= 或 >=`);
  return { left: parseSide(m[1]!, formula), relation: m[2] as Relation, right: parseSide(m[3]!, formula) };
}

/**
 * The formula once per value: `{c}` in the formula is replaced by each value of `c` (a list, or a
 * string of ranges "33:58,59,60"). Several names give every combination, or — with `zip` — the
 * values side by side (the 26 类 rows of 01表 with their codes: `{ r: "31:56", code: [201, …] }`).
 */
export function expandEach(formula: string, each: Readonly<Record<string, readonly (string | number)[] | string>> | undefined, zip = false): string[] {
  if (!each || Object.keys(each).length === 0) return [formula];
  const lists = Object.entries(each).map(([name, spec]) => [name, typeof spec === 'string' ? expandList(spec) : spec.map(String)] as const);
  if (zip) {
    const n = lists[0]![1].length;
    if (lists.some(([, v]) => v.length !== n)) throw new FormulaError(`公式“${formula}”的 each 各列表长度不同，不能逐一对应（zip）`);
    return Array.from({ length: n }, (_, i) => lists.reduce((f, [name, values]) => f.split(`{${name}}`).join(values[i]!), formula));
  }
  let out = [formula];
  for (const [name, values] of lists) out = out.flatMap((f) => values.map((v) => f.split(`{${name}}`).join(v)));
  return out;
}

/** "33:58,59,60" → ['33', …, '58', '59', '60']. */
export function expandList(spec: string): string[] {
  return spec.split(',').flatMap((part) => {
    const m = /^\s*(\d+)\s*:\s*(\d+)\s*$/.exec(part);
    if (!m) return [part.trim()];
    return Array.from({ length: Number(m[2]) - Number(m[1]) + 1 }, (_, i) => String(Number(m[1]) + i));
  });
}
