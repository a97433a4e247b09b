// Read and validate one department file: the first half of every command.
import type { Dataset } from '../model/dataset.js';
import type { SubjectDictionary } from '../model/dictionary.js';
import { hasErrors, type Finding } from '../model/finding.js';
import { readDataset } from '../readers/index.js';
import { validate, type ValidateOptions } from '../validate/index.js';

export interface Checked {
  readonly file: string;
  readonly dataset?: Dataset;
  readonly findings: readonly Finding[];
  readonly ok: boolean;
}

function byPosition(a: Finding, b: Finding): number {
  const la = a.location && 'line' in a.location ? a.location.line : Number.MAX_SAFE_INTEGER;
  const lb = b.location && 'line' in b.location ? b.location.line : Number.MAX_SAFE_INTEGER;
  return la - lb;
}

/**
 * Read a department file and validate it. `optionsFor` picks the validation switches once the
 * dataset (and so its profile) is known.
 */
export async function checkFile(file: string, dict: SubjectDictionary, optionsFor?: (ds: Dataset) => ValidateOptions): Promise<Checked> {
  const read = await readDataset(file);
  const findings = [...read.findings];
  if (read.dataset) findings.push(...validate(read.dataset, dict, optionsFor?.(read.dataset)));
  findings.sort(byPosition);
  return { file, ...(read.dataset ? { dataset: read.dataset } : {}), findings, ok: !hasErrors(findings) };
}
