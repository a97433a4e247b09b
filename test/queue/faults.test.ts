// Faults of a queued run: a worker killed while it builds (its department is given to another
// worker, built once, and no partial or temporary file is left), Redis restarted without its data
// (the departments still to do are put in again and the run completes), a machine that cannot build
// (retried with backoff, then reported with its cause), and a queue that does not move (no worker, no
// Redis): the run stops with a Chinese sentence instead of waiting for ever.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueBatch, type QueuedResult } from '../../src/queue/index.js';
import { cli, departments, filesUnder, finish, RedisServer, worker, workspace, type Child } from './harness.js';

let redis: RedisServer;
const workers: Child[] = [];

beforeAll(async () => {
  redis = await RedisServer.start();
  workers.push(...(await Promise.all([worker(redis.url), worker(redis.url)])));
}, 120_000);

afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop('SIGKILL')));
  await redis?.stop();
});

/** What a finished run left in its output folder: every department's package whole, nothing temporary. */
function expectWholePackages(out: string, names: readonly string[], perPackage: number): void {
  const files = filesUnder(out);
  expect(files.filter((f) => f.includes('.juesuan-tmp-'))).toEqual([]);
  for (const name of names) {
    const own = files.filter((f) => f.startsWith(`${name}/`));
    expect(own.filter((f) => !f.endsWith('.juesuan-manifest.json')), name).toHaveLength(perPackage);
    const manifest = JSON.parse(readFileSync(join(out, name, '.juesuan-manifest.json'), 'utf8')) as { files: string[] };
    expect(manifest.files.map((f) => `${name}/${f}`).sort(), name).toEqual(own.filter((f) => !f.endsWith('.juesuan-manifest.json')));
  }
}

/** How many result lines of a run name each input file. */
function resultCounts(stdout: string, files: readonly string[]): number[] {
  const lines = stdout.split('\n').filter((l) => /^\[\d+\/\d+\] /.test(l));
  return files.map((f) => lines.filter((l) => l.includes(`${f} `) || l.includes(`${f}：`)).length);
}

describe('build --queue: faults', () => {
  it('一个工作进程在生成中被强行结束（SIGKILL）：它的部门由另一个工作进程重新生成，每个部门生成一次，没有残缺或临时文件', { timeout: 180_000 }, async () => {
    const ws = workspace();
    const files = departments(join(ws, 'in'), 20, 61);
    const out = join(ws, 'out');
    const client = cli(['build', join(ws, 'in'), '--out', out, '--format', 'xlsx', '--queue', redis.url]);
    const victim = workers[0]!;
    // the worker takes its next department as it reports one done: killed now, it has one in hand
    await victim.until(/✓ 已生成 .*\n✓ 已生成 /);
    victim.process.kill('SIGKILL');
    await victim.exited;
    const r = await finish(client);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('共 20 个部门，20 个已生成');
    expect(r.stdout).toMatch(/生成它的工作进程中断了.*已放回队列/);
    expect(resultCounts(r.stdout, files)).toEqual(files.map(() => 1));
    expectWholePackages(out, files.map((_, i) => `d${61 + i}`), 2);
    // a replacement for the next test
    workers[0] = await worker(redis.url);
  });

  it('Redis 在运行中重新启动（数据全部丢失）：未完成的部门重新放入队列，运行照常完成', { timeout: 180_000 }, async () => {
    const ws = workspace();
    const files = departments(join(ws, 'in'), 16, 81);
    const out = join(ws, 'out');
    const client = cli(['build', join(ws, 'in'), '--out', out, '--format', 'xlsx', '--queue', redis.url]);
    await client.until(/\[3\/16\]/);
    await redis.restart();
    const r = await finish(client);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('共 16 个部门，16 个已生成');
    expect(r.stdout).toMatch(/Redis 中已没有 \d+ 个未完成部门的任务.*已重新放入队列/);
    expect(resultCounts(r.stdout, files)).toEqual(files.map(() => 1));
    expectWholePackages(out, files.map((_, i) => `d${81 + i}`), 2);
  });
});

describe('enqueueBatch: a machine that cannot build, a queue that does not move', () => {
  /** Every result of a batch, in the order of its entries. */
  async function collect(batch: AsyncIterable<QueuedResult>): Promise<QueuedResult[]> {
    const all: QueuedResult[] = [];
    for await (const r of batch) all.push(r);
    return all.sort((a, b) => a.index - b.index);
  }

  it('没有工作进程：等待有限的时间后停止，说明原因，部门列为未处理', { timeout: 60_000 }, async () => {
    const lonely = await RedisServer.start();
    try {
      const ws = workspace();
      const files = departments(join(ws, 'in'), 2, 91);
      const batch = enqueueBatch(
        files.map((file, i) => ({ file, outParts: [`d${91 + i}`] })),
        { outDir: join(ws, 'out'), formats: ['xlsx'] },
        { redis: lonely.url, idleSeconds: 3 },
      );
      const results = await collect(batch);
      expect(batch.problem).toMatch(/3 秒内队列没有任何进展：没有 juesuan worker 在运行/);
      expect(results.map((r) => r.result.status)).toEqual(['skipped', 'skipped']);
      expect(results[0]!.result.failure).toContain('运行中止，未处理');
    } finally {
      await lonely.stop();
    }
  });

  it('机器的问题（这台机器上没有 Chromium）：退避后重试，次数用完后列为未生成并说明原因，不留文件', { timeout: 90_000 }, async () => {
    const own = await RedisServer.start();
    const broken = await worker(own.url, [], { CHROMIUM_PATH: '/nonexistent/chromium' });
    try {
      const ws = workspace();
      const files = departments(join(ws, 'in'), 1, 97);
      const said: string[] = [];
      const batch = enqueueBatch([{ file: files[0]!, outParts: ['d97'] }], { outDir: join(ws, 'out'), formats: ['pdf'] }, { redis: own.url, attempts: 2, backoffSeconds: 1, notify: (l) => said.push(l) });
      const [r] = await collect(batch);
      expect(batch.problem).toBeUndefined();
      expect(r!.result.status).toBe('failed');
      expect(r!.result.failure).toMatch(/工作进程生成这个部门时出错，已试了 2 次：找不到 Chromium：\/nonexistent\/chromium 不存在/);
      expect(said.some((l) => /d97\.yaml：工作进程生成时出错（找不到 Chromium.*重试（第 2 次）/.test(l)), said.join('\n')).toBe(true);
      expect(broken.stderr).toContain('找不到 Chromium');
      expect(filesUnder(ws).filter((f) => f.startsWith('out/'))).toEqual([]);
    } finally {
      await broken.stop();
      await own.stop();
    }
  });

  it('连接不上 Redis：很快停止并说明原因', { timeout: 60_000 }, async () => {
    const gone = await RedisServer.start();
    await gone.stop();
    const ws = workspace();
    const files = departments(join(ws, 'in'), 1, 95);
    const batch = enqueueBatch([{ file: files[0]!, outParts: ['d95'] }], { outDir: join(ws, 'out'), formats: ['xlsx'] }, { redis: gone.url, idleSeconds: 30 });
    const results = await collect(batch);
    expect(batch.problem).toMatch(/连接不上 Redis（redis:\/\/127\.0\.0\.1:\d+）：该地址上没有 Redis 在运行/);
    expect(results.map((r) => r.result.status)).toEqual(['skipped']);
  });
});
