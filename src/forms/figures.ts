// The semantic figures of a form (DESIGN.md, Forms): the names the narrative reaches its figures by
// (`income.total`, `threePublic.actual.total`), each mapped by the form file's `figures:` section to
// cells of the department's tables, so that one set of narrative templates serves every form that
// maps those names. This module says which names there are (with meaning and unit), parses a form's
// mapping and checks it against the tables; derive/figures.ts reads the values.
//
//   income.total: T01.r27                       one cell
//   income.appropriation: T01.r1 + T01.r2 + …   a sum of cells (+ and −)
//   general.column: T05.*.c7                    a column of a code table (each 科目 row)
//   income.lines: [{ key, label, cell }, …]     labelled lines in print order
import type { FigureLine, FigureSpec, FormTable } from '../model/form.js';
import { canonicalTable } from './canonical.js';
import { codeWidth, columnTitles, fiscalTotalsRows, fixedRowSpecs, threePublicColumns, threePublicRows } from './layout.js';
import { FormulaError, parseCellRef, type CellRef } from './formula.js';

/** What a figure name stands for: one amount or count (a cell or a sum), a code-table column, or labelled lines. */
export type FigureKind = 'amount' | 'count' | 'column' | 'lines';

export interface FigureName {
  readonly kind: FigureKind;
  /** Meaning in the finance officer's words (docs/templates.md lists the same). */
  readonly meaning: string;
  /** 元 for amounts (as in the department's tables; the narrative prints 万元), the measure word of a count. */
  readonly unit: string;
  /** A form need not map it: the narrative leaves out what it stands for. */
  readonly optional?: boolean;
}

const amount = (meaning: string): FigureName => ({ kind: 'amount', meaning, unit: '元' });
const count = (meaning: string, unit: string): FigureName => ({ kind: 'count', meaning, unit });

/**
 * Every figure name derive reads (narrative.md A.4, B.2), with its meaning and unit. A form file maps
 * each (a form declaring `figuresFrom` takes another form's mapping).
 */
export const FIGURE_NAMES: Readonly<Record<string, FigureName>> = {
  totalIncomeExpenditure: amount('收、支总计（第二部分 一）'),
  'income.total': amount('本年收入合计'),
  'income.lines': { kind: 'lines', meaning: '本年收入的各收入行（按表中顺序，标签为印出的收入类别名）', unit: '元' },
  'income.appropriation': amount('财政拨款收入（三项财政拨款收入之和，自评情况 一（三））'),
  'income.nonFiscalBalance': amount('使用非财政拨款结余'),
  'carryover.begin': amount('年初结转和结余'),
  'expenditure.total': amount('本年支出合计'),
  'expenditure.lines': { kind: 'lines', meaning: '本年支出按支出性质（基本支出、项目支出、上缴上级支出、经营支出、对附属单位补助支出）', unit: '元' },
  'expenditure.balanceDistribution': amount('结余分配'),
  'carryover.end': amount('年末结转和结余'),
  'appropriation.total': amount('财政拨款收、支总计（第二部分 四）'),
  'general.total': amount('一般公共预算财政拨款支出合计（第二部分 五）'),
  'general.column': { kind: 'column', meaning: '一般公共预算财政拨款支出在各科目行的数（五（二）按类、五（三）按项）', unit: '元' },
  'basic.total': amount('一般公共预算财政拨款基本支出'),
  'basic.personnel': amount('其中：人员经费'),
  'basic.operating': amount('其中：日常公用经费'),
  'threePublic.actual.total': amount('“三公”经费决算数合计'),
  'threePublic.actual.abroad': amount('因公出国（境）费决算数'),
  'threePublic.actual.vehicle': amount('公务用车购置及运行维护费决算数'),
  'threePublic.actual.vehiclePurchase': amount('公务用车购置费决算数'),
  'threePublic.actual.vehicleOperation': amount('公务用车运行维护费决算数'),
  'threePublic.actual.reception': amount('公务接待费决算数'),
  'threePublic.actual.domesticReception': amount('国内接待费决算数'),
  'threePublic.actual.foreignAffairsReception': amount('其中：外事接待费决算数'),
  'threePublic.actual.foreignReception': amount('国（境）外接待费决算数'),
  'threePublic.budget.total': amount('“三公”经费预算数合计（完成预算的分母）'),
  'threePublic.budget.abroad': amount('因公出国（境）费预算数'),
  'threePublic.budget.vehicle': amount('公务用车购置及运行维护费预算数'),
  'threePublic.budget.vehiclePurchase': amount('公务用车购置费预算数'),
  'threePublic.budget.vehicleOperation': amount('公务用车运行维护费预算数'),
  'threePublic.budget.reception': amount('公务接待费预算数'),
  'threePublic.count.groups': count('因公出国（境）团组数', '个'),
  'threePublic.count.travellers': count('因公出国（境）人次数', '人'),
  'threePublic.count.purchased': count('公务用车购置数', '辆'),
  'threePublic.count.fleetSize': count('公务用车保有量', '辆'),
  'threePublic.count.domesticBatches': count('国内公务接待批次', '个'),
  'threePublic.count.foreignAffairsBatches': count('其中：外事接待批次', '个'),
  'threePublic.count.domesticPeople': count('国内公务接待人次', '人'),
  'threePublic.count.foreignAffairsPeople': count('其中：外事接待人次', '人'),
  'threePublic.count.foreignReceptionBatches': count('国（境）外公务接待批次', '个'),
  'threePublic.count.foreignReceptionPeople': count('国（境）外公务接待人次', '人'),
  'govFund.total': amount('政府性基金预算财政拨款支出（第二部分 八）'),
  'stateCapital.total': amount('国有资本经营预算财政拨款支出（第二部分 九）'),
  agencyOperation: amount('机关运行经费（第二部分 十（一））'),
};

/** A parsed figure: one cell or a signed sum of cells, a code-table column, or labelled lines of cells. */
export type Figure =
  | { readonly kind: 'cells'; readonly terms: readonly { readonly sign: 1 | -1; readonly cell: CellRef }[] }
  | { readonly kind: 'column'; readonly table: string; readonly col: number }
  | { readonly kind: 'lines'; readonly lines: readonly { readonly key: string; readonly label: string; readonly cell: CellRef }[] };

/** The parsed `figures:` of a form, by name. */
export type FigureMap = ReadonlyMap<string, Figure>;

/** A problem of a `figures:` entry; `path` is where in the form file (['figures', name] or deeper). */
export class FigureError extends Error {
  constructor(
    message: string,
    readonly path: readonly (string | number)[],
  ) {
    super(message);
  }
}

const CODE_TABLES: readonly string[] = ['T02', 'T03', 'T05', 'TGF', 'TSOE'];
const CANONICAL: readonly string[] = ['T01', 'T04', 'T06', 'T3G', ...CODE_TABLES];
const T06_ROWS = /^(personnelTotal|operatingTotal|\d{3}|\d{5})$/;

/**
 * Why `ref` names no cell of the department's tables, or undefined when it does: the tables of the
 * 2021 set are checked row by row and column by column; a table only `formTables` names (a table of
 * another year's set, laid out by its form) is taken as written.
 */
export function cellProblem(ref: CellRef, formTables: readonly FormTable[] = []): string | undefined {
  if (!CANONICAL.includes(ref.table) && formTables.some((t) => t.key === ref.table || t.source === ref.table)) return undefined;
  const r = /^r(\d+)$/.exec(ref.row);
  const row = r ? Number(r[1]) : undefined;
  const col = ref.col ? Number(ref.col.slice(1)) : undefined;
  // rows and columns of the canonical tables (the form file's fixedRows, columnTitles …), none written here
  const labelled = (key: string, from = 1, to = Infinity) => fixedRowSpecs(canonicalTable(key)).some((s) => s.r === row && s.r >= from && s.r <= to && s.label !== undefined);
  switch (ref.table) {
    case 'T01':
      if (row === undefined || !labelled('T01')) return `01表没有行次“${ref.row}”`;
      return col !== undefined ? `01表的行只有一个金额，不应写栏次“${ref.col}”` : undefined;
    case 'T04':
      if (row === undefined) return `04表的行应写作 r<行次>，现为“${ref.row}”`;
      {
        const t04 = fiscalTotalsRows(canonicalTable('T04'));
        if (col === undefined) return labelled('T04', 1, t04.leftLast) ? undefined : `04表收入方没有行次${row}（支出方的行要写栏次，如 T04.r59.c3）`;
        if (!labelled('T04', t04.leftLast + 1)) return `04表支出方没有行次${row}`;
        return t04.rightColumns.includes(col) && columnTitles(canonicalTable('T04'))[col] !== undefined ? undefined : `04表支出方没有栏次${col}（有 ${t04.rightColumns.join('、')}）`;
      }
    case 'T3G': {
      // the form's own 三公 table when it has one (2024: three amount columns, 决算统计数 in c3), else the canonical
      const table = formTables.find((t) => t.key === 'T3G' && t.body === 'threePublic') ?? canonicalTable('T3G');
      const spec = row === undefined ? undefined : threePublicRows(table).find((s) => s.row === row);
      if (!spec) return `三公表没有行次“${ref.row}”`;
      const columns = threePublicColumns(table);
      if (col === undefined) return `三公表的单元格要写栏次（${columns.map((c) => `c${c}`).join('、')}，如 T3G.r${row}.c${columns.at(-1)}）`;
      if (!columns.includes(col) || spec.dash.includes(col)) return `三公表行次${row}的栏次${col}不填数`;
      return undefined;
    }
    case 'T06':
      return T06_ROWS.test(ref.row) ? undefined : `06表没有行“${ref.row}”（应为经济分类科目编码、personnelTotal 或 operatingTotal）`;
    default:
      if (!CODE_TABLES.includes(ref.table)) return `没有表“${ref.table}”（有 T01、T02、T03、T04、T05、T06、TGF、TSOE、T3G）`;
      if (ref.row !== 'total' && !/^\d{3}(\d{2}){0,2}$/.test(ref.row)) return `${ref.table} 的行应为科目编码或 total，现为“${ref.row}”`;
      {
        const width = codeWidth(canonicalTable(ref.table));
        if (col === undefined || col < 1 || col > width) return `${ref.table} 没有栏次“${ref.col ?? ''}”（1至${width}）`;
      }
      return undefined;
  }
}

function cell(text: string, path: readonly (string | number)[], formTables: readonly FormTable[]): CellRef {
  let ref: CellRef;
  try {
    ref = parseCellRef(text.trim());
  } catch (e) {
    if (e instanceof FormulaError) throw new FigureError(e.message, path);
    throw e;
  }
  const problem = cellProblem(ref, formTables);
  if (problem) throw new FigureError(`“${text.trim()}”：${problem}`, path);
  return ref;
}

/** Edit distance, for the nearest valid name. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length]![b.length]!;
}

function nearest(name: string): string {
  const best = Object.keys(FIGURE_NAMES).sort((x, y) => distance(name, x) - distance(name, y))[0]!;
  return distance(name, best) <= Math.max(3, name.length / 3) ? `，是不是“${best}”？` : '';
}

/** One entry of `figures:` parsed and checked against its name's kind. */
function parseFigure(name: string, spec: FigureSpec, def: FigureName, formTables: readonly FormTable[]): Figure {
  const path = ['figures', name];
  if (def.kind === 'lines') {
    if (!Array.isArray(spec)) throw new FigureError(`figures 中“${name}”（${def.meaning}）应为各行的列表：- { key: …, label: …, cell: T01.r1 }`, path);
    const keys = new Set<string>();
    return {
      kind: 'lines',
      lines: (spec as readonly FigureLine[]).map((l, i) => {
        if (keys.has(l.key)) throw new FigureError(`figures 中“${name}”的 key“${l.key}”重复`, [...path, i, 'key']);
        keys.add(l.key);
        return { key: l.key, label: l.label, cell: cell(l.cell, [...path, i, 'cell'], formTables) };
      }),
    };
  }
  if (typeof spec !== 'string') throw new FigureError(`figures 中“${name}”（${def.meaning}）应为单元格，如 T01.r27`, path);
  if (def.kind === 'column') {
    const m = /^\s*([A-Z][A-Z0-9]*)\.\*\.c(\d+)\s*$/.exec(spec);
    if (!m) throw new FigureError(`figures 中“${name}”（${def.meaning}）应为代码行表的一栏，写作 表.*.栏次（如 T05.*.c7）`, path);
    const problem = cellProblem({ table: m[1]!, row: 'total', col: `c${m[2]}` }, formTables);
    if (problem) throw new FigureError(`“${spec}”：${problem}`, path);
    return { kind: 'column', table: m[1]!, col: Number(m[2]) };
  }
  const parts = spec.replace(/\s+/g, '').split(/(?=[+-])/).filter(Boolean);
  if (parts.length === 0) throw new FigureError(`figures 中“${name}”是空的`, path);
  return {
    kind: 'cells',
    terms: parts.map((p) => ({ sign: p.startsWith('-') ? -1 : 1, cell: cell(p.replace(/^[+-]/, ''), path, formTables) })),
  };
}

/**
 * Parse and check a form's `figures:` (FigureError at the first problem: an unknown name with the
 * nearest one, a cell the tables have not, a name of FIGURE_NAMES the form leaves out).
 * `inherited`: the mapping of the form named by `figuresFrom`, which this one may complete or override;
 * `complete`: whether every required name must be there (false while that form is not read yet);
 * `formTables`: the keys (and sources) of the form's tables, which its figures may name as well.
 */
export function parseFigures(figures: Readonly<Record<string, FigureSpec>> | undefined, inherited?: FigureMap, complete = true, formTables: readonly FormTable[] = []): FigureMap {
  const out = new Map<string, Figure>(inherited ?? []);
  for (const [name, spec] of Object.entries(figures ?? {})) {
    const def = FIGURE_NAMES[name];
    if (!def) throw new FigureError(`figures 中没有名为“${name}”的数${nearest(name)}（可用的名称见 docs/templates.md）`, ['figures', name]);
    out.set(name, parseFigure(name, spec, def, formTables));
  }
  const missing = complete ? Object.entries(FIGURE_NAMES).find(([n, d]) => !d.optional && !out.has(n)) : undefined;
  if (missing) throw new FigureError(`表样的 figures 缺少“${missing[0]}”（${missing[1].meaning}，${missing[1].unit}）`, figures ? ['figures'] : []);
  return out;
}
