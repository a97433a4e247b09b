// Pairing a department with its prior-year file (batch/prior.ts) and what the pair gives: last year's
// figures for the year-over-year sentences (derive/prior.ts) and the cross-year identities
// (X-PRIOR-CARRY, X-PRIOR-VALUE), each finding at this year's cell with last year's as related.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PriorIndex } from '../../src/batch/prior.js';
import { checkFile } from '../../src/cli/check.js';
import { loadDictionary } from '../../src/readers/dictionary.js';
import { readDataset } from '../../src/readers/index.js';
import { convertDataset } from '../../src/template/index.js';
import { cityBalances, cityDepartment, makeCity, yuan } from '../fixtures/city.js';

const at = { file: 'x.yaml', line: 1, column: 1 };

/** The line (1-based) of the first line of `file` that matches `pattern`. */
function lineOf(file: string, pattern: RegExp): number {
  return readFileSync(file, 'utf8').split('\n').findIndex((l) => pattern.test(l)) + 1;
}

describe('pairing with the prior-year file', () => {
  it('pairs by department code (also after a rename), else by name, and says why when it cannot', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'juesuan-prior-'));
    const write = (name: string, text: string) => writeFileSync(join(dir, name), text);
    write('a.yaml', cityDepartment(1, 2020));
    write('b.yaml', cityDepartment(2, 2020, (doc) => doc.setIn(['department', 'code'], 'B02')));
    write('c.yaml', cityDepartment(3, 2020, (doc) => doc.deleteIn(['department', 'code'])));
    write('twin1.yaml', cityDepartment(6, 2020));
    write('twin2.yaml', cityDepartment(6, 2020, (doc) => doc.setIn(['department', 'name'], '测试市第六局（本级）')));
    write('old.yaml', cityDepartment(7, 2019));
    const index = await PriorIndex.open([dir]);
    expect(index.size).toBe(6);
    const pair = (id: { code?: string; name: string }) => index.pair({ ...id, year: 2021 }, at);
    const file = (p: ReturnType<typeof pair>) => ('file' in p ? p.file.file : p.finding.message);
    // the code decides, whatever the name now is
    expect(file(pair({ code: 'A01', name: '测试市新名字局（本级）' }))).toBe(join(dir, 'a.yaml'));
    // no code on last year's file: the name pairs them
    expect(file(pair({ code: 'A03', name: '测试市第3局（本级）' }))).toBe(join(dir, 'c.yaml'));
    // the same name under another code is another department (or a typo): said, not paired
    const other = pair({ code: 'A02', name: '测试市第2局（本级）' });
    expect('finding' in other && other.finding.message).toMatch(/b\.yaml 的部门名称与本部门相同，但部门编码为 B02（本年为 A02），未关联/);
    // two files with one code: neither is taken
    const twins = pair({ code: 'A06', name: '测试市第6局（本级）' });
    expect('finding' in twins && twins.finding).toMatchObject({ ruleId: 'X-PRIOR-PAIR', severity: 'warning', location: at });
    expect('finding' in twins && twins.finding.message).toMatch(/2 个文件的部门编码都是 A06（.*twin1\.yaml、.*twin2\.yaml）/);
    // a file of the department, but of another year
    const stale = pair({ code: 'A07', name: '测试市第7局（本级）' });
    expect('finding' in stale && stale.finding.message).toMatch(/没有本部门（部门编码 A07、名称“测试市第7局（本级）”）2020年度的文件/);
    expect('finding' in stale && stale.finding.note).toMatch(/old\.yaml（2019年）/);
  });
});

describe('a department linked with last year', () => {
  const city = mkdtempSync(join(tmpdir(), 'juesuan-city-'));
  const years = makeCity(city);

  it('takes last year’s figures from the prior file: the change in 收、支总计 is the change between the two files’ 01表 行次30', async () => {
    const dict = await loadDictionary();
    const prior = await PriorIndex.open([years[2020]!]);
    const checked = await checkFile(join(years[2021]!, 'd4.yaml'), dict, { prior });
    expect(checked.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const change = checked.model!.totalChange!;
    expect(change.prior.yuan.toFixed(2)).toBe((1_010_000 + cityBalances(2020).opening).toFixed(2));
    expect(change.current.yuan.toFixed(2)).toBe((1_010_000 + cityBalances(2021).opening).toFixed(2));
    expect(change.direction).toBe('increase');
    // the figure's place is last year's file
    expect(checked.dataset!.sources['priorYear.totalIncomeExpenditure']!.file).toBe(join(years[2020]!, 'd4.yaml'));
  });

  it('reports a 年末结转和结余 changed in the prior file at this year’s and last year’s cell (X-PRIOR-CARRY)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'juesuan-city-'));
    const y = makeCity(root);
    const last = join(y[2020]!, 'd2.yaml');
    const { closing } = cityBalances(2020);
    writeFileSync(last, cityDepartment(2, 2020, (doc) => doc.setIn(['tables', 'T01', 'r59'], yuan(closing + 500))));
    const prior = await PriorIndex.open([y[2020]!]);
    const now = join(y[2021]!, 'd2.yaml');
    const { findings } = await checkFile(now, await loadDictionary(), { prior });
    const carry = findings.filter((f) => f.ruleId === 'X-PRIOR-CARRY');
    expect(carry).toHaveLength(1);
    expect(carry[0]).toMatchObject({
      severity: 'error',
      location: { file: now, line: lineOf(now, /^ {4}r29:/) },
      related: [{ file: last, line: lineOf(last, /^ {4}r59:/) }],
      actual: cityBalances(2021).opening.toFixed(2),
      expected: (closing + 500).toFixed(2),
    });
    expect(carry[0]!.message).toContain('公开01表 行次29（年初结转和结余）');
    expect(carry[0]!.message).toContain(`上年（2020年）文件 ${last} 公开01表 行次59（年末结转和结余）`);
  });

  it('checks 04表 by fund and 05表 per 项 against last year’s closing columns', async () => {
    const root = mkdtempSync(join(tmpdir(), 'juesuan-city-'));
    const y = makeCity(root);
    // last year closed 2010402 with 60,000.00 in 05表 栏12 (and 04表 行次60): this year opened it with 50,000.00
    const closing = (doc: Parameters<NonNullable<Parameters<typeof cityDepartment>[2]>>[0]) => {
      for (const row of ['total', '2010402']) for (const c of ['c12', 'c14', 'c15']) doc.setIn(['tables', 'T05', row, c], '60000.00');
      for (const c of ['c2', 'c3']) doc.setIn(['tables', 'T04', 'r60', c], '60000.00');
    };
    writeFileSync(join(y[2020]!, 'd1.yaml'), cityDepartment(1, 2020, closing));
    const prior = await PriorIndex.open([y[2020]!]);
    const { findings } = await checkFile(join(y[2021]!, 'd1.yaml'), await loadDictionary(), { prior });
    const carry = findings.filter((f) => f.ruleId === 'X-PRIOR-CARRY').map((f) => f.message);
    expect(carry).toEqual([
      expect.stringMatching(/^公开04表 行次28（.*）为 50,000\.00元，按上年.*公开04表 行次60（.*）第2栏（.*）应为 60,000\.00元/),
      expect.stringMatching(/^公开04表 行次29（.*）为 50,000\.00元，按上年.*公开04表 行次60（.*）第3栏（.*）应为 60,000\.00元/),
      expect.stringMatching(/^公开05表 2010402.* 第1栏（.*）为 50,000\.00元，按上年.*公开05表 2010402.* 第12栏（.*）应为 60,000\.00元/),
    ]);
  });

  it('reports a hand-typed prior-year figure that disagrees with the prior file, with both places (X-PRIOR-VALUE)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'juesuan-city-'));
    const y = makeCity(root);
    const now = join(y[2021]!, 'd3.yaml');
    writeFileSync(now, `${readFileSync(now, 'utf8')}priorYear:\n  totalIncome: 999,999.00\n  totalExpenditure: 1,000,000.00\n`);
    const prior = await PriorIndex.open([y[2020]!]);
    const { findings } = await checkFile(now, await loadDictionary(), { prior });
    const value = findings.filter((f) => f.ruleId === 'X-PRIOR-VALUE');
    // totalExpenditure agrees with last year's 01表 行次57: only totalIncome is reported
    expect(value).toHaveLength(1);
    expect(value[0]).toMatchObject({
      severity: 'error',
      location: { file: now, line: lineOf(now, /^ {2}totalIncome:/) },
      related: [{ file: join(y[2020]!, 'd3.yaml'), line: lineOf(join(y[2020]!, 'd3.yaml'), /^ {4}r27:/) }],
      actual: '999999.00',
      expected: '1010000.00',
    });
  });

  it('leaves a department whose prior file has errors unlinked, with a warning naming the file', async () => {
    const root = mkdtempSync(join(tmpdir(), 'juesuan-city-'));
    const y = makeCity(root);
    mkdirSync(join(root, 'broken'));
    writeFileSync(join(root, 'broken', 'd1.yaml'), cityDepartment(1, 2020, (doc) => doc.setIn(['tables', 'T01', 'r29'], 'abc')));
    const prior = await PriorIndex.open([join(root, 'broken')]);
    const { findings } = await checkFile(join(y[2021]!, 'd1.yaml'), await loadDictionary(), { prior });
    expect(findings.filter((f) => f.ruleId === 'X-PRIOR-PAIR').map((f) => f.message)).toEqual([expect.stringMatching(/上年文件 .*broken\/d1\.yaml 读取时有 1 个错误/)]);
    expect(findings.filter((f) => f.ruleId.startsWith('X-PRIOR-') && f.ruleId !== 'X-PRIOR-PAIR')).toEqual([]);
  });
});

describe('a prior-year workbook', () => {
  it('is read in the form of its own profile and year: a national-set fill-in workbook gives last year’s 表一 figures', async () => {
    const dict = await loadDictionary();
    const dir = mkdtempSync(join(tmpdir(), 'juesuan-prior-xlsx-'));
    const example = readFileSync(new URL('../../data/examples/suizhou-example-2022.yaml', import.meta.url), 'utf8');
    const now = join(dir, 'now.yaml');
    writeFileSync(now, example.replace('  year: 2022\n', '  year: 2022\n  code: SZ01\n'));
    // last year's file: the same department in 2021, kept as a fill-in workbook of the national set
    const lastYaml = join(dir, 'last.yaml');
    writeFileSync(lastYaml, example.replace('  year: 2022\n', '  year: 2021\n  code: SZ01\n'));
    const last = await readDataset(lastYaml);
    expect(last.findings.filter((f) => f.severity === 'error')).toEqual([]);
    mkdirSync(join(dir, 'prior'));
    writeFileSync(join(dir, 'prior', 'last.xlsx'), await convertDataset(last.dataset!, 'xlsx', { dict }));
    const prior = await PriorIndex.open([join(dir, 'prior')]);
    expect(prior.size).toBe(1);
    const { findings } = await checkFile(now, dict, { prior });
    expect(findings.filter((f) => f.ruleId === 'X-PRIOR-PAIR')).toEqual([]);
    // this year opened with 50,000.00; last year's workbook closed with its own 行次59: the carry-over is checked against that cell
    const carry = findings.filter((f) => f.ruleId === 'X-PRIOR-CARRY');
    expect(carry.map((f) => f.related?.[0]?.file)).toContain(join(dir, 'prior', 'last.xlsx'));
    expect(carry.find((f) => f.location !== undefined && 'line' in f.location && f.location.line === lineOf(now, /^ {4}r29:/))?.expected).toBe(last.dataset!.tables.T01![59]!.toFixed(2));
  });
});

describe('a prior-year file in the 2024 form', () => {
  it('gives last year’s 三公 决算 from its own 决算统计数 column (栏次3), not 全年预算数', async () => {
    const dict = await loadDictionary();
    const dir = mkdtempSync(join(tmpdir(), 'juesuan-prior-2024-'));
    const example = readFileSync(new URL('../../data/examples/yunnan-2024-example.yaml', import.meta.url), 'utf8');
    mkdirSync(join(dir, '2024'));
    writeFileSync(join(dir, '2024', 'yx.yaml'), example.replace('  year: 2024\n', '  year: 2024\n  code: YX01\n'));
    const now = join(dir, 'yx-2025.yaml');
    writeFileSync(now, example.replace('  year: 2024\n', '  year: 2025\n  code: YX01\n'));
    const prior = await PriorIndex.open([join(dir, '2024')]);
    const { dataset, findings } = await checkFile(now, dict, { prior, draft: true });
    expect(findings.filter((f) => f.ruleId === 'X-PRIOR-PAIR')).toEqual([]);
    // the 2024 example's （一）支出合计: 预算数 169,312.00, 全年预算数 169,312.00, 决算统计数 131,567.39
    expect(dataset!.priorYear.threePublic?.[2]?.toFixed(2)).toBe('131567.39');
    expect(dataset!.priorYear.threePublicBudget?.[2]?.toFixed(2)).toBe('169312.00');
  });
});
