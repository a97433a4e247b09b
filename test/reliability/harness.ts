// The reliability suite's harness: run the real CLI in a sandbox of its own (input folder, output
// folder, a private TMPDIR, an environment marker inherited by every process it starts) and check
// what a finance user would check the morning after: the exit code, the messages, that every
// package reported as built opens, and that nothing was left behind (temporary files in the output,
// temporary folders, Chromium processes).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { ROOT } from '../helpers.js';

export interface Sandbox {
  readonly root: string;
  /** Where the inputs go. */
  readonly input: string;
  /** The --out folder. */
  readonly out: string;
  /** TMPDIR of the CLI: empty after every run, except the TypeScript loader's cache link. */
  readonly tmp: string;
  /** Put into the CLI's environment; every process it starts inherits it. */
  readonly marker: string;
}

export interface RunResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The TypeScript loader keeps its compile cache in TMPDIR: link the shared one so each run starts fast. */
const LOADER_CACHE = `tsx-${userInfo().uid}`;

export function sandbox(): Sandbox {
  const root = mkdtempSync(join(tmpdir(), 'juesuan-rel-'));
  const sb = { root, input: join(root, 'in'), out: join(root, 'out'), tmp: join(root, 'tmp'), marker: randomUUID() };
  for (const d of [sb.input, sb.tmp]) mkdirSync(d, { recursive: true });
  const shared = join(tmpdir(), LOADER_CACHE);
  if (existsSync(shared)) symlinkSync(shared, join(sb.tmp, LOADER_CACHE));
  return sb;
}

function command(sb: Sandbox, args: readonly string[], env: NodeJS.ProcessEnv = {}, wrap: readonly string[] = []) {
  const argv = [...wrap, process.execPath, '--import', 'tsx', join(ROOT, 'src/cli/main.ts'), ...args];
  return { file: argv[0]!, args: argv.slice(1), options: { cwd: ROOT, env: { ...process.env, TMPDIR: sb.tmp, JUESUAN_RELIABILITY: sb.marker, ...env } } };
}

/** Run the CLI to the end. `wrap` runs it under another program (setpriv …). */
export function run(sb: Sandbox, args: readonly string[], env: NodeJS.ProcessEnv = {}, wrap: readonly string[] = []): RunResult {
  const c = command(sb, args, env, wrap);
  const r = spawnSync(c.file, c.args, { ...c.options, encoding: 'utf8', timeout: 170_000 });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** A CLI run in the background, for faults injected while it works. */
export interface Running {
  readonly child: ChildProcess;
  /** Resolves once stdout matches. */
  until(pattern: RegExp): Promise<void>;
  readonly done: Promise<RunResult>;
}

export function start(sb: Sandbox, args: readonly string[], env: NodeJS.ProcessEnv = {}): Running {
  const c = command(sb, args, env);
  const child = spawn(c.file, c.args, c.options);
  let stdout = '';
  let stderr = '';
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  child.stdout!.setEncoding('utf8').on('data', (s: string) => {
    stdout += s;
    for (const w of [...waiters]) if (w.pattern.test(stdout)) (waiters.splice(waiters.indexOf(w), 1), w.resolve());
  });
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const done = new Promise<RunResult>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return {
    child,
    done,
    until: (pattern) =>
      new Promise<void>((resolve, reject) => {
        if (pattern.test(stdout)) return resolve();
        waiters.push({ pattern, resolve });
        void done.then(() => reject(new Error(`the run ended before its output matched ${pattern}:\n${stdout}\n${stderr}`)));
      }),
  };
}

/** Process ids whose parent is `pid`. */
export function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const p of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) out.push(Number(p));
    } catch {
      // the process is gone
    }
  }
  return out;
}

/** The command line of a process ('' once it is gone). */
export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/** Live processes (not zombies) that carry the sandbox's marker: the CLI's own and all it started. */
function markedProcesses(marker: string): number[] {
  const out: number[] = [];
  for (const p of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      if (readFileSync(`/proc/${p}/environ`, 'utf8').includes(marker)) out.push(Number(p));
    } catch {
      // gone, or a zombie without an environment
    }
  }
  return out;
}

/** Processes started by the run that are still alive, after giving them a few seconds to end. */
export async function leftoverProcesses(sb: Sandbox): Promise<string[]> {
  for (let i = 0; i < 50 && markedProcesses(sb.marker).length; i++) await new Promise((r) => setTimeout(r, 100));
  return markedProcesses(sb.marker).map((p) => `${p} ${commandLine(p)}`);
}

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? [join(dir, e.name), ...walk(join(dir, e.name))] : [join(dir, e.name)]));
}

/** Temporary files in the output tree, and anything the run left in its TMPDIR. */
export function leftoverFiles(sb: Sandbox): string[] {
  const temps = walk(sb.out).filter((p) => /\.juesuan-tmp-/.test(p));
  const tmp = readdirSync(sb.tmp).filter((n) => n !== LOADER_CACHE).map((n) => join(sb.tmp, n));
  return [...temps, ...tmp];
}

/** Nothing a user can cause may show a stack trace or an “internal error”. */
export function expectNoCrash(r: RunResult): void {
  for (const text of [r.stdout, r.stderr]) {
    expect(text).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    expect(text).not.toMatch(/内部错误|Error: |TypeError|ReferenceError|ENOENT|EACCES|ELOOP|ENOSPC|EROFS/);
  }
}

/** The departments the run reported as built, with their folders. */
export function builtPackages(stdout: string): { file: string; dir: string }[] {
  return [...stdout.matchAll(/^\[\d+\/\d+\] ✓ (.+?) → (.+?)\/（/gm)].map((m) => ({ file: m[1]!, dir: m[2]! }));
}

/** The entries the run reported as not built. */
export function failedEntries(stdout: string): string[] {
  return [...stdout.matchAll(/^\[\d+\/\d+\] ✗ (.+?)：/gm)].map((m) => m[1]!);
}

/** Open every file of a package the way its reader would; a file that does not open fails the test. */
export async function expectPackageOpens(dir: string): Promise<string[]> {
  const files = readdirSync(dir).filter((n) => !n.startsWith('.'));
  expect(files.length).toBeGreaterThan(0);
  for (const name of files) {
    const path = join(dir, name);
    expect(statSync(path).size).toBeGreaterThan(0);
    if (name.endsWith('.pdf')) {
      const info = spawnSync('pdfinfo', [path], { encoding: 'utf8' });
      expect(info.status, `${path}: ${info.stderr}`).toBe(0);
      expect(Number(/^Pages:\s+(\d+)/m.exec(info.stdout)?.[1])).toBeGreaterThan(0);
    } else if (name.endsWith('.docx') || name.endsWith('.xlsx')) {
      const zip = spawnSync('unzip', ['-tq', path], { encoding: 'utf8' });
      expect(zip.status, `${path}: ${zip.stdout}`).toBe(0);
      if (name.endsWith('.xlsx')) {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(path);
        expect(wb.worksheets.length).toBeGreaterThan(0);
      }
    } else {
      throw new Error(`unexpected file in a package: ${path}`);
    }
  }
  return files;
}

/** The small valid department every case starts from. */
export const MINI = readFileSync(join(ROOT, 'test/fixtures/mini/valid.yaml'), 'utf8');
