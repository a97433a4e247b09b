// The figures of the annexes (附件1 部门预算整体绩效自评报告, 附件2 项目支出绩效自评报告; narrative.md
// A.7): every 万元 amount is roundHalfUp(元 / 10000, 2) of its own 元 value (derive/money.ts); every
// share and rate is roundHalfUp(part / base × 100, 2) of its own exact value, never plugged.
//   F1 固定资产 shares: item / 净值 (rules.md N-FA).
//   F3 counts: 共计 n 个项目 = the items, 实际完成 m = those not marked completed: false.
//   F5 支出完成率 = 支出 / 金额 (支出 absent = the whole amount).
//   三、1 年初预算安排财政拨款收入 = 基本支出 + 项目支出 (the department's own figures).
//   附件2 资金到位 = Σ sources; 得分表 总分 = Σ 三级得分, 等级 by the profile's grade bands (rules.md §3.4).
import { Decimal, ZERO, round, sum } from '../model/decimal.js';
import type { AnnexItem, Annexes, DepartmentAnnex, GoalList, ProjectAnnex, ScoreNode } from '../model/annexes.js';
import type { Money } from '../model/report.js';
import { gradeOf, type GradeBand } from './evaluation.js';
import { money } from './money.js';

/** An amount with its share of a base (%, 2 decimals). */
export interface Share {
  readonly amount: Money;
  readonly percent: Decimal;
}

/** roundHalfUp(part / base × 100, 2); 0 when the base is 0. */
export function percentOf(part: Decimal, base: Decimal): Decimal {
  return base.isZero() ? ZERO : round(part.div(base).times(100));
}

/** F1: the 固定资产 figures; `special`/`special100` are absent when zero (printed 无专用设备 …). */
export interface FixedAssetFigures {
  readonly includes?: string;
  readonly original: Money;
  readonly net: Money;
  readonly land: Share;
  readonly buildings: Share;
  readonly general: Share;
  readonly vehicles: Share;
  readonly equipment50: Share;
  readonly special?: Share;
  readonly special100?: Share;
  readonly furniture: Share;
}

export interface ItemFigures {
  readonly no: number;
  readonly name: string;
  readonly code?: string;
  readonly amount: Money;
  /** F3: false prints （未完成）. */
  readonly completed: boolean;
}

export interface BasicFigures {
  readonly name?: string;
  readonly total: Money;
  readonly personnel: Money;
  readonly operating: Money;
  readonly items: readonly ItemFigures[];
}

export interface SpecialFigures {
  readonly no: number;
  readonly name: string;
  readonly amount: Money;
  readonly spent: Money;
  /** Present when the department gave 结转: the sentence names 支出 and 结转. */
  readonly carried?: Money;
  /** 支出完成率 (%). */
  readonly rate: Decimal;
}

export interface GoalFigures {
  readonly count: number;
  readonly completed: number;
  readonly items: readonly { readonly no: number; readonly name: string; readonly text?: string }[];
}

/** 附件1 as the template reads it (`annex`). */
export interface DepartmentAnnexFigures {
  readonly functions?: string;
  readonly fixedAssets?: FixedAssetFigures;
  /** The department's own 基本支出 arrangement. */
  readonly basic?: BasicFigures;
  /** The sub-units' (其中：…). */
  readonly subUnits: readonly BasicFigures[];
  readonly projects?: { readonly total: Money; readonly count: number; readonly completed: number; readonly items: readonly ItemFigures[]; readonly note?: string };
  /** 三、1: 年初预算安排财政拨款收入 = 基本 + 项目. */
  readonly initialTotal?: Money;
  readonly supplementary?: { readonly amount: Money; readonly kind?: string; readonly units: readonly { readonly name: string; readonly amount: Money }[] };
  readonly special: readonly SpecialFigures[];
  readonly cityGoals?: GoalFigures;
  readonly upperGoals?: GoalFigures;
  readonly texts: Readonly<Partial<Record<'fundNotes' | 'initialGoals' | 'satisfaction' | 'otherNotes' | 'conclusion' | 'deviationReasons' | 'improvements', string>>>;
}

/** One row of the 得分表 as printed: the 三级 row with its 一级/二级 (their spans start here). */
export interface ScoreRow {
  readonly level1?: { readonly label: string; readonly span: number };
  readonly level2?: { readonly label: string; readonly span: number };
  readonly name: string;
  /** Text as printed ('' for an optional row not chosen). */
  readonly weight: string;
  readonly score: string;
}

export interface ScoreSheet {
  readonly unitProject: string;
  readonly rows: readonly ScoreRow[];
  /** Σ 三级得分. */
  readonly total: Decimal;
  /** `total` as printed (94). */
  readonly totalText: string;
  readonly grade: string;
}

/** 附件2 of one project as the template reads it (`annex`). */
export interface ProjectAnnexFigures extends Omit<ProjectAnnex, 'goals' | 'sources' | 'arrived' | 'scores' | 'totalScore'> {
  readonly goals: readonly { readonly no: number; readonly text: string }[];
  readonly sources: readonly { readonly name: string; readonly amount: Money }[];
  /** 资金到位 = Σ sources. */
  readonly arrived: Money;
  readonly scoreSheet: ScoreSheet;
}

const m0 = (d: Decimal | undefined): Money => money(d ?? ZERO);

function share(part: Decimal | undefined, base: Decimal): Share {
  return { amount: m0(part), percent: percentOf(part ?? ZERO, base) };
}

function itemFigures(items: readonly AnnexItem[]): ItemFigures[] {
  return items.map((it, i) => ({ no: i + 1, name: it.name, ...(it.code ? { code: it.code } : {}), amount: m0(it.amount), completed: it.completed !== false }));
}

function goalFigures(g: GoalList | undefined): GoalFigures | undefined {
  if (!g) return undefined;
  return {
    count: g.items.length,
    completed: g.items.filter((i) => i.completed !== false).length,
    items: g.items.map((it, i) => ({ no: i + 1, name: it.name, ...(it.text ? { text: it.text } : {}) })),
  };
}

/** A score or weight as printed: 94, 3.5 (no trailing zeros). */
export function scoreText(d: Decimal | undefined): string {
  return d === undefined ? '' : d.toString();
}

/** Leaves (三级 rows) of a 得分表 tree. */
export function leaves(nodes: readonly ScoreNode[]): ScoreNode[] {
  return nodes.flatMap((n) => (n.children.length ? leaves(n.children) : [n]));
}

/** A 一级/二级 label: （20分）项目决策, （特性指标70分）项目绩效 (evaluation.md §5; the cell wraps it). */
function levelLabel(n: ScoreNode): string {
  const weight = n.weightLabel ?? (n.weight !== undefined ? `${scoreText(n.weight)}分` : undefined);
  return weight ? `（${weight}）${n.name}` : n.name;
}

/** The printed rows, total and grade of a project's 得分表 (total = Σ 三级得分). */
export function scoreSheet(p: ProjectAnnex, shortName: string, bands: readonly GradeBand[]): ScoreSheet {
  const rows: ScoreRow[] = [];
  for (const l1 of p.scores) {
    const l2s = l1.children;
    const l1Span = l2s.reduce((n, l2) => n + Math.max(1, l2.children.length), 0) || 1;
    let firstOfL1 = true;
    for (const l2 of l2s.length ? l2s : [{ ...l1, name: '', children: [] as ScoreNode[] }]) {
      const l3s = l2.children.length ? l2.children : [l2];
      l3s.forEach((l3, k) => {
        rows.push({
          ...(firstOfL1 ? { level1: { label: levelLabel(l1), span: l1Span } } : {}),
          ...(k === 0 ? { level2: { label: l2 === l3 ? '' : levelLabel(l2), span: l3s.length } } : {}),
          name: l3 === l2 ? '' : l3.name,
          weight: scoreText(l3.weight),
          score: scoreText(l3.score),
        });
        firstOfL1 = false;
      });
    }
  }
  const total = sum(leaves(p.scores).map((n) => n.score));
  return { unitProject: p.unitProject ?? `${shortName}${p.name}`, rows, total, totalText: scoreText(total), grade: gradeOf(total, bands) };
}

/** 附件1's figures. */
export function departmentAnnexFigures(d: DepartmentAnnex, functions?: string): DepartmentAnnexFigures {
  const fa = d.fixedAssets;
  const net = fa?.net ?? ZERO;
  const nonZero = (v: Decimal | undefined) => v !== undefined && !v.isZero();
  const basics = d.basic.map((b) => ({
    ...(b.name ? { name: b.name } : {}),
    total: m0(b.total),
    personnel: m0(b.personnel),
    operating: m0(b.operating),
    items: itemFigures(b.items),
  }));
  const own = basics.find((b) => !b.name);
  const projectItems = d.projects ? itemFigures(d.projects.items) : [];
  const texts: Record<string, string> = {};
  for (const k of ['fundNotes', 'initialGoals', 'satisfaction', 'otherNotes', 'conclusion', 'deviationReasons', 'improvements'] as const) if (d[k]) texts[k] = d[k];
  return {
    ...(d.functions ?? functions ? { functions: d.functions ?? functions } : {}),
    ...(fa
      ? {
          fixedAssets: {
            ...(fa.includes ? { includes: fa.includes } : {}),
            original: m0(fa.original),
            net: m0(fa.net),
            land: share(fa.land, net),
            buildings: share(fa.buildings, net),
            general: share(fa.general, net),
            vehicles: share(fa.vehicles, net),
            equipment50: share(fa.equipment50, net),
            ...(nonZero(fa.special) ? { special: share(fa.special, net) } : {}),
            ...(nonZero(fa.special100) ? { special100: share(fa.special100, net) } : {}),
            furniture: share(fa.furniture, net),
          },
        }
      : {}),
    ...(own ? { basic: own } : {}),
    subUnits: basics.filter((b) => b.name),
    ...(d.projects
      ? {
          projects: {
            total: m0(d.projects.total),
            count: projectItems.length,
            completed: projectItems.filter((i) => i.completed).length,
            items: projectItems,
            ...(d.projects.note ? { note: d.projects.note } : {}),
          },
        }
      : {}),
    ...(own && d.projects ? { initialTotal: money(own.total.yuan.plus(d.projects.total ?? ZERO)) } : {}),
    ...(d.supplementary
      ? { supplementary: { amount: m0(d.supplementary.amount), ...(d.supplementary.kind ? { kind: d.supplementary.kind } : {}), units: d.supplementary.units.map((u) => ({ name: u.name, amount: m0(u.amount) })) } }
      : {}),
    special: d.special.map((s, i) => {
      const amount = s.amount ?? ZERO;
      const spent = s.spent ?? amount;
      return { no: i + 1, name: s.name, amount: money(amount), spent: money(spent), ...(s.carried !== undefined ? { carried: money(s.carried) } : {}), rate: percentOf(spent, amount) };
    }),
    ...(d.cityGoals ? { cityGoals: goalFigures(d.cityGoals)! } : {}),
    ...(d.upperGoals ? { upperGoals: goalFigures(d.upperGoals)! } : {}),
    texts,
  };
}

/** 附件2's figures of one project. */
export function projectAnnexFigures(p: ProjectAnnex, shortName: string, bands: readonly GradeBand[]): ProjectAnnexFigures {
  const { goals, sources, arrived: _typed, scores: _tree, totalScore: _total, ...texts } = p;
  return {
    ...texts,
    goals: goals.map((text, i) => ({ no: i + 1, text })),
    sources: sources.map((s) => ({ name: s.name, amount: m0(s.amount) })),
    arrived: money(sum(sources.map((s) => s.amount))),
    scoreSheet: scoreSheet(p, shortName, bands),
  };
}

/** Both annexes' figures of a department file (undefined parts where the file has none). */
export function annexFigures(a: Annexes, shortName: string, bands: readonly GradeBand[], functions?: string): { department?: DepartmentAnnexFigures; projects: ProjectAnnexFigures[] } {
  return {
    ...(a.department ? { department: departmentAnnexFigures(a.department, functions) } : {}),
    projects: a.projects.map((p) => projectAnnexFigures(p, shortName, bands)),
  };
}
