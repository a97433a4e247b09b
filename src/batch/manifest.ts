// Every department folder juesuan writes holds a manifest: which input made the package and which
// files belong to it. With it the build removes its own stale files (a department renamed: the old
// file names; an input deleted or moved: the whole old package) and never touches a file it did not
// make, and two inputs can never silently take turns writing one folder.
//
// It also records what the package was made from (the content key, batch/fingerprint.ts) and what
// the city summary says of the department, so that a rebuild can skip an unchanged department and
// still list it with its figures and findings.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Finding } from '../model/finding.js';
import type { KeyInputs } from './fingerprint.js';
import type { Identity } from './prior.js';
import type { DepartmentSummary } from './summary.js';

/** The manifest's file name inside a department folder (hidden: it is not part of the package). */
export const MANIFEST_NAME = '.juesuan-manifest.json';

/**
 * Marks an output folder (hidden): its 汇总.xlsx and report are juesuan's, so a folder of inputs that
 * holds an old output folder never reads them as department data.
 */
export const OUTPUT_MARKER = '.juesuan-output';

export interface Manifest {
  readonly generator: 'juesuan';
  readonly version: 1;
  /** Real path of the input file that made the package. */
  readonly input: string;
  /** The package's file names, in this folder. */
  readonly files: readonly string[];
  /** When the package was built (ISO). */
  readonly builtAt: string;
  /** What the package was made from; absent in manifests of older versions (never skipped). */
  readonly build?: BuildRecord;
}

/** What a package was made from and what it holds, for the next run to skip it when nothing changed. */
export interface BuildRecord {
  /** The content key: the same key builds the same bytes. */
  readonly key: string;
  readonly inputs: KeyInputs;
  /** Who the department is (to pair it with a prior-year file again without reading it). */
  readonly identity: Identity;
  /** Size of each file of the package: a file changed or removed since means building again. */
  readonly sizes: Readonly<Record<string, number>>;
  readonly summary: DepartmentSummary;
  /** The findings of its check (warnings: a built department has no errors). */
  readonly findings: readonly Finding[];
}

/** A plain name inside the folder: a manifest edited by hand can never point anywhere else. */
function isPlainName(name: unknown): name is string {
  return typeof name === 'string' && name !== '' && name !== '.' && name !== '..' && name !== MANIFEST_NAME && !/[\\/\u0000]/.test(name);
}

/** The manifest of `dir`, or undefined when there is none or it is not one of ours (then nothing in the folder is ours). */
export async function readManifest(dir: string): Promise<Manifest | undefined> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(join(dir, MANIFEST_NAME), 'utf8'));
  } catch {
    return undefined;
  }
  const m = raw as Partial<Manifest> | null;
  if (!m || m.generator !== 'juesuan' || typeof m.input !== 'string' || !Array.isArray(m.files)) return undefined;
  const build = m.build && typeof m.build === 'object' && typeof m.build.key === 'string' ? m.build : undefined;
  return { generator: 'juesuan', version: 1, input: m.input, files: m.files.filter(isPlainName), builtAt: typeof m.builtAt === 'string' ? m.builtAt : '', ...(build ? { build } : {}) };
}

/** The manifest's text for a package built now. */
export function manifestText(input: string, files: readonly string[], builtAt: string, build?: BuildRecord): string {
  const m: Manifest = { generator: 'juesuan', version: 1, input, files, builtAt, ...(build ? { build } : {}) };
  return `${JSON.stringify(m, null, 2)}\n`;
}
