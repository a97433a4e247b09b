// Every hostile entry of cases.ts in one batch folder, built in one run: each entry ends as its case
// says (built and intact, reported with its rule, message and line, or ignored), none of them stops
// the others, and the run ends with its summary and report, exit 1, no stack trace, nothing left over.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENTRY_CASES, type EntryCase } from './cases.js';
import { builtPackages, expectNoCrash, expectPackageOpens, failedEntries, leftoverFiles, leftoverProcesses, run, sandbox, type RunResult, type Sandbox } from './harness.js';

let sb: Sandbox;
let r: RunResult;

beforeAll(async () => {
  sb = sandbox();
  for (const c of ENTRY_CASES) await c.make(sb.input);
  r = run(sb, ['build', sb.input, '--out', sb.out, '--format', 'xlsx', '--jobs', '2']);
}, 170_000);

/** The lines printed for one entry: its ✓/✗ line and the findings under it. */
function block(stdout: string, file: string): string {
  const lines = stdout.split('\n');
  const start = lines.findIndex((l) => /^\[\d+\/\d+\] [✓✗] /.test(l) && (l.includes(` ${file}：`) || l.includes(` ${file} → `)));
  if (start < 0) return '';
  const end = lines.findIndex((l, i) => i > start && (/^\[\d+\/\d+\] /.test(l) || l === ''));
  return lines.slice(start, end < 0 ? undefined : end).join('\n');
}

const built = ENTRY_CASES.filter((c) => c.expect.status === 'built');
const failed = ENTRY_CASES.filter((c) => c.expect.status === 'failed');

describe('a batch of hostile entries', () => {
  it('runs to its end: exit 1, summary and report, no stack trace', () => {
    expectNoCrash(r);
    expect(r.code, r.stderr).toBe(1);
    const entries = built.length + failed.length;
    expect(r.stdout).toContain(`共 ${entries} 个部门，${built.length} 个已生成，${failed.length} 个未生成`);
    const report = readFileSync(join(sb.out, '生成报告.txt'), 'utf8');
    expect(report).toContain(`共 ${entries} 个部门`);
    for (const c of failed) expect(report).toContain(join(sb.input, c.entry));
  });

  it.each(ENTRY_CASES.map((c) => [`${c.kind}: ${c.what}（${c.entry}）`, c] as [string, EntryCase]))('%s', async (_title, c) => {
    const file = join(sb.input, c.entry);
    const e = c.expect;
    if (e.status === 'built') {
      const pkg = builtPackages(r.stdout).find((p) => p.file === file);
      expect(pkg, block(r.stdout, file) || r.stdout).toBeDefined();
      expect(pkg!.dir).toBe(join(sb.out, e.outDir));
      const names = await expectPackageOpens(pkg!.dir);
      // no hidden file, no reserved device name, no name over the file-system limit
      for (const n of names) {
        expect(n).not.toMatch(/^\.|^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i);
        expect(Buffer.byteLength(n)).toBeLessThanOrEqual(255);
      }
      expect(readdirSync(pkg!.dir)).toContain('.juesuan-manifest.json');
    } else if (e.status === 'failed') {
      expect(failedEntries(r.stdout)).toContain(file);
      const text = block(r.stdout, file);
      expect(text).toContain(`错误 [${e.rule}]`);
      expect(text).toMatch(e.message);
      if (e.line !== undefined) expect(text).toContain(`${file}:${e.line}:`);
    } else {
      expect(r.stdout).not.toContain(file);
    }
  });

  it('leaves no temporary file, no temporary folder, no process; nothing written beside --out', async () => {
    expect(leftoverFiles(sb)).toEqual([]);
    expect(await leftoverProcesses(sb)).toEqual([]);
    expect(readdirSync(sb.root).sort()).toEqual(['in', 'out', 'tmp']);
  });
});
