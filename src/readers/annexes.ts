// `annexes:` of a department file (already checked against the schema) → model/annexes.ts. Amounts
// are 元 read through the Builder (a bad amount is a finding at its own line); every ScoreNode keeps
// its input path so that the 得分表 rules (ES-TREE, ES-SCORE, ES-OPT) point at the wrong row.
import type { AnnexItem, Annexes, BasicArrangement, DepartmentAnnex, GoalList, ProjectAnnex, ScoreNode } from '../model/annexes.js';
import type { Builder } from './build-dataset.js';
import { joinPath } from './yaml-tree.js';

type Obj = Record<string, unknown>;

function obj(v: unknown): Obj {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {};
}

function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function defined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

function items(b: Builder, path: string, value: unknown): AnnexItem[] {
  return arr(value).map((raw, i) => {
    const o = obj(raw);
    const p = joinPath(path, i);
    const code = o.code == null ? undefined : String(typeof o.code === 'number' ? (b.rawText(joinPath(p, 'code')) ?? o.code) : o.code).trim();
    return defined({ name: b.text(o.name) ?? '', code, amount: b.amount(joinPath(p, 'amount'), o.amount), completed: o.completed === false ? false : undefined });
  });
}

function basic(b: Builder, path: string, value: unknown): BasicArrangement {
  const o = obj(value);
  return defined({
    name: b.text(o.name),
    total: b.amount(joinPath(path, 'total'), o.total),
    personnel: b.amount(joinPath(path, 'personnel'), o.personnel),
    operating: b.amount(joinPath(path, 'operating'), o.operating),
    items: items(b, joinPath(path, 'items'), o.items),
  });
}

function goals(b: Builder, value: unknown): GoalList | undefined {
  if (value == null) return undefined;
  return {
    items: arr(obj(value).items).map((raw) => {
      const o = obj(raw);
      return defined({ name: b.text(o.name) ?? '', text: b.text(o.text), completed: o.completed === false ? false : undefined });
    }),
  };
}

function department(b: Builder, path: string, value: unknown): DepartmentAnnex | undefined {
  if (value == null) return undefined;
  const o = obj(value);
  const fa = o.fixedAssets == null ? undefined : obj(o.fixedAssets);
  const fap = joinPath(path, 'fixedAssets');
  const amt = (p: string, key: string, from: Obj) => b.amount(joinPath(p, key), from[key]);
  const proj = o.projects == null ? undefined : obj(o.projects);
  const sup = o.supplementary == null ? undefined : obj(o.supplementary);
  const supPath = joinPath(path, 'supplementary');
  return defined({
    functions: b.text(o.functions),
    fixedAssets:
      fa &&
      defined({
        includes: b.text(fa.includes),
        ...Object.fromEntries(
          (['original', 'net', 'land', 'buildings', 'general', 'vehicles', 'equipment50', 'special', 'special100', 'furniture'] as const).map((k) => [k, amt(fap, k, fa)]),
        ),
      }),
    basic: arr(o.basic).map((u, i) => basic(b, joinPath(joinPath(path, 'basic'), i), u)),
    projects:
      proj &&
      defined({
        total: amt(joinPath(path, 'projects'), 'total', proj),
        items: items(b, joinPath(joinPath(path, 'projects'), 'items'), proj.items),
        note: b.text(proj.note),
      }),
    supplementary:
      sup &&
      defined({
        amount: amt(supPath, 'amount', sup),
        kind: b.text(sup.kind),
        units: arr(sup.units).map((u, i) => defined({ name: b.text(obj(u).name) ?? '', amount: b.amount(joinPath(joinPath(joinPath(supPath, 'units'), i), 'amount'), obj(u).amount) })),
      }),
    special: arr(o.special).map((raw, i) => {
      const s = obj(raw);
      const p = joinPath(joinPath(path, 'special'), i);
      return defined({ name: b.text(s.name) ?? '', amount: amt(p, 'amount', s), spent: amt(p, 'spent', s), carried: amt(p, 'carried', s) });
    }),
    fundNotes: b.text(o.fundNotes),
    initialGoals: b.text(o.initialGoals),
    cityGoals: goals(b, o.cityGoals),
    upperGoals: goals(b, o.upperGoals),
    satisfaction: b.text(o.satisfaction),
    otherNotes: b.text(o.otherNotes),
    conclusion: b.text(o.conclusion),
    deviationReasons: b.text(o.deviationReasons),
    improvements: b.text(o.improvements),
  });
}

function scoreNodes(b: Builder, path: string, value: unknown): ScoreNode[] {
  return arr(value).map((raw, i) => {
    const o = obj(raw);
    const p = joinPath(path, i);
    return defined({
      name: b.text(o.name) ?? '',
      weight: b.decimal(joinPath(p, 'weight'), o.weight),
      score: b.decimal(joinPath(p, 'score'), o.score),
      optional: o.optional === true ? true : undefined,
      weightLabel: b.text(o.weightLabel),
      children: scoreNodes(b, joinPath(p, 'children'), o.children),
      path: p,
    });
  });
}

function project(b: Builder, path: string, value: unknown): ProjectAnnex {
  const o = obj(value);
  const sheet = obj(o.scoreSheet);
  const sheetPath = joinPath(path, 'scoreSheet');
  return defined({
    name: b.text(o.name) ?? '',
    basics: b.text(o.basics),
    basis: b.text(o.basis),
    allocation: b.text(o.allocation),
    goals: arr(o.goals).map((g) => b.text(g) ?? ''),
    method: b.text(o.method),
    approval: b.text(o.approval),
    plan: b.text(o.plan),
    sources: arr(o.sources).map((raw, i) => defined({ name: b.text(obj(raw).name) ?? '', amount: b.amount(joinPath(joinPath(joinPath(path, 'sources'), i), 'amount'), obj(raw).amount) })),
    arrived: b.amount(joinPath(path, 'arrived'), o.arrived),
    use: b.text(o.use),
    finance: b.text(o.finance),
    implementation: b.text(o.implementation),
    completion: b.text(o.completion),
    benefit: b.text(o.benefit),
    unitProject: b.text(sheet.unitProject),
    scores: scoreNodes(b, joinPath(sheetPath, 'indicators'), sheet.indicators),
    totalScore: b.decimal(joinPath(sheetPath, 'totalScore'), sheet.totalScore),
    problems: b.text(o.problems),
    suggestions: b.text(o.suggestions),
  });
}

/** The `annexes` section, or undefined when the file has none. */
export function readAnnexes(b: Builder, value: unknown): Annexes | undefined {
  if (value == null) return undefined;
  const o = obj(value);
  return defined({
    department: department(b, 'annexes.department', o.department),
    projects: arr(o.projects).map((p, i) => project(b, joinPath('annexes.projects', i), p)),
  });
}
