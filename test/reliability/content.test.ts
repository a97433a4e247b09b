// Free text is data, never code: HTML, spreadsheet formulas and template syntax in a department's
// text come out of every writer as the same literal text. And the small pure pieces the batch
// relies on for safety: output names, profile names and a broken profile.yaml.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { collisionKey, safeFileName, safeName } from '../../src/batch/names.js';
import { isProfileName, ProfileError, resolveProfile } from '../../src/compose/profile.js';
import { mini } from './cases.js';
import { builtPackages, expectNoCrash, expectPackageOpens, run, sandbox } from './harness.js';

const SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>';
const FORMULA = '=HYPERLINK("http://evil.example","点此")';
const TEMPLATE = '{{department.name}}{{#each x}}';
const PROJECT = '=1+1测试专项资金';

describe('injection in free-text fields', () => {
  it('comes out literally in the PDF, the DOCX and the XLSX', async () => {
    const sb = sandbox();
    const text = mini('  functions: 负责全市测试工作。', `  functions: '${SCRIPT}'`)
      .replace('  keyWork: 完成了年度测试任务。', `  keyWork: '${FORMULA}'`)
      .replace('  totalChange: 业务量增加。', `  totalChange: '${TEMPLATE}业务量增加。'`)
      .replace('    - name: 测试专项资金', `    - name: '${PROJECT}'`);
    writeFileSync(join(sb.input, 'd1.yaml'), text);
    const r = run(sb, ['build', join(sb.input, 'd1.yaml'), '--out', sb.out]);
    expectNoCrash(r);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const dir = builtPackages(r.stdout)[0]!.dir;
    const files = await expectPackageOpens(dir);

    const pdf = files.find((f) => f.endsWith('.pdf'))!;
    const pdfText = execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, pdf), '-'], { encoding: 'utf8', maxBuffer: 64 << 20 }).replace(/\s+/g, '');
    for (const literal of [SCRIPT, FORMULA, TEMPLATE]) expect(pdfText).toContain(literal.replace(/\s+/g, ''));

    const docx = await JSZip.loadAsync(readFileSync(join(dir, files.find((f) => f.endsWith('.docx'))!)));
    const xml = (await docx.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    for (const literal of [SCRIPT, FORMULA, TEMPLATE]) expect(xml).toContain(literal.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'));

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, files.find((f) => f.endsWith('公开表.xlsx'))!));
    const cells: ExcelJS.Cell[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => cells.push(c))));
    const project = cells.filter((c) => typeof c.value === 'string' && c.value.includes(PROJECT));
    expect(project.length).toBeGreaterThan(0);
    // a text cell, never a formula Excel would run
    for (const c of project) expect(c.master.type).toBe(ExcelJS.ValueType.String);
    expect(cells.filter((c) => c.type === ExcelJS.ValueType.Formula && /HYPERLINK|1\+1/.test(String(c.formula)))).toEqual([]);
  }, 120_000);
});

describe('output names', () => {
  it.each([
    ['CON', '_CON'],
    ['nul', '_nul'],
    ['COM1.pdf', '_COM1.pdf'],
    ['.', '_'],
    ['..', '_'],
    ['.hidden', '_hidden'],
    ['a/b\\c:d*e?f"g<h>i|j', 'a_b_c_d_e_f_g_h_i_j'],
    ['trailing. . ', 'trailing'],
    ['', '_'],
    ['tab\there', 'tab_here'],
  ])('%j → %j', (input, expected) => {
    expect(safeName(input)).toBe(expected);
  });

  it('never exceeds 255 bytes with its suffix, and never cuts a character', () => {
    const name = safeFileName('测'.repeat(120), '年度部门决算公开表.xlsx');
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
    expect(name.endsWith('年度部门决算公开表.xlsx')).toBe(true);
    expect(name).not.toContain('\uFFFD');
    expect(safeFileName('测'.repeat(71), '2021年度部门决算公开表.xlsx')).toBe(`${'测'.repeat(71)}2021年度部门决算公开表.xlsx`);
  });

  it('tells folders apart the way a case-insensitive disk would', () => {
    expect(collisionKey(['A', 'D1'])).toBe(collisionKey(['a', 'd1']));
    expect(collisionKey(['a', 'd1'])).not.toBe(collisionKey(['b', 'd1']));
  });
});

describe('profiles stay inside templates/', () => {
  it.each(['../../x/evil', '/etc', 'yunnan/../../x', 'yunnan\\..\\..', 'C:\\x', 'yunnan//yuxi', '.', ''])('%j is not a profile name', (name) => {
    expect(isProfileName(name)).toBe(false);
    expect(() => resolveProfile(name)).toThrow(ProfileError);
  });

  it('accepts the real ones', () => {
    for (const name of ['default', 'yunnan', 'yunnan/yuxi', 'sichuan']) expect(isProfileName(name)).toBe(true);
  });

  it('a broken profile.yaml is reported with its file, line and column; so is an extends that leaves templates/', () => {
    const dir = mkdtempSync(join(tmpdir(), 'juesuan-templates-'));
    for (const [name, text] of [
      ['default', 'name: default\n'],
      ['bad', 'name: bad\nzeroDisplay: blank\ntables: [T01, T02\n'],
      ['escape', 'name: escape\nzeroDisplay: blank\nextends: ../../outside\n'],
    ] as const) {
      mkdirSync(join(dir, name));
      writeFileSync(join(dir, name, 'profile.yaml'), text);
    }
    const failure = (name: string): ProfileError => {
      try {
        resolveProfile(name, `${dir}/`);
      } catch (e) {
        return e as ProfileError;
      }
      throw new Error(`${name} resolved`);
    };
    const bad = failure('bad');
    expect(bad.message).toMatch(/templates\/bad\/profile\.yaml 第\d+行第\d+列的 YAML 格式不对/);
    expect(bad.location).toMatchObject({ file: join(dir, 'bad', 'profile.yaml'), line: expect.any(Number), column: expect.any(Number) });
    expect((bad.location as { line: number }).line).toBeGreaterThanOrEqual(3);
    const escape = failure('escape');
    expect(escape.message).toContain('模板配置名“../../outside”不对');
    expect(escape.location).toMatchObject({ file: join(dir, 'escape', 'profile.yaml'), line: 3, column: 10 });
    expect(readdirSync(dir).sort()).toEqual(['bad', 'default', 'escape']);
  });
});
