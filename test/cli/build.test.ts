// juesuan build (DESIGN.md): one folder per department; a department with errors gets no files and
// is reported while the others are built; no temporary file is left behind.
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { example, fixture, runCli } from '../helpers.js';

describe('juesuan build', () => {
  it('builds the good departments, reports the broken one, and exits 1', () => {
    const inputs = mkdtempSync(join(tmpdir(), 'juesuan-in-'));
    const out = mkdtempSync(join(tmpdir(), 'juesuan-out-'));
    copyFileSync(example('panzhihua-jxj-2020.yaml'), join(inputs, 'a-good.yaml'));
    // an earlier, good build of the department that is now broken: its package must not survive,
    // while a file the user put into its folder is not ours to delete
    copyFileSync(fixture('mini/valid.yaml'), join(inputs, 'b-broken.yaml'));
    expect(runCli(['build', join(inputs, 'b-broken.yaml'), '--out', out, '--format', 'xlsx']).code).toBe(0);
    const old = readdirSync(join(out, 'b-broken')).filter((n) => n.endsWith('.xlsx'));
    expect(old.length).toBeGreaterThan(0);
    writeFileSync(join(out, 'b-broken', '备注.txt'), 'mine');
    copyFileSync(fixture('broken/t01.yaml'), join(inputs, 'b-broken.yaml'));
    const r = runCli(['build', inputs, '--out', out, '--format', 'pdf,xlsx', '--jobs', '2']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✓ .*a-good\.yaml → /);
    expect(r.stdout).toMatch(/✗ .*b-broken\.yaml：\d+ 个错误/);
    expect(r.stdout).toContain('[T01-INC]');
    expect(r.stdout).toContain(`已删除该部门上次生成的 ${old.length} 个文件`);
    expect(r.stdout).toMatch(/共 2 个部门，1 个已生成，1 个未生成/);
    expect(readdirSync(join(out, 'a-good')).sort()).toEqual(['.juesuan-manifest.json', '攀枝花市经济和信息化局2020年度部门决算.pdf', '攀枝花市经济和信息化局2020年度部门决算公开表.xlsx']);
    expect(readdirSync(join(out, 'b-broken'))).toEqual(['备注.txt']);
    expect(existsSync(join(out, 'a-good', '攀枝花市经济和信息化局2020年度部门决算.docx'))).toBe(false);
    // the report in the output folder lists every department and every finding
    const report = readFileSync(join(out, '生成报告.txt'), 'utf8');
    expect(report).toMatch(/✓ .*a-good\.yaml/);
    expect(report).toMatch(/b-broken\.yaml:\d+:\d+  错误 \[T01-INC\]/);
    expect(report).toMatch(/共 2 个部门，1 个已生成，1 个未生成/);
  }, 120_000);

  it('refuses an unknown format and a bad --jobs with exit 2', () => {
    expect(runCli(['build', 'data/examples', '--format', 'pdf,odt']).code).toBe(2);
    expect(runCli(['build', 'data/examples', '--jobs', '0']).code).toBe(2);
  });

  it('reports a profile that does not exist as a failure of that department', () => {
    const out = mkdtempSync(join(tmpdir(), 'juesuan-out-'));
    const r = runCli(['build', example('panzhihua-jxj-2020.yaml'), '--out', out, '--format', 'xlsx', '--profile', 'nowhere']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('找不到模板配置“nowhere”');
  });
});
