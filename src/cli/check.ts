// Read, validate and compose one department file: the first half of every command. The department's
// profile (or the one given on the command line) decides the validation switches (T05-FLOW under
// allowFlowAdjustment, grade bands, level weights); a profile that does not exist is an error of
// that department, at its `department.profile` line. A department without errors is derived and
// composed here, so that every place where the text still needs the department's words is a
// finding of `validate` too (N-REASON, N-FILL), found by the same templates that print the text.
import { composeAudit, compose, fillIns } from '../compose/index.js';
import { ProfileError, resolveProfile, type Profile } from '../compose/profile.js';
import { TemplateError } from '../compose/narrative/templates.js';
import { completeTables, type CompletedTables } from '../derive/complete.js';
import { derive } from '../derive/index.js';
import { documentDate } from '../derive/report-date.js';
import type { Dataset } from '../model/dataset.js';
import type { SubjectDictionary } from '../model/dictionary.js';
import type { Document } from '../model/document.js';
import type { ReportModel } from '../model/report.js';
import { fillInDescription } from '../model/explanations.js';
import { hasErrors, type Finding } from '../model/finding.js';
import { readDataset } from '../readers/index.js';
import { formForProfile } from '../template/forms.js';
import type { Form } from '../model/form.js';
import { FormError, formFigures, formIdForYear, loadForm } from '../forms/load.js';
import type { FigureMap } from '../forms/figures.js';
import { locate } from '../validate/rule.js';
import { defaultValidateOptions, validate, type ValidateOptions } from '../validate/index.js';

export interface Checked {
  readonly file: string;
  readonly dataset?: Dataset;
  readonly profile?: Profile;
  /** The dataset's completed tables, as validated; the build derives from these rather than completing again. */
  readonly tables?: CompletedTables;
  /** The public package, composed when the data has no error (and, unless a draft, nothing is missing). */
  readonly document?: Document;
  /** The checking aids (…审核用.xlsx), when the profile wants them. */
  readonly audit?: Document;
  /** Every derived figure, when the data has no error (the city summary reads its key figures). */
  readonly model?: ReportModel;
  readonly findings: readonly Finding[];
  readonly ok: boolean;
}

export interface CheckOptions {
  /** Overrides `department.profile`. */
  readonly profile?: string;
  /** A draft: missing text is a warning (the draft prints a placeholder) instead of an error. */
  readonly draft?: boolean;
  /** ISO timestamp for the documents' metadata; absent: the data's own date (derive/report-date.ts), never the clock. */
  readonly createdAt?: string;
  /** Last year's files (`--prior`): the department is linked with its own before it is checked. */
  readonly prior?: PriorLink;
}

/** Finds and links a department's prior-year file (batch/prior.ts PriorIndex). */
export interface PriorLink {
  /** The dataset linked with its prior-year file (derive/prior.ts linkPrior), or as it was with a warning why not. */
  link(ds: Dataset): Promise<{ readonly dataset: Dataset; readonly findings: readonly Finding[] }>;
}

function byPosition(a: Finding, b: Finding): number {
  const la = a.location && 'line' in a.location ? a.location.line : Number.MAX_SAFE_INTEGER;
  const lb = b.location && 'line' in b.location ? b.location.line : Number.MAX_SAFE_INTEGER;
  return la - lb;
}

export function validateOptions(profile: Profile, form?: Form): ValidateOptions {
  const s = profile.settings;
  return { ...defaultValidateOptions, allowFlowAdjustment: s.allowFlowAdjustment, gradeBands: s.gradeBands, levelWeights: s.levelWeights, ...(form ? { form } : {}) };
}

/**
 * The form (表样) of the department's report year under its profile. A year the profile has no form
 * for, or a form that is not shipped yet, is an error of the department (IN-FORM) — never a silent
 * build in another year's tables; a broken form file is pointed at in that file.
 */
export function formFinding(ds: Dataset, profile: Profile): { form?: Form; finding?: Finding } {
  const year = ds.department.year;
  const at = locate(ds.sources, 'department.year');
  const id = formIdForYear(profile.settings.forms ?? [], year);
  if (!id) {
    return { finding: { ruleId: 'IN-FORM', severity: 'error', message: `模板配置“${profile.name}”没有${year}年度的公开表表样`, ...(at ? { location: at } : {}), note: `可用的年度：${(profile.settings.forms ?? []).map((f) => `${f.from}年起 ${f.form}`).join('；') || '无'}` } };
  }
  try {
    return { form: loadForm(id, profile.dirs) };
  } catch (e) {
    if (!(e instanceof FormError)) throw e;
    if (e.location) return { finding: { ruleId: 'IN-FORM', severity: 'error', message: e.message, location: e.location, ...(at ? { related: [at] } : {}) } };
    return {
      finding: {
        ruleId: 'IN-FORM',
        severity: 'error',
        message: `${year}年度的公开表按表样“${id}”编制，本版本尚不支持这一表样（模板配置“${profile.name}”），不能按其他年度的表样生成`,
        ...(at ? { location: at } : {}),
        note: `已支持的表样：${(profile.settings.forms ?? []).filter((f) => f.from <= year).map((f) => f.form).filter((f) => f !== id).join('、') || '无'}`,
      },
    };
  }
}

/** Where to add a missing field in the YAML: its nearest given parent, or the file's top. */
function fillInFinding(file: string, ds: Dataset, field: string, draft: boolean): Finding {
  const location = locate(ds.sources, field) ?? { file, line: 1, column: 1 };
  const what = fillInDescription(field);
  const [parent, key] = field.includes('.') ? [field.slice(0, field.lastIndexOf('.')), field.slice(field.lastIndexOf('.') + 1)] : ['', field];
  return {
    ruleId: field.startsWith('explanations.') ? 'N-REASON' : 'N-FILL',
    severity: draft ? 'warning' : 'error',
    message: draft
      ? `说明文字缺少“${what}”：草稿中此处留出醒目的待填位置`
      : `说明文字缺少“${what}”：正式公开材料不能留空，请填写后再生成（或加 --draft 先生成草稿）`,
    location,
    note: parent === 'glossary'
      ? `科目字典中没有科目 ${key} 的名词解释：请在 data/dictionary/functional.yaml 中为它补充 definition`
      : parent
        ? `在 ${parent} 下填写 ${key}`
        : `在文件中增加 ${key} 部分`,
  };
}

export async function checkFile(file: string, dict: SubjectDictionary, options: CheckOptions = {}): Promise<Checked> {
  // a workbook's 公开表 follow the form of its profile (the one given here, else its own) and year
  const read = await readDataset(file, file, { formFor: (profile, year, kind) => formForProfile(options.profile ?? profile, year, kind) });
  const findings = [...read.findings];
  let profile: Profile | undefined;
  let tables: CompletedTables | undefined;
  let document: Document | undefined;
  let audit: Document | undefined;
  let model: ReportModel | undefined;
  let ds = read.dataset;
  if (ds && options.prior) {
    const linked = await options.prior.link(ds);
    ds = linked.dataset;
    findings.push(...linked.findings);
  }
  if (ds) {
    try {
      profile = resolveProfile(options.profile ?? ds.department.profile);
    } catch (e) {
      if (!(e instanceof ProfileError)) throw e;
      const location = locate(ds.sources, 'department.profile');
      // a broken profile.yaml is pointed at in that file (every problem of it); the department's line is the related place
      for (const p of e.problems) {
        if (p.location) findings.push({ ruleId: 'IN-PROFILE', severity: 'error', message: p.message, location: p.location, ...(location ? { related: [location] } : {}) });
        else findings.push({ ruleId: 'IN-PROFILE', severity: 'error', message: p.message, ...(location ? { location } : {}), note: `可用的模板配置在 templates/ 下，例如 yunnan、yunnan/yuxi、sichuan` });
      }
    }
    let form: Form | undefined;
    if (profile) {
      const chosen = formFinding(ds, profile);
      form = chosen.form;
      if (chosen.finding) findings.push(chosen.finding);
    }
    tables = completeTables(ds, form);
    findings.push(...validate(ds, dict, profile ? validateOptions(profile, form) : defaultValidateOptions, tables));
    // the narrative's figures are read through the form's `figures:` (a form for tables only has none)
    let figures: FigureMap | undefined;
    try {
      figures = form && ds.tables.T01 ? formFigures(form) : undefined;
    } catch (e) {
      if (!(e instanceof FormError)) throw e;
      findings.push({ ruleId: 'IN-FORM', severity: 'error', message: e.message, ...(e.location ? { location: e.location } : {}) });
    }
    if (profile && !hasErrors(findings)) {
      const s = profile.settings;
      model = derive(ds, dict, { shareRounding: s.shareRounding, gradeBands: s.gradeBands, precision: { wan: s.wanDecimals ?? 2, percent: s.percentDecimals ?? 2 }, ...(figures ? { figures } : {}) }, tables);
      const composeOptions = { createdAt: options.createdAt ?? documentDate(ds, process.env.SOURCE_DATE_EPOCH), ...(options.draft ? { draft: true } : {}), ...(form ? { form } : {}) };
      try {
        document = compose(model, dict, profile, composeOptions);
        audit = composeAudit(model, profile, composeOptions);
        findings.push(...fillIns(document).map((f) => fillInFinding(file, ds, f.field, Boolean(options.draft))));
      } catch (e) {
        if (!(e instanceof TemplateError)) throw e;
        // a template of the profile that cannot print this department: pointed at in the template
        document = undefined;
        const at = locate(ds.sources, 'department.profile');
        findings.push({ ruleId: 'IN-TEMPLATE', severity: 'error', message: e.message, location: e.location, ...(at ? { related: [at] } : {}), note: `用 juesuan profile check ${profile.name} 可一次列出这个模板配置的全部问题` });
      }
    }
  }
  findings.sort(byPosition);
  const ok = !hasErrors(findings);
  return {
    file,
    ...(ds ? { dataset: ds } : {}),
    ...(profile ? { profile } : {}),
    ...(tables ? { tables } : {}),
    ...(ok && document ? { document } : {}),
    ...(ok && audit ? { audit } : {}),
    ...(ok && model ? { model } : {}),
    findings,
    ok,
  };
}
