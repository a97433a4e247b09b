import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readYaml } from '../../src/readers/index.js';
import { buildDepartmentSchema } from '../../src/readers/schema.js';
import { ROOT, checkText, example, readFixture } from '../helpers.js';

const head = `department:\n  name: 测试局\n  year: 2021\n`;

describe('readYaml: amounts are exact', () => {
  it('reads plain numbers and printed numbers with thousands separators without a float', () => {
    const r = readYaml(`${head}tables:\n  T01:\n    r1: 0.1\n    r2: 0.2\n    r8: 99,999,999,999.99\n    r29: "15,433,353.26"\n    r59: 9999999999999.99\n`, 'a.yaml');
    const t = r.dataset!.tables.T01!;
    expect(t[1]!.plus(t[2]!).toString()).toBe('0.3'); // 0.1 + 0.2 in JS numbers is 0.30000000000000004
    expect(t[8]!.toFixed(2)).toBe('99999999999.99');
    expect(t[8]!.plus(t[1]!).toFixed(2)).toBe('100000000000.09');
    expect(t[29]!.toFixed(2)).toBe('15433353.26');
    // the largest amount an Excel cell holds exactly (15 significant digits); beyond it is IN-PRECISION
    expect(t[59]!.toFixed(2)).toBe('9999999999999.99');
  });

  it('converts 万元 amounts of the evaluation section to 元 exactly', () => {
    const r = readYaml(`${head}selfEvaluation:\n  amountUnit: 万元\n  projects:\n    - name: x\n      funds:\n        currentFiscal: { annualBudget: 1950.01, executed: 0.000001 }\n`, 'a.yaml');
    const f = r.dataset!.selfEvaluation!.projects[0]!.funds.currentFiscal!;
    expect(f.annualBudget!.toFixed(2)).toBe('19500100.00');
    expect(f.executed!.toFixed(2)).toBe('0.01');
  });

  it('refuses an amount with three decimals (D-DEC), a negative amount (D-NONNEG) and a word (IN-AMOUNT), at their lines', async () => {
    const fs = await checkText(`${head}tables:\n  T01:\n    r1: 1.005\n    r2: -3\n    r8: 1万元\n`);
    const byRule = (id: string) => fs.find((f) => f.ruleId === id);
    expect(byRule('D-DEC')?.location).toMatchObject({ line: 6, column: 9 });
    expect(byRule('D-NONNEG')?.location).toMatchObject({ line: 7, column: 9 });
    expect(byRule('IN-AMOUNT')?.location).toMatchObject({ line: 8, column: 9 });
    expect(byRule('IN-AMOUNT')?.note).toContain('换算为元');
  });

  it('keeps the line and column of every value', async () => {
    const r = await readFixture(example('yuxi-gxj-2021.yaml'));
    const src = r.dataset!.sources['tables.T05.2010401.c9'];
    const text = readFileSync(example('yuxi-gxj-2021.yaml'), 'utf8').split('\n');
    expect(src).toBeDefined();
    const line = text[(src as { line: number }).line - 1]!;
    expect(line.slice((src as { column: number }).column - 1)).toMatch(/^8,142,890\.28/);
  });
});

describe('readYaml: bad input is a finding with a location, never an exception', () => {
  it('reports a YAML syntax error with line and column', async () => {
    const fs = await checkText('department:\n  name: x\n  units: [ { name: a }\n tables: {}\n');
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ ruleId: 'IN-YAML', severity: 'error', location: { line: 4, column: 2 } });
  });

  it('reports a duplicate key', async () => {
    const fs = await checkText('department:\n  name: x\n  name: y\n  year: 2021\n');
    expect(fs[0]).toMatchObject({ ruleId: 'IN-DUP', location: { line: 3, column: 3 } });
  });

  it('reports a code written twice, once quoted and once not', async () => {
    const fs = await checkText(`${head}tables:\n  T02:\n    "2010401": { c2: 1 }\n    2010401: { c2: 2 }\n`);
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ ruleId: 'IN-DUP', severity: 'error', location: { line: 7, column: 5 }, related: [{ line: 6, column: 5 }] });
  });

  it('reports an amount split by its thousands separators inside { } as an error at that amount, once (IN-COMMA)', async () => {
    const fs = await checkText(`${head}tables:\n  T05:\n    "2010401": { c4: 1,070,000.00, c5: 12.00 }\npriorYear:\n  threePublic: { r2: 45,000.00 }\n`);
    const split = fs.filter((f) => f.ruleId === 'IN-COMMA');
    expect(split.map((f) => [f.severity, f.location && 'line' in f.location ? f.location.line : 0])).toEqual([
      ['error', 6],
      ['error', 8],
    ]);
    expect(split[0]!.message).toContain('“c4: 1,070,000.00”');
    expect(split[0]!.message).toContain('读成 c4 = 1');
    expect(split[0]!.note).toContain('c4: 1070000.00');
    expect(split[1]!.message).toContain('priorYear.threePublic 中“r2: 45,000.00”');
    // the groups of a split amount are not also unknown keys
    expect(fs.filter((f) => f.ruleId === 'IN-KEY')).toEqual([]);
  });

  it('warns about an unknown key and suggests the nearest valid one', async () => {
    const fs = await checkText(`${head}tables:\n  T05:\n    "2010401": { c4: 1.00, c44: 2.00 }\nprocurment: {}\n`);
    const keys = fs.filter((f) => f.ruleId === 'IN-KEY');
    expect(keys.map((f) => f.severity)).toEqual(['warning', 'warning']);
    const c44 = keys.find((f) => f.message.includes('c44'))!;
    expect(c44.location).toMatchObject({ line: 6, column: '    "2010401": { c4: 1.00, c44: 2.00 }'.indexOf('c44') + 1 });
    const typo = keys.find((f) => f.message.includes('procurment'))!;
    expect(typo.location).toMatchObject({ line: 7, column: 1 });
    expect(typo.note).toContain('“procurement”');
  });

  it('reports a wrong type and a missing required key in Chinese, with the key title', async () => {
    const fs = await checkText('department:\n  year: 2021\ntables:\n  T01: 5\n');
    expect(fs.find((f) => f.ruleId === 'IN-REQ')?.message).toContain('部门名称');
    const t = fs.find((f) => f.ruleId === 'IN-TYPE')!;
    expect(t.message).toContain('公开01表');
    expect(t.location).toMatchObject({ line: 4, column: 8 });
  });

  it('treats an empty file as an error, not a crash', async () => {
    expect((await checkText(''))[0]).toMatchObject({ ruleId: 'IN-TYPE', severity: 'error' });
  });
});

describe('JSON Schema', () => {
  it('the committed data/schema/department.schema.json is what src/readers/schema.ts builds', () => {
    const committed = JSON.parse(readFileSync(`${ROOT}data/schema/department.schema.json`, 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(buildDepartmentSchema())));
  });

  it('titles keys in Chinese for the editor', () => {
    const s = buildDepartmentSchema() as { properties: Record<string, { title: string }> };
    expect(s.properties.tables!.title).toBe('公开表（金额单位：元）');
    expect(s.properties.selfEvaluation!.title).toBe('绩效自评');
  });

  it('every example points at the schema in its first line', () => {
    for (const f of ['yuxi-gxj-2021.yaml', 'panzhihua-jxj-2020.yaml']) {
      expect(readFileSync(example(f), 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/department.schema.json');
    }
  });
});
