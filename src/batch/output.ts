// Writing a department's package into its folder so that, whatever fails and whenever the run is
// stopped, the folder holds either the whole new package or no file of this run. Files are written
// under short temporary names (never longer than the final name allows, whatever the title) and
// renamed into place; the manifest is written last. Temporary files left by a run that was killed
// are removed the next time the folder is built (only those whose process is gone: another build
// writing into the same folder at the same time keeps its own).
import { randomBytes } from 'node:crypto';
import { access, mkdir, readdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { MANIFEST_NAME, manifestText, readManifest, type BuildRecord, type Manifest } from './manifest.js';

const TEMP_PREFIX = '.juesuan-tmp-';
const TEMP_NAME = /^\.juesuan-tmp-(\d+)-/;

/** A short temporary name in the same folder (same file system, so the rename is atomic). */
export function tempName(): string {
  return `${TEMP_PREFIX}${process.pid}-${randomBytes(4).toString('hex')}`;
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM';
  }
}

/** Remove temporary files that a killed earlier run left in `dir`; returns their paths. */
export async function cleanLeftoverTemps(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const stale = names.filter((n) => {
    const m = TEMP_NAME.exec(n);
    return m !== null && !processAlive(Number(m[1]));
  });
  await Promise.all(stale.map((n) => rm(join(dir, n), { force: true, recursive: true })));
  return stale.map((n) => join(dir, n));
}

/** Write one file atomically (temporary name, then rename). */
export async function writeFileAtomically(path: string, data: string | Uint8Array): Promise<void> {
  const temp = join(dirname(path), tempName());
  try {
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** Whether a folder's manifest lets `input` replace or remove its package: it is the same input's, or its input is gone. */
async function isOurs(m: Manifest, input: string): Promise<boolean> {
  return m.input === input || !(await exists(m.input));
}

/** The other input whose package is in `dir` (and which still exists), if any: `input` must not write there. */
export async function foreignOwner(dir: string, input: string): Promise<string | undefined> {
  const m = await readManifest(dir);
  return m && !(await isOurs(m, input)) ? m.input : undefined;
}

/** The department was stopped before its files were in place. */
export class InterruptedError extends Error {
  constructor() {
    super('已中断');
  }
}

export interface CommitOptions {
  /** Real path of the input, recorded in the manifest. */
  readonly input: string;
  readonly builtAt: string;
  /** What the package was made from, recorded in the manifest (incremental builds). */
  readonly build?: BuildRecord;
  /** Checked just before the files are put in place: true leaves the folder as it was. */
  readonly aborted?: () => boolean;
}

/**
 * Put a package into `dir`: the files, then the manifest. Files of this input's earlier package that
 * the new one no longer has (a renamed department) are removed. Returns the paths written and removed.
 */
export async function commitPackage(dir: string, files: readonly { name: string; bytes: Uint8Array }[], options: CommitOptions): Promise<{ outputs: string[]; removed: string[] }> {
  await mkdir(dir, { recursive: true });
  await cleanLeftoverTemps(dir);
  const temps: string[] = [];
  let placed = false;
  try {
    for (const f of files) {
      const temp = join(dir, tempName());
      temps.push(temp);
      await writeFile(temp, f.bytes);
    }
    if (options.aborted?.()) throw new InterruptedError();
    const old = await readManifest(dir);
    placed = true;
    const outputs: string[] = [];
    for (let i = 0; i < files.length; i++) {
      const target = join(dir, files[i]!.name);
      await rename(temps[i]!, target);
      outputs.push(target);
    }
    const names = files.map((f) => f.name);
    const removed: string[] = [];
    if (old && (await isOurs(old, options.input))) {
      for (const n of old.files.filter((n) => !names.includes(n))) {
        await rm(join(dir, n), { force: true });
        removed.push(join(dir, n));
      }
    }
    await writeFileAtomically(join(dir, MANIFEST_NAME), manifestText(options.input, names, options.builtAt, options.build));
    return { outputs, removed };
  } catch (e) {
    await Promise.all(temps.map((t) => rm(t, { force: true })));
    if (!placed) await rmdir(dir).catch(() => undefined); // a folder made for nothing
    throw e;
  }
}

/**
 * Remove `input`'s earlier package from `dir` (the files its manifest lists, and the manifest), and
 * the folder when nothing else is left in it. Files the manifest does not list are never touched.
 */
export async function removePackage(dir: string, input: string): Promise<string[]> {
  const m = await readManifest(dir);
  if (!m || !(await isOurs(m, input))) return [];
  const removed: string[] = [];
  for (const n of m.files) {
    if (await exists(join(dir, n))) {
      await rm(join(dir, n), { force: true });
      removed.push(join(dir, n));
    }
  }
  await rm(join(dir, MANIFEST_NAME), { force: true });
  await cleanLeftoverTemps(dir);
  await rmdir(dir).catch(() => undefined);
  return removed;
}

/** A package removed because its input no longer exists. */
export interface SweptPackage {
  readonly dir: string;
  readonly input: string;
  readonly files: readonly string[];
}

/** Department folders under `dir`; deep enough for any input tree, never an endless walk of a large --out. */
async function manifestDirs(dir: string, out: string[], depth = 0): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  // (`a.yaml` beside a folder `a/` of inputs: the package of a.yaml holds the folders of a/)
  if (entries.some((e) => e.name === MANIFEST_NAME && e.isFile())) out.push(dir);
  if (depth >= 12) return;
  for (const e of entries) if (e.isDirectory() && !e.name.startsWith('.')) await manifestDirs(join(dir, e.name), out, depth + 1);
}

function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel);
}

/**
 * Remove the packages under `outDir` whose input was deleted or moved away from one of `folders`
 * (the folders this run read from: they exist, so a missing input really is gone, not on a drive
 * that is not mounted). Folders in `keep` (built in this run) are left alone.
 */
export async function sweepOrphans(outDir: string, folders: readonly string[], keep: ReadonlySet<string>): Promise<SweptPackage[]> {
  const dirs: string[] = [];
  await manifestDirs(outDir, dirs);
  const swept: SweptPackage[] = [];
  for (const dir of dirs) {
    if (keep.has(dir)) continue;
    const m = await readManifest(dir);
    if (!m || !folders.some((f) => isInside(m.input, f)) || (await exists(m.input))) continue;
    const files = await removePackage(dir, m.input);
    swept.push({ dir, input: m.input, files });
    // parents left empty by the removal go too, up to the output folder
    for (let p = dirname(dir); isInside(p, outDir); p = dirname(p)) {
      if (!(await rmdir(p).then(() => true, () => false))) break;
    }
  }
  return swept;
}
