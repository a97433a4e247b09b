// Shared test helpers: read fixtures through the real reader, run the real CLI.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Dataset } from '../src/model/dataset.js';
import type { Finding } from '../src/model/finding.js';
import { checkFile } from '../src/cli/check.js';
import { loadDictionary } from '../src/readers/dictionary.js';
import { readYaml } from '../src/readers/index.js';
import { validate } from '../src/validate/index.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const fixture = (rel: string) => `${ROOT}test/fixtures/${rel}`;
export const example = (rel: string) => `${ROOT}data/examples/${rel}`;

export async function readFixture(path: string): Promise<{ dataset?: Dataset; findings: readonly Finding[] }> {
  return readYaml(readFileSync(path, 'utf8'), path.replace(ROOT, ''));
}

export async function loadDataset(path: string): Promise<Dataset> {
  const r = await readFixture(path);
  if (!r.dataset) throw new Error(`cannot read ${path}: ${JSON.stringify(r.findings)}`);
  return r.dataset;
}

/** Findings of one file as the CLI gets them (sorted by position). */
export async function check(path: string): Promise<Finding[]> {
  return [...(await checkFile(path, await loadDictionary())).findings];
}

/** Read a YAML text that is not a file. */
export async function checkText(text: string, file = 'test.yaml'): Promise<Finding[]> {
  const r = readYaml(text, file);
  if (!r.dataset) return [...r.findings];
  return [...r.findings, ...validate(r.dataset, await loadDictionary())];
}

/** Run the CLI as a user would (through tsx, so no build is needed). */
export function runCli(args: readonly string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', `${ROOT}src/cli/main.ts`, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export const errors = (fs: readonly Finding[]) => fs.filter((f) => f.severity === 'error');
