// Plain YAML values (already checked against the schema) → the typed Dataset. Amounts are read from
// their source text; every problem with a value (not a number, more than 2 decimals in 元, negative)
// is a finding at the value's own line, and the value is left out.
import { Decimal } from '../model/decimal.js';
import type {
  CodeRow,
  CodeTable,
  Dataset,
  DepartmentBudgetFigures,
  DepartmentBudgetRow,
  DepartmentEvaluation,
  FundFigures,
  FundRow,
  Indicator,
  IndicatorValue,
  ProjectEvaluation,
  SelfEvaluation,
  Cells,
  GenericTable,
  Tables,
  ThreePublicRows,
} from '../model/dataset.js';
import type { Finding, SourceRef } from '../model/finding.js';
import type { CodeTableKey } from '../model/tables.js';
import { canonicalTable } from '../forms/canonical.js';
import { fiscalTotalsRows } from '../forms/layout.js';
import { parseDate } from '../model/dates.js';
import { numberText, parseCount, parseDecimal } from './values.js';
import { joinPath, type YamlTree } from './yaml-tree.js';
import { readAnnexes } from './annexes.js';

type Obj = Record<string, unknown>;

const WAN = new Decimal(10000);
/** Significant digits an Excel cell (an IEEE double) keeps exactly. */
const MAX_EXCEL_DIGITS = 15;

/** Reads checked YAML values into typed ones; each bad value is a finding at its own line (exported for readers/annexes.ts). */
export class Builder {
  readonly findings: Finding[] = [];
  constructor(private readonly tree: YamlTree) {}

  at(path: string): SourceRef | undefined {
    return this.tree.sources[path];
  }

  private fail(ruleId: string, path: string, message: string, note?: string): undefined {
    this.findings.push({ ruleId, severity: 'error', message, location: this.at(path), ...(note ? { note } : {}) });
    return undefined;
  }

  /** A plain decimal (scores, rates, weights): no unit, any sign, any decimals. */
  decimal(path: string, value: unknown): Decimal | undefined {
    const text = numberText(value, this.tree.raw[path]);
    if (text === null) return undefined;
    if (text === undefined) return this.fail('IN-AMOUNT', path, `${path} 应为数字`);
    const d = parseDecimal(text);
    return d.ok ? d.value : this.fail('IN-AMOUNT', path, `${path} 的值${d.reason}`, d.note);
  }

  /** An amount in 元 (or 万元 when `unit` says so, converted to 元): ≥ 0 and exact to the fen (rules D-DEC, D-NONNEG). */
  amount(path: string, value: unknown, unit: 'yuan' | 'wan' = 'yuan', signed = false): Decimal | undefined {
    const d = this.decimal(path, value);
    if (d === undefined) return undefined;
    if (d.isNegative() && !signed) return this.fail('D-NONNEG', path, `${path} 的金额 ${d.toFixed()} 为负数，金额不能小于0`);
    const maxPlaces = unit === 'wan' ? 6 : 2;
    if (d.decimalPlaces() > maxPlaces) {
      return this.fail(
        'D-DEC',
        path,
        `${path} 的金额 ${d.toFixed()} 有${d.decimalPlaces()}位小数，${unit === 'wan' ? '万元金额最多6位小数（精确到分）' : '元金额最多2位小数（精确到分）'}`,
        unit === 'yuan' ? '若填的是万元，请换算为元' : undefined,
      );
    }
    const yuan = unit === 'wan' ? d.times(WAN) : d;
    // an Excel cell holds 15 significant digits: a longer amount would print in the XLSX as another number
    if (yuan.precision() > MAX_EXCEL_DIGITS) {
      return this.fail('IN-PRECISION', path, `${path} 的金额 ${yuan.toFixed()} 有${yuan.precision()}位有效数字，超过 Excel 单元格能精确保存的${MAX_EXCEL_DIGITS}位`, '请检查是否多写了数字，或单位是否填错');
    }
    return yuan;
  }

  count(path: string, value: unknown): number | undefined {
    const r = parseCount(value, this.tree.raw[path]);
    if (r === null) return undefined;
    return r.ok ? r.value : this.fail('IN-COUNT', path, `${path} 的值${r.reason}`, r.note);
  }

  /** The source text of a plain scalar (`001002`, which YAML reads as the number 1002). */
  rawText(path: string): string | undefined {
    return this.tree.raw[path];
  }

  /** A calendar date (`2022-06-30`), checked to exist. */
  date(path: string, value: unknown): string | undefined {
    const s = this.text(value instanceof Date ? value.toISOString().slice(0, 10) : value);
    if (s === undefined) return undefined;
    const iso = /^\d{4}-\d{2}-\d{2}$/.test(s) ? parseDate(s) : undefined;
    return iso ?? this.fail('IN-TYPE', path, `${path} “${s}”不是有效的日期，应写作 2022-06-30 这样的年-月-日`);
  }

  text(value: unknown): string | undefined {
    if (value === null || value === undefined) return undefined;
    const s = String(value).replace(/\r\n/g, '\n').trim();
    return s === '' ? undefined : s;
  }

  /** 指标值 / 实际完成值: keep the text; read a number or a date when it is one. */
  indicatorValue(path: string, value: unknown): IndicatorValue | undefined {
    if (value === null || value === undefined) return undefined;
    const text = typeof value === 'number' ? (this.tree.raw[path] ?? String(value)) : String(value).trim();
    if (text === '') return undefined;
    const num = parseDecimal(text);
    const date = num.ok ? undefined : parseDate(text);
    return { text, ...(num.ok ? { number: num.value } : {}), ...(date ? { date } : {}) };
  }
}

function obj(v: unknown): Obj {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {};
}

function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function rowNumber(key: string): number | undefined {
  const m = /^r(\d+)$/.exec(key);
  return m ? Number(m[1]) : undefined;
}

function colNumber(key: string): number | undefined {
  const m = /^c(\d+)$/.exec(key);
  return m ? Number(m[1]) : undefined;
}

function readCells(b: Builder, path: string, value: unknown): Record<number, Decimal> {
  const cells: Record<number, Decimal> = {};
  for (const [k, v] of Object.entries(obj(value))) {
    const c = colNumber(k);
    if (c === undefined) continue;
    const d = b.amount(joinPath(path, k), v);
    if (d !== undefined) cells[c] = d;
  }
  return cells;
}

function readCodeTable(b: Builder, path: string, value: unknown): CodeTable | undefined {
  if (value === null || value === undefined) return undefined;
  const rows: CodeRow[] = [];
  for (const [code, row] of Object.entries(obj(value))) {
    const rowPath = joinPath(path, code);
    const name = b.text(obj(row).name);
    rows.push({ code, ...(name ? { name } : {}), cells: readCells(b, rowPath, row) });
  }
  return { rows };
}

function readRows(b: Builder, path: string, value: unknown): Record<number, Decimal> {
  const out: Record<number, Decimal> = {};
  for (const [k, v] of Object.entries(obj(value))) {
    const r = rowNumber(k);
    if (r === undefined) continue;
    const d = b.amount(joinPath(path, k), v);
    if (d !== undefined) out[r] = d;
  }
  return out;
}

/** The last 行次 of 04表's left side (the canonical form file's `split`): rows up to it hold one amount. */
const T04_LEFT_LAST = fiscalTotalsRows(canonicalTable('T04')).leftLast;

const CANONICAL_KEYS = new Set(['T01', 'T02', 'T03', 'T04', 'T05', 'TGF', 'TSOE', 'T06', 'T3G']);

function readTables(b: Builder, value: unknown): Tables {
  const t = obj(value);
  const tables: { -readonly [K in keyof Tables]: Tables[K] } = {};
  if (t.T01 != null) tables.T01 = readRows(b, 'tables.T01', t.T01);
  for (const key of ['T02', 'T03', 'T05', 'TGF', 'TSOE'] as CodeTableKey[]) {
    const table = readCodeTable(b, `tables.${key}`, t[key]);
    if (table) tables[key] = table;
  }
  if (t.T04 != null) {
    const left: Record<number, Decimal> = {};
    const right: Record<number, Record<number, Decimal>> = {};
    for (const [k, v] of Object.entries(obj(t.T04))) {
      const r = rowNumber(k);
      if (r === undefined) continue;
      const p = joinPath('tables.T04', k);
      if (r <= T04_LEFT_LAST) {
        const d = b.amount(p, v);
        if (d !== undefined) left[r] = d;
      } else right[r] = readCells(b, p, v);
    }
    tables.T04 = { left, right };
  }
  if (t.T06 != null) {
    const items: Record<string, Decimal> = {};
    let personnelTotal: Decimal | undefined;
    let operatingTotal: Decimal | undefined;
    for (const [k, v] of Object.entries(obj(t.T06))) {
      const p = joinPath('tables.T06', k);
      if (k === 'personnelTotal') personnelTotal = b.amount(p, v);
      else if (k === 'operatingTotal') operatingTotal = b.amount(p, v);
      else if (/^\d+$/.test(k)) {
        const d = b.amount(p, v);
        if (d !== undefined) items[k] = d;
      }
    }
    tables.T06 = { items, ...(personnelTotal ? { personnelTotal } : {}), ...(operatingTotal ? { operatingTotal } : {}) };
  }
  if (t.T3G != null) {
    const rows: Record<number, Record<number, Decimal>> = {};
    for (const [k, v] of Object.entries(obj(t.T3G))) {
      const r = rowNumber(k);
      if (r !== undefined) rows[r] = readCells(b, joinPath('tables.T3G', k), v);
    }
    tables.T3G = rows;
  }
  // every other table key: held generically (row → column); the form says which exist (validate FORM-FIT)
  const generic: Record<string, GenericTable> = {};
  for (const [key, value] of Object.entries(t)) {
    if (CANONICAL_KEYS.has(key) || value == null || !/^[A-Z][A-Z0-9]*$/.test(key)) continue;
    const rows: Record<string, Cells> = {};
    for (const [k, v] of Object.entries(obj(value))) {
      const p = joinPath(`tables.${key}`, k);
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) rows[k] = readCells(b, p, v);
      else {
        const d = b.amount(p, v);
        if (d !== undefined) rows[k] = { 1: d };
      }
    }
    generic[key] = rows;
  }
  if (Object.keys(generic).length) tables.generic = generic;
  return tables;
}

/** formFields: a whole number is a count (checked as counts are), anything else a text; blanks are left out. */
function readFormFields(b: Builder, value: unknown): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const [k, v] of Object.entries(obj(value))) {
    const got = typeof v === 'number' ? b.count(joinPath('formFields', k), v) : b.text(v);
    if (got !== undefined) out[k] = got;
  }
  return out;
}

/** Texts by key (explanations.incomeLines); a blank text is left out. */
function readKeyedTexts(b: Builder, value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj(value))) {
    const s = b.text(v);
    if (s !== undefined) out[k] = s;
  }
  return out;
}

/** Amounts by key (priorYear.incomeLines: { generalBudget: …, other: … }); a blank amount is left out. */
function readKeyedAmounts(b: Builder, path: string, value: unknown): Record<string, Decimal> {
  const out: Record<string, Decimal> = {};
  for (const [k, v] of Object.entries(obj(value))) {
    const d = b.amount(joinPath(path, k), v);
    if (d !== undefined) out[k] = d;
  }
  return out;
}

function readThreePublicRows(b: Builder, path: string, value: unknown): ThreePublicRows | undefined {
  return value == null ? undefined : readRows(b, path, value);
}

function readIndicators(b: Builder, path: string, value: unknown, withScore: boolean): Indicator[] {
  return arr(value).map((raw, i) => {
    const p = joinPath(path, i);
    const o = obj(raw);
    const ind: { -readonly [K in keyof Indicator]: Indicator[K] } = {};
    for (const key of ['level1', 'level2', 'name', 'unit', 'deviation'] as const) {
      const s = b.text(o[key]);
      if (s !== undefined) ind[key] = s;
    }
    const op = o.operator === null || o.operator === undefined ? undefined : String(o.operator).trim();
    if (op) ind.operator = op;
    const target = b.indicatorValue(joinPath(p, 'target'), o.target);
    if (target) ind.target = target;
    const actual = b.indicatorValue(joinPath(p, 'actual'), o.actual);
    if (actual) ind.actual = actual;
    if (withScore) {
      const weight = b.decimal(joinPath(p, 'weight'), o.weight);
      if (weight) ind.weight = weight;
      const score = b.decimal(joinPath(p, 'score'), o.score);
      if (score) ind.score = score;
    }
    return ind;
  });
}

function readFund(b: Builder, path: string, value: unknown, unit: 'yuan' | 'wan'): FundFigures | undefined {
  if (value === null || value === undefined) return undefined;
  const o = obj(value);
  const f: { -readonly [K in keyof FundFigures]: FundFigures[K] } = {};
  for (const key of ['initialBudget', 'annualBudget', 'executed'] as const) {
    const d = b.amount(joinPath(path, key), o[key], unit);
    if (d !== undefined) f[key] = d;
  }
  return f;
}

function readProject(b: Builder, path: string, value: unknown, unit: 'yuan' | 'wan'): ProjectEvaluation {
  const o = obj(value);
  const funds: Partial<Record<FundRow, FundFigures>> = {};
  for (const row of ['total', 'currentFiscal', 'priorCarryover', 'other'] as FundRow[]) {
    const f = readFund(b, joinPath(joinPath(path, 'funds'), row), obj(o.funds)[row], unit);
    if (f) funds[row] = f;
  }
  const dec = (key: string) => b.decimal(joinPath(path, key), o[key]);
  const sub = obj(o.indicatorSubtotal);
  const goals = obj(o.goals);
  const p: ProjectEvaluation = {
    name: b.text(o.name),
    competentDept: b.text(o.competentDept),
    implementingUnit: b.text(o.implementingUnit),
    funds,
    otherFundsLabel: o.otherFundsLabel === '非财政拨款' ? '非财政拨款' : o.otherFundsLabel === '其他资金' ? '其他资金' : undefined,
    fundsRemark: b.text(o.fundsRemark),
    rateWeight: dec('rateWeight'),
    rate: dec('rate'),
    rateScore: dec('rateScore'),
    goals: { expected: b.text(goals.expected), actual: b.text(goals.actual) },
    indicatorSubtotal:
      o.indicatorSubtotal == null
        ? undefined
        : { weight: b.decimal(joinPath(path, 'indicatorSubtotal.weight'), sub.weight), score: b.decimal(joinPath(path, 'indicatorSubtotal.score'), sub.score) },
    indicators: readIndicators(b, joinPath(path, 'indicators'), o.indicators, true),
    otherNotes: b.text(o.otherNotes),
    totalScore: dec('totalScore'),
    grade: b.text(o.grade),
    notes: b.text(o.notes),
  };
  return stripUndefined(p);
}

const BUDGET_ROWS: readonly DepartmentBudgetRow[] = ['total', 'basic', 'project', 'currentFiscal', 'priorCarryover', 'nonFiscal'];

/**
 * 部门预算资金（元） block of the 2024 部门整体支出绩效自评表 (evaluation.md §1.2): each row's amounts
 * in the section's unit (converted to 元); 预算调整数 may be negative (D-NONNEG exempts it).
 */
function readDepartmentBudget(b: Builder, path: string, value: unknown, unit: 'yuan' | 'wan'): DepartmentEvaluation['budget'] {
  if (value === null || value === undefined) return undefined;
  const o = obj(value);
  const out: Partial<Record<DepartmentBudgetRow, DepartmentBudgetFigures>> = {};
  for (const row of BUDGET_ROWS) {
    if (o[row] === null || o[row] === undefined) continue;
    const r = obj(o[row]);
    const rp = joinPath(path, row);
    out[row] = stripUndefined({
      initialBudget: b.amount(joinPath(rp, 'initialBudget'), r.initialBudget, unit),
      adjustment: b.amount(joinPath(rp, 'adjustment'), r.adjustment, unit, true),
      finalBudget: b.amount(joinPath(rp, 'finalBudget'), r.finalBudget, unit, true),
      executed: b.amount(joinPath(rp, 'executed'), r.executed, unit),
      rate: b.decimal(joinPath(rp, 'rate'), r.rate),
      remark: b.text(r.remark),
    });
  }
  return out;
}

function readDepartmentEvaluation(b: Builder, path: string, value: unknown, unit: 'yuan' | 'wan'): DepartmentEvaluation | undefined {
  if (value === null || value === undefined) return undefined;
  const o = obj(value);
  const total = obj(o.taskTotal);
  return stripUndefined({
    budget: readDepartmentBudget(b, joinPath(path, 'budget'), o.budget, unit),
    annualGoal: b.text(o.annualGoal),
    name: b.text(o.name),
    duties: b.text(o.duties),
    overallGoal: b.text(o.overallGoal),
    annualGoals: arr(o.annualGoals).map((g, i) => {
      const go = obj(g);
      return stripUndefined({ year: b.count(joinPath(joinPath(path, 'annualGoals'), i) + '.year', go.year), goal: b.text(go.goal), actual: b.text(go.actual) });
    }),
    tasks: arr(o.tasks).map((t, i) => {
      const to = obj(t);
      const tp = joinPath(joinPath(path, 'tasks'), i);
      return stripUndefined({
        name: b.text(to.name),
        level: b.text(to.level),
        content: b.text(to.content),
        total: b.amount(joinPath(tp, 'total'), to.total, unit),
        fiscal: b.amount(joinPath(tp, 'fiscal'), to.fiscal, unit),
        other: b.amount(joinPath(tp, 'other'), to.other, unit),
        actual: b.amount(joinPath(tp, 'actual'), to.actual, unit),
        rate: b.decimal(joinPath(tp, 'rate'), to.rate),
        reason: b.text(to.reason),
      });
    }),
    taskTotal:
      o.taskTotal == null
        ? undefined
        : stripUndefined({
            total: b.amount(`${path}.taskTotal.total`, total.total, unit),
            fiscal: b.amount(`${path}.taskTotal.fiscal`, total.fiscal, unit),
            other: b.amount(`${path}.taskTotal.other`, total.other, unit),
            actual: b.amount(`${path}.taskTotal.actual`, total.actual, unit),
            rate: b.decimal(`${path}.taskTotal.rate`, total.rate),
          }),
    indicators: readIndicators(b, joinPath(path, 'indicators'), o.indicators, false),
    otherNotes: b.text(o.otherNotes),
  });
}

function readSelfEvaluation(b: Builder, value: unknown): SelfEvaluation | undefined {
  if (value === null || value === undefined) return undefined;
  const o = obj(value);
  const unit: 'yuan' | 'wan' = o.amountUnit === '万元' ? 'wan' : 'yuan';
  const report: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj(o.report))) {
    const s = b.text(v);
    if (s !== undefined) report[k] = s;
  }
  return stripUndefined({
    amountUnit: unit,
    ...(Object.keys(report).length ? { report } : {}),
    department: readDepartmentEvaluation(b, 'selfEvaluation.department', o.department, unit),
    projects: arr(o.projects).map((p, i) => readProject(b, joinPath('selfEvaluation.projects', i), p, unit)),
  });
}

/** Whether the file holds anything to publish: a table, or a self-evaluation with a department or project. */
function hasContent(ds: Dataset): boolean {
  const se = ds.selfEvaluation;
  return Object.keys(ds.tables).length > 0 || Boolean(se && (se.department || se.projects.length > 0));
}

function stripUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

export function buildDataset(tree: YamlTree, file: string): { dataset: Dataset; findings: Finding[] } {
  const b = new Builder(tree);
  const root = obj(tree.plain);
  const dep = obj(root.department);
  const ov = obj(root.overview);
  const org = obj(ov.organization);
  const prior = obj(root.priorYear);
  const budget = obj(root.budget);
  const expl = obj(root.explanations);
  const tpd = root.threePublicDetails == null ? undefined : obj(root.threePublicDetails);
  const proc = root.procurement == null ? undefined : obj(root.procurement);
  const assets = root.assets == null ? undefined : obj(root.assets);
  const pm = root.performanceManagement == null ? undefined : obj(root.performanceManagement);
  const amt = (path: string, v: unknown) => b.amount(path, v);

  const items: Record<string, Decimal> = {};
  for (const [code, v] of Object.entries(obj(budget.items))) {
    const d = amt(`budget.items.${code}`, v);
    if (d !== undefined) items[code] = d;
  }
  const reasons: Record<string, string> = {};
  for (const [code, v] of Object.entries(obj(expl.items))) {
    const s = b.text(v);
    if (s !== undefined) reasons[code] = s;
  }
  const explanationTexts: Record<string, string> = {};
  for (const [k, v] of Object.entries(expl)) {
    if (k === 'items' || k === 'incomeLines') continue;
    const s = b.text(v);
    if (s !== undefined) explanationTexts[k] = s;
  }

  const dataset: Dataset = stripUndefined({
    file,
    department: stripUndefined({
      name: b.text(dep.name) ?? '',
      shortName: b.text(dep.shortName),
      // a code typed as a plain number keeps its leading zeros (the source text, not the number)
      code: b.text(typeof dep.code === 'number' ? (b.rawText('department.code') ?? dep.code) : dep.code),
      reportDate: b.date('department.reportDate', dep.reportDate),
      year: typeof dep.year === 'number' ? dep.year : 0,
      scope: dep.scope === '汇总' ? ('汇总' as const) : dep.scope === '本级' ? ('本级' as const) : undefined,
      profile: b.text(dep.profile),
      units: arr(dep.units).map((u) => {
        const uo = obj(u);
        const kind = uo.kind;
        return stripUndefined({
          name: b.text(uo.name) ?? '',
          kind: kind === '行政单位' || kind === '参公事业单位' || kind === '其他事业单位' ? kind : undefined,
        });
      }),
    }),
    overview:
      root.overview == null
        ? undefined
        : stripUndefined({
            functions: b.text(ov.functions),
            keyWork: b.text(ov.keyWork),
            organization:
              ov.organization == null
                ? undefined
                : stripUndefined({
                    subordinateUnits: b.count('overview.organization.subordinateUnits', org.subordinateUnits),
                    administrative: b.count('overview.organization.administrative', org.administrative),
                    civilServiceManaged: b.count('overview.organization.civilServiceManaged', org.civilServiceManaged),
                    publicInstitution: b.count('overview.organization.publicInstitution', org.publicInstitution),
                  }),
          }),
    tables: readTables(b, root.tables),
    priorYear: stripUndefined({
      totalIncomeExpenditure: amt('priorYear.totalIncomeExpenditure', prior.totalIncomeExpenditure),
      totalIncome: amt('priorYear.totalIncome', prior.totalIncome),
      totalExpenditure: amt('priorYear.totalExpenditure', prior.totalExpenditure),
      incomeLines: prior.incomeLines == null ? undefined : readKeyedAmounts(b, 'priorYear.incomeLines', prior.incomeLines),
      appropriationTotal: amt('priorYear.appropriationTotal', prior.appropriationTotal),
      generalExpenditure: amt('priorYear.generalExpenditure', prior.generalExpenditure),
      threePublic: readThreePublicRows(b, 'priorYear.threePublic', prior.threePublic),
      threePublicBudget: readThreePublicRows(b, 'priorYear.threePublicBudget', prior.threePublicBudget),
      agencyOperation: amt('priorYear.agencyOperation', prior.agencyOperation),
    }),
    budget: stripUndefined({
      initial: amt('budget.initial', budget.initial),
      ownFunds: amt('budget.ownFunds', budget.ownFunds),
      adjusted: amt('budget.adjusted', budget.adjusted),
      generalExpenditure: amt('budget.generalExpenditure', budget.generalExpenditure),
      items,
    }),
    formFields: root.formFields == null ? undefined : readFormFields(b, root.formFields),
    explanations: { ...explanationTexts, items: reasons, ...(expl.incomeLines == null ? {} : { incomeLines: readKeyedTexts(b, expl.incomeLines) }) },
    threePublicDetails: tpd && {
      vehiclePurchases: Object.fromEntries(
        Object.entries(obj(tpd.vehiclePurchases)).map(([k, v]) => [
          k,
          { count: b.count(`threePublicDetails.vehiclePurchases.${k}.count`, obj(v).count) ?? 0, amount: amt(`threePublicDetails.vehiclePurchases.${k}.amount`, obj(v).amount) ?? new Decimal(0) },
        ]),
      ),
      fleet: arr(tpd.fleet).map((f, i) => ({ type: b.text(obj(f).type) ?? '', count: b.count(`threePublicDetails.fleet[${i}].count`, obj(f).count) ?? 0 })),
      vehicleUse: b.text(tpd.vehicleUse),
      receptionUse: b.text(tpd.receptionUse),
      receptionItems: arr(tpd.receptionItems).map((r, i) => ({
        purpose: b.text(obj(r).purpose) ?? '',
        amount: amt(`threePublicDetails.receptionItems[${i}].amount`, obj(r).amount) ?? new Decimal(0),
      })),
    },
    procurement:
      proc &&
      stripUndefined({
        goods: amt('procurement.goods', proc.goods),
        works: amt('procurement.works', proc.works),
        services: amt('procurement.services', proc.services),
        smeContracts: amt('procurement.smeContracts', proc.smeContracts),
        microContracts: amt('procurement.microContracts', proc.microContracts),
        use: b.text(proc.use),
      }),
    assets:
      assets &&
      stripUndefined({
        vehicles: Object.fromEntries(Object.entries(obj(assets.vehicles)).map(([k, v]) => [k, b.count(`assets.vehicles.${k}`, v) ?? 0])),
        otherVehicleUse: b.text(assets.otherVehicleUse),
        generalEquipment50: b.count('assets.generalEquipment50', assets.generalEquipment50),
        specialEquipment100: b.count('assets.specialEquipment100', assets.specialEquipment100),
      }),
    performanceManagement:
      pm &&
      stripUndefined({
        preAssessed:
          pm.preAssessed == null
            ? undefined
            : stripUndefined({
                count: b.count('performanceManagement.preAssessed.count', obj(pm.preAssessed).count),
                projects: arr(obj(pm.preAssessed).projects).map((p) => b.text(p) ?? ''),
              }),
        monitored: b.count('performanceManagement.monitored', pm.monitored),
        selfEvaluated: b.count('performanceManagement.selfEvaluated', pm.selfEvaluated),
        departmentConclusion: b.text(pm.departmentConclusion),
        ownEvaluations:
          pm.ownEvaluations == null
            ? undefined
            : stripUndefined({ count: b.count('performanceManagement.ownEvaluations.count', obj(pm.ownEvaluations).count), conclusion: b.text(obj(pm.ownEvaluations).conclusion) }),
      }),
    glossary: root.glossary == null ? undefined : stripUndefined({ otherIncome: b.text(obj(root.glossary).otherIncome) }),
    selfEvaluation: readSelfEvaluation(b, root.selfEvaluation),
    annexes: readAnnexes(b, root.annexes),
    sources: tree.sources,
  });
  if (!hasContent(dataset)) {
    b.findings.push({
      ruleId: 'IN-EMPTY',
      severity: 'error',
      message: '文件中没有可公开的内容（没有公开表 tables，也没有绩效自评 selfEvaluation），不能生成空的材料',
      location: tree.sources['department#key'] ?? tree.sources['department'] ?? { file, line: 1, column: 1 },
      note: '请在 department 之后填写 tables（公开表）或 selfEvaluation（绩效自评），格式见 docs/input-format.md',
    });
  }
  return { dataset, findings: b.findings };
}
