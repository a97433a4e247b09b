// The uploads and their builds. Each upload is a job in a folder of its own (inputs, prior-year
// files, outputs, preview images) under the server's temporary folder, removed a while after its
// build. Jobs are built one at a time, in the order they came: a second upload waits in the queue.
// Every department goes through the CLI's pipeline (batch/index.ts `Builder.buildOne`: read,
// validate, derive, compose, write atomically), and one Builder — one Chromium — is kept between
// jobs while their settings are the same, so a department uploaded again after a fix is printed by
// a Chromium that is already warm. One department that fails (its data, its file, Chromium dying
// under it) is that department's result only. With a queue (`serve --queue`), a job's departments
// go to the queue's workers instead (queue/enqueue.ts), spread over the machines that run them.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { mkdir, rm } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { Builder, type BuildEntry, type BuildResult } from '../batch/index.js';
import { collisionKey } from '../batch/names.js';
import type { PriorIndex } from '../batch/prior.js';
import type { SubjectDictionary } from '../model/dictionary.js';
import type { Finding, SourceRef } from '../model/finding.js';
import type { InputEntry } from '../cli/inputs.js';
import type { QueuedBatch } from '../queue/index.js';
import { FORMATS, type Format } from '../writers/index.js';

/** Where a department is: waiting, being built, or done as the Builder says (built, failed, skipped). */
export type DepartmentStatus = 'queued' | 'building' | 'built' | 'failed' | 'skipped';

/** A file of a built package. */
export interface OutputFile {
  readonly kind: 'pdf' | 'docx' | 'xlsx' | 'audit';
  /** File name (shown and used for the download). */
  readonly name: string;
  readonly path: string;
}

/** One department file of an upload and what became of it. */
export interface Department {
  readonly index: number;
  /** The file as the user named it, relative to the upload (`县区/教育局.yaml`). */
  readonly file: string;
  /** The input for the Builder (absolute paths, the output folder inside the job's folder). */
  readonly entry: BuildEntry;
  status: DepartmentStatus;
  /** Findings with the upload's own names instead of server paths. */
  findings: readonly Finding[];
  /** Why it was not built, when it is not only its findings. */
  failure?: string;
  outputs: readonly OutputFile[];
  /** The prior-year file it was paired with (as the user names it). */
  prior?: string;
  seconds?: number;
}

/** Where an upload is: waiting for the one before it, being built, or done. */
export type JobStatus = 'queued' | 'running' | 'done';

/** One upload. */
export interface Job {
  readonly id: string;
  readonly dir: string;
  /** Folder of the department files (what the user uploaded, zips unpacked). */
  readonly inputDir: string;
  /** Folder of the prior-year files. */
  readonly priorDir: string;
  readonly createdAt: Date;
  /** The profile chosen on the page; none = each file's department.profile. */
  readonly profile?: string;
  readonly draft: boolean;
  /** Prior-year files kept with the upload (relative names). */
  readonly prior: readonly string[];
  /** Those files as the Builder pairs them with the departments (`--prior`). */
  readonly priorIndex?: PriorIndex;
  readonly departments: Department[];
  status: JobStatus;
  finishedAt?: Date;
  /** A problem of the whole build (Chromium cannot start …): the departments not built say it too. */
  problem?: string;
}

/** What a new job is made of. */
export interface NewJob {
  readonly id: string;
  readonly dir: string;
  readonly inputDir: string;
  readonly priorDir: string;
  readonly entries: readonly InputEntry[];
  readonly prior: readonly string[];
  readonly priorIndex?: PriorIndex;
  readonly profile?: string;
  readonly draft: boolean;
}

/** A new job id and its folder (made) under `root`. */
export async function newJobFolder(root: string): Promise<{ id: string; dir: string }> {
  const id = randomUUID();
  const dir = join(root, id);
  await mkdir(dir, { recursive: true });
  return { id, dir };
}

/** Job ids are UUIDs; anything else in a URL is no job. */
export const JOB_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function outputKind(name: string): OutputFile['kind'] {
  if (name.endsWith('.pdf')) return 'pdf';
  if (name.endsWith('.docx')) return 'docx';
  // the public tables' workbook keeps its suffix (…公开表.xlsx, …表.xlsx) however long the title;
  // the checking aids' title (…审核用) may be shortened away
  return name.endsWith('表.xlsx') ? 'xlsx' : 'audit';
}

const KIND_ORDER: readonly OutputFile['kind'][] = ['pdf', 'docx', 'xlsx', 'audit'];

/** What the prior-year files are called on the page. */
export const PRIOR_FOLDER = '上年数据';

/** Server paths in a text become the names the user knows. */
function displayText(text: string, job: Job): string {
  return text
    .split(`${job.inputDir}${sep}`).join('')
    .split(`${job.priorDir}${sep}`).join(`${PRIOR_FOLDER}/`)
    .split(`${join(job.dir, 'out')}${sep}`).join('')
    .split(job.inputDir).join('上传的文件')
    .split(job.priorDir).join(PRIOR_FOLDER);
}

/** A path of the upload as the user names it: `县区/教育局.yaml`, `上年数据/教育局.yaml`. */
function displayPath(file: string, job: Job): string {
  const under = (dir: string) => {
    const rel = relative(dir, file);
    return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : undefined;
  };
  const prior = under(job.priorDir);
  return under(job.inputDir) ?? (prior ? `${PRIOR_FOLDER}/${prior}` : file);
}

function displayRef(ref: SourceRef, job: Job): SourceRef {
  return { ...ref, file: displayPath(ref.file, job) };
}

function displayFinding(f: Finding, job: Job): Finding {
  return {
    ...f,
    message: displayText(f.message, job),
    ...(f.note ? { note: displayText(f.note, job) } : {}),
    ...(f.location ? { location: displayRef(f.location, job) } : {}),
    ...(f.related ? { related: f.related.map((r) => displayRef(r, job)) } : {}),
  };
}

/** After this long without a build, the Builder (and its Chromium) is closed. */
const IDLE_MS = 10 * 60 * 1000;
/** A Builder's timestamp (the files' metadata) is renewed at least this often. */
const MAX_BUILDER_AGE_MS = 30 * 60 * 1000;

/** The Builder shared by successive jobs with the same settings. */
class SharedBuilder {
  private current: { key: string; builder: Builder; since: number } | undefined;
  private idle: NodeJS.Timeout | undefined;

  constructor(
    private readonly dict: SubjectDictionary,
    private readonly outDir: string,
    private readonly formats: readonly Format[],
  ) {}

  /** The Builder for these settings; `prior` (a job's own prior-year files, by its id) makes one of its own. */
  get(profile: string | undefined, draft: boolean, prior?: { readonly id: string; readonly index: PriorIndex }): Builder {
    if (this.idle) clearTimeout(this.idle);
    const key = JSON.stringify([profile ?? null, draft, prior?.id ?? null]);
    const c = this.current;
    // a Builder that met a problem of the whole run (Chromium could not start) is not used again
    if (c && c.key === key && !c.builder.runProblem && Date.now() - c.since < MAX_BUILDER_AGE_MS) return c.builder;
    this.retire();
    const builder = new Builder(this.dict, {
      outDir: this.outDir,
      formats: this.formats,
      jobs: 1,
      createdAt: new Date().toISOString(),
      ...(profile ? { profile } : {}),
      ...(draft ? { draft: true } : {}),
      ...(prior ? { prior: prior.index } : {}),
    });
    this.current = { key, builder, since: Date.now() };
    return builder;
  }

  /** No job in hand: close Chromium after a while. */
  rest(): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = setTimeout(() => this.retire(), IDLE_MS);
    this.idle.unref();
  }

  retire(): void {
    // stop() closes its Chromium; a retired Builder has no department in hand
    this.current?.builder.stop();
    this.current = undefined;
  }
}

/**
 * All jobs of the server: made by uploads, built one at a time, removed `keepMs` after their build.
 * Emits `change` with the job whenever a job or one of its departments changes, `removed` when its
 * folder is gone.
 */
export class Jobs extends EventEmitter<{ change: [Job]; removed: [Job] }> {
  private readonly jobs = new Map<string, Job>();
  /** Ids of jobs already removed, to tell "expired" from "never was". */
  private readonly expired = new Set<string>();
  private readonly queue: Job[] = [];
  private readonly builder: SharedBuilder;
  private running: Promise<void> | undefined;
  private sweeper: NodeJS.Timeout;
  private closed = false;
  /** The job's departments on the queue (with `redis`). */
  private batch: QueuedBatch | undefined;

  constructor(
    dict: SubjectDictionary,
    /** The folder holding every job's folder. */
    private readonly root: string,
    private readonly keepMs: number,
    private readonly formats: readonly Format[] = FORMATS,
    /** A Redis URL: the departments are built by the queue's workers, who share `root`. */
    private readonly redis?: string,
  ) {
    super();
    this.setMaxListeners(0);
    this.builder = new SharedBuilder(dict, root, formats);
    this.sweeper = setInterval(() => void this.sweep(), Math.min(60_000, Math.max(1000, keepMs / 4)));
    this.sweeper.unref();
  }

  /** Register a job and queue its build. */
  add(n: NewJob): Job {
    const job: Job = {
      id: n.id,
      dir: n.dir,
      inputDir: n.inputDir,
      priorDir: n.priorDir,
      createdAt: new Date(),
      ...(n.profile ? { profile: n.profile } : {}),
      draft: n.draft,
      prior: n.prior,
      ...(n.priorIndex ? { priorIndex: n.priorIndex } : {}),
      status: 'queued',
      departments: n.entries.map((e, index) => ({
        index,
        file: relative(n.inputDir, e.file).split(sep).join('/'),
        entry: { file: e.file, outParts: [n.id, 'out', ...e.outParts], ...(e.findings ? { findings: e.findings } : {}) },
        status: 'queued' as DepartmentStatus,
        findings: [],
        outputs: [],
      })),
    };
    this.jobs.set(job.id, job);
    this.queue.push(job);
    this.running ??= this.work();
    return job;
  }

  get(id: string): Job | undefined {
    return this.jobs.get(id);
  }

  /** Whether `id` was a job whose folder has since been removed. */
  wasRemoved(id: string): boolean {
    return this.expired.has(id);
  }

  /** How many jobs will be built before `job` (0 when it is being built or done). */
  waitingBefore(job: Job): number {
    const i = this.queue.indexOf(job);
    return i < 0 ? 0 : i + (this.running && job.status === 'queued' ? 1 : 0);
  }

  private changed(job: Job): void {
    this.emit('change', job);
  }

  private async work(): Promise<void> {
    try {
      for (let job = this.queue.shift(); job && !this.closed; job = this.queue.shift()) {
        await this.build(job);
        // the jobs still waiting moved up one place
        for (const waiting of this.queue) this.changed(waiting);
      }
    } finally {
      this.running = undefined;
      if (!this.closed) this.builder.rest();
    }
  }

  private async build(job: Job): Promise<void> {
    job.status = 'running';
    this.changed(job);
    if (this.redis) await this.buildOnQueue(job, this.redis);
    else await this.buildHere(job);
    if (job.problem) this.builder.retire();
    job.status = 'done';
    job.finishedAt = new Date();
    this.changed(job);
  }

  private async buildHere(job: Job): Promise<void> {
    const builder = this.builder.get(job.profile, job.draft, job.priorIndex ? { id: job.id, index: job.priorIndex } : undefined);
    const clashes = this.collisions(job);
    for (const d of job.departments) {
      if (this.closed) break;
      d.status = 'building';
      this.changed(job);
      let r: BuildResult;
      try {
        r = clashes.get(d) ?? (await builder.buildOne(d.entry));
      } catch (e) {
        // buildOne settles everything a department can cause; this is a fault of the program
        r = { file: d.entry.file, dir: '', status: 'failed', ok: false, findings: [], outputs: [], seconds: 0, failure: `生成时出现程序错误（${e instanceof Error ? e.message : String(e)}），其他部门照常生成` };
      }
      this.settle(job, d, r);
      if (builder.runProblem) job.problem = displayText(builder.runProblem, job);
      this.changed(job);
    }
  }

  /** The departments put in the queue at once, each shown as its worker is done with it. */
  private async buildOnQueue(job: Job, redis: string): Promise<void> {
    const clashes = this.collisions(job);
    for (const [d, r] of clashes) this.settle(job, d, r);
    const departments = job.departments.filter((d) => !clashes.has(d));
    for (const d of departments) d.status = 'building';
    this.changed(job);
    const settings = {
      outDir: this.root,
      formats: this.formats,
      ...(job.profile ? { profile: job.profile } : {}),
      ...(job.draft ? { draft: true } : {}),
      ...(job.prior.length ? { prior: [job.priorDir] } : {}),
    };
    const { enqueueBatch } = await import('../queue/index.js');
    const batch = (this.batch = enqueueBatch(departments.map((d) => d.entry), settings, { redis }));
    if (this.closed) batch.stop();
    for await (const { index, result } of batch) {
      this.settle(job, departments[index]!, result);
      this.changed(job);
    }
    this.batch = undefined;
    if (batch.problem) job.problem = displayText(batch.problem, job);
  }

  private settle(job: Job, d: Department, r: BuildResult): void {
    d.status = r.status;
    d.findings = r.findings.map((f) => displayFinding(f, job));
    d.seconds = r.seconds;
    if (r.failure) d.failure = displayText(r.failure, job);
    if (r.prior) d.prior = displayPath(r.prior, job);
    d.outputs = r.outputs
      .map((path): OutputFile => {
        const name = path.slice(path.lastIndexOf(sep) + 1);
        return { kind: outputKind(name), name, path };
      })
      .sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
  }

  /** Files of one upload that would share an output folder (`x.yaml` and `x.yml`): neither is built, as in the CLI. */
  private collisions(job: Job): Map<Department, BuildResult> {
    const byKey = new Map<string, Department[]>();
    for (const d of job.departments) byKey.set(collisionKey(d.entry.outParts), [...(byKey.get(collisionKey(d.entry.outParts)) ?? []), d]);
    const out = new Map<Department, BuildResult>();
    for (const group of byKey.values()) {
      if (group.length < 2) continue;
      for (const d of group) {
        const others = group.filter((o) => o !== d);
        const finding: Finding = {
          ruleId: 'IN-OUTPUT',
          severity: 'error',
          message: `${d.file} 与 ${others.map((o) => o.file).join('、')} 的输出文件夹都是 ${d.entry.outParts.slice(2).join('/')}，两个部门不能共用一个文件夹，都未生成`,
          location: { file: d.entry.file, line: 1, column: 1 },
          related: others.map((o) => ({ file: o.entry.file, line: 1, column: 1 })),
          note: '请改其中一个文件的名字，或把它们放在不同的文件夹中再上传',
        };
        out.set(d, { file: d.entry.file, dir: '', status: 'failed', ok: false, findings: [finding], outputs: [], seconds: 0 });
      }
    }
    return out;
  }

  /** Remove the folders of jobs finished more than `keepMs` ago. */
  async sweep(now = Date.now()): Promise<void> {
    for (const job of [...this.jobs.values()]) {
      if (job.status !== 'done' || !job.finishedAt || now - job.finishedAt.getTime() < this.keepMs) continue;
      this.jobs.delete(job.id);
      this.expired.add(job.id);
      await rm(job.dir, { recursive: true, force: true }).catch(() => undefined);
      this.emit('removed', job);
    }
  }

  /** Stop: no job starts any more, the department in hand is abandoned, Chromium is closed. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.sweeper);
    this.batch?.stop();
    this.builder.retire();
    await this.running?.catch(() => undefined);
  }
}
