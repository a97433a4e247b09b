// What a reviewer would send back before publication: missing text, missing mandatory figures, 元
// typed into a 万元 part, and wording that contradicts the printed figures (issue cases, rules.md
// §4, §5, §8.1). Each case is the small valid department with one change, checked through the same
// path as `juesuan validate` (read → validate → compose), and where it matters the composed text.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { checkFile } from '../../src/cli/check.js';
import type { Document } from '../../src/model/document.js';
import { loadDictionary } from '../../src/readers/dictionary.js';
import { fixture, runCli } from '../helpers.js';

const valid = readFileSync(fixture('mini/valid.yaml'), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'juesuan-publication-'));

/** The valid department with `edit` applied to its YAML document, written to a file of its own. */
function variant(name: string, edit: (doc: ReturnType<typeof parseDocument>) => void): string {
  const doc = parseDocument(valid);
  edit(doc);
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, doc.toString({ lineWidth: 0 }));
  return file;
}

async function checked(file: string, draft = false) {
  return checkFile(file, await loadDictionary(), { ...(draft ? { draft: true } : {}) });
}

/** The composed text of every paragraph and list line, joined. */
function text(doc: Document | undefined): string {
  return (doc?.sections ?? []).flatMap((s) => s.blocks).map((b) => ('text' in b ? b.text : '')).join('\n');
}

describe('missing text is a finding at its place; a published package never carries a placeholder', () => {
  const noProcurement = variant('no-procurement', (d) => d.delete('procurement'));

  it('a missing 政府采购 section is an error naming it, without key names in the wording', async () => {
    const r = await checked(noProcurement);
    const hit = r.findings.find((f) => f.ruleId === 'N-FILL');
    expect(hit).toMatchObject({ severity: 'error', location: { file: noProcurement, line: 1 } });
    expect(hit!.message).toContain('政府采购支出情况');
    expect(r.ok).toBe(false);
    expect(r.document).toBeUndefined();
  });

  it('under --draft it is a warning, the draft is marked and prints the placeholder in words', async () => {
    const r = await checked(noProcurement, true);
    expect(r.ok).toBe(true);
    expect(r.findings.find((f) => f.ruleId === 'N-FILL')?.severity).toBe('warning');
    expect(r.document!.meta.draft).toBe(true);
    const placeholder = r.document!.sections.flatMap((s) => s.blocks).flatMap((b) => (b.type === 'paragraph' ? (b.runs ?? []) : [])).find((x) => x.mark === 'placeholder');
    expect(placeholder?.text).toBe('请填写政府采购支出情况（第二部分 十（二））');
    expect(placeholder?.text).not.toMatch(/procurement|[A-Za-z]/);
  });

  it('a missing reason points at the explanations section; the valid department has none missing', async () => {
    const r = await checked(variant('no-reason', (d) => d.deleteIn(['explanations', 'totalChange'])));
    const hit = r.findings.find((f) => f.ruleId === 'N-REASON');
    expect(hit?.severity).toBe('error');
    expect(hit?.location).toMatchObject({ path: 'explanations' });
    expect(hit?.note).toBe('在 explanations 下填写 totalChange');
    expect((await checked(fixture('mini/valid.yaml'))).findings).toEqual([]);
  });

  it('build refuses without --draft and writes nothing; with --draft it builds', () => {
    const out = join(dir, 'out');
    const refused = runCli(['build', noProcurement, '--out', out, '--format', 'xlsx']);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('政府采购支出情况');
    expect(refused.stdout).toContain('--draft');
    // the department's own files (the city summary 汇总.xlsx at the top of --out is not a package)
    const built = () => readdirSync(out, { recursive: true }).map(String).filter((f) => f.endsWith('.xlsx') && f.includes('/'));
    expect(built()).toEqual([]);
    const draft = runCli(['build', noProcurement, '--out', out, '--format', 'xlsx', '--draft']);
    expect(draft.code).toBe(0);
    expect(built().length).toBeGreaterThan(0);
  });

  it('user text with brackets or the markup characters prints as typed, never as a placeholder', async () => {
    const r = await checked(variant('brackets', (d) => d.setIn(['overview', 'functions'], '负责⟦全市⟧测试\uE000工作。')));
    expect(r.ok).toBe(true);
    expect(text(r.document)).toContain('负责⟦全市⟧测试工作。');
  });
});

describe('mandatory content (rules.md §4 N-JG, N-3G)', () => {
  it('行政 units with 公用经费 but no 机关运行经费 is an error at 公开09表 行次22', async () => {
    const file = variant('no-running-costs', (d) => {
      d.deleteIn(['tables', 'T3G', 'r22']);
      d.deleteIn(['tables', 'T3G', 'r23']);
    });
    const hit = (await checked(file)).findings.find((f) => f.ruleId === 'X06-JG');
    expect(hit?.severity).toBe('error');
    expect(hit?.message).toContain('机关运行经费');
    expect(hit?.message).toContain('没有填写');
  });

  it('三公 counts missing where the amount is not zero are errors at the count', async () => {
    const file = variant('no-counts', (d) => {
      d.deleteIn(['tables', 'T3G', 'r15']);
      d.deleteIn(['tables', 'T3G', 'r18']);
    });
    const hits = (await checked(file)).findings.filter((f) => f.ruleId === 'T3G-LINK' && f.severity === 'error');
    expect(hits.map((h) => h.location && 'path' in h.location ? h.location.path : '')).toEqual(expect.arrayContaining(['tables.T3G', 'tables.T3G']));
    expect(hits.map((h) => h.message).join('\n')).toMatch(/公务用车保有量[\s\S]*国内公务接待人次|国内公务接待人次[\s\S]*公务用车保有量/);
  });
});

describe('units (S-UNIT)', () => {
  it('a 元 amount typed into a 万元 evaluation is flagged with the likely value', async () => {
    const file = variant('yuan-in-wan', (d) => d.setIn(['selfEvaluation', 'projects', 0, 'funds', 'total', 'annualBudget'], '200000.00'));
    const hit = (await checked(file)).findings.find((f) => f.ruleId === 'S-UNIT' && f.location && 'path' in f.location && f.location.path === 'selfEvaluation.projects[0].funds.total.annualBudget');
    expect(hit?.message).toContain('是否按元填写了');
    expect(hit?.expected).toBe('20.00');
  });
});

describe('wording follows the printed figures (rules.md §8.1)', () => {
  it('a prior year that prints alike reads 与上年持平 and asks for no reason', async () => {
    // 1,060,000.49 and 1,060,000.00 both print 106.00万元
    const file = variant('prior-equal', (d) => {
      d.setIn(['priorYear', 'totalIncomeExpenditure'], '1,059,999.51');
      d.deleteIn(['explanations', 'totalChange']);
    });
    const r = await checked(file);
    expect(r.findings).toEqual([]);
    const t = text(r.document);
    expect(t).toContain('2021年度收、支总计106.00万元。与2020年持平。');
    expect(t).not.toMatch(/收、支总计各增加0\.00|增长0\.00%/);
  });

  it('a 项 whose 决算 and 预算 print alike completes 100.00% and asks for no reason', async () => {
    const file = variant('item-equal', (d) => d.setIn(['budget', 'items', '2010401'], '799,999.60'));
    const r = await checked(file);
    // 0.40元 over the budget stays a reviewer's warning (N-GPB-ITEM), but no reason is asked for
    expect(r.findings.map((f) => f.ruleId)).toEqual(['N-GPB-ITEM']);
    expect(text(r.document)).toMatch(/行政运行（项）：支出决算为80\.00万元，完成预算100\.00%。(?!主要原因)/);
  });
});

describe('a project without 执行数', () => {
  it('prints its 执行率 and 执行率得分 blank, not 0.00', async () => {
    const file = variant('not-executed', (d) => {
      for (const row of ['total', 'currentFiscal']) d.deleteIn(['selfEvaluation', 'projects', 0, 'funds', row, 'executed']);
      d.deleteIn(['selfEvaluation', 'projects', 0, 'rate']);
      d.deleteIn(['selfEvaluation', 'projects', 0, 'rateScore']);
      d.setIn(['selfEvaluation', 'projects', 0, 'totalScore'], '90.00');
    });
    const r = await checked(file, true);
    const table = r.document!.sections.flatMap((s) => s.blocks).find((b) => b.type === 'table' && b.id.startsWith('project-'));
    expect(table?.type).toBe('table');
    if (table?.type !== 'table') return;
    const fundRow = table.body.find((row) => row.cells.some((c) => c.text === '年度资金总额'))!;
    expect(fundRow.cells.map((c) => c.text)).not.toContain('0.00%');
    // 年初预算数, 全年预算数, 执行数 (blank as 0), 分值 10.00, 执行率 blank, 得分 blank
    expect(fundRow.cells.slice(-3).map((c) => c.text)).toEqual(['10.00', '', '']);
  });
});
