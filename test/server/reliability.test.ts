// The hostile entries of test/reliability/cases.ts through the web page's door: the batch folder,
// zipped as a city would send it, uploaded at once. Every entry a zip can carry (regular files, under
// any name) ends as through the CLI: built into its folder, reported with its rule, message and line,
// or ignored; none of them stops the others.
import { lstatSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/index.js';
import type { Job } from '../../src/server/jobs.js';
import { ENTRY_CASES, type EntryCase } from '../reliability/cases.js';

let server: RunningServer;
let job: Job;
const carried = new Set<string>();

/** Every regular file under `dir` (links, pipes and the like cannot travel in a zip). */
function files(dir: string, root = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    const s = lstatSync(p);
    return s.isDirectory() ? files(p, root) : s.isFile() ? [relative(root, p)] : [];
  });
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'juesuan-serve-cases-'));
  for (const c of ENTRY_CASES) await c.make(dir);
  const zip = new JSZip();
  for (const f of files(dir)) {
    zip.file(f, readFileSync(join(dir, f)), { createFolders: false });
    carried.add(f);
  }
  server = await startServer({ host: '127.0.0.1', port: 0, formats: ['xlsx'] }, () => undefined);
  const form = new FormData();
  form.append('files', new Blob([new Uint8Array(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }))]), '全市部门.zip');
  const r = await fetch(`${server.url}api/uploads`, { method: 'POST', body: form, headers: { accept: 'application/json' } });
  expect(r.status, await r.clone().text()).toBe(201);
  const id = ((await r.json()) as { url: string }).url.split('/').pop()!;
  job = await new Promise<Job>((resolve) => {
    const on = (j: Job) => {
      if (j.id === id && j.status === 'done') resolve(j);
    };
    server.jobs.on('change', on);
    const now = server.jobs.get(id);
    if (now?.status === 'done') resolve(now);
  });
}, 170_000);

afterAll(async () => {
  await server?.close();
});

const transportable = ENTRY_CASES.filter((c) => c.kind !== 'file-system' || c.expect.status === 'ignored');

describe('hostile entries uploaded in a zip', () => {
  it('carries every case that is a regular file', () => {
    for (const c of ENTRY_CASES.filter((c) => c.kind !== 'file-system')) expect(carried.has(c.entry), c.entry).toBe(true);
  });

  it.each(transportable.map((c) => [`${c.kind}: ${c.what}（${c.entry}）`, c] as [string, EntryCase]))('%s', (_title, c) => {
    const e = c.expect;
    if (e.status === 'built') {
      const d = job.departments.find((d) => d.entry.outParts.slice(2).join('/') === e.outDir);
      expect(d, job.departments.map((d) => d.entry.outParts.join('/')).join('\n')).toBeDefined();
      expect(d!.status, JSON.stringify(d!.findings.filter((f) => f.severity === 'error'))).toBe('built');
      expect(d!.outputs.map((o) => o.kind).sort()).toEqual(['audit', 'xlsx']);
    } else if (e.status === 'failed') {
      const d = job.departments.find((d) => d.file === c.entry);
      expect(d, job.departments.map((d) => d.file).join('\n')).toBeDefined();
      expect(d!.status).toBe('failed');
      const f = d!.findings.find((f) => f.ruleId === e.rule);
      expect(f, JSON.stringify(d!.findings)).toBeDefined();
      expect(f!.message).toMatch(e.message);
      // the page shows the upload's own names, never the server's folders
      expect(f!.message).not.toContain(server.root);
      if (e.line !== undefined) expect(f!.location && 'line' in f!.location ? f!.location.line : undefined).toBe(e.line);
    } else {
      expect(job.departments.map((d) => d.file)).not.toContain(c.entry);
    }
  });
});
