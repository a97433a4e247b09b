// Which 绩效自评 layout, unit and table numbers a department's year gets. The tables differ by year
// (2021: 万元, 公开10–12表 with every project table 公开12表; 2024: 元, 公开13–14表 and 公开15表, 公开16表 …
// one per project, tables.md §1), so the year's form carries them in its `evaluation` block; the
// profile's own `evaluation` key (a city printing other numbers) overrides the form, and
// templates/default/profile.yaml fills in what neither says.
import type { Form, FormEvaluation } from '../../model/form.js';
import type { ReportModel } from '../../model/report.js';
import { formIdForYear, loadForm } from '../../forms/load.js';
import type { Profile } from '../profile.js';

/** The 绩效自评 settings in force for one report. */
export interface EvaluationSettings {
  readonly layout: 'municipal2021' | 'province' | 'yunnan2024';
  /** Unit the amounts print in (元 in 2024, 万元 before). */
  readonly unit: '元' | '万元';
  readonly numbers: { readonly report?: string; readonly department?: string; readonly project?: string };
  readonly projectNumbering: 'same' | 'consecutive';
  readonly summary: boolean;
  /** Titles, notes under the 整体表 and under the project tables: the form's (evaluation.md §1.2, §3.4). */
  readonly titles: { readonly department?: string; readonly project?: string };
  readonly departmentNotes: readonly string[];
  readonly projectNotes: { readonly other?: readonly string[]; readonly nonFiscal?: readonly string[] };
}

/**
 * Merge, weakest first: templates/default/profile.yaml's `evaluation`, the form's `evaluation`
 * block, the profile's own `evaluation` keys. `numbers` is replaced whole, as in a profile chain.
 * Unit and numbering default from the layout (yunnan2024: 元, consecutive; else 万元, same).
 */
export function mergeEvaluationSettings(profile: Profile, form: FormEvaluation | undefined): EvaluationSettings {
  const base = profile.settings.evaluation;
  const merged = { ...base, ...(form ?? {}), ...(profile.evaluationOwn ?? {}) };
  const is2024 = merged.layout === 'yunnan2024';
  return {
    layout: merged.layout,
    unit: merged.unit ?? (is2024 ? '元' : '万元'),
    numbers: merged.numbers ?? {},
    projectNumbering: merged.projectNumbering ?? (is2024 ? 'consecutive' : 'same'),
    summary: merged.summary,
    titles: form?.titles ?? {},
    departmentNotes: form?.departmentNotes ?? [],
    projectNotes: form?.projectNotes ?? {},
  };
}

/** The settings of the model's report year: its form's block (when the profile has a form for the year) under the profile. */
export function evaluationSettings(model: ReportModel, profile: Profile, form?: Form): EvaluationSettings {
  let f = form;
  const id = f ? undefined : formIdForYear(profile.settings.forms ?? [], model.year);
  if (id) {
    try {
      f = loadForm(id, profile.dirs);
    } catch {
      // a form not shipped yet: the profile's own evaluation setting still applies (绩效自评-only files)
      f = undefined;
    }
  }
  return mergeEvaluationSettings(profile, f?.evaluation);
}

/**
 * The printed number of the i-th project table (0-based): `公开12表` for every project (same), or
 * 公开15表, 公开16表 … (consecutive: the digits of `numbers.project` counted up, zero-padded to their
 * width, tables.md §1 numbering rule). Undefined when the profile prints no number.
 */
export function projectNumber(settings: EvaluationSettings, index: number): string | undefined {
  const first = settings.numbers.project;
  if (first === undefined || settings.projectNumbering === 'same') return first;
  const m = /^(\D*)(\d+)(\D*)$/.exec(first);
  if (!m) return first;
  const n = String(Number(m[2]) + index).padStart(m[2]!.length, '0');
  return `${m[1]}${n}${m[3]}`;
}
