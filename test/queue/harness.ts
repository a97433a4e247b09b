// The queue suite's harness: Debian's redis-server on a free loopback port (no persistence), queue
// workers and clients as child processes of the real CLI, departments made from the mini fixture,
// and what to look at afterwards (the files of an output folder, leftovers of a run).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fixture, ROOT } from '../helpers.js';

/** A free TCP port on the loopback address. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** A child process with its output kept, and a way to wait for a line of it. */
export class Child {
  stdout = '';
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly waiters: { pattern: RegExp; resolve: () => void }[] = [];

  constructor(readonly process: ChildProcess) {
    process.stdout!.setEncoding('utf8').on('data', (s: string) => {
      this.stdout += s;
      this.check();
    });
    process.stderr!.setEncoding('utf8').on('data', (s: string) => {
      this.stderr += s;
      this.check();
    });
    this.exited = new Promise((resolve) => process.on('close', (code, signal) => resolve({ code, signal })));
  }

  private check(): void {
    for (const w of [...this.waiters]) {
      if (w.pattern.test(this.stdout + this.stderr)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  }

  /** Resolves once the output (stdout and stderr) matches `pattern`, or the process ends (then rejects). */
  async until(pattern: RegExp): Promise<void> {
    if (pattern.test(this.stdout + this.stderr)) return;
    await Promise.race([
      new Promise<void>((resolve) => this.waiters.push({ pattern, resolve })),
      this.exited.then(({ code, signal }) => {
        if (!pattern.test(this.stdout + this.stderr)) throw new Error(`exited (${code ?? signal}) before ${pattern}:\n${this.stdout}\n${this.stderr}`);
      }),
    ]);
  }

  /** Stop it (if it still runs) and wait for it to end. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (this.process.exitCode === null && this.process.signalCode === null) this.process.kill(signal);
    await this.exited;
  }
}

/** Debian's redis-server on a free loopback port, keeping nothing on disk (a restart loses every job). */
export class RedisServer {
  private child: Child | undefined;

  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  static async start(): Promise<RedisServer> {
    const r = new RedisServer(await freePort(), mkdtempSync(join(tmpdir(), 'juesuan-redis-')));
    await r.launch();
    return r;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  private async launch(): Promise<void> {
    const p = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = new Child(p);
    await this.child.until(/Ready to accept connections/);
  }

  /** Stop it and start it again on the same port, empty. */
  async restart(): Promise<void> {
    await this.stop();
    await this.launch();
  }

  async stop(): Promise<void> {
    await this.child?.stop('SIGTERM');
  }
}

/** Run the CLI in the background (through tsx, as a user would with `npx juesuan`). */
export function cli(args: readonly string[], env: NodeJS.ProcessEnv = {}): Child {
  return new Child(spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] }));
}

/** A queue worker of the CLI, started and connected. */
export async function worker(url: string, args: readonly string[] = [], env: NodeJS.ProcessEnv = {}): Promise<Child> {
  const w = cli(['worker', '--redis', url, '--concurrency', '1', '--stall-seconds', '10', ...args], env);
  await w.until(/juesuan worker 已启动/);
  return w;
}

/** A CLI run to its end. */
export async function finish(c: Child): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { code } = await c.exited;
  return { code, stdout: c.stdout, stderr: c.stderr };
}

/** A folder for a test's inputs and outputs. */
export function workspace(): string {
  return mkdtempSync(join(tmpdir(), 'juesuan-queue-'));
}

const MINI = readFileSync(fixture('mini/valid.yaml'), 'utf8');

/** `n` departments made from the mini fixture, each with a name of its own (测试市测试01局 …), as `dir/d01.yaml` …; returns their paths. */
export function departments(dir: string, n: number, from = 1): string[] {
  mkdirSync(dir, { recursive: true });
  return Array.from({ length: n }, (_, i) => {
    const k = String(from + i).padStart(2, '0');
    const file = join(dir, `d${k}.yaml`);
    writeFileSync(file, MINI.replace('name: 测试市测试局（本级）', `name: 测试市测试${k}局（本级）`));
    return file;
  });
}

/** A department whose 01表 行次27 is one yuan off (T01-INC), as `dir/name.yaml`. */
export function brokenDepartment(dir: string, name: string): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.yaml`);
  const text = MINI.replace('    r27: 1,010,000.00', '    r27: 1,010,001.00');
  if (text === MINI) throw new Error('the mini fixture changed: r27 not found');
  writeFileSync(file, text);
  return file;
}

/** Every file under `dir`, as sorted relative paths (hidden ones too). */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}
