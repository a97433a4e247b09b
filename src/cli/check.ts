// Read and validate one department file: the first half of every command. The department's profile
// (or the one given on the command line) decides the validation switches (T05-FLOW under
// allowFlowAdjustment, grade bands, level weights); a profile that does not exist is an error of
// that department, at its `department.profile` line.
import { ProfileError, resolveProfile, type Profile } from '../compose/profile.js';
import { completeTables, type CompletedTables } from '../derive/complete.js';
import type { Dataset } from '../model/dataset.js';
import type { SubjectDictionary } from '../model/dictionary.js';
import { hasErrors, type Finding } from '../model/finding.js';
import { readDataset } from '../readers/index.js';
import { locate } from '../validate/rule.js';
import { defaultValidateOptions, validate, type ValidateOptions } from '../validate/index.js';

export interface Checked {
  readonly file: string;
  readonly dataset?: Dataset;
  readonly profile?: Profile;
  /** The dataset's completed tables, as validated; the build derives from these rather than completing again. */
  readonly tables?: CompletedTables;
  readonly findings: readonly Finding[];
  readonly ok: boolean;
}

function byPosition(a: Finding, b: Finding): number {
  const la = a.location && 'line' in a.location ? a.location.line : Number.MAX_SAFE_INTEGER;
  const lb = b.location && 'line' in b.location ? b.location.line : Number.MAX_SAFE_INTEGER;
  return la - lb;
}

export function validateOptions(profile: Profile): ValidateOptions {
  const s = profile.settings;
  return { ...defaultValidateOptions, allowFlowAdjustment: s.allowFlowAdjustment, gradeBands: s.gradeBands, levelWeights: s.levelWeights };
}

export async function checkFile(file: string, dict: SubjectDictionary, profileOverride?: string): Promise<Checked> {
  const read = await readDataset(file);
  const findings = [...read.findings];
  let profile: Profile | undefined;
  let tables: CompletedTables | undefined;
  if (read.dataset) {
    try {
      profile = resolveProfile(profileOverride ?? read.dataset.department.profile);
    } catch (e) {
      if (!(e instanceof ProfileError)) throw e;
      const location = locate(read.dataset.sources, 'department.profile');
      findings.push({ ruleId: 'IN-PROFILE', severity: 'error', message: e.message, ...(location ? { location } : {}), note: `可用的模板配置在 templates/ 下，例如 yunnan、yunnan/yuxi、sichuan` });
    }
    tables = completeTables(read.dataset);
    findings.push(...validate(read.dataset, dict, profile ? validateOptions(profile) : defaultValidateOptions, tables));
  }
  findings.sort(byPosition);
  return { file, ...(read.dataset ? { dataset: read.dataset } : {}), ...(profile ? { profile } : {}), ...(tables ? { tables } : {}), findings, ok: !hasErrors(findings) };
}
