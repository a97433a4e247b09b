// `annexes:` of a dataset as the plain tree of its input file (the inverse of readers/annexes.ts), for
// the YAML writer: amounts in 元, 分值/得分 as typed, the 得分表 tree nested as it was written.
import type { AnnexItem, Annexes, BasicArrangement, GoalList, ScoreNode } from '../model/annexes.js';
import { amount, compact, decimal, list, type Plain } from './plain.js';

function item(i: AnnexItem): Plain | undefined {
  return compact({ name: i.name, code: i.code, amount: amount(i.amount), completed: i.completed === false ? false : undefined });
}

function basic(b: BasicArrangement): Plain | undefined {
  return compact({ name: b.name, total: amount(b.total), personnel: amount(b.personnel), operating: amount(b.operating), items: list(b.items, item) });
}

function goals(g: GoalList | undefined): Plain | undefined {
  return g && (compact({ items: list(g.items, (i) => compact({ name: i.name, completed: i.completed === false ? false : undefined, text: i.text })) }) ?? {});
}

function node(n: ScoreNode): Plain | undefined {
  return compact({ name: n.name, optional: n.optional ? true : undefined, weight: decimal(n.weight), score: decimal(n.score), weightLabel: n.weightLabel, children: list(n.children, node) });
}

/** The plain tree of `annexes:` (undefined parts left out). */
export function annexesToPlain(a: Annexes): Plain | undefined {
  const d = a.department;
  const fa = d?.fixedAssets;
  return compact({
    department:
      d &&
      (compact({
        functions: d.functions,
        fixedAssets:
          fa &&
          compact({
            includes: fa.includes,
            ...Object.fromEntries((['original', 'net', 'land', 'buildings', 'general', 'vehicles', 'equipment50', 'special', 'special100', 'furniture'] as const).map((k) => [k, amount(fa[k])])),
          }),
        basic: list(d.basic, basic),
        projects: d.projects && compact({ total: amount(d.projects.total), items: list(d.projects.items, item), note: d.projects.note }),
        supplementary: d.supplementary && compact({ amount: amount(d.supplementary.amount), kind: d.supplementary.kind, units: list(d.supplementary.units, (u) => compact({ name: u.name, amount: amount(u.amount) })) }),
        special: list(d.special, (s) => compact({ name: s.name, amount: amount(s.amount), spent: amount(s.spent), carried: amount(s.carried) })),
        fundNotes: d.fundNotes,
        initialGoals: d.initialGoals,
        cityGoals: goals(d.cityGoals),
        upperGoals: goals(d.upperGoals),
        satisfaction: d.satisfaction,
        otherNotes: d.otherNotes,
        conclusion: d.conclusion,
        deviationReasons: d.deviationReasons,
        improvements: d.improvements,
      }) ??
        {}),
    projects: list(a.projects, (p) =>
      compact({
        name: p.name,
        basics: p.basics,
        basis: p.basis,
        allocation: p.allocation,
        goals: list(p.goals, (g) => g),
        method: p.method,
        approval: p.approval,
        plan: p.plan,
        sources: list(p.sources, (s) => compact({ name: s.name, amount: amount(s.amount) })),
        arrived: amount(p.arrived),
        use: p.use,
        finance: p.finance,
        implementation: p.implementation,
        completion: p.completion,
        benefit: p.benefit,
        scoreSheet: compact({ unitProject: p.unitProject, totalScore: decimal(p.totalScore), indicators: list(p.scores, node) }),
        problems: p.problems,
        suggestions: p.suggestions,
      }),
    ),
  });
}
