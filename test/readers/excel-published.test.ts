// Published 公开表 workbooks read back: the XLSX that `build` writes gives the tables it was built
// from, for every example with tables; a workbook in the 决算 software's layout (Sheet1…, 编制单位,
// 金额单位：万元, codes in three columns, every total a value) gives exactly the department's tables
// in 元, and they validate.
import { describe, expect, it } from 'vitest';
import { checkFile } from '../../src/cli/check.js';
import { loadDictionary } from '../../src/readers/dictionary.js';
import { readExcel, readYaml } from '../../src/readers/index.js';
import { convertDataset, formForProfile } from '../../src/template/index.js';
import { writeXlsx } from '../../src/writers/xlsx.js';
import { completeTables } from '../../src/derive/complete.js';
import { exampleDataset, readWorkbook, tableCells } from './excel-helpers.js';
import { officialWorkbook } from './official-layout.js';

async function builtWorkbook(name: string): Promise<Uint8Array> {
  const checked = await checkFile(`data/examples/${name}.yaml`, await loadDictionary());
  expect(checked.document).toBeDefined();
  return writeXlsx(checked.document!);
}

describe('the XLSX that build writes, read back', () => {
  it.each(['yuxi-gxj-2021', 'panzhihua-jxj-2020'])('%s: the same tables', async (name) => {
    const r = await readWorkbook(await builtWorkbook(name), `${name}-公开表.xlsx`);
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const original = exampleDataset(name);
    expect(tableCells(r.dataset!)).toEqual(tableCells(original));
    expect(r.dataset!.department).toMatchObject({ name: original.department.name, year: original.department.year });
  });

  it('suizhou-example-2022 (表一…表九 in 万元, some columns of 05表, a one-row 三公 table): every printed cell', async () => {
    const name = 'suizhou-example-2022';
    const r = await readWorkbook(await builtWorkbook(name), `${name}-公开表.xlsx`, 'hubei/suizhou');
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const read = completeTables(r.dataset!);
    const original = completeTables(exampleDataset(name));
    const [readCells, originalCells] = [tableCells(r.dataset!), tableCells(exampleDataset(name))];
    for (const key of ['T01', 'T02', 'T03', 'TGF', 'TSOE', 'T04', 'T06']) expect(readCells[key], key).toEqual(originalCells[key]);
    // 表五 prints 05表 第7、8、11栏; 表七 the 三公 rows 2–7 of both columns
    for (const c of [7, 8, 11]) expect(read.T05.total.cells[c]!.toFixed(2)).toBe(original.T05.total.cells[c]!.toFixed(2));
    for (let row = 2; row <= 7; row++) for (const c of [1, 2]) expect(read.T3G[row]![c]!.toFixed(2), `T3G.r${row}.c${c}`).toBe(original.T3G[row]![c]!.toFixed(2));
  });
});

describe('a 公开表 workbook in the 决算 software’s layout', () => {
  it('reads the department’s tables exactly, in 元, from 万元 with codes in three columns', async () => {
    const dict = await loadDictionary();
    const ds = exampleDataset('yuxi-gxj-2021');
    const form = formForProfile('yunnan', 2021, 'published')!;
    const bytes = await officialWorkbook(ds, form, dict);
    const r = await readWorkbook(bytes, '公开表.xlsx', 'yunnan');
    // without a year the form cannot be chosen: said, not guessed
    expect(r.findings.map((f) => f.ruleId)).toEqual(['IN-FORM']);
    const withYear = await readExcel(bytes, '公开表.xlsx', { formFor: (p, y, k) => formForProfile(p ?? 'yunnan', y, k), year: 2021 });
    expect(withYear.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const read = withYear.dataset!;
    expect(read.department.name).toBe('玉溪市工业和信息化局（本级）');
    expect(tableCells(read)).toEqual(tableCells(ds));
    // 3400.849642 万元 → 34,008,496.42 元, exactly; the 三公 counts are not scaled
    expect(read.tables.T01![1]!.toFixed(2)).toBe('34008496.42');
    expect(read.tables.T3G![18]![2]!.toFixed(0)).toBe('677');
    expect(read.sources['tables.T05.2010401.c7']).toMatchObject({ sheet: 'Sheet5' });
  });

  it('imports into a YAML whose tables validate', async () => {
    const dict = await loadDictionary();
    const ds = exampleDataset('yuxi-gxj-2021');
    const bytes = await officialWorkbook(ds, formForProfile('yunnan', 2021, 'published')!, dict);
    const read = (await readExcel(bytes, '公开表.xlsx', { formFor: (p, y, k) => formForProfile(p ?? 'yunnan', y, k), year: 2021 })).dataset!;
    const yaml = await convertDataset({ ...read, department: { ...read.department, profile: 'yunnan' } }, 'yaml', { dict, blanks: true });
    expect(yaml).toContain('  # 请填写：部门主要职能（第一部分 一（一））\n  functions:\n');
    const back = readYaml(yaml, 'imported.yaml');
    expect(back.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const { validate } = await import('../../src/validate/index.js');
    const findings = validate(back.dataset!, dict);
    expect(findings.filter((f) => f.severity === 'error' && /^(T|X)/.test(f.ruleId))).toEqual([]);
    expect(tableCells(back.dataset!)).toEqual(tableCells(ds));
  });
});
