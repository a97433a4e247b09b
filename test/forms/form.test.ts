// Forms as data: the identities of a form file check a department like the rules in code did, a form
// file's mistakes are reported at their line, and a year without a shipped form is an error of the
// department — never a silent build in another year's tables.
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFile, formFinding } from '../../src/cli/check.js';
import { resolveProfile, TEMPLATES_DIR } from '../../src/compose/profile.js';
import { expandEach, parseIdentity } from '../../src/forms/formula.js';
import { FormError, formIdForYear, loadForm, readForm } from '../../src/forms/load.js';
import { buildFormSchema } from '../../src/forms/schema.js';
import { loadDictionary } from '../../src/readers/dictionary.js';
import { fixture, loadDataset, ROOT } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'juesuan-forms-'));

describe('formulas', () => {
  it('parse cells, sums of row ranges, signs and relations', () => {
    const f = parseIdentity('T01.r27 = sum(T01.r1:r8)');
    expect(f.relation).toBe('=');
    expect(f.left[0]!.cells).toEqual([{ table: 'T01', row: 'r27' }]);
    expect(f.right[0]!.cells.map((c) => c.row)).toEqual(['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8']);
    const g = parseIdentity('T3G.r9.c2 <= T05.total.c7 - T06.30101');
    expect(g.relation).toBe('<=');
    expect(g.right.map((t) => t.sign)).toEqual([1, -1]);
    expect(g.right[1]!.cells[0]).toEqual({ table: 'T06', row: '30101' });
  });

  it('expand each value, every combination or side by side', () => {
    expect(expandEach('T04.r59.c{c}', { c: [2, 3] })).toEqual(['T04.r59.c2', 'T04.r59.c3']);
    expect(expandEach('T04.r{r}', { r: '33:35,64' })).toEqual(['T04.r33', 'T04.r34', 'T04.r35', 'T04.r64']);
    expect(expandEach('T01.r{r} = T03.{code}.c1', { r: '31:32', code: [201, 202] }, true)).toEqual(['T01.r31 = T03.201.c1', 'T01.r32 = T03.202.c1']);
  });

  it('refuse what is not a formula, in Chinese', () => {
    expect(() => parseIdentity('T01.r27 sum(T01.r1:r8)')).toThrow(/缺少 =/);
    expect(() => parseIdentity('T01.r27 = sum(T01.r8:r1)')).toThrow(/起止颠倒/);
    expect(() => parseIdentity('T01.r27 = 行次1')).toThrow(/不是单元格引用/);
  });
});

describe('form files', () => {
  it('the shipped 2021 form is valid and the committed schema is the one the code builds', () => {
    const form = loadForm('yunnan-2021', resolveProfile('yunnan/yuxi').dirs);
    expect(form.identities.length).toBeGreaterThan(20);
    expect(JSON.parse(readFileSync(`${ROOT}data/schema/form.schema.json`, 'utf8'))).toEqual(buildFormSchema());
  });

  it('a typo in a formula is reported at its line', () => {
    const file = join(dir, 'typo.yaml');
    writeFileSync(file, 'id: typo\nname: 测试\ntables: []\nidentities:\n  - { id: T01-INC, severity: error, check: "T01.r27 = T01.r1 +" }\n');
    expect(() => readForm(file)).toThrow(FormError);
    try {
      readForm(file);
    } catch (e) {
      expect((e as FormError).location).toMatchObject({ file, line: 5 });
      expect((e as FormError).message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('a carry-over pair with a bad cell is reported at its line; the national and 2024 sets take the 2021 pairs', () => {
    const file = join(dir, 'carry.yaml');
    writeFileSync(file, 'id: carry\nname: 测试\ntables: []\nidentities: []\ncarryOver:\n  cells:\n    - { opening: T01.r29, closing: T01r59 }\n');
    expect(() => readForm(file)).toThrow(FormError);
    try {
      readForm(file);
    } catch (e) {
      expect((e as FormError).location).toMatchObject({ file, line: 7 });
    }
    const own = loadForm('yunnan-2021', resolveProfile('yunnan/yuxi').dirs).carryOver;
    expect(own?.cells?.[0]).toEqual({ opening: 'T01.r29', closing: 'T01.r59' });
    expect(loadForm('national-2022', resolveProfile('national').dirs).carryOver).toEqual(own);
    expect(loadForm('yunnan-2024', resolveProfile('yunnan').dirs).carryOver).toEqual(own);
  });

  it('an unknown key is reported at its line', () => {
    const file = join(dir, 'key.yaml');
    writeFileSync(file, 'id: key\nname: 测试\ntables: []\nidentities:\n  - id: T01-INC\n    severity: error\n    chek: "T01.r27 = T01.r1"\n');
    expect(() => readForm(file)).toThrow(/不认识的键“chek”|缺少“check”/);
  });

  it('the form of a year is the latest one that has begun', () => {
    const forms = [
      { from: 2019, form: 'yunnan-2021' },
      { from: 2024, form: 'yunnan-2024' },
    ];
    expect(formIdForYear(forms, 2021)).toBe('yunnan-2021');
    expect(formIdForYear(forms, 2023)).toBe('yunnan-2021');
    expect(formIdForYear(forms, 2025)).toBe('yunnan-2024');
    expect(formIdForYear(forms, 2018)).toBeUndefined();
  });
});

describe('departments and their form', () => {
  it('an identity of the form fires at the cell it names (T01-INC at 行次27)', async () => {
    const findings = (await checkFile(fixture('broken/t01.yaml'), await loadDictionary())).findings;
    const hit = findings.find((f) => f.ruleId === 'T01-INC');
    expect(hit?.message).toBe('公开01表 行次27（本年收入合计）为 1,010,001.00元，按行次1至8之和应为 1,010,000.00元（差额 +1.00元）');
    expect(hit?.location).toMatchObject({ path: 'tables.T01.r27' });
  });

  it('a department of a year whose form is not shipped is an error, not a package of another year', async () => {
    const ds = await loadDataset(fixture('mini/valid.yaml'));
    // a profile naming a 2024 form it does not ship
    const templates = join(dir, 'unshipped');
    mkdirSync(join(templates, 'default'), { recursive: true });
    mkdirSync(join(templates, 'town'), { recursive: true });
    writeFileSync(join(templates, 'default', 'profile.yaml'), readFileSync(join(TEMPLATES_DIR, 'default', 'profile.yaml')));
    writeFileSync(join(templates, 'town', 'profile.yaml'), 'name: town\nextends: default\nforms:\n  - { from: 2019, form: yunnan-2021 }\n  - { from: 2024, form: town-2024 }\n');
    const profile = resolveProfile('town', `${templates}/`);
    const { form, finding } = formFinding({ ...ds, department: { ...ds.department, year: 2024 } }, profile);
    expect(form).toBeUndefined();
    expect(finding?.ruleId).toBe('IN-FORM');
    expect(finding?.severity).toBe('error');
    expect(finding?.message).toContain('2024年度');
    expect(finding?.message).toContain('town-2024');
  });

  it('a profile of its own can ship a form: a folder of data, no code', async () => {
    const templates = join(dir, 'templates');
    mkdirSync(join(templates, 'city', 'forms'), { recursive: true });
    mkdirSync(join(templates, 'default'), { recursive: true });
    writeFileSync(join(templates, 'default', 'profile.yaml'), readFileSync(join(TEMPLATES_DIR, 'default', 'profile.yaml')));
    writeFileSync(join(templates, 'city', 'profile.yaml'), 'name: city\nextends: default\nforms:\n  - { from: 2019, form: city-2021 }\n');
    writeFileSync(join(templates, 'city', 'forms', 'city-2021.yaml'), 'id: city-2021\nname: 测试城市表样\ntables: []\nidentities:\n  - { id: T01-INC, severity: warning, check: "T01.r27 = sum(T01.r1:r8)" }\n');
    const profile = resolveProfile('city', templates.endsWith('/') ? templates : `${templates}/`);
    expect(profile.dirs[0]).toContain(join('templates', 'city'));
    expect(loadForm('city-2021', profile.dirs).identities).toHaveLength(1);
  });
});
