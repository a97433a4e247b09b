// The subject dictionary: catalogs of 支出功能分类 codes by year (data/dictionary/functional/*.tsv),
// read from published tables and joined with functional.yaml into names by year, the years a code
// exists, and 名词解释 texts; and the invariants the shipped dictionary keeps.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { functionalInYear, functionalName, functionalYears } from '../../src/model/dictionary.js';
import { CatalogError, definitionOf, extractCatalogEntries, formatCatalog, orphans, parseCatalog, readTableRows } from '../../src/readers/catalog.js';
import { loadDictionary } from '../../src/readers/dictionary.js';
import { readYaml } from '../../src/readers/index.js';
import { validate } from '../../src/validate/index.js';
import { checkText, fixture } from '../helpers.js';

const SEED_000 = `${fixture('')}../../../shared/seeds/000_947db9ea62b2aa0e.txt`;

describe('catalog files', () => {
  it('read back what they write, codes in order', () => {
    const text = formatCatalog({ year: 2024, scope: 'partial', source: '某通知', entries: [{ code: '2010401', name: '行政运行' }, { code: '201', name: '一般公共服务支出', description: '反映政府提供一般公共服务的支出。' }] });
    expect(text.split('\n').slice(3, 6)).toEqual(['code\tname\tdescription', '201\t一般公共服务支出\t反映政府提供一般公共服务的支出。', '2010401\t行政运行']);
    expect(parseCatalog(text, 'x.tsv')).toMatchObject({ year: 2024, scope: 'partial', source: '某通知', entries: [{ code: '201' }, { code: '2010401', name: '行政运行' }] });
  });

  it('name the line of a bad row, a repeated code, and a missing header', () => {
    const head = '# year: 2021\n# scope: complete\n# source: s\ncode\tname\n';
    expect(() => parseCatalog(`${head}201\t一般公共服务支出\n20101人大事务\n`, 'f.tsv')).toThrow(/f\.tsv:6:/);
    expect(() => parseCatalog(`${head}201\t一般公共服务支出\n201\t一般公共服务支出\n`, 'f.tsv')).toThrow(/201 重复/);
    expect(() => parseCatalog('# year: 2021\n# source: s\n201\t一般公共服务支出\n', 'f.tsv')).toThrow(CatalogError);
  });

  it('turn a 科目说明 into 名词解释 wording', () => {
    expect(definitionOf('反映人大召开会议的支出。')).toBe('指人大召开会议的支出。');
    expect(definitionOf('反映行政单位的基本支出')).toBe('指行政单位的基本支出。');
  });
});

describe('extracting codes from published tables', () => {
  it('reads the 公开表 of seed 000 (pdftotext): every printed code with its name, no amounts', async () => {
    const { entries, problems } = extractCatalogEntries(await readTableRows(SEED_000));
    const byCode = new Map(entries.map((e) => [e.code, e]));
    expect(entries).toHaveLength(38);
    expect(byCode.get('2010401')).toEqual({ code: '2010401', name: '行政运行' });
    expect(byCode.get('2120899')!.name).toBe('其他国有土地使用权出让收入安排的支出');
    expect(byCode.get('215')!.name).toBe('资源勘探工业信息等支出');
    expect(orphans(entries)).toEqual([]);
    // 000 L873 prints the year 2021 as “20201”: a code-shaped number with no name is reported, not kept
    expect(problems).toEqual(['第873行：编码 20201 没有名称']);
  });

  it('reads the book layout with 类, 款 and 项 in their own columns of a spreadsheet', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'catalog-'));
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('支出功能分类科目');
    sheet.addRows([
      ['2021年政府收支分类科目'],
      ['科目编码', '', '', '科目名称', '说明'],
      ['类', '款', '项', '', ''],
      ['208', '', '', '社会保障和就业支出', '反映政府在社会保障与就业方面的支出。'],
      ['', '05', '', '行政事业单位养老支出', '反映用于行政事业单位养老方面的支出。'],
      ['', '', '01', '行政单位离退休', '反映行政单位（包括实行公务员管理的事业单位）开支的离退休经费。'],
      ['', '', '05', '机关事业单位基本养老保险缴费支出', ''],
      ['', '08', '', '抚恤', ''],
      ['', '', '01', '死亡抚恤', ''],
      ['210', '', '', '卫生健康支出', ''],
    ]);
    await book.xlsx.writeFile(join(dir, 'c.xlsx'));
    const { entries, problems } = extractCatalogEntries(await readTableRows(join(dir, 'c.xlsx')));
    expect(problems).toEqual([]);
    expect(entries.map((e) => `${e.code} ${e.name}`)).toEqual(['208 社会保障和就业支出', '20805 行政事业单位养老支出', '2080501 行政单位离退休', '2080505 机关事业单位基本养老保险缴费支出', '20808 抚恤', '2080801 死亡抚恤', '210 卫生健康支出']);
    expect(entries[2]!.description).toBe('反映行政单位（包括实行公务员管理的事业单位）开支的离退休经费。');
  });

  it('reads full codes from CSV, and text lines with the 说明 after the name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'catalog-'));
    writeFileSync(join(dir, 'c.csv'), '科目编码,科目名称,说明\n201,一般公共服务支出,"反映政府提供一般公共服务的支出。"\n20101,人大事务,\n2010101,行政运行,反映行政单位的基本支出。\n');
    expect(extractCatalogEntries(await readTableRows(join(dir, 'c.csv'))).entries.map((e) => e.code)).toEqual(['201', '20101', '2010101']);
    writeFileSync(join(dir, 'c.txt'), '  2010101    行政运行    反映行政单位（包括实行公务员管理的事业单位）的基本支出。\n本年支出 2010101 行政运行\n');
    expect(extractCatalogEntries(await readTableRows(join(dir, 'c.txt'))).entries).toEqual([{ code: '2010101', name: '行政运行', description: '反映行政单位（包括实行公务员管理的事业单位）的基本支出。' }]);
    await expect(readTableRows(join(dir, 'c.xls'))).rejects.toThrow(/soffice/);
  });
});

describe('joining catalogs with functional.yaml', async () => {
  const dict = await loadDictionary(fixture('dictionary-data/'));
  const s = (code: string) => dict.functional.get(code)!;

  it('names a code by the catalog of the report year, with earlier names as history', () => {
    expect(functionalName(s('20805'), 2020)).toBe('行政事业单位离退休');
    expect(functionalName(s('20805'), 2021)).toBe('行政事业单位养老支出');
    expect(s('2080501')).toMatchObject({ name: '行政单位离退休', history: [{ until: 2020, name: '归口管理的行政单位离退休' }] });
    // a year without a catalog falls back on the history: 2019 had the 2020 name as far as the dictionary knows
    expect(functionalName(s('2080501'), 2019)).toBe('归口管理的行政单位离退休');
    expect(functionalYears(s('2080504'))).toEqual([2020]);
  });

  it('tells whether a code exists in a year only where a complete list says so', () => {
    expect(functionalInYear(dict, '2080504', 2020)).toBe(true);
    expect(functionalInYear(dict, '2080504', 2021)).toBe(false);
    expect(functionalInYear(dict, '2080504', 2022)).toBeUndefined();
  });

  it('D-CODE names the years a code abolished before the report year was listed', () => {
    const r = readYaml(`department:\n  name: 测试局\n  year: 2021\ntables:\n  T02:\n    total: { c1: 100.00, c2: 100.00 }\n    "208": { c1: 100.00, c2: 100.00 }\n    "20805": { c1: 100.00, c2: 100.00 }\n    "2080504": { c1: 100.00, c2: 100.00 }\n`, 't.yaml');
    const f = validate(r.dataset!, dict).filter((x) => x.ruleId === 'D-CODE');
    expect(f.map((x) => [x.message, x.note])).toEqual([['公开02表 科目编码 2080504（未归口管理的行政单位离退休）不在2021年政府收支分类科目中', '字典中该编码见于 2020 年的科目表；请按2021年科目表核对编码']]);
  });

  it('takes the 名词解释 from functional.yaml, else from the newest 说明', () => {
    expect(s('2080505').definition).toBe('指机关事业单位实施养老保险制度由单位缴纳的基本养老保险费支出。');
    expect(s('2080501').definition).toBe('指行政单位（包括实行公务员管理的事业单位）开支的离退休经费。');
  });
});

describe('the shipped dictionary', async () => {
  const dict = await loadDictionary();

  it('agrees with every catalog it ships: functional.yaml names the code as the publication printed it', () => {
    const disagreements = dict.catalogs.flatMap((c) =>
      c.entries.filter((e) => functionalName(dict.functional.get(e.code)!, c.year) !== e.name).map((e) => `${c.file} ${e.code} ${e.name} ≠ ${functionalName(dict.functional.get(e.code)!, c.year)}`),
    );
    expect(disagreements).toEqual([]);
  });

  it('has a 名词解释 for every 项 and the 类 and 款 above every code', () => {
    const codes = [...dict.functional.keys()];
    expect(codes.filter((c) => c.length === 7 && !dict.functional.get(c)!.definition)).toEqual([]);
    expect(codes.filter((c) => c.length > 3 && !dict.functional.has(c.slice(0, c.length - 2)))).toEqual([]);
  });

  it('every complete catalog lists the parents of its codes', () => {
    expect(dict.catalogs.filter((c) => c.scope === 'complete' && orphans(c.entries).length).map((c) => c.file)).toEqual([]);
  });

  it('D-CODE: a code the 2024 notice created is not accepted in a 2021 report, and is in a 2024 one', async () => {
    const yaml = (year: number) => `department:\n  name: 测试局\n  year: ${year}\ntables:\n  T02:\n    total: { c1: 100.00, c2: 100.00 }\n    "220": { c1: 100.00, c2: 100.00 }\n    "22006": { c1: 100.00, c2: 100.00 }\n`;
    const codeFindings = async (year: number) => (await checkText(yaml(year))).filter((f) => f.ruleId === 'D-CODE');
    const [f] = await codeFindings(2021);
    expect(f!.message).toBe('公开02表 科目编码 22006（耕地保护考核奖惩基金支出）不在2021年政府收支分类科目中');
    expect(f!.note).toContain('2024年增设');
    expect(await codeFindings(2024)).toEqual([]);
  });

  it('ships each catalog with its source named', () => {
    for (const c of dict.catalogs) expect(readFileSync(`${fixture('')}../../${c.file}`, 'utf8')).toContain(`# source: ${c.source}`);
  });
});
