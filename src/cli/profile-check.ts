// `juesuan profile check <name>`: every problem of a profile at once, before any department meets
// it — the keys and values of each profile.yaml of its chain, the forms it names, and its narrative
// templates, compiled (syntax, partials, helpers, line directives) and then rendered in strict mode
// on the data of each example department (data/examples/), so that a variable that does not exist or
// a helper given the wrong kind of value shows up here with its file and line.
import { readdirSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkNarrativeTemplates, composeNarrative, TemplateError } from '../compose/narrative/index.js';
import { inspectProfile, TEMPLATES_DIR, type Profile } from '../compose/profile.js';
import { FormError, formFigures, formIdForYear, loadForm } from '../forms/load.js';
import type { FigureMap } from '../forms/figures.js';
import { completeTables } from '../derive/complete.js';
import { derive } from '../derive/index.js';
import type { SubjectDictionary } from '../model/dictionary.js';
import type { Finding, SourceRef } from '../model/finding.js';
import { loadDictionary } from '../readers/dictionary.js';
import { readDataset } from '../readers/index.js';
import { formatFinding, summaryLine } from './format-finding.js';

/** The example departments a profile's templates are rendered on. */
export const EXAMPLES_DIR = fileURLToPath(new URL('../../data/examples/', import.meta.url));

export interface ProfileCheckOptions {
  /** The templates folder (tests use their own). */
  readonly dir?: string;
  /** The folder of example department files to render the templates on. */
  readonly examples?: string;
}

function templateFinding(e: TemplateError, example?: string): Finding {
  return { ruleId: 'IN-TEMPLATE', severity: 'error', message: e.message, location: e.location, ...(example ? { note: `用示例 ${example} 的数据生成时发现` } : {}) };
}

/** Every profile under the templates folder (a folder with a profile.yaml), by name. */
export function profileNames(dir = TEMPLATES_DIR): string[] {
  const names: string[] = [];
  const walk = (rel: string) => {
    for (const entry of readdirSync(join(dir, rel), { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name === 'narrative' || entry.name === 'forms' || entry.name.startsWith('.')) continue;
      const name = rel ? `${rel}/${entry.name}` : entry.name;
      if (readdirSync(join(dir, name)).includes('profile.yaml')) names.push(name);
      walk(name);
    }
  };
  walk('');
  return names.sort();
}

/** The figures of the profile's form for `year`, when it has one with figures (else derive's default). */
function formFiguresFor(profile: Profile, year: number): FigureMap | undefined {
  const id = formIdForYear(profile.settings.forms ?? [], year);
  if (!id) return undefined;
  try {
    const form = loadForm(id, profile.dirs);
    return form.figures || form.figuresFrom ? formFigures(form) : undefined;
  } catch (e) {
    if (e instanceof FormError) return undefined; // reported among the profile's problems
    throw e;
  }
}

/** Every problem of profile `name`: IN-PROFILE (profile.yaml), IN-FORM (its forms), IN-TEMPLATE (its templates). */
export async function checkProfile(name: string, dict: SubjectDictionary, options: ProfileCheckOptions = {}): Promise<Finding[]> {
  const dir = options.dir ?? TEMPLATES_DIR;
  const { profile, problems } = inspectProfile(name, dir, { forms: true });
  const findings: Finding[] = problems.map((p) => ({
    ruleId: p.form ? 'IN-FORM' : 'IN-PROFILE',
    severity: p.severity ?? 'error',
    message: p.message,
    ...(p.location ? { location: p.location } : {}),
  }));
  if (!profile) return findings;
  const compiled = checkNarrativeTemplates(profile, dir);
  findings.push(...compiled.map((e) => templateFinding(e)));
  // rendering needs templates that compile and settings that are right
  if (compiled.length || findings.some((f) => f.severity === 'error')) return findings;
  const examplesDir = options.examples ?? EXAMPLES_DIR;
  const seen = new Set<string>();
  for (const file of readdirSync(examplesDir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    const read = await readDataset(join(examplesDir, file));
    const ds = read.dataset;
    if (!ds) continue;
    try {
      const figures = formFiguresFor(profile, ds.department.year);
      const model = derive(ds, dict, { shareRounding: profile.settings.shareRounding, gradeBands: profile.settings.gradeBands, precision: { wan: profile.settings.wanDecimals ?? 2, percent: profile.settings.percentDecimals ?? 2 }, ...(figures ? { figures } : {}) }, completeTables(ds));
      composeNarrative(model, dict, profile, [], dir);
    } catch (e) {
      if (!(e instanceof TemplateError)) {
        findings.push({ ruleId: 'IN-TEMPLATE', severity: 'warning', message: `无法用示例 ${file} 试生成说明文字（${e instanceof Error ? e.message : String(e)}），其模板未在这份数据上检查` });
        continue;
      }
      if (seen.has(e.message)) continue;
      seen.add(e.message);
      findings.push(templateFinding(e, file));
    }
  }
  return findings;
}

/** A location as the screen shows it: relative to the working folder when inside it. */
function shorter(s: SourceRef | undefined): SourceRef | undefined {
  if (!s) return s;
  const rel = relative(process.cwd(), s.file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? { ...s, file: rel } : s;
}

/**
 * The `profile check` command: each profile named (every profile under templates/ when none is),
 * its problems one a line; 0 when no profile has an error, 1 otherwise.
 */
export async function runProfileCheck(names: readonly string[], opts: { json?: boolean } = {}): Promise<number> {
  const dict = await loadDictionary();
  const results = [];
  for (const name of names.length ? names : profileNames()) results.push({ profile: name, findings: await checkProfile(name, dict) });
  const failed = results.filter((r) => r.findings.some((f) => f.severity === 'error'));
  if (opts.json) {
    process.stdout.write(JSON.stringify(results.map((r) => ({ ...r, ok: !failed.includes(r) })), null, 2) + '\n');
  } else {
    for (const r of results) {
      process.stdout.write(`${failed.includes(r) ? '✗' : '✓'} 模板配置 ${r.profile}：${summaryLine(r.findings)}\n`);
      for (const f of r.findings) process.stdout.write(formatFinding({ ...f, ...(f.location ? { location: shorter(f.location)! } : {}) }) + '\n');
      if (r.findings.length) process.stdout.write('\n');
    }
    if (results.length > 1) process.stdout.write(`共 ${results.length} 个模板配置：${results.length - failed.length} 个没有错误，${failed.length} 个有错误${failed.length ? `（${failed.map((r) => r.profile).join('、')}）` : ''}\n`);
  }
  return failed.length ? 1 : 0;
}
