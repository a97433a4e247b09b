// validate(dataset, dictionary, options) → findings. Runs every rule of rules.md on the dataset and
// its completed tables; never changes the data. Errors stop a department's build, warnings are kept.
import type { Dataset } from '../model/dataset.js';
import type { SubjectDictionary } from '../model/dictionary.js';
import type { Finding } from '../model/finding.js';
import { completeTables, type CompletedTables } from '../derive/complete.js';
import { defaultValidateOptions, runRules, type Rule, type ValidateOptions } from './rule.js';
import { codeTableRules } from './rules/code-tables.js';
import { crossRules } from './rules/cross-tables.js';
import { departmentEvaluationRules, indicatorRules, projectRules } from './rules/evaluation.js';
import { t01Rules, t04Rules, t06Rules, t3gRules } from './rules/fixed-tables.js';
import { inputRules, narrativeDataRules } from './rules/input.js';
import { sanityRules } from './rules/sanity.js';
import { narrativeRules } from './rules/narrative.js';

export { defaultValidateOptions, type ValidateOptions } from './rule.js';

export const allRules: readonly Rule[] = [
  ...inputRules,
  ...t01Rules,
  ...codeTableRules,
  ...t04Rules,
  ...t06Rules,
  ...t3gRules,
  ...crossRules,
  ...projectRules,
  ...indicatorRules,
  ...departmentEvaluationRules,
  ...narrativeDataRules,
  ...narrativeRules,
  ...sanityRules,
];

/** `tables` may be passed in when the caller completed them already (the build hands them on to derive). */
export function validate(
  ds: Dataset,
  dict: SubjectDictionary,
  options: ValidateOptions = defaultValidateOptions,
  tables: CompletedTables = completeTables(ds),
): Finding[] {
  return runRules(allRules, { ds, tables, dict, options });
}
