// `build --queue`: the queue in the place of the local Builder. It has the Builder's surface that
// the build command uses (buildAll with a callback per department, runProblem, stop), so a queued
// run prints, reports and summarises exactly what a local run does; only where each department is
// built differs.
import { writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { BuildEntry, BuildOptions, BuildResult } from '../batch/index.js';
import { OUTPUT_MARKER } from '../batch/manifest.js';
import { safeName } from '../batch/names.js';
import { parseRedisUrl } from './connection.js';
import { enqueueBatch, type QueuedBatch, type QueueRunOptions } from './enqueue.js';
import { settingsOf } from './job.js';

/** How a queued build runs: the queue's options, and the `--prior` paths for the workers to open. */
export interface QueueBuildOptions extends QueueRunOptions {
  readonly priorPaths?: readonly string[];
}

/** Builds a run's departments on the queue's workers, as `Builder` does on this machine. */
export class QueueBuilder {
  private batch: QueuedBatch | undefined;
  private stopRequested = false;

  constructor(
    private readonly options: BuildOptions,
    private readonly queue: QueueBuildOptions,
  ) {}

  /** Why the run stopped early (Redis cannot be reached, no worker runs, nothing moved for too long), if it did. */
  get runProblem(): string | undefined {
    return this.batch?.problem;
  }

  /** Chromium runs on the workers: a restart there shows on the department it happened under (`reprinted`). */
  get chromiumRestarts(): number {
    return 0;
  }

  /** Whether `stop` was called. */
  get stopped(): boolean {
    return this.stopRequested;
  }

  /** Stop (Ctrl-C): departments not started leave the queue; those being built finish on their workers. */
  stop(): void {
    this.stopRequested = true;
    this.batch?.stop();
  }

  /** Build every entry on the workers; `onResult` is called as each one is done. Always returns one result per entry. */
  async buildAll(inputs: readonly (BuildEntry | string)[], onResult: (r: BuildResult, index: number) => void): Promise<BuildResult[]> {
    const entries = inputs.map((e): BuildEntry => (typeof e === 'string' ? { file: e, outParts: [safeName(basename(e, extname(e)))] } : e));
    // the output folder says it is one, as a local build marks it (batch/manifest.ts)
    await writeFile(join(this.options.outDir, OUTPUT_MARKER), '{"generator":"juesuan"}\n').catch(() => undefined);
    const results: BuildResult[] = new Array(entries.length);
    const { priorPaths, ...queue } = this.queue;
    const settings = settingsOf(this.options, priorPaths);
    const batch = (this.batch = enqueueBatch(entries, settings, queue));
    if (this.stopRequested) batch.stop();
    let finished = 0;
    for await (const { index, result } of batch) {
      results[index] = result;
      onResult(result, finished++);
    }
    return results;
  }
}

/** The Builder of `build --queue <url>`: the URL is checked first (a bad one is a usage error). */
export function queueBuilder(url: string, options: BuildOptions, priorPaths: readonly string[] | undefined, notify: (line: string) => void): QueueBuilder {
  return new QueueBuilder(options, { redis: parseRedisUrl(url, '--queue'), ...(priorPaths?.length ? { priorPaths } : {}), notify });
}
