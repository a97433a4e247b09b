// Expand the CLI's <file|dir> arguments into input entries. A folder means every department file in
// it, recursively, in name order. What a folder holds is never skipped silently when it may be
// department data in another form: .yaml/.yml files and .xlsx workbooks are read; other spreadsheets
// (.xls, .et, .ods, .csv: asked to be saved as .xlsx), PDF, Word and archives
// (REPORTED_EXTENSIONS), `x.yaml.txt` (Windows hid the .txt) and anything that cannot be listed
// (a symlink loop, a folder without permission) become entries that are reported, not built. Hidden
// files and folders, Office lock files (~$…), and other files (.txt, .md, images …) are ignored, as
// are folders juesuan generated (the --out folder, folders holding a build manifest or an output marker).
//
// Each entry gets its output folder: its path relative to the argument it came from, without the
// extension (`in/a/d1.yaml` under argument `in` → `a/d1`; a file argument → its own name), every
// part made safe. A path given on the command line that does not exist is a usage problem (exit 2).
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { basename, extname, join, relative, sep } from 'node:path';
import { MANIFEST_NAME, OUTPUT_MARKER } from '../batch/manifest.js';
import { safeRelativeDir } from '../batch/names.js';
import type { Finding } from '../model/finding.js';
import { fileFinding, INPUT_EXTENSIONS } from '../readers/index.js';
import { describeIoError, ioErrorCode } from '../readers/io-errors.js';
import { REPORTED_EXTENSIONS } from '../readers/sniff.js';

/** A mistake in the command itself (exit 2). */
export class UsageError extends Error {}

/** One thing to build or report. */
export interface InputEntry {
  /** The path as the user sees it (as given, or joined under the folder given). */
  readonly file: string;
  /** The output folder under --out, part by part, already made safe. */
  readonly outParts: readonly string[];
  /** Problems found while listing (unreadable folder, symlink loop): the entry is reported, not read. */
  readonly findings?: readonly Finding[];
}

export interface ExpandedInputs {
  readonly entries: readonly InputEntry[];
  /** Folders the inputs were listed from (real paths): a package whose input vanished from one of them is stale. */
  readonly folders: readonly string[];
}

/** How to list the inputs. */
export interface ExpandOptions {
  /** Folders never to list (the --out folder when it sits inside an input folder). */
  readonly exclude?: readonly string[];
}

type Kind = 'input' | 'reported' | 'ignored';

function classify(name: string): Kind {
  if (name.startsWith('.') || name.startsWith('~$')) return 'ignored';
  const ext = extname(name).toLowerCase();
  if ((INPUT_EXTENSIONS as readonly string[]).includes(ext)) return 'input';
  if (REPORTED_EXTENSIONS.includes(ext) || /\.ya?ml\.txt$/i.test(name)) return 'reported';
  return 'ignored';
}

function stem(path: string): string {
  return basename(path, extname(path));
}

function outParts(root: string, file: string): string[] {
  const rel = relative(root, file).split(sep);
  rel[rel.length - 1] = stem(rel[rel.length - 1]!);
  return safeRelativeDir(rel);
}

function problem(file: string, e: unknown, action: '读取' | '列出'): Finding[] {
  const message = ioErrorCode(e) === 'ENOENT' ? `${file} 是符号链接（快捷方式），但它指向的文件不存在` : describeIoError(e, action, file);
  return [fileFinding(file, 'IN-FILE', message)];
}

async function walk(root: string, dir: string, visited: Set<string>, exclude: ReadonlySet<string>, entries: InputEntry[]): Promise<void> {
  let names: string[];
  try {
    names = (await readdir(dir)).sort((a, b) => a.localeCompare(b));
  } catch (e) {
    entries.push({ file: dir, outParts: outParts(root, dir), findings: problem(dir, e, '列出') });
    return;
  }
  // a folder juesuan generated holds no inputs
  if (names.includes(MANIFEST_NAME) || names.includes(OUTPUT_MARKER)) return;
  for (const name of names) {
    if (name.startsWith('.') || name.startsWith('~$') || name === 'node_modules') continue;
    const p = join(dir, name);
    let isDir: boolean;
    try {
      const l = await lstat(p);
      // a symbolic link is followed; a loop or a dangling link is reported as the entry it claims to be
      isDir = l.isSymbolicLink() ? (await stat(p)).isDirectory() : l.isDirectory();
    } catch (e) {
      if (classify(name) !== 'ignored' || ioErrorCode(e) === 'ELOOP') entries.push({ file: p, outParts: outParts(root, p), findings: problem(p, e, '读取') });
      continue;
    }
    if (isDir) {
      const real = await realpath(p).catch(() => p);
      if (visited.has(real) || exclude.has(real)) continue; // a link back up the tree, or the output folder
      visited.add(real);
      await walk(root, p, visited, exclude, entries);
    } else if (classify(name) !== 'ignored') {
      entries.push({ file: p, outParts: outParts(root, p) });
    }
  }
}

/** The entries of the command line's paths, in order, each real file once. */
export async function expandInputs(args: readonly string[], options: ExpandOptions = {}): Promise<ExpandedInputs> {
  const exclude = new Set(await Promise.all((options.exclude ?? []).map((d) => realpath(d).catch(() => d))));
  const entries: InputEntry[] = [];
  const folders: string[] = [];
  for (const a of args) {
    const l = await lstat(a).catch((e: unknown) => e as Error);
    if (l instanceof Error) {
      if (ioErrorCode(l) === 'ENOENT' || ioErrorCode(l) === 'ENOTDIR') throw new UsageError(`找不到文件或文件夹：${a}`);
      entries.push({ file: a, outParts: [safeRelativeDir([stem(a)])[0]!], findings: problem(a, l, '读取') });
      continue;
    }
    const s = await stat(a).catch((e: unknown) => e as Error);
    if (!(s instanceof Error) && s.isDirectory()) {
      const real = await realpath(a);
      const found: InputEntry[] = [];
      await walk(a, a, new Set([real]), exclude, found);
      if (found.length === 0) throw new UsageError(`文件夹中没有部门数据文件（.yaml 或 .xlsx）：${a}`);
      entries.push(...found);
      folders.push(real);
      continue;
    }
    // a file (or a link that cannot be followed: reported when it is read)
    entries.push({ file: a, outParts: safeRelativeDir([stem(a)]) });
    const parent = await realpath(join(a, '..')).catch(() => undefined);
    if (parent) folders.push(parent);
  }
  return { entries: await dedupe(entries), folders: [...new Set(folders)] };
}

/** The same file reached twice (named twice, or through a link) is built once. */
async function dedupe(entries: readonly InputEntry[]): Promise<InputEntry[]> {
  const seen = new Set<string>();
  const out: InputEntry[] = [];
  for (const e of entries) {
    const key = e.findings ? `?${e.file}` : await realpath(e.file).catch(() => e.file);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  return out;
}
