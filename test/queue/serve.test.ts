// serve --queue: a batch uploaded on the web page is built by the queue's workers, not by the
// server, and shown as a local build's is (each department's status, its files, its findings under
// the names the user uploaded).
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/index.js';
import type { Job } from '../../src/server/jobs.js';
import { brokenDepartment, departments, RedisServer, worker, workspace, type Child } from './harness.js';

let redis: RedisServer;
let builder: Child;
let server: RunningServer;

beforeAll(async () => {
  redis = await RedisServer.start();
  builder = await worker(redis.url);
  server = await startServer({ host: '127.0.0.1', port: 0, formats: ['xlsx'], queue: redis.url, tempRoot: mkdtempSync(join(tmpdir(), 'juesuan-serve-queue-')) }, () => undefined);
}, 120_000);

afterAll(async () => {
  await server?.close();
  await builder?.stop();
  await redis?.stop();
});

/** Resolves when the job is done. */
function done(id: string): Promise<Job> {
  return new Promise((resolve) => {
    const on = (j: Job) => {
      if (j.id !== id || j.status !== 'done') return;
      server.jobs.off('change', on);
      resolve(j);
    };
    server.jobs.on('change', on);
    const job = server.jobs.get(id);
    if (job?.status === 'done') on(job);
  });
}

describe('serve --queue', () => {
  it('网页上传的一批部门由队列中的工作进程生成，逐个显示结果', { timeout: 120_000 }, async () => {
    const ws = workspace();
    const files = [...departments(join(ws, 'in'), 2, 71), brokenDepartment(join(ws, 'in'), '有错误的局')];
    const form = new FormData();
    for (const f of files) form.append('files', new Blob([readFileSync(f)]), f.split('/').pop()!);
    const res = await fetch(`${server.url.replace(/\/$/, '')}/api/uploads`, { method: 'POST', body: form, headers: { accept: 'application/json' } });
    expect(res.status).toBe(201);
    const id = ((await res.json()) as { url: string }).url.split('/').pop()!;
    const job = await done(id);
    const byFile = Object.fromEntries(job.departments.map((d) => [d.file, d]));
    expect(Object.keys(byFile).sort()).toEqual(['d71.yaml', 'd72.yaml', '有错误的局.yaml']);
    for (const name of ['d71.yaml', 'd72.yaml']) {
      expect(byFile[name]!.status, name).toBe('built');
      expect(byFile[name]!.outputs.map((o) => o.kind).sort()).toEqual(['audit', 'xlsx']);
      for (const o of byFile[name]!.outputs) expect(existsSync(o.path), o.path).toBe(true);
    }
    const bad = byFile['有错误的局.yaml']!;
    expect(bad.status).toBe('failed');
    expect(bad.findings.find((f) => f.ruleId === 'T01-INC')?.location).toMatchObject({ file: '有错误的局.yaml' });
    // built by the worker, not by the server (its lines may reach us just after the results)
    await builder.until(/✓ 已生成 .*d71\.yaml/);
    await builder.until(/✓ 已生成 .*d72\.yaml/);
    await builder.until(/✗ 未生成 .*有错误的局\.yaml/);
  });
});
