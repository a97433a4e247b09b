// The semantic figures of a form: derive reads every figure the narrative prints through the form's
// `figures:` (name → cells), checked when the form loads (file and line of each mistake); a linked
// prior-year file fills the prior income lines through the same names.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveProfile, TEMPLATES_DIR } from '../../src/compose/profile.js';
import { derive } from '../../src/derive/index.js';
import { linkPrior } from '../../src/derive/prior.js';
import { FIGURE_NAMES, parseFigures } from '../../src/forms/figures.js';
import { FormError, formFigures, loadForm, readForm } from '../../src/forms/load.js';
import { loadDictionary } from '../../src/readers/dictionary.js';
import { example, loadDataset, ROOT } from '../helpers.js';

const dict = await loadDictionary();
const yuxi = await loadDataset(example('yuxi-gxj-2021.yaml'));
const FORM = join(TEMPLATES_DIR, 'default', 'forms', 'yunnan-2021.yaml');
const formText = readFileSync(FORM, 'utf8');

/** The shipped 2021 form with `edit` applied to its text, read from a file of its own. */
function formWith(edit: (text: string) => string): () => unknown {
  const dir = mkdtempSync(join(tmpdir(), 'juesuan-figures-'));
  const file = join(dir, 'yunnan-2021.yaml');
  writeFileSync(file, edit(formText));
  return () => readForm(file);
}

/** The FormError `read` throws, with its line. */
function formError(read: () => unknown): { message: string; line?: number } {
  try {
    read();
  } catch (e) {
    if (e instanceof FormError) return { message: e.message, ...(e.location ? { line: e.location.line } : {}) };
    throw e;
  }
  throw new Error('no FormError');
}

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('a form’s figures', () => {
  it('the 2021 form maps every name; the national set takes them with figuresFrom', () => {
    const own = formFigures(loadForm('yunnan-2021', resolveProfile('yunnan/yuxi').dirs));
    expect([...own.keys()].sort()).toEqual(Object.keys(FIGURE_NAMES).sort());
    expect(own.get('income.total')).toEqual({ kind: 'cells', terms: [{ sign: 1, cell: { table: 'T01', row: 'r27' } }] });
    const national = formFigures(loadForm('national-2022', resolveProfile('hubei/suizhou').dirs));
    expect(national.get('threePublic.actual.total')).toEqual(own.get('threePublic.actual.total'));
  });

  it('an unknown name is an error at its line, naming the nearest name', () => {
    const e = formError(formWith((t) => t.replace('  income.total: T01.r27', '  income.totl: T01.r27')));
    expect(e.message).toContain('figures 中没有名为“income.totl”的数，是不是“income.total”？');
    expect(e.line).toBe(lineOf(formText, '  income.total: T01.r27'));
  });

  it('a row the table has not, a column of a one-column row and an unknown table are errors at their line', () => {
    const row = formError(formWith((t) => t.replace('  carryover.begin: T01.r29', '  carryover.begin: T01.r99')));
    expect(row.message).toBe('“T01.r99”：01表没有行次“r99”');
    expect(row.line).toBe(lineOf(formText, '  carryover.begin: T01.r29'));
    const col = formError(formWith((t) => t.replace('threePublic.count.groups: T3G.r12.c2', 'threePublic.count.groups: T3G.r12.c1')));
    expect(col.message).toBe('“T3G.r12.c1”：三公表行次12的栏次1不填数');
    const table = formError(formWith((t) => t.replace('govFund.total: TGF.total.c7', 'govFund.total: T99.total.c7')));
    expect(table.message).toContain('没有表“T99”');
    const line = formError(formWith((t) => t.replace('{ key: other, label: 其他收入, cell: T01.r8 }', '{ key: other, label: 其他收入, cell: T01.r8.c2 }')));
    expect(line.message).toBe('“T01.r8.c2”：01表的行只有一个金额，不应写栏次“c2”');
    expect(line.line).toBe(lineOf(formText, '{ key: other, label: 其他收入, cell: T01.r8 }'));
  });

  it('a form without figures loads (tables only), but asking for its figures is an error naming the form', () => {
    const read = formWith((t) => t.replace(/\nfigures:\n(?: {2}.*\n|\s*#.*\n)*/, '\n'));
    const form = read() as ReturnType<typeof readForm>;
    expect(form.figures).toBeUndefined();
    expect(formError(() => formFigures(form)).message).toContain('表样“yunnan-2021”没有 figures 部分');
  });

  it('docs/templates.md lists every name with its meaning and unit', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'templates.md'), 'utf8');
    const missing = Object.entries(FIGURE_NAMES).filter(([n, d]) => !doc.split('\n').some((l) => l.includes(`| \`${n}\` | ${d.meaning} |`)));
    expect(missing.map(([n]) => n)).toEqual([]);
  });

  it('a name left out is an error naming it with its meaning and unit', () => {
    const e = formError(formWith((t) => t.replace(/\n {2}agencyOperation: .*\n/, '\n')));
    expect(e.message).toBe('表样的 figures 缺少“agencyOperation”（机关运行经费（第二部分 十（一）），元）');
  });
});

describe('derive reads every figure through the form', () => {
  it('a form that maps a name to another cell changes the figure printed (the 2024 set’s 决算 column, say)', () => {
    const base = formFigures(loadForm('yunnan-2021', resolveProfile('yunnan/yuxi').dirs));
    const moved = parseFigures({ 'threePublic.actual.total': 'T3G.r2.c1', 'agencyOperation': 'T3G.r23.c2', 'income.total': 'T01.r27 + T01.r29' }, base);
    const before = derive(yuxi, dict);
    const after = derive(yuxi, dict, { shareRounding: 'independent', gradeBands: [], figures: moved });
    expect(after.threePublic.breakdown.total.yuan.toFixed(2)).toBe(before.threePublic.budget.total.yuan.toFixed(2));
    expect(after.threePublic.completion.comparison).toBe('equal');
    expect(after.agencyOperation.yuan.toFixed(2)).toBe(yuxi.tables.T3G![23]![2]!.toFixed(2));
    expect(after.income.total.yuan.toFixed(2)).toBe(before.income.total.yuan.plus(before.carryover.begin.yuan).toFixed(2));
    expect(after.expenditure.total.yuan.toFixed(2)).toBe(before.expenditure.total.yuan.toFixed(2));
  });

  it('src/derive/index.ts names no row or column of a form and does not import model/tables', () => {
    const src = readFileSync(join(ROOT, 'src', 'derive', 'index.ts'), 'utf8').replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
    expect(src).not.toMatch(/model\/tables/);
    expect(src).not.toMatch(/\b[rc]\d+\b|\.(cells|left|right)\[\d+\]|T01\[|T3G\[|\[\s*[1-9]\d*\s*\]/);
  });
});

describe('a linked prior-year file', () => {
  it('fills priorYear.incomeLines by the keys of income.lines from last year’s cells', () => {
    const prior = { ...yuxi, department: { ...yuxi.department, year: 2020 } };
    const linked = linkPrior(yuxi, prior);
    expect(linked.priorYear.incomeLines?.generalBudget?.toFixed(2)).toBe('34008496.42');
    expect(linked.priorYear.incomeLines?.other?.toFixed(2)).toBe('120667.00');
    const model = derive(linked, dict);
    expect(model.incomeLineChanges.generalBudget?.direction).toBe('flat');
    expect(model.expenditureChange?.direction).toBe('flat');
  });
});
