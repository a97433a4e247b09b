// A queue worker: takes departments from the queue and builds each with the local pipeline
// (batch/index.ts `Builder.buildOne`, one Chromium per process, reused from one department to the
// next). What becomes of a department decides what BullMQ does with its job:
//   - built, or not built because of its data (findings, a file that cannot be read): the job is
//     finished with the result; BullMQ never runs it again;
//   - not built because of the machine (Chromium died twice under it, Chromium cannot start here,
//     the run was stopped, the disk is full): the job fails and BullMQ retries it with backoff,
//     perhaps on another worker, up to the attempts the client set; then it is reported failed
//     with this cause;
//   - the worker dies (killed, out of memory, the machine stops): its lock is not renewed, another
//     worker's stalled-job check puts the department back in the queue, and it is built again from
//     the start. The Builder commits a package by renaming whole files into place, so a killed
//     worker leaves no partial file; its temporary files are removed when the department's folder
//     is written again.
import { Worker, type Job } from 'bullmq';
import { Builder, type BuildResult } from '../batch/index.js';
import type { SubjectDictionary } from '../model/dictionary.js';
import { BrowserCrashedError } from '../writers/pdf.js';
import { connectionOptions, QUEUE_NAME } from './connection.js';
import { buildOptionsOf, type DepartmentJob, type JobSettings } from './job.js';

/** How a worker runs. */
export interface WorkerSettings {
  readonly redis: string;
  /** Departments built at the same time by this process (they share its Chromium). */
  readonly concurrency: number;
  /**
   * How long a department's lock lasts without being renewed, in seconds. A worker that dies is
   * noticed by another within about twice this; a worker renews its locks every half of it, so it
   * must be longer than the event loop is ever busy in one stretch.
   */
  readonly stallSeconds: number;
  /** Where the worker says what it did (one line each). */
  readonly log: (line: string) => void;
}

/** A worker that is running. */
export interface RunningWorker {
  /** Settles once the worker is connected to Redis. */
  readonly ready: Promise<void>;
  /** Stop taking departments; with `force`, abandon those in hand (the queue gives them to another worker). */
  close(force?: boolean): Promise<void>;
}

/** A Builder in use for one set of settings, and how many departments it has in hand. */
interface Slot {
  readonly key: string;
  readonly builder: Builder;
  active: number;
}

/**
 * The Builders of one worker process: one for the settings of the run in hand, kept while runs with
 * the same settings follow, so that Chromium starts once; another run's department gets its own,
 * and a Builder that is no longer current is closed when its last department is done.
 */
class Builders {
  private current: Slot | undefined;
  private readonly retired = new Set<Slot>();

  constructor(private readonly dict: SubjectDictionary) {}

  async acquire(settings: JobSettings): Promise<Slot> {
    const key = JSON.stringify(settings);
    const c = this.current;
    // a Builder that met a problem of the whole run (Chromium could not start, a full disk) stops
    // building; a new one tries again for the next department
    if (!c || c.key !== key || c.builder.runProblem || c.builder.stopped) {
      const options = await buildOptionsOf(settings);
      // another department may have made the Builder for these settings meanwhile
      if (this.current?.key !== key || this.current.builder.runProblem || this.current.builder.stopped) {
        if (this.current) this.retire(this.current);
        this.current = { key, builder: new Builder(this.dict, options), active: 0 };
      }
    }
    this.current!.active++;
    return this.current!;
  }

  release(slot: Slot): void {
    slot.active--;
    if (slot === this.current && slot.builder.runProblem) this.current = undefined;
    if (slot !== this.current) this.retire(slot);
  }

  private retire(slot: Slot): void {
    if (slot.active > 0) {
      this.retired.add(slot);
      return;
    }
    this.retired.delete(slot);
    void close(slot.builder);
  }

  /** Stop every Builder: departments in hand are abandoned and leave no file. */
  stop(): void {
    for (const s of [this.current, ...this.retired]) s?.builder.stop();
  }

  /** Settles when no department is in hand. */
  async idle(): Promise<void> {
    while ([this.current, ...this.retired].some((s) => s && s.active > 0)) await new Promise((resolve) => setTimeout(resolve, 200));
  }

  async close(): Promise<void> {
    const all = [this.current, ...this.retired].filter((s): s is Slot => s !== undefined);
    this.current = undefined;
    this.retired.clear();
    await Promise.all(all.map((s) => close(s.builder)));
  }
}

/** Close a Builder's Chromium and chart rasterizer: `buildAll` does so when it ends; with no entries it only marks the output folder (which it is) besides. */
async function close(builder: Builder): Promise<void> {
  await builder.buildAll([], () => undefined).catch(() => undefined);
}

/** Chromium died under the department twice in this process: a fault of the machine, tried again elsewhere. */
function crashed(r: BuildResult): boolean {
  return r.status === 'failed' && r.failure !== undefined && r.failure.startsWith(new BrowserCrashedError().message);
}

/** Thrown for a department not built because of the machine: BullMQ retries it. */
export class MachineFault extends Error {}

/** Seconds between progress notes of a department in hand: the client takes them as signs of life. */
const HEARTBEAT_SECONDS = 15;

/** Start a worker on the queue; it runs until closed. */
export function startWorker(dict: SubjectDictionary, settings: WorkerSettings): RunningWorker {
  const builders = new Builders(dict);
  const processor = async (job: Job<DepartmentJob, BuildResult>): Promise<BuildResult> => {
    const slot = await builders.acquire(job.data.settings);
    const started = Date.now();
    const heartbeat = setInterval(() => void job.updateProgress({ seconds: Math.round((Date.now() - started) / 1000) }).catch(() => undefined), HEARTBEAT_SECONDS * 1000);
    try {
      const r = await slot.builder.buildOne(job.data.entry);
      // (a department skipped because this Builder's run stopped says why the run stopped)
      if (r.status === 'skipped' || crashed(r)) throw new MachineFault((r.status === 'skipped' && slot.builder.runProblem) || r.failure || '未生成');
      return r;
    } finally {
      clearInterval(heartbeat);
      builders.release(slot);
    }
  };
  const worker = new Worker<DepartmentJob, BuildResult>(QUEUE_NAME, processor, {
    connection: connectionOptions(settings.redis),
    concurrency: settings.concurrency,
    lockDuration: settings.stallSeconds * 1000,
    // a lock that has run out is noticed within one or two checks
    stalledInterval: Math.max(1000, (settings.stallSeconds * 1000) / 2),
    // a department whose worker dies twice is tried once more; the third death is its failure (it
    // may be what kills them: a document too large for the memory)
    maxStalledCount: 2,
  });
  worker.on('completed', (job, r) => {
    const file = job.data.entry.file;
    if (r.status === 'built') settings.log(r.unchanged ? `= 未变化 ${file} → ${r.dir}/` : `✓ 已生成 ${file} → ${r.dir}/（${r.seconds.toFixed(1)} 秒）`);
    else settings.log(`✗ 未生成 ${file}：${r.failure ?? `${r.findings.filter((f) => f.severity === 'error').length} 个错误`}`);
  });
  worker.on('failed', (job, e) => {
    if (job) settings.log(`! ${job.data.entry.file}：${e.message}（第 ${job.attemptsMade} 次，${job.attemptsMade < (job.opts.attempts ?? 1) ? '稍后重试' : '不再重试'}）`);
  });
  // a lost connection is retried for ever: say so once in a while, not on every attempt
  let said = 0;
  const sayOnce = (line: string) => {
    if (Date.now() - said < 30_000) return;
    said = Date.now();
    settings.log(line);
  };
  let closing = false;
  worker.on('error', (e) => {
    // the event loop was busy longer than the lock lasts: the department may be given to another worker too
    if (/renew lock/i.test(e.message)) settings.log(`! 生成一个部门时本进程忙了超过 ${settings.stallSeconds} 秒，没能续上它的锁，该部门可能由其他工作进程重新生成（可加大 --stall-seconds）`);
    else sayOnce(`! Redis 出错：${e.message}（正在重试）`);
  });
  worker.on('ioredis:close', () => {
    if (!closing) sayOnce('! 与 Redis 的连接断开，正在重新连接……');
  });
  return {
    ready: worker.waitUntilReady().then(() => undefined),
    async close(force = false) {
      closing = true;
      if (force) builders.stop();
      const closed = worker.close(force);
      // with Redis gone, closing its connections would wait for it for ever: once no department is
      // in hand (their results reach Redis or, if it is gone, the queue gives them out again), a few
      // seconds are enough
      await Promise.race([closed, builders.idle().then(() => new Promise((resolve) => setTimeout(resolve, 5000)))]);
      await builders.close();
    },
  };
}
