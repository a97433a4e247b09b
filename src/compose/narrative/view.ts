// The data the narrative templates see: the report model's figures (Money, Change, Completion as
// derive computed them), the department's texts, and the lists the sentences enumerate. Choosing
// which items a sentence lists (non-zero items, in table order) happens here; numbers are never
// computed here, and never in a template.
import { ZERO, type Decimal } from '../../model/decimal.js';
import { functionalName, type SubjectDictionary } from '../../model/dictionary.js';
import type { Assets, PerformanceManagement } from '../../model/dataset.js';
import type { ReportModel } from '../../model/report.js';
import { canonicalTable } from '../../forms/canonical.js';
import { economicGroups } from '../../forms/layout.js';
import { classStem } from '../../derive/index.js';
import type { ProfileSettings } from '../profile.js';
import { fillIn, MARKUP_CHARS } from './markup.js';

export interface GlossaryEntry {
  readonly term: string;
  readonly definition: string;
}

/**
 * The 名词解释 of the income and balance lines (narrative.md A.6 group 1), in 01表 order: which
 * figures (by income line key, figures income.lines, or by balance) make the term appear.
 */
const INCOME_TERMS: readonly { readonly key: string; readonly present: (m: ReportModel) => boolean }[] = [
  { key: 'appropriationIncome', present: (m) => m.income.parts.some((p) => ['generalBudget', 'govFund', 'stateCapital'].includes(p.key)) },
  { key: 'superiorSubsidy', present: (m) => m.income.parts.some((p) => p.key === 'superiorSubsidy') },
  { key: 'businessIncome', present: (m) => m.income.parts.some((p) => p.key === 'business') },
  { key: 'operatingIncome', present: (m) => m.income.parts.some((p) => p.key === 'operating') },
  { key: 'affiliatedRemittance', present: (m) => m.income.parts.some((p) => p.key === 'affiliated') },
  { key: 'otherIncome', present: (m) => m.income.parts.some((p) => p.key === 'other') },
  { key: 'useNonFiscalBalance', present: (m) => !m.carryover.nonFiscalBalance.yuan.isZero() },
  { key: 'carryoverBegin', present: (m) => !m.carryover.begin.yuan.isZero() },
  { key: 'balanceDistribution', present: (m) => !m.carryover.balanceDistribution.yuan.isZero() },
  { key: 'carryoverEnd', present: (m) => !m.carryover.end.yuan.isZero() },
];

/** 第三部分 名词解释 (narrative.md A.6): income lines that are non-zero, the 项 of 五（三）, the fixed terms. */
export function glossary(model: ReportModel, dict: SubjectDictionary, profile?: ProfileSettings['glossary'], scope: 'gpb' | 'all' = 'gpb', placeholderPrefix?: string): GlossaryEntry[] {
  const byKey = new Map(dict.glossary.map((g) => [g.key, g]));
  const out: GlossaryEntry[] = [];
  for (const t of INCOME_TERMS) {
    if (!t.present(model)) continue;
    const g = byKey.get(t.key);
    if (!g) continue;
    const extra = t.key === 'otherIncome' ? oneLine((model.dataset.glossary?.otherIncome ?? '').replace(MARKUP_CHARS, '')) : '';
    out.push({ term: g.term, definition: `${g.definition}${extra}` });
  }
  // gpb: the 项 of 五（三）, in its order; all: every 项 with spending in 03表
  const items = scope === 'all' ? model.tables.T03.rows.filter((r) => r.level === 'item' && !r.cells[1]!.isZero()).map((r) => r.code) : model.generalItems.map((i) => i.code);
  const name = (code: string) => {
    const given = model.tables.T05.byCode.get(code)?.name ?? model.tables.T03.byCode.get(code)?.name;
    const s = dict.functional.get(code);
    return given ?? (s ? functionalName(s, model.year) : code);
  };
  for (const code of items) {
    const [cls, sec, it] = [code.slice(0, 3), code.slice(0, 5), code].map(name);
    const subject = dict.functional.get(code);
    out.push({ term: `${classStem(cls!)}（类）${sec}（款）${it}（项）`, definition: subject?.definition ?? fillIn(`glossary.${code}`, placeholderPrefix) });
  }
  out.push(...(profile?.add ?? []));
  for (const g of dict.glossary.filter((x) => x.group === 'fixed')) out.push({ term: g.term, definition: g.definition });
  // a profile may reword any entry by its term (a city's own wording of 机关运行经费 …)
  return out.map((e) => (profile?.reword?.[e.term] ? { ...e, definition: profile.reword[e.term]! } : e));
}

/**
 * Names of the non-zero 06表 items of one kind, in 06表 order (六、基本支出 “主要包括”): the groups of
 * the canonical 06表 (the form file's `groups`; the dataset's T06 items follow it).
 */
function economicNames(model: ReportModel, dict: SubjectDictionary, kind: 'personnel' | 'operating'): string {
  const items = model.tables.T06.items;
  return economicGroups(canonicalTable('T06')).filter((g) => g.kind === kind)
    .flatMap((g) => g.items)
    .filter((code) => items[code] && !items[code]!.isZero())
    .map((code) => dict.economic.get(code)?.name ?? code)
    .join('、');
}

function paragraphs(text: string | undefined): string[] {
  return (text ?? '').split(/\n\s*\n|\n/).map((p) => p.trim()).filter(Boolean);
}

/** A vehicle type bought in no number: the sentence still names it (轿车0辆、金额0.00万元). */
const NO_PURCHASE = { count: 0, amount: { yuan: ZERO, wan: ZERO } } as const;

const nonZero = <T extends { amount: { yuan: Decimal } }>(xs: readonly T[]) => xs.filter((x) => !x.amount.yuan.isZero());

/** A text put into one line of the markup: its line breaks go (Chinese needs no space for them). */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, '');
}

/** Every string of the view on one line; Decimals and other objects are kept as they are. */
function flatten<T>(v: T): T {
  // user text never carries the placeholder markup: brackets typed by a user print as typed
  if (typeof v === 'string') return oneLine(v.replace(MARKUP_CHARS, '')) as T;
  if (Array.isArray(v)) return v.map(flatten) as T;
  if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, flatten(x)])) as T;
  }
  return v;
}

/** 十（三）: every count the sentence names, 0 when left blank. */
function assetsView(assets: Assets, vehicleTotal: number | undefined) {
  const v = assets.vehicles ?? {};
  return {
    ...assets,
    vehicles: { leaders: v.leaders ?? 0, confidential: v.confidential ?? 0, emergency: v.emergency ?? 0, other: v.other ?? 0, special: v.special ?? 0 },
    generalEquipment50: assets.generalEquipment50 ?? 0,
    specialEquipment100: assets.specialEquipment100 ?? 0,
    vehicleTotal: vehicleTotal ?? 0,
  };
}

/** 十（四）: every count the sentence names, 0 when left blank. */
function performanceView(pm: PerformanceManagement) {
  return {
    ...pm,
    preAssessed: { count: pm.preAssessed?.count ?? 0, projects: pm.preAssessed?.projects ?? [] },
    monitored: pm.monitored ?? 0,
    selfEvaluated: pm.selfEvaluated ?? 0,
    ownEvaluations: pm.ownEvaluations && { ...pm.ownEvaluations, count: pm.ownEvaluations.count ?? 0 },
  };
}

/** The four 三公 items of 自评情况 （五） in its order, each with its change and the key of its reason. */
function threePublicItemChanges(t3: ReportModel['threePublic']) {
  const items = (
    [
      ['abroad', '因公出国（境）费', 'abroadChange'],
      ['reception', '公务接待费', 'receptionChange'],
      ['vehicleOperation', '公务用车运行维护费', 'vehicleChange'],
      ['vehiclePurchase', '公务用车购置费', 'vehicleChange'],
    ] as const
  ).map(([key, label, reasonKey]) => {
    const change = t3.items[key].change;
    const changed = !t3.items[key].amount.yuan.isZero() && change !== undefined && change.direction !== 'flat';
    return { label, amount: t3.items[key].amount, zero: t3.items[key].amount.yuan.isZero(), change, changed, reasonKey: reasonKey as string | undefined };
  });
  const lastVehicle = items.map((x, i) => (x.reasonKey === 'vehicleChange' && x.changed ? i : -1)).filter((i) => i >= 0).pop();
  return items.map((x, i) => ({ ...x, reasonKey: x.changed && (x.reasonKey !== 'vehicleChange' || i === lastVehicle) ? x.reasonKey : undefined }));
}

export function narrativeView(model: ReportModel, dict: SubjectDictionary, settings?: ProfileSettings) {
  // the glossary holds placeholders of its own (a definition the dictionary lacks): it is not user text
  return { ...flatten(buildView(model, dict, settings)), glossary: glossary(model, dict, settings?.glossary, settings?.glossaryScope, settings?.placeholderPrefix).map((g, i) => ({ ...g, no: i + 1 })) };
}

function buildView(model: ReportModel, dict: SubjectDictionary, settings?: ProfileSettings) {
  const ds = model.dataset;
  const dep = ds.department;
  const org = ds.overview?.organization;
  const units = dep.units.map((u, i) => ({ no: i + 1, name: u.name }));
  const t3 = model.threePublic;
  const counts = t3.counts;
  return {
    dept: dep.name,
    short: dep.shortName ?? dep.name,
    year: model.year,
    prior: model.priorYear,
    // 本级, 汇总, or '' when not given (templates compare it: isEq needs a value)
    scope: dep.scope ?? '',
    functions: paragraphs(ds.overview?.functions),
    keyWork: paragraphs(ds.overview?.keyWork),
    // a count the department left blank is 0, as on the table
    org: org && org.subordinateUnits !== undefined ? { ...org, administrative: org.administrative ?? 0, civilServiceManaged: org.civilServiceManaged ?? 0, publicInstitution: org.publicInstitution ?? 0 } : undefined,
    units,
    model,
    // the counts and texts the form asks beyond the tables (formFields), by name; absent when not given
    fields: model.fields,
    // each income line with its change against last year (when priorYear.incomeLines gives it)
    incomeParts: (settings?.listZeroItems.income ? model.income.parts : nonZero(model.income.parts)).map((p) => ({ ...p, ...(model.incomeLineChanges[p.key] ? { change: model.incomeLineChanges[p.key] } : {}) })),
    expenditureParts: settings?.listZeroItems.expenditure === false ? nonZero(model.expenditure.parts) : model.expenditure.parts,
    generalItems: model.generalItems.map((it, i) => ({ ...it, no: i + 1, label: `${classStem(it.path[0]!)}（类）${it.path[1]}（款）${it.path[2]}（项）` })),
    personnelNames: economicNames(model, dict, 'personnel'),
    operatingNames: economicNames(model, dict, 'operating'),
    threePublic: {
      ...t3,
      groups: counts.groups,
      travellers: counts.travellers,
      purchased: counts.purchased,
      fleetSize: counts.fleetSize,
      domesticBatches: counts.domesticBatches,
      domesticPeople: counts.domesticPeople,
      foreignBatches: counts.foreignAffairsBatches,
      foreignPeople: counts.foreignAffairsPeople,
    },
    // optional parts the templates read into are always there (templates are strict about paths)
    details: ds.threePublicDetails ?? { fleet: [] },
    purchases: model.vehiclePurchases && { sedan: model.vehiclePurchases.sedan ?? NO_PURCHASE, suv: model.vehiclePurchases.suv ?? NO_PURCHASE, bus: model.vehiclePurchases.bus ?? NO_PURCHASE },
    fleet: ds.threePublicDetails?.fleet ?? [],
    receptionItems: model.receptionItems,
    procurement: model.procurement,
    procurementUse: ds.procurement?.use,
    assets: ds.assets && assetsView(ds.assets, model.vehicleTotal),
    performance: ds.performanceManagement && performanceView(ds.performanceManagement),
    projects: model.projects.map((p, i) => ({ ...p, no: i + 1, actual: ds.selfEvaluation?.projects[i]?.goals?.actual })),
    hasEvaluation: Boolean(ds.selfEvaluation && (ds.selfEvaluation.report || ds.selfEvaluation.department || ds.selfEvaluation.projects.length)),
    // the department file has the 附件 data a profile's annexes print (compose/annex)
    hasAnnexes: ds.annexes !== undefined,
    report: Object.fromEntries(Object.entries(ds.selfEvaluation?.report ?? {}).map(([k, v]) => [k, paragraphs(v)])),
    spendingParts: nonZero(model.expenditure.parts),
    // 自评情况 （五） names the items in this order, unlike the table (narrative.md B.2); each changed
    // item carries its own reason (the two vehicle items share one: after the last that changed)
    itemChanges: threePublicItemChanges(t3),
  };
}

export type NarrativeView = ReturnType<typeof buildView>;
