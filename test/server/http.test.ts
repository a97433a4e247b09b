// The server's own rules, over HTTP: only this computer's names and this page's own forms are
// served; every page has its Content-Security-Policy; uploads wait their turn (one build at a
// time) and are paired with their prior-year files; an upload's folder goes after its time; the
// fill-in workbooks come as downloads.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/index.js';
import type { Job } from '../../src/server/jobs.js';
import { fixture } from '../helpers.js';

let server: RunningServer;
let origin: string;

beforeAll(async () => {
  // the queue does not need the PDF: XLSX only keeps this file quick
  server = await startServer({ host: '127.0.0.1', port: 0, formats: ['xlsx'] }, () => undefined);
  origin = server.url.replace(/\/$/, '');
}, 30_000);

afterAll(async () => {
  await server?.close();
});

/** A raw request, for headers fetch will not set (Host). */
function raw(path: string, headers: Record<string, string>, method = 'GET'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${origin}${path}`, { method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function post(files: Record<string, string | Uint8Array>, fields: Record<string, string> = {}, field = 'files'): Promise<Response> {
  const form = new FormData();
  for (const [name, data] of Object.entries(files)) form.append(field, new Blob([typeof data === 'string' ? data : new Uint8Array(data)]), name);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return fetch(`${origin}/api/uploads`, { method: 'POST', body: form, headers: { accept: 'application/json' } });
}

function idOf(url: string): string {
  return url.split('/').pop()!;
}

/** Resolves when the job is done. */
function done(id: string): Promise<Job> {
  return new Promise((resolve) => {
    const job = server.jobs.get(id);
    if (job?.status === 'done') return resolve(job);
    const on = (j: Job) => {
      if (j.id !== id || j.status !== 'done') return;
      server.jobs.off('change', on);
      resolve(j);
    };
    server.jobs.on('change', on);
  });
}

describe('the server', () => {
  it('serves only this computer’s names, and refuses forms of other sites', async () => {
    const rebound = await raw('/', { host: 'attacker.example:8080' });
    expect(rebound.status).toBe(421);
    expect(rebound.body).toContain(`请在浏览器中打开 ${origin}/ 使用本页面`);
    const foreign = await raw('/api/uploads', { origin: 'http://attacker.example', 'content-type': 'multipart/form-data; boundary=x' }, 'POST');
    expect(foreign.status).toBe(403);
    expect(foreign.body).toContain('拒绝来自其他网站的请求');
    expect((await raw('/', { host: new URL(origin).host })).status).toBe(200);
  });

  it('sends its Content-Security-Policy and no inline script with every page', async () => {
    for (const path of ['/', '/no-such-page']) {
      const r = await fetch(`${origin}${path}`);
      expect(r.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(r.headers.get('content-security-policy')).not.toContain('unsafe-inline');
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      const html = await r.text();
      expect(html).not.toMatch(/<script\b[^>]*>[^<]+<\/script>/);
    }
    const missing = await fetch(`${origin}/no-such-page`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('找不到这个页面');
  });

  it('queues a second upload while one builds: it waits, then builds; never two at once', async () => {
    const running = new Set<string>();
    let most = 0;
    const watch = (j: Job) => {
      if (j.status === 'running') running.add(j.id);
      else running.delete(j.id);
      most = Math.max(most, running.size);
    };
    server.jobs.on('change', watch);
    const first = await post({ '测试局.yaml': readFileSync(fixture('mini/valid.yaml')) });
    const second = await post({ '测试局.yaml': readFileSync(fixture('mini/valid.yaml')) }, { profile: 'yunnan/yuxi' });
    expect([first.status, second.status]).toEqual([201, 201]);
    const [a, b] = await Promise.all([done(idOf(((await first.json()) as { url: string }).url)), done(idOf(((await second.json()) as { url: string }).url))]);
    server.jobs.off('change', watch);
    expect(most).toBe(1);
    expect(a.finishedAt!.getTime()).toBeLessThanOrEqual(b.finishedAt!.getTime());
    expect([a.departments[0]!.status, b.departments[0]!.status]).toEqual(['built', 'built']);
    expect(b.profile).toBe('yunnan/yuxi');
  }, 90_000);

  it('pairs the department with the prior-year file uploaded with it', async () => {
    const mini = readFileSync(fixture('mini/valid.yaml'), 'utf8');
    const form = new FormData();
    form.append('files', new Blob([mini]), '测试局.yaml');
    form.append('prior', new Blob([mini.replace('  year: 2021', '  year: 2020')]), '上年.yaml');
    const r = await fetch(`${origin}/api/uploads`, { method: 'POST', body: form, headers: { accept: 'application/json' } });
    const { url } = (await r.json()) as { url: string };
    const job = await done(idOf(url));
    expect(job.prior).toEqual(['上年.yaml']);
    expect(readdirSync(job.priorDir)).toEqual(['上年.yaml']);
    expect(await (await fetch(`${origin}${url}`)).text()).toContain('上年数据：上年.yaml');
    // linked as `build --prior` links it: last year's closing balance against this year's opening one
    const carry = job.departments[0]!.findings.find((f) => f.ruleId === 'X-PRIOR-CARRY');
    expect(carry, JSON.stringify(job.departments[0]!.findings)).toBeDefined();
    expect(carry!.message).toContain('按上年（2020年）文件 上年数据/上年.yaml 公开01表');
    expect(carry!.message).not.toContain(server.root);
    expect(carry!.related?.map((x) => x.file)).toEqual(['上年数据/上年.yaml']);
    const page = await (await fetch(`${origin}${url}/0`)).text();
    expect(page).toContain('X-PRIOR-CARRY');
    expect(page).not.toContain(server.root);
  }, 30_000);

  it('gives the fill-in workbook of a profile and year, and a department converted to it', async () => {
    const sheets = async (r: Response) => {
      expect(r.status, await r.clone().text()).toBe(200);
      expect(r.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await r.arrayBuffer());
      return { names: wb.worksheets.map((w) => w.name), disposition: decodeURIComponent(r.headers.get('content-disposition') ?? '') };
    };
    const blank = await sheets(await fetch(`${origin}/fill-in/template.xlsx?profile=yunnan&year=2021`));
    expect(blank.names).toContain('公开01表');
    expect(blank.disposition).toContain('2021年度部门决算填报表（yunnan）.xlsx');
    const r = await post({ '测试局.yaml': readFileSync(fixture('mini/valid.yaml')) });
    const { url } = (await r.json()) as { url: string };
    await done(idOf(url));
    const converted = await sheets(await fetch(`${origin}${url}/0/workbook.xlsx`));
    expect(converted.names).toContain('公开01表');
    expect(converted.disposition).toContain('测试局-填报表.xlsx');
    for (const [query, message] of [
      ['profile=../../etc&year=2021', '请在列表中选择模板配置'],
      ['profile=yunnan&year=21', '年度应为四位数字，例如 2021'],
    ] as const) {
      const bad = await fetch(`${origin}/fill-in/template.xlsx?${query}`);
      expect(bad.status).toBe(400);
      expect(await bad.text()).toContain(message);
    }
  }, 30_000);

  it('refuses an upload without department files, and an unknown profile', async () => {
    const none = await post({ '说明.txt': '备注' });
    expect(none.status).toBe(400);
    expect(((await none.json()) as { error: string }).error).toBe('上传的文件中没有部门数据文件（.yaml）：收到 “说明.txt”');
    const noPrior = new FormData();
    noPrior.append('files', new Blob(['x: 1']), 'a.yaml');
    noPrior.append('prior', new Blob(['备注']), '说明.txt');
    const prior = await fetch(`${origin}/api/uploads`, { method: 'POST', body: noPrior, headers: { accept: 'application/json' } });
    expect(((await prior.json()) as { error: string }).error).toBe('上年数据中没有部门数据文件（.yaml）：收到 “说明.txt”');
    const profile = await post({ 'a.yaml': 'x: 1' }, { profile: '../../etc' });
    expect(((await profile.json()) as { error: string }).error).toBe('没有名为“../../etc”的模板配置，请在列表中选择');
    // nothing of the refused uploads is kept
    for (const id of readdirSync(server.root)) expect(server.jobs.get(id), id).toBeDefined();
  });

  it('removes an upload’s folder after its time, and then says so', async () => {
    const r = await post({ 'syntax.yaml': 'a: [' });
    const { url } = (await r.json()) as { url: string };
    const job = await done(idOf(url));
    expect(existsSync(job.dir)).toBe(true);
    await server.jobs.sweep(Date.now() + 2 * 60 * 60 * 1000);
    expect(existsSync(job.dir)).toBe(false);
    const gone = await fetch(`${origin}${url}`);
    expect(gone.status).toBe(410);
    expect(await gone.text()).toContain('这次上传的文件已在生成 60 分钟后自动删除；请重新上传');
  });
});
