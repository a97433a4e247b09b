// A rule is one small check (modelled on remark-lint's lintRule): `defineRule` stamps the rule id and
// severity on everything the check reports; the check itself only describes what is wrong and where
// (by input path; the context turns paths into source locations).
import type { Dataset } from '../model/dataset.js';
import type { SubjectDictionary } from '../model/dictionary.js';
import type { Finding, Severity, SourceRef } from '../model/finding.js';
import type { CompletedTables } from '../derive/complete.js';
import type { Form } from '../model/form.js';
import { defaultDeriveOptions } from '../derive/index.js';

export interface ValidateOptions {
  /** rules.md §1 note 1: T05-FLOW as a warning when a prior-year balance was re-allocated. */
  readonly allowFlowAdjustment: boolean;
  /** Grade thresholds of the profile (evaluation.md §3.2): lower bounds of 优, 良, 中. */
  readonly gradeBands: readonly { readonly grade: string; readonly min: number }[];
  /** Indicator weights by 一级指标 in principle (EP-WSPLIT). */
  readonly levelWeights: Readonly<Record<string, number>>;
  /** The department's form: its identities are checked too (absent: the code's rules only). */
  readonly form?: Form;
}

export const defaultValidateOptions: ValidateOptions = {
  allowFlowAdjustment: false,
  gradeBands: defaultDeriveOptions.gradeBands,
  levelWeights: { 产出指标: 50, 效益指标: 30, 满意度指标: 10 },
};

export interface Report {
  readonly message: string;
  /** Input path of the value at fault (`tables.T05.2010401.c7`); the nearest given parent is used. */
  readonly path?: string;
  /** Input paths of the other side(s) of an identity. */
  readonly related?: readonly string[];
  readonly expected?: string;
  readonly actual?: string;
  readonly note?: string;
  /** Overrides the rule's severity (e.g. the ≥ half of an E (≥) / W (≠) rule). */
  readonly severity?: Severity;
}

export interface RuleContext {
  readonly ds: Dataset;
  readonly tables: CompletedTables;
  readonly dict: SubjectDictionary;
  readonly options: ValidateOptions;
  report(r: Report): void;
}

export interface Rule {
  readonly id: string;
  readonly severity: Severity;
  readonly check: (ctx: RuleContext) => void;
}

export function defineRule(meta: { id: string; severity: Severity }, check: (ctx: RuleContext) => void): Rule {
  return { ...meta, check };
}

/** Nearest source location of a path: the value itself, else its closest parent that was given. */
export function locate(sources: Readonly<Record<string, SourceRef>>, path: string | undefined): SourceRef | undefined {
  if (path === undefined) return undefined;
  for (let p = path; ; ) {
    const hit = sources[p];
    if (hit) return hit;
    const parent = p.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
    if (parent === p) return undefined;
    p = parent;
  }
}

function dedupe(refs: SourceRef[]): SourceRef[] {
  return [...new Set(refs)];
}

export function runRules(rules: readonly Rule[], base: Omit<RuleContext, 'report'>): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    const report = (r: Report) => {
      const location = locate(base.ds.sources, r.path);
      const related = dedupe((r.related ?? []).map((p) => locate(base.ds.sources, p)).filter((s): s is SourceRef => s !== undefined && s !== location));
      findings.push({
        ruleId: rule.id,
        severity: r.severity ?? rule.severity,
        message: r.message,
        ...(location ? { location } : {}),
        ...(related.length ? { related } : {}),
        ...(r.expected !== undefined ? { expected: r.expected } : {}),
        ...(r.actual !== undefined ? { actual: r.actual } : {}),
        ...(r.note !== undefined ? { note: r.note } : {}),
      });
    };
    rule.check({ ...base, report });
  }
  return findings;
}
