// Conversions both ways, for every example: YAML → fill-in workbook → dataset keeps every value the
// form holds (each completed table cell, every text, count and figure of the other parts); the
// workbook's data → YAML → dataset is the same again; YAML → YAML keeps even the stated totals.
import { describe, expect, it } from 'vitest';
import { loadDictionary } from '../../src/readers/dictionary.js';
import { readYaml } from '../../src/readers/index.js';
import { convertDataset, datasetToPlain, formForProfile, writeFillInWorkbook } from '../../src/template/index.js';
import { EXAMPLES, exampleDataset, openWorkbook, otherParts, readWorkbook, tableCells } from '../readers/excel-helpers.js';

describe.each(EXAMPLES)('%s converted both ways', (name) => {
  it('YAML → workbook → YAML gives the same dataset', async () => {
    const dict = await loadDictionary();
    const original = exampleDataset(name);
    const bytes = await convertDataset(original, 'xlsx', { dict });
    const fromBook = await readWorkbook(bytes, `${name}.xlsx`);
    expect(fromBook.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const ds = fromBook.dataset!;
    expect(tableCells(ds)).toEqual(tableCells(original));
    // the annexes have no fill-in sheet yet (YAML only; `juesuan convert` says so): compared without them
    const { annexes: _annexes, ...withoutAnnexes } = original;
    expect(otherParts(ds)).toEqual(otherParts(withoutAnnexes as typeof original));

    const yaml = await convertDataset(ds, 'yaml', { dict });
    const back = readYaml(yaml, `${name}.yaml`);
    expect(back.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(tableCells(back.dataset!)).toEqual(tableCells(original));
    expect(otherParts(back.dataset!)).toEqual(otherParts(withoutAnnexes as typeof original));
  });

  it('YAML → YAML keeps every value as given, stated totals included', async () => {
    const dict = await loadDictionary();
    const original = exampleDataset(name);
    const yaml = await convertDataset(original, 'yaml', { dict, schemaPath: '../schema/department.schema.json' });
    expect(yaml.startsWith('# yaml-language-server: $schema=../schema/department.schema.json')).toBe(true);
    const back = readYaml(yaml, 'back.yaml').dataset!;
    expect(JSON.parse(JSON.stringify(back.tables))).toEqual(JSON.parse(JSON.stringify(original.tables)));
    expect(otherParts(back)).toEqual(otherParts(original));
  });
});

describe('values that must not change on the way', () => {
  it('sheets named by a city’s own table numbers (表一 …) are found by their titles', async () => {
    const dict = await loadDictionary();
    const original = exampleDataset('panzhihua-jxj-2020');
    const form = formForProfile('sichuan', 2020, 'fill-in')!;
    const numbers = Object.fromEntries(form.tables.map((t, i) => [t.key, `表${'一二三四五六七八九'[i]}`]));
    const bytes = await writeFillInWorkbook({ form, dict, year: 2020, data: datasetToPlain(original), tableNumbers: numbers });
    expect((await openWorkbook(bytes)).worksheets.map((ws) => ws.name)).toContain('表五');
    const back = await readWorkbook(bytes);
    expect(back.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(tableCells(back.dataset!)).toEqual(tableCells(original));
  });

  it('a name differing from the dictionary stays typed; amounts keep their cents; a text starting with = stays text', async () => {
    const dict = await loadDictionary();
    const ds = exampleDataset('yuxi-gxj-2021');
    const t05 = ds.tables.T05!;
    const renamed = { ...ds, tables: { ...ds.tables, T05: { rows: t05.rows.map((r) => (r.code === '2010401' ? { ...r, name: '行政运行（本级）' } : r)) } }, explanations: { ...ds.explanations, totalChange: '=1+1 不是公式' } };
    const bytes = await convertDataset(renamed, 'xlsx', { dict });
    const back = (await readWorkbook(bytes)).dataset!;
    expect(back.tables.T05!.rows.find((r) => r.code === '2010401')!.name).toBe('行政运行（本级）');
    // a name equal to the dictionary's is shown by formula, so it is not a typed name
    expect(back.tables.T05!.rows.find((r) => r.code === '2010402')!.name).toBeUndefined();
    expect(back.explanations.totalChange).toBe('=1+1 不是公式');
    expect(back.tables.T01![1]!.toFixed(2)).toBe('34008496.42');
  });
});
