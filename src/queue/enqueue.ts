// The client side of a queued run: put one job per department into the queue, follow the queue's
// events, and hand back each department's result as it is done, in the shape a local build gives
// (batch/index.ts BuildResult), with the paths the caller used.
//
// A department is one job whose id is the content key of its inputs (job.ts), so BullMQ never holds
// two jobs for it: one already waiting or being built (another run put it there) is waited for. A job
// finished in an earlier run is put in again: its worker finds the package up to date by its manifest
// and reports it unchanged without building it (batch/index.ts), or builds it when its files were
// changed or removed since.
//
// The wait is bounded: when nothing in the queue moves for `idleSeconds` (no department starts,
// finishes, retries or reports progress; workers report every 15 s while building), the run stops
// with a sentence saying why (Redis cannot be reached, no worker is running, the workers are stuck)
// and the departments not done are reported as not built. If Redis loses the jobs (restarted
// without persistence), the departments still to do are put in the queue again.
import { join } from 'node:path';
import { Queue, QueueEvents, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { collisionResult, type BuildEntry, type BuildResult } from '../batch/index.js';
import { collisionKey } from '../batch/names.js';
import { connectionOptions, describeRedisError, displayUrl, openRedis, QUEUE_NAME } from './connection.js';
import { absoluteEntry, absoluteSettings, JobIds, relocate, type DepartmentJob, type JobSettings } from './job.js';

/** How a queued run waits and retries. */
export interface QueueRunOptions {
  /** The Redis URL (connection.ts parseRedisUrl). */
  readonly redis: string;
  /** Seconds without any movement in the queue before the run gives up (default 60). */
  readonly idleSeconds?: number;
  /** Tries per department when the machine is at fault (Chromium dies, a worker stops); default 3. */
  readonly attempts?: number;
  /** Wait before the first retry, doubled for each next one, in seconds (default 5). */
  readonly backoffSeconds?: number;
  /** Where to say what the queue is doing (retries, workers that died, departments already queued); one line each. */
  readonly notify?: (line: string) => void;
}

/** One department done: its place in the entries given, and its result. */
export interface QueuedResult {
  readonly index: number;
  readonly result: BuildResult;
}

/** How long finished jobs (and their results, for a client that missed the event) are kept in Redis. */
const KEEP_SECONDS = 24 * 3600;
/** How long the first connection may take before the run gives up. */
const CONNECT_SECONDS = 10;
/** Departments hashed for their keys and put in the queue at a time. */
const ADD_CHUNK = 50;
/** Without an event for one of our departments this long, their states are read from Redis. */
const RECONCILE_SECONDS = 10;

/** What `p` settles with, or `undefined` when it rejects or takes longer than `ms`. */
async function within<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  try {
    return await Promise.race([p.catch(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Thrown inside a run to unwind it when it is stopped or gives up. */
class Halt extends Error {}

/** What one job stands for: the entries it builds (the same file reached twice is one job) and its data. */
interface Pending {
  readonly indices: number[];
  readonly data: DepartmentJob;
}

/**
 * One queued run: iterate it for each department's result as it is done (every entry yields
 * exactly one); `problem` says why the run stopped early, if it did.
 */
export class QueuedBatch implements AsyncIterable<QueuedResult> {
  private readonly ready: QueuedResult[] = [];
  private readonly delivered: boolean[];
  private readonly settings: JobSettings;
  private readonly pending = new Map<string, Pending>();
  private wakeReader: (() => void) | undefined;
  private wakeRun: (() => void) | undefined;
  private halt: ((e: Halt) => void) | undefined;
  private readonly halted: Promise<never>;
  private finished = false;
  private stopRequested = false;
  private problemText: string | undefined;
  private lastMovement = Date.now();
  private lastOwnEvent = Date.now();
  private reconcileNeeded = false;
  private lostSaid = false;

  constructor(
    private readonly entries: readonly BuildEntry[],
    /** The run's settings with the paths as the caller gave them. */
    private readonly given: JobSettings,
    private readonly options: QueueRunOptions,
  ) {
    this.delivered = entries.map(() => false);
    this.settings = absoluteSettings(given);
    this.halted = new Promise<never>((_, reject) => (this.halt = reject));
    this.halted.catch(() => undefined);
    void this.run()
      .catch((e: unknown) => {
        if (!(e instanceof Halt)) this.problemText ??= `队列出错：${e instanceof Error ? e.message : String(e)}`;
      })
      .finally(() => {
        entries.forEach((entry, index) => {
          if (!this.delivered[index]) this.push(index, this.skipped(entry));
        });
        this.finished = true;
        this.wakeReader?.();
      });
  }

  /** Why the run stopped before every department was done (Redis unreachable, no worker …), if it did. */
  get problem(): string | undefined {
    return this.problemText;
  }

  /** Whether `stop` was called. */
  get stopped(): boolean {
    return this.stopRequested;
  }

  /** Stop waiting (Ctrl-C): departments not started are taken out of the queue; those being built finish on their worker. */
  stop(): void {
    if (this.stopRequested || this.finished) return;
    this.stopRequested = true;
    this.halt?.(new Halt());
  }

  async *[Symbol.asyncIterator](): AsyncIterator<QueuedResult> {
    for (;;) {
      const next = this.ready.shift();
      if (next) {
        yield next;
        continue;
      }
      if (this.finished) return;
      await new Promise<void>((resolve) => (this.wakeReader = resolve));
      this.wakeReader = undefined;
    }
  }

  private say(line: string): void {
    this.options.notify?.(line);
  }

  private dirOf(entry: BuildEntry): string {
    return join(this.given.outDir, ...entry.outParts);
  }

  private skipped(entry: BuildEntry): BuildResult {
    const failure = this.stopRequested ? '运行被中断，未处理' : `运行中止，未处理：${this.problemText ?? ''}`;
    return { file: entry.file, dir: this.dirOf(entry), status: 'skipped', ok: false, findings: [], outputs: [], failure, seconds: 0 };
  }

  private push(index: number, result: BuildResult): void {
    if (this.delivered[index]) return;
    this.delivered[index] = true;
    this.ready.push({ index, result });
    this.wakeReader?.();
  }

  /** A job's result, for each entry it stands for, with the caller's paths. */
  private deliver(id: string, result: BuildResult): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    for (const index of p.indices) {
      const entry = this.entries[index]!;
      this.push(index, relocate(result, [[absoluteEntry(entry).file, entry.file], [this.settings.outDir, this.given.outDir]]));
    }
    this.wakeRun?.();
  }

  /** A job that failed for good (its tries used up, or its workers died under it too often). */
  private deliverFailure(id: string, reason: string, attempts: number): void {
    const p = this.pending.get(id);
    if (!p) return;
    const stalled = /stalled/i.test(reason);
    const failure = stalled
      ? '生成这个部门时工作进程多次中断（被结束、内存不足或机器重启），已不再重试'
      : `工作进程生成这个部门时出错，已试了 ${attempts} 次：${reason}`;
    const entry = this.entries[p.indices[0]!]!;
    this.deliver(id, { file: absoluteEntry(entry).file, dir: join(this.settings.outDir, ...entry.outParts), status: 'failed', ok: false, findings: [], outputs: [], failure, seconds: 0 });
  }

  private fileOf(id: string): string {
    const p = this.pending.get(id);
    return p ? this.entries[p.indices[0]!]!.file : id;
  }

  /** Wait for `p`, unless the run is stopped or gives up first. */
  private guard<T>(p: Promise<T>): Promise<T> {
    return Promise.race([p, this.halted]);
  }

  private giveUp(problem: string): void {
    this.problemText ??= problem;
    this.halt?.(new Halt());
  }

  private async run(): Promise<void> {
    const url = this.options.redis;
    const idle = this.options.idleSeconds ?? 60;
    const redis = openRedis(url);
    let lastError: unknown;
    let down = false;
    redis.on('error', (e) => (lastError = e));
    redis.on('close', () => (down = true));
    redis.on('ready', () => {
      // back after a disconnection: what happened meanwhile is read from Redis
      if (down) this.reconcileNeeded = true;
      down = false;
      this.wakeRun?.();
    });
    let queue: Queue<DepartmentJob, BuildResult> | undefined;
    let events: QueueEvents | undefined;
    let judging = false;
    const watchdog = setInterval(() => {
      this.wakeRun?.();
      if (judging || Date.now() - this.lastMovement <= idle * 1000) return;
      judging = true;
      void this.idleProblem(redis, queue, idle, lastError).then((p) => this.giveUp(p));
    }, 1000);
    try {
      // the first connection: a refusal (no Redis there, a wrong password) is said at once
      const connected = await this.guard(
        within(
          new Promise<boolean>((resolve) => {
            redis.once('ready', () => resolve(true));
            redis.once('error', () => resolve(false));
          }),
          CONNECT_SECONDS * 1000,
        ),
      );
      if (!connected) {
        this.giveUp(describeRedisError(url, lastError));
        return;
      }
      queue = new Queue<DepartmentJob, BuildResult>(QUEUE_NAME, { connection: redis });
      queue.on('error', (e) => (lastError = e));
      // events from now on: nothing that happens while the jobs are added is missed
      const tail = await this.guard(redis.xrevrange(queue.keys.events!, '+', '-', 'COUNT', 1));
      events = new QueueEvents(QUEUE_NAME, { connection: connectionOptions(url), lastEventId: tail[0]?.[0] ?? '0' });
      this.listen(events, queue);
      await this.add(queue);
      this.moved();
      while (this.pending.size) {
        await this.guard(new Promise<void>((resolve) => (this.wakeRun = resolve)));
        this.wakeRun = undefined;
        const quiet = Date.now() - this.lastOwnEvent > RECONCILE_SECONDS * 1000;
        if (redis.status === 'ready' && (this.reconcileNeeded || quiet)) {
          this.reconcileNeeded = false;
          this.lastOwnEvent = Date.now();
          await this.guard(this.reconcile(queue));
        }
      }
    } finally {
      clearInterval(watchdog);
      if (this.stopRequested && queue && redis.status === 'ready') await within(this.withdraw(queue), 5000);
      await within(events?.close() ?? Promise.resolve(), 3000);
      await within(queue?.close() ?? Promise.resolve(), 3000);
      redis.disconnect();
    }
  }

  /** Something moved in the queue. */
  private moved(own = false): void {
    this.lastMovement = Date.now();
    if (own) this.lastOwnEvent = Date.now();
  }

  private listen(events: QueueEvents, queue: Queue<DepartmentJob, BuildResult>): void {
    events.on('error', () => undefined); // reconnects by itself; the watchdog bounds the wait
    for (const name of ['active', 'progress', 'waiting', 'added', 'retries-exhausted'] as const) events.on(name, ({ jobId }: { jobId: string }) => this.moved(this.pending.has(jobId)));
    events.on('completed', ({ jobId, returnvalue }) => {
      this.moved(this.pending.has(jobId));
      if (this.pending.has(jobId)) this.deliver(jobId, returnvalue as unknown as BuildResult);
    });
    events.on('failed', ({ jobId, failedReason }) => {
      this.moved(this.pending.has(jobId));
      if (this.pending.has(jobId)) void this.failed(queue, jobId, failedReason);
    });
    events.on('delayed', ({ jobId, delay }) => {
      this.moved(this.pending.has(jobId));
      if (this.pending.has(jobId)) void this.retrying(queue, jobId, delay);
    });
    events.on('stalled', ({ jobId }) => {
      this.moved(this.pending.has(jobId));
      if (this.pending.has(jobId)) this.say(`${this.fileOf(jobId)}：生成它的工作进程中断了（被结束、内存不足或机器重启），已放回队列，由工作进程重新生成`);
    });
  }

  private async failed(queue: Queue<DepartmentJob, BuildResult>, id: string, reason: string): Promise<void> {
    const job = await within(queue.getJob(id), 5000);
    this.deliverFailure(id, job?.failedReason || reason, job?.attemptsMade ?? this.options.attempts ?? 3);
  }

  private async retrying(queue: Queue<DepartmentJob, BuildResult>, id: string, delay: number): Promise<void> {
    const job = await within(queue.getJob(id), 5000);
    const seconds = Math.max(0, Math.round((delay - Date.now()) / 1000));
    this.say(`${this.fileOf(id)}：工作进程生成时出错（${job?.failedReason ?? '原因未知'}），${seconds ? `${seconds} 秒后` : ''}重试（第 ${(job?.attemptsMade ?? 0) + 1} 次）`);
  }

  private jobOptions(id: string) {
    return {
      jobId: id,
      attempts: this.options.attempts ?? 3,
      backoff: { type: 'exponential', delay: (this.options.backoffSeconds ?? 5) * 1000 },
      removeOnComplete: { age: KEEP_SECONDS },
      removeOnFail: { age: KEEP_SECONDS },
    };
  }

  /**
   * Put the departments in the queue, a chunk at a time so that the workers start on the first ones
   * while the others are still hashed for their keys. Those that share an output folder with another
   * are reported at once, as a local build does.
   */
  private async add(queue: Queue<DepartmentJob, BuildResult>): Promise<void> {
    const clashes = collisions(this.entries);
    const ids = new JobIds(this.settings);
    let added = 0;
    let waiting = 0;
    for (let start = 0; start < this.entries.length; start += ADD_CHUNK) {
      const chunk: string[] = [];
      for (let index = start; index < Math.min(start + ADD_CHUNK, this.entries.length); index++) {
        const entry = this.entries[index]!;
        const others = clashes.get(index);
        if (others) {
          this.push(index, collisionResult(entry, others.map((o) => this.entries[o]!), this.dirOf(entry)));
          continue;
        }
        const abs = absoluteEntry(entry);
        const id = await this.guard(ids.of(abs, join(this.settings.outDir, ...entry.outParts)));
        const p = this.pending.get(id);
        if (p) p.indices.push(index);
        else {
          this.pending.set(id, { indices: [index], data: { entry: abs, settings: this.settings } });
          chunk.push(id);
        }
      }
      const toAdd: string[] = [];
      for (const id of chunk) {
        const state = await this.guard(queue.getJobState(id));
        if (state === 'completed' || state === 'failed') {
          // finished in an earlier run: in again, for its worker to find it unchanged or build it
          const job = await this.guard(queue.getJob(id));
          await this.guard(job?.remove() ?? Promise.resolve());
        } else if (state !== 'unknown') {
          waiting++;
          continue;
        }
        // (a department done meanwhile, put in by another run, needs no job of ours)
        if (this.pending.has(id)) toAdd.push(id);
      }
      await this.guard(queue.addBulk(toAdd.map((id) => ({ name: 'department', data: this.pending.get(id)!.data, opts: this.jobOptions(id) }))));
      added += toAdd.length;
      this.moved();
    }
    const workers = await within(queue.getWorkersCount(), 5000);
    const parts = [`已放入队列（${displayUrl(this.options.redis)}）${added} 个部门`];
    if (waiting) parts.push(`${waiting} 个部门已在队列中（另一次运行放入的），等它们生成完`);
    if (workers !== undefined) parts.push(workers ? `现有 ${workers} 个工作进程` : `现在没有工作进程（请运行 juesuan worker --redis ${displayUrl(this.options.redis)}），等待中`);
    this.say(parts.join('；'));
  }

  /** Read the state of our departments from Redis: results whose events were missed, jobs Redis lost. */
  private async reconcile(queue: Queue<DepartmentJob, BuildResult>): Promise<void> {
    const lost: string[] = [];
    for (const id of [...this.pending.keys()]) {
      const state = await queue.getJobState(id);
      if (state === 'completed' || state === 'failed') {
        const job = await queue.getJob(id);
        if (!job) lost.push(id);
        else if (state === 'completed') this.deliver(id, job.returnvalue);
        else this.deliverFailure(id, job.failedReason, job.attemptsMade);
      } else if (state === 'unknown') {
        lost.push(id);
      }
    }
    if (!lost.length) return;
    if (!this.lostSaid) this.say(`Redis 中已没有 ${lost.length} 个未完成部门的任务（Redis 重新启动且没有保存数据？），已重新放入队列`);
    this.lostSaid = true;
    await queue.addBulk(lost.filter((id) => this.pending.has(id)).map((id) => ({ name: 'department', data: this.pending.get(id)!.data, opts: this.jobOptions(id) })));
    this.moved();
  }

  /** Take our departments that no worker has started out of the queue (the run was stopped). */
  private async withdraw(queue: Queue<DepartmentJob, BuildResult>): Promise<void> {
    let removed = 0;
    for (const id of this.pending.keys()) {
      const state = await queue.getJobState(id);
      if (state !== 'waiting' && state !== 'delayed' && state !== 'prioritized') continue;
      const job: Job<DepartmentJob, BuildResult> | undefined = await queue.getJob(id);
      if (await job?.remove().then(() => true, () => false)) removed++;
    }
    if (removed) this.say(`已从队列中撤下 ${removed} 个尚未开始的部门；正在生成的部门会在工作进程上生成完`);
  }

  /** Why nothing moved for `idle` seconds, as one sentence. */
  private async idleProblem(redis: Redis, queue: Queue | undefined, idle: number, lastError: unknown): Promise<string> {
    if (redis.status !== 'ready' || !queue) return `${idle} 秒内连不上 Redis：${describeRedisError(this.options.redis, lastError)}`;
    const workers = await within(queue.getWorkersCount(), 5000);
    if (workers === undefined) return `${idle} 秒内 Redis（${displayUrl(this.options.redis)}）没有响应`;
    if (workers === 0) return `${idle} 秒内队列没有任何进展：没有 juesuan worker 在运行（请在各台机器上运行 juesuan worker --redis ${displayUrl(this.options.redis)}）`;
    return `${idle} 秒内队列没有任何进展：有 ${workers} 个工作进程，但没有部门开始或生成完（请查看工作进程的输出）`;
  }
}

/** Entries whose output folders would be the same, by index: none of them is built (as in a local build). */
function collisions(entries: readonly BuildEntry[]): Map<number, number[]> {
  const byKey = new Map<string, number[]>();
  entries.forEach((e, i) => {
    const key = collisionKey(e.outParts);
    byKey.set(key, [...(byKey.get(key) ?? []), i]);
  });
  const out = new Map<number, number[]>();
  for (const group of byKey.values()) if (group.length > 1) for (const i of group) out.set(i, group.filter((o) => o !== i));
  return out;
}

/**
 * Build `entries` on the queue's workers: one job per department, results as they are done.
 * `settings` are the run's options (paths as the caller uses them; the folders must be the same
 * path on every worker's machine). The web page and `build --queue` both go through this.
 */
export function enqueueBatch(entries: readonly BuildEntry[], settings: JobSettings, options: QueueRunOptions): QueuedBatch {
  return new QueuedBatch(entries, settings, options);
}
