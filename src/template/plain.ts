// A dataset as the plain tree of its input file (the inverse of readers/build-dataset.ts): every value
// at its input path (`tables.T05.2010401.c7`, `selfEvaluation.projects[3].indicators[2].actual`),
// figures as exact decimal text. The YAML writer and the fill-in workbook both start from this tree,
// so a YAML file, a workbook and a published 公开表 workbook convert into one another through one
// shape. Amounts of 绩效自评 go back into the unit they were typed in (selfEvaluation.amountUnit).
import { Decimal } from '../model/decimal.js';
import type { CodeTable, Dataset, FundFigures, Indicator, IndicatorValue, Tables } from '../model/dataset.js';
import { annexesToPlain } from './annex-plain.js';
import { canonicalTable } from '../forms/canonical.js';
import { threePublicRows } from '../forms/layout.js';

/** A figure of the tree: its exact decimal text and what it is (for how it is written out). */
export class Figure {
  constructor(
    readonly text: string,
    readonly kind: 'amount' | 'decimal',
  ) {}
}

/** A node of the plain tree. */
export type Plain = string | number | boolean | null | Figure | readonly Plain[] | { readonly [key: string]: Plain | undefined };

type Obj = { [key: string]: Plain | undefined };

const WAN = new Decimal(10000);

export function amount(v: Decimal | undefined): Figure | undefined {
  return v === undefined ? undefined : new Figure(v.toFixed(2), 'amount');
}

function selfAmount(v: Decimal | undefined, wan: boolean): Figure | undefined {
  if (v === undefined) return undefined;
  if (!wan) return amount(v);
  const w = v.dividedBy(WAN);
  return new Figure(w.decimalPlaces() <= 2 ? w.toFixed(2) : w.toFixed(), 'amount');
}

export function decimal(v: Decimal | undefined): Figure | undefined {
  return v === undefined ? undefined : new Figure(v.toFixed(), 'decimal');
}

/** An object without its undefined members, or undefined when nothing is left. */
export function compact(o: Obj): Obj | undefined {
  const out: Obj = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return Object.keys(out).length ? out : undefined;
}

export function list<T>(items: readonly T[] | undefined, f: (item: T) => Plain | undefined): Plain[] | undefined {
  const out = (items ?? []).map(f).map((v) => v ?? {});
  return out.length ? out : undefined;
}

function cells(c: Readonly<Record<number, Decimal>>): Obj {
  const out: Obj = {};
  for (const k of Object.keys(c).map(Number).sort((a, b) => a - b)) out[`c${k}`] = amount(c[k]);
  return out;
}

function codeTable(t: CodeTable | undefined): Obj | undefined {
  if (!t) return undefined;
  const out: Obj = {};
  const rows = [...t.rows].sort((a, b) => (a.code === 'total' ? -1 : b.code === 'total' ? 1 : a.code.localeCompare(b.code)));
  for (const r of rows) out[r.code] = { ...(r.name ? { name: r.name } : {}), ...cells(r.cells) };
  return out;
}

function rows(r: Readonly<Partial<Record<number, Decimal>>> | undefined): Obj | undefined {
  if (!r) return undefined;
  const out: Obj = {};
  for (const k of Object.keys(r).map(Number).sort((a, b) => a - b)) out[`r${k}`] = amount(r[k]);
  return out;
}

function tables(t: Tables): Obj | undefined {
  const out: Obj = {};
  if (t.T01) out.T01 = rows(t.T01) ?? {};
  if (t.T02) out.T02 = codeTable(t.T02);
  if (t.T03) out.T03 = codeTable(t.T03);
  if (t.T04) {
    const o: Obj = { ...rows(t.T04.left) };
    for (const r of Object.keys(t.T04.right).map(Number).sort((a, b) => a - b)) o[`r${r}`] = cells(t.T04.right[r]!);
    out.T04 = o;
  }
  if (t.T05) out.T05 = codeTable(t.T05);
  if (t.TGF) out.TGF = codeTable(t.TGF);
  if (t.TSOE) out.TSOE = codeTable(t.TSOE);
  if (t.T06) {
    const o: Obj = {};
    for (const code of Object.keys(t.T06.items).sort()) o[code] = amount(t.T06.items[code]);
    o.personnelTotal = amount(t.T06.personnelTotal);
    o.operatingTotal = amount(t.T06.operatingTotal);
    out.T06 = compact(o) ?? {};
  }
  if (t.T3G) {
    const o: Obj = {};
    // the count rows (相关统计数, the form's `count: true`) are whole numbers
    const counts = new Set(threePublicRows(canonicalTable('T3G')).filter((x) => x.count).map((x) => x.row));
    for (const r of Object.keys(t.T3G).map(Number).sort((a, b) => a - b)) {
      const c = t.T3G[r]!;
      const row: Obj = {};
      for (const k of Object.keys(c).map(Number).sort((a, b) => a - b)) row[`c${k}`] = counts.has(r) ? c[k]!.toNumber() : amount(c[k]);
      o[`r${r}`] = row;
    }
    out.T3G = o;
  }
  return compact(out);
}

function indicatorValue(v: IndicatorValue | undefined): Plain | undefined {
  if (!v) return undefined;
  // a number written plainly stays a number (as typed in YAML: `target: 20`); everything else is text
  if (v.number !== undefined && v.number.toFixed() === v.text) return new Figure(v.text, 'decimal');
  return v.text;
}

function indicator(i: Indicator, withScore: boolean): Obj {
  return (
    compact({
      level1: i.level1,
      level2: i.level2,
      name: i.name,
      operator: i.operator,
      target: indicatorValue(i.target),
      unit: i.unit,
      actual: indicatorValue(i.actual),
      ...(withScore ? { weight: decimal(i.weight), score: decimal(i.score) } : {}),
      deviation: i.deviation,
    }) ?? {}
  );
}

function fund(f: FundFigures | undefined, wan: boolean): Obj | undefined {
  if (!f) return undefined;
  return compact({ initialBudget: selfAmount(f.initialBudget, wan), annualBudget: selfAmount(f.annualBudget, wan), executed: selfAmount(f.executed, wan) }) ?? {};
}

/** The plain tree of a dataset: what its YAML file would hold (sources and derived figures left out). */
export function datasetToPlain(ds: Dataset): Obj {
  const d = ds.department;
  const se = ds.selfEvaluation;
  const wan = se?.amountUnit === 'wan';
  const sa = (v: Decimal | undefined) => selfAmount(v, wan);
  const out: Obj = {
    department: compact({
      name: d.name,
      shortName: d.shortName,
      code: d.code,
      year: d.year || undefined,
      reportDate: d.reportDate,
      scope: d.scope,
      profile: d.profile,
      units: list(d.units, (u) => compact({ name: u.name, kind: u.kind })),
    }),
    overview: ds.overview && compact({
      functions: ds.overview.functions,
      keyWork: ds.overview.keyWork,
      organization: ds.overview.organization && compact({ ...ds.overview.organization }),
    }),
    tables: tables(ds.tables),
    priorYear: compact({
      totalIncomeExpenditure: amount(ds.priorYear.totalIncomeExpenditure),
      totalIncome: amount(ds.priorYear.totalIncome),
      totalExpenditure: amount(ds.priorYear.totalExpenditure),
      appropriationTotal: amount(ds.priorYear.appropriationTotal),
      generalExpenditure: amount(ds.priorYear.generalExpenditure),
      threePublic: rows(ds.priorYear.threePublic),
      threePublicBudget: rows(ds.priorYear.threePublicBudget),
      agencyOperation: amount(ds.priorYear.agencyOperation),
    }),
    budget: compact({
      initial: amount(ds.budget.initial),
      ownFunds: amount(ds.budget.ownFunds),
      adjusted: amount(ds.budget.adjusted),
      generalExpenditure: amount(ds.budget.generalExpenditure),
      items: compact(Object.fromEntries(Object.keys(ds.budget.items).sort().map((c) => [c, amount(ds.budget.items[c])]))),
    }),
    explanations: compact({
      ...Object.fromEntries(Object.entries(ds.explanations).filter(([k]) => k !== 'items')),
      items: compact({ ...ds.explanations.items }),
    } as Obj),
    threePublicDetails: ds.threePublicDetails && compact({
      vehiclePurchases: ds.threePublicDetails.vehiclePurchases && compact(Object.fromEntries(Object.entries(ds.threePublicDetails.vehiclePurchases).map(([k, v]) => [k, v && { count: v.count, amount: amount(v.amount)! }]))),
      fleet: list(ds.threePublicDetails.fleet, (f) => ({ type: f.type, count: f.count })),
      vehicleUse: ds.threePublicDetails.vehicleUse,
      receptionUse: ds.threePublicDetails.receptionUse,
      receptionItems: list(ds.threePublicDetails.receptionItems, (r) => ({ purpose: r.purpose, amount: amount(r.amount)! })),
    }),
    procurement: ds.procurement && compact({
      goods: amount(ds.procurement.goods),
      works: amount(ds.procurement.works),
      services: amount(ds.procurement.services),
      smeContracts: amount(ds.procurement.smeContracts),
      microContracts: amount(ds.procurement.microContracts),
      use: ds.procurement.use,
    }),
    assets: ds.assets && compact({
      vehicles: ds.assets.vehicles && compact({ ...ds.assets.vehicles }),
      otherVehicleUse: ds.assets.otherVehicleUse,
      generalEquipment50: ds.assets.generalEquipment50,
      specialEquipment100: ds.assets.specialEquipment100,
    }),
    performanceManagement: ds.performanceManagement && compact({
      preAssessed: ds.performanceManagement.preAssessed && compact({ count: ds.performanceManagement.preAssessed.count, projects: list(ds.performanceManagement.preAssessed.projects, (p) => p) }),
      monitored: ds.performanceManagement.monitored,
      selfEvaluated: ds.performanceManagement.selfEvaluated,
      departmentConclusion: ds.performanceManagement.departmentConclusion,
      ownEvaluations: ds.performanceManagement.ownEvaluations && compact({ ...ds.performanceManagement.ownEvaluations }),
    }),
    glossary: ds.glossary && compact({ ...ds.glossary }),
    annexes: ds.annexes && annexesToPlain(ds.annexes),
    selfEvaluation: se && compact({
      amountUnit: wan ? '万元' : '元',
      report: se.report && compact({ ...se.report }),
      department: se.department && compact({
        budget: se.department.budget && compact(
          Object.fromEntries(
            Object.entries(se.department.budget).map(([row, f]) => [
              row,
              compact({ initialBudget: sa(f.initialBudget), adjustment: sa(f.adjustment), finalBudget: sa(f.finalBudget), executed: sa(f.executed), rate: decimal(f.rate), remark: f.remark }) ?? {},
            ]),
          ),
        ),
        annualGoal: se.department.annualGoal,
        name: se.department.name,
        duties: se.department.duties,
        overallGoal: se.department.overallGoal,
        annualGoals: list(se.department.annualGoals, (g) => compact({ year: g.year, goal: g.goal, actual: g.actual })),
        tasks: list(se.department.tasks, (t) =>
          compact({ name: t.name, level: t.level, content: t.content, total: sa(t.total), fiscal: sa(t.fiscal), other: sa(t.other), actual: sa(t.actual), rate: decimal(t.rate), reason: t.reason }),
        ),
        taskTotal: se.department.taskTotal && (compact({ total: sa(se.department.taskTotal.total), fiscal: sa(se.department.taskTotal.fiscal), other: sa(se.department.taskTotal.other), actual: sa(se.department.taskTotal.actual), rate: decimal(se.department.taskTotal.rate) }) ?? {}),
        indicators: list(se.department.indicators, (i) => indicator(i, false)),
        otherNotes: se.department.otherNotes,
      }),
      projects: list(se.projects, (p) =>
        compact({
          name: p.name,
          competentDept: p.competentDept,
          implementingUnit: p.implementingUnit,
          funds: compact({ total: fund(p.funds.total, wan), currentFiscal: fund(p.funds.currentFiscal, wan), priorCarryover: fund(p.funds.priorCarryover, wan), other: fund(p.funds.other, wan) }),
          otherFundsLabel: p.otherFundsLabel,
          fundsRemark: p.fundsRemark,
          rateWeight: decimal(p.rateWeight),
          rate: decimal(p.rate),
          rateScore: decimal(p.rateScore),
          goals: p.goals && compact({ expected: p.goals.expected, actual: p.goals.actual }),
          indicatorSubtotal: p.indicatorSubtotal && (compact({ weight: decimal(p.indicatorSubtotal.weight), score: decimal(p.indicatorSubtotal.score) }) ?? {}),
          indicators: list(p.indicators, (i) => indicator(i, true)),
          otherNotes: p.otherNotes,
          totalScore: decimal(p.totalScore),
          grade: p.grade,
          notes: p.notes,
        }),
      ),
    }),
  };
  return compact(out) ?? {};
}

/** The value at an input path of a plain tree (`department.units[0].name`). */
export function plainAt(tree: Plain | undefined, path: string): Plain | undefined {
  let node: Plain | undefined = tree;
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (node === null || node === undefined || typeof node !== 'object' || node instanceof Figure) return undefined;
    node = (node as Record<string | number, Plain | undefined>)[m[2] !== undefined ? Number(m[2]) : m[1]!];
  }
  return node;
}
