// validate(dataset, dictionary, options) → findings. Runs every rule of rules.md on the dataset and
// its completed tables; never changes the data. Errors stop a department's build, warnings are kept.
import type { Dataset } from '../model/dataset.js';
import type { SubjectDictionary } from '../model/dictionary.js';
import type { Finding } from '../model/finding.js';
import { completeTables, type CompletedTables } from '../derive/complete.js';
import { defaultValidateOptions, runRules, type Rule, type ValidateOptions } from './rule.js';
import { codeTableRules } from './rules/code-tables.js';
import { crossRules } from './rules/cross-tables.js';
import { departmentBudgetRules, departmentEvaluationRules, indicatorRules, projectRules } from './rules/evaluation.js';
import { t01Rules, t06Rules, t3gRules } from './rules/fixed-tables.js';
import { inputRules, narrativeDataRules } from './rules/input.js';
import { sanityRules } from './rules/sanity.js';
import { narrativeRules } from './rules/narrative.js';
import { identityRules } from './rules/identities.js';
import { priorRules } from './rules/prior.js';
import { annexRules } from './rules/annexes.js';
import type { Form } from '../model/form.js';
import { completeGeneric } from '../derive/generic.js';
import { formFitRules } from './rules/form-fit.js';
import { withFormLabels } from './describe.js';

export { defaultValidateOptions, type ValidateOptions } from './rule.js';

/** The rules written in code; the form's identities (its 审核公式) join them per form (rulesFor). */
export const codeRules: readonly Rule[] = [
  ...inputRules,
  ...t01Rules,
  ...codeTableRules,
  ...t06Rules,
  ...t3gRules,
  ...crossRules,
  ...priorRules,
  ...projectRules,
  ...indicatorRules,
  ...departmentEvaluationRules,
  ...departmentBudgetRules,
  ...narrativeDataRules,
  ...narrativeRules,
  ...sanityRules,
  ...annexRules,
];

const formRules = new WeakMap<Form, readonly Rule[]>();

/** Every rule a department of this form is checked by: the code's rules and the form's identities. */
export function rulesFor(form: Form | undefined): readonly Rule[] {
  if (!form) return codeRules;
  let rules = formRules.get(form);
  if (!rules) {
    rules = [...formFitRules, ...identityRules(form), ...codeRules];
    formRules.set(form, rules);
  }
  return rules;
}

/** `tables` may be passed in when the caller completed them already (the build hands them on to derive). */
export function validate(
  ds: Dataset,
  dict: SubjectDictionary,
  options: ValidateOptions = defaultValidateOptions,
  tables: CompletedTables = completeTables(ds, options.form),
): Finding[] {
  // the form's own tables beyond the canonical set (2024: TPX, T3G1, TAS) are completed from the form
  const withGeneric = options.form && !tables.generic ? { ...tables, generic: completeGeneric(ds, options.form) } : tables;
  return withFormLabels(options.form, () => runRules(rulesFor(options.form), { ds, tables: withGeneric, dict, options }));
}
