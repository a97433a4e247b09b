// The Excel commands as an officer runs them: `template` (blank, and --from the 玉溪 example),
// `validate` and `build` on the workbook (the YAML's findings at sheet!cell, the YAML's PDF), `import`
// of a 决算-software workbook, `convert` both ways, and the workbooks that cannot be read, each
// refused in one Chinese sentence with exit 1 and no stack trace.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFile } from '../../src/cli/check.js';
import { loadDictionary } from '../../src/readers/dictionary.js';
import { formForProfile } from '../../src/template/index.js';
import { runCli } from '../helpers.js';
import { exampleDataset, openWorkbook, saveWorkbook } from '../readers/excel-helpers.js';
import { officialWorkbook } from '../readers/official-layout.js';
import { soffice } from '../writers/office.js';

let dir: string;
const at = (name: string) => join(dir, name);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'juesuan-cli-excel-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type JsonFinding = { ruleId: string; severity: string; message: string; expected?: string; actual?: string; location?: { sheet?: string; cell?: string; line?: number } };
const json = (stdout: string) => JSON.parse(stdout) as { file: string; ok: boolean; findings: JsonFinding[] }[];
const key = (f: JsonFinding) => [f.ruleId, f.severity, f.message, f.expected ?? '', f.actual ?? ''].join('|');
const noStack = (r: { stdout: string; stderr: string }) => expect(r.stdout + r.stderr).not.toMatch(/at .*\.(ts|js):\d+|Error:/);

describe('juesuan template, validate and build on a workbook', () => {
  it('template writes a blank workbook; validate asks for the department at its cell', () => {
    const r = runCli(['template', '--profile', 'yunnan/yuxi', '--year', '2021', '--out', at('blank.xlsx')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`已生成2021年度填报表：${at('blank.xlsx')}`);
    const v = runCli(['validate', at('blank.xlsx')]);
    expect(v.code).toBe(1);
    expect(v.stdout).toContain(`${at('blank.xlsx')} 部门信息!B1  错误 [IN-REQ] 缺少必填项“部门名称”（department.name）`);
  });

  it('template --from the 玉溪 example: validate prints the YAML’s findings, at sheet!cell', async () => {
    expect(runCli(['template', '--from', 'data/examples/yuxi-gxj-2021.yaml', '--out', at('yuxi.xlsx')]).code).toBe(0);
    const yaml = (await checkFile('data/examples/yuxi-gxj-2021.yaml', await loadDictionary())).findings as JsonFinding[];
    const book = runCli(['validate', '--json', at('yuxi.xlsx')]);
    expect(book.code).toBe(0);
    const found = json(book.stdout)[0]!.findings;
    expect(found.map(key).sort()).toEqual(yaml.map(key).sort());
    expect(yaml.length).toBeGreaterThan(10);
    expect(found.every((f) => f.location?.sheet && /^[A-Z]+\d+$/.test(f.location.cell!))).toBe(true);
    expect(found.find((f) => f.ruleId === 'EP-ACH')!.location).toMatchObject({ sheet: '项目自评1' });
  });

  it('a broken copy (a 05表 amount changed by 1.00) gives the T05 error at that cell, exit 1', async () => {
    const wb = await openWorkbook(readFileSync(at('yuxi.xlsx')));
    const ws = wb.getWorksheet('公开05表')!;
    let numberRow = 0;
    let codeRow = 0;
    ws.eachRow((row, r) => {
      if (row.getCell(1).value === '栏次' && !numberRow) numberRow = r;
      if (row.getCell(1).value === '2010402' && !codeRow) codeRow = r;
    });
    let col = 0;
    ws.getRow(numberRow).eachCell((c, i) => c.value === '13' && (col = i));
    const cell = ws.getRow(codeRow).getCell(col);
    cell.value = 1;
    writeFileSync(at('broken.xlsx'), await saveWorkbook(wb));
    const r = runCli(['validate', at('broken.xlsx')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${at('broken.xlsx')} 公开05表!${cell.address}  错误 [T05-FLOW] 公开05表 2010402 第13栏`);
  });

  it('build of the filled workbook prints the PDF of the YAML', () => {
    const out = at('built');
    mkdirSync(join(out, 'yaml'), { recursive: true });
    mkdirSync(join(out, 'xlsx'), { recursive: true });
    expect(runCli(['build', 'data/examples/yuxi-gxj-2021.yaml', '--out', join(out, 'yaml'), '--format', 'pdf']).code).toBe(0);
    const b = runCli(['build', at('yuxi.xlsx'), '--out', join(out, 'xlsx'), '--format', 'pdf']);
    expect(b.code).toBe(0);
    const pdf = (d: string) => {
      const folder = readdirSync(d).find((n) => !n.includes('.') && existsSync(join(d, n)))!;
      const file = readdirSync(join(d, folder)).find((n) => n.endsWith('.pdf'))!;
      return execFileSync('pdftotext', ['-layout', join(d, folder, file), '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    };
    const [fromYaml, fromBook] = [pdf(join(out, 'yaml')), pdf(join(out, 'xlsx'))];
    expect(fromYaml.length).toBeGreaterThan(20_000);
    expect(fromBook).toBe(fromYaml);
  });
});

describe('juesuan import and convert', () => {
  it('imports a 决算-software workbook into a YAML whose tables validate, and into a fill-in workbook', async () => {
    const bytes = await officialWorkbook(exampleDataset('yuxi-gxj-2021'), formForProfile('yunnan', 2021, 'published')!, await loadDictionary());
    writeFileSync(at('公开表.xlsx'), bytes);
    const r = runCli(['import', at('公开表.xlsx'), '--year', '2021', '--profile', 'yunnan', '--out', at('imported.yaml')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('已从');
    expect(r.stdout).toContain('读取 8 张有数字的公开表（玉溪市工业和信息化局（本级），2021年度）');
    const yaml = readFileSync(at('imported.yaml'), 'utf8');
    expect(yaml).toMatch(/^# yaml-language-server: \$schema=.*data\/schema\/department\.schema\.json/);
    expect(yaml).toContain('name: 玉溪市工业和信息化局（本级）');
    expect(yaml).toContain('r1: 34,008,496.42');
    const dict = await loadDictionary();
    const v = (await checkFile(at('imported.yaml'), dict)).findings;
    // the tables hold; what is missing is the officer's text
    expect(v.filter((f) => f.severity === 'error' && !/^N-(FILL|REASON)$/.test(f.ruleId))).toEqual([]);
    expect(v.some((f) => f.ruleId === 'N-FILL')).toBe(true);

    expect(runCli(['import', at('公开表.xlsx'), '--year', '2021', '--xlsx', '--out', at('imported.xlsx')]).code).toBe(0);
    const w = (await checkFile(at('imported.xlsx'), dict)).findings;
    expect(w.filter((f) => f.severity === 'error' && !/^N-(FILL|REASON)$/.test(f.ruleId))).toEqual([]);
    expect(w.find((f) => f.ruleId === 'N-FILL')!.location).toMatchObject({ sheet: '部门概况' });
  });

  it('converts YAML to a workbook and back', async () => {
    expect(runCli(['convert', 'data/examples/panzhihua-jxj-2020.yaml', '--to', 'xlsx', '--out', at('pzh.xlsx')]).code).toBe(0);
    const r = runCli(['convert', at('pzh.xlsx'), '--to', 'yaml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`已转换：${at('pzh.xlsx')} → ${at('pzh.yaml')}`);
    expect(readFileSync(at('pzh.yaml'), 'utf8')).toContain('name: 攀枝花市经济和信息化局');
    expect(runCli(['convert', at('pzh.yaml'), '--to', 'pdf']).code).toBe(2);
  });
});

describe('workbooks that cannot be read', () => {
  it('an .xls, a password-protected .xlsx, a .csv renamed .xlsx and a workbook missing a sheet: one Chinese sentence each, exit 1', async () => {
    // an Excel 97-2003 workbook, saved by LibreOffice
    const profile = pathToFileURL(mkdtempSync(join(tmpdir(), 'juesuan-lo-profile-'))).href;
    execFileSync(soffice!, [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'xls', '--outdir', dir, at('blank.xlsx')], { stdio: 'ignore', timeout: 120_000 });
    // an encrypted workbook is an Office compound file holding EncryptionInfo and EncryptedPackage
    const cfb = Buffer.alloc(2048);
    Buffer.from('d0cf11e0a1b11ae1', 'hex').copy(cfb, 0);
    Buffer.from('EncryptionInfo', 'utf16le').copy(cfb, 1024);
    Buffer.from('EncryptedPackage', 'utf16le').copy(cfb, 1152);
    writeFileSync(at('密码.xlsx'), cfb);
    writeFileSync(at('表格.xlsx'), '项目,行次,金额\n一般公共预算财政拨款收入,1,34008496.42\n');
    const wb = await openWorkbook(readFileSync(at('yuxi.xlsx')));
    wb.removeWorksheet(wb.getWorksheet('公开06表')!.id);
    writeFileSync(at('缺表.xlsx'), await saveWorkbook(wb));
    const cases: [string, string][] = [
      [at('blank.xls'), '错误 [IN-FILE] 这是旧版 Excel 97-2003 文件（.xls），请在 Excel 中另存为 .xlsx'],
      [at('密码.xlsx'), '错误 [IN-FILE] 这个 Excel 文件设置了打开密码（已加密），读不了'],
      [at('表格.xlsx'), '错误 [IN-FILE] 这是 CSV 文本文件，扩展名却是 .xlsx，不是 Excel 工作簿'],
      [at('缺表.xlsx'), '错误 [IN-SHEET] 工作簿中没有公开06表（一般公共预算财政拨款基本支出决算表）的工作表'],
    ];
    // a folder holding them and a good workbook: each is reported, the good one validated
    const folder = at('folder');
    mkdirSync(folder);
    for (const [file] of cases) writeFileSync(join(folder, file.split('/').pop()!), readFileSync(file));
    writeFileSync(join(folder, 'yuxi.xlsx'), readFileSync(at('yuxi.xlsx')));
    const r = runCli(['validate', folder]);
    expect(r.code).toBe(1);
    for (const [file] of cases) expect(r.stdout, file).toContain(join(folder, file.split('/').pop()!));
    for (const [, message] of cases) expect(r.stdout).toContain(message);
    expect(r.stdout).toContain('共 5 个部门文件：1 个通过，4 个有错误');
    noStack(r);
  });
});
