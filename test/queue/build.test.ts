// build --queue with juesuan worker: the departments of a folder built by two worker processes
// through Redis give the same files, byte for byte, and the same summary as a local build; a
// department with errors is reported with its findings and never retried; one department is one
// job, so two runs of the same folder at the same time build each department once, and a run of an
// unchanged folder builds nothing again.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_NAME } from '../../src/queue/index.js';
import { brokenDepartment, cli, departments, filesUnder, finish, RedisServer, worker, workspace, type Child } from './harness.js';

let redis: RedisServer;
const workers: Child[] = [];

beforeAll(async () => {
  redis = await RedisServer.start();
  workers.push(...(await Promise.all([worker(redis.url), worker(redis.url)])));
}, 120_000);

afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await redis?.stop();
});

/** The rows of 汇总.xlsx as plain values (links as their text). */
async function summaryRows(file: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const rows: unknown[][] = [];
  wb.worksheets[0]!.eachRow((row) => {
    const values = (row.values as unknown[]).slice(1).map((v) => (v && typeof v === 'object' && 'text' in v ? (v as { text: unknown }).text : v && typeof v === 'object' && 'result' in v ? (v as { result: unknown }).result : v));
    rows.push(values);
  });
  return rows;
}

/** The lines of a run's report, without timings and with the output folder's name replaced. */
function reportLines(out: string, name: string): string[] {
  return readFileSync(join(out, '生成报告.txt'), 'utf8')
    .split('\n')
    .map((l) => l.split(out).join(name).replace(/^\[\d+\/\d+\] /, '').replace(/；[\d.]+ 秒）/, '）').replace(/用时 [\d.]+ 秒/, '用时'))
    .sort();
}

/**
 * Lines of the workers' output that say `file` was built (✓) or found with errors (✗): the
 * department was made, not found unchanged. A worker may print its line just after the client has
 * the result: the first one is waited for.
 */
async function doneLines(file: string): Promise<string[]> {
  const lines = () => workers.flatMap((w) => w.stdout.split('\n')).filter((l) => /^[✓✗] /.test(l) && (l.includes(`${file} `) || l.includes(`${file}：`)));
  while (!lines().length) await new Promise((resolve) => setTimeout(resolve, 100));
  return lines();
}

describe('build --queue', () => {
  it('20 个部门由 2 个工作进程生成：每个部门的文件与本机生成的逐字节相同，汇总和生成报告也相同', { timeout: 120_000 }, async () => {
    const ws = workspace();
    const input = join(ws, '全市部门');
    departments(input, 20);
    const queued = await finish(cli(['build', input, '--out', join(ws, 'queued'), '--format', 'xlsx', '--queue', redis.url]));
    expect(queued.stdout).toContain('已放入队列');
    expect(queued.code, queued.stdout + queued.stderr).toBe(0);
    expect(queued.stdout).toContain('共 20 个部门，20 个已生成');
    // both workers took departments
    for (const w of workers) expect(w.stdout).toMatch(/✓ 已生成 .*d\d\d\.yaml/);
    const local = await finish(cli(['build', input, '--out', join(ws, 'local'), '--format', 'xlsx']));
    expect(local.code, local.stdout + local.stderr).toBe(0);

    const files = filesUnder(join(ws, 'queued'));
    expect(files).toEqual(filesUnder(join(ws, 'local')));
    const packageFiles = files.filter((f) => f.endsWith('.xlsx') && f.includes('/'));
    expect(packageFiles).toHaveLength(20 * 2); // 公开表.xlsx and 审核用.xlsx of each department
    for (const f of packageFiles) expect(readFileSync(join(ws, 'queued', f)).equals(readFileSync(join(ws, 'local', f))), f).toBe(true);
    expect(files.filter((f) => f.includes('.juesuan-tmp-'))).toEqual([]);
    expect(reportLines(join(ws, 'queued'), 'OUT')).toEqual(reportLines(join(ws, 'local'), 'OUT'));
    const rows = await summaryRows(join(ws, 'queued', '汇总.xlsx'));
    expect(rows).toEqual(await summaryRows(join(ws, 'local', '汇总.xlsx')));
    expect(rows.filter((r) => r[3] === '已生成')).toHaveLength(20);
  });

  it('PDF、DOCX 和 XLSX 都与本机生成的逐字节相同', { timeout: 120_000 }, async () => {
    const ws = workspace();
    departments(join(ws, 'in'), 2, 31);
    const queued = await finish(cli(['build', join(ws, 'in'), '--out', join(ws, 'queued'), '--queue', redis.url]));
    expect(queued.code, queued.stdout + queued.stderr).toBe(0);
    // one department at a time, as each worker (--concurrency 1) builds
    const local = await finish(cli(['build', join(ws, 'in'), '--out', join(ws, 'local'), '--jobs', '1']));
    expect(local.code, local.stdout + local.stderr).toBe(0);
    const files = filesUnder(join(ws, 'queued'));
    expect(files).toEqual(filesUnder(join(ws, 'local')));
    const packageFiles = files.filter((f) => /\.(pdf|docx|xlsx)$/.test(f) && f.includes('/'));
    expect(packageFiles.map((f) => f.replace(/^.*\./, '')).sort()).toEqual(['docx', 'docx', 'pdf', 'pdf', 'xlsx', 'xlsx', 'xlsx', 'xlsx']);
    for (const f of packageFiles) expect(readFileSync(join(ws, 'queued', f)).equals(readFileSync(join(ws, 'local', f))), f).toBe(true);
  });

  it('有错误的部门：任务完成并带着它的问题报告，不重试，其他部门照常生成', async () => {
    const ws = workspace();
    departments(join(ws, 'in'), 1, 41);
    const bad = brokenDepartment(join(ws, 'in'), '有错误的局');
    const r = await finish(cli(['build', join(ws, 'in'), '--out', join(ws, 'out'), '--format', 'xlsx', '--queue', redis.url]));
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toMatch(/✗ .*有错误的局\.yaml：\d+ 个错误/);
    expect(r.stdout).toMatch(/有错误的局\.yaml:\d+:\d+ +错误 \[T01-INC\]/);
    expect(readFileSync(join(ws, 'out', '生成报告.txt'), 'utf8')).toContain('[T01-INC]');
    expect(filesUnder(join(ws, 'out')).filter((f) => f.startsWith('有错误的局'))).toEqual([]);
    expect(filesUnder(join(ws, 'out', 'd41')).filter((f) => f.endsWith('.xlsx'))).toHaveLength(2);
    // one attempt, finished (not failed, not retried), holding the findings
    const queue = new Queue(QUEUE_NAME, { connection: { url: redis.url } });
    try {
      const jobs = (await queue.getJobs(['completed', 'failed', 'delayed', 'wait', 'active'])).filter((j) => j.data.entry.file === bad);
      expect(jobs).toHaveLength(1);
      expect(await jobs[0]!.getState()).toBe('completed');
      expect(jobs[0]!.attemptsStarted).toBe(1);
      expect(jobs[0]!.returnvalue.findings.map((f: { ruleId: string }) => f.ruleId)).toContain('T01-INC');
    } finally {
      await queue.close();
    }
    expect(await doneLines(bad)).toHaveLength(1);
  });

  it('同一个文件夹同时运行两次：每个部门只生成一次；再运行一次：没有变化的部门不再生成', { timeout: 120_000 }, async () => {
    // a queue of its own, whose worker starts once both runs have put their departments in
    const own = await RedisServer.start();
    let builder: Child | undefined;
    try {
      const ws = workspace();
      const files = departments(join(ws, 'in'), 6, 51);
      const args = ['build', join(ws, 'in'), '--out', join(ws, 'out'), '--format', 'xlsx', '--queue', own.url];
      const runs = [cli(args), cli(args)];
      await Promise.all(runs.map((r) => r.until(/已放入队列/)));
      builder = await worker(own.url);
      const [a, b] = await Promise.all(runs.map(finish));
      for (const r of [a!, b!]) {
        expect(r.code, r.stdout + r.stderr).toBe(0);
        expect(r.stdout).toContain('共 6 个部门，6 个已生成');
      }
      // one job per department: each was built once for both runs
      const built = (f: string) => builder!.stdout.split('\n').filter((l) => l.startsWith('✓ ') && l.includes(`${f} `));
      for (const f of files) expect(built(f), f).toHaveLength(1);
      const mtimes = filesUnder(join(ws, 'out', 'd51')).map((f) => statSync(join(ws, 'out', 'd51', f)).mtimeMs);

      const again = await finish(cli(args));
      expect(again.code, again.stdout + again.stderr).toBe(0);
      expect(again.stdout).toContain('（其中 6 个未变化，沿用上次生成的材料）');
      expect(filesUnder(join(ws, 'out', 'd51')).map((f) => statSync(join(ws, 'out', 'd51', f)).mtimeMs)).toEqual(mtimes);
      for (const f of files) expect(built(f), f).toHaveLength(1);
    } finally {
      await builder?.stop();
      await own.stop();
    }
  });
});
