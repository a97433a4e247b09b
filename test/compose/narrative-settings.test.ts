// The narrative settings of a profile: decimals of percentages and 万元 amounts, the placeholder's
// wording and the heading numbers. The defaults print what the published documents print (the
// sentence-by-sentence tests in test/writers/narrative.test.ts); these are the other choices.
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeNarrative, numberFormats, TemplateError } from '../../src/compose/narrative/index.js';
import { renumber } from '../../src/compose/narrative/markup.js';
import { resolveProfile, TEMPLATES_DIR, type Profile, type ProfileSettings } from '../../src/compose/profile.js';
import { derive } from '../../src/derive/index.js';
import { Decimal } from '../../src/model/decimal.js';
import type { Paragraph } from '../../src/model/document.js';
import type { ReportModel } from '../../src/model/report.js';
import { loadDictionary } from '../../src/readers/dictionary.js';
import { example, loadDataset } from '../helpers.js';

const dict = await loadDictionary();
const pzh = derive(await loadDataset(example('panzhihua-jxj-2020.yaml')), dict);
const yunnan = resolveProfile('yunnan/yuxi');
const sichuan = resolveProfile('sichuan');

const withSettings = (p: Profile, patch: Partial<ProfileSettings>): Profile => ({ ...p, settings: { ...p.settings, ...patch } });
const blocks = (model: ReportModel, p: Profile) => composeNarrative(model, dict, p, []).sections.flatMap((s) => s.blocks);
const text = (model: ReportModel, p: Profile) => blocks(model, p).map((b) => ('text' in b ? b.text : '')).join('\n');
const money = (yuan: string) => ({ yuan: new Decimal(yuan), wan: new Decimal(yuan).div(10000).toDecimalPlaces(2, Decimal.ROUND_HALF_UP) });

describe('number formats', () => {
  it('percentDecimals rounds the printed percentage half up; dropDotZeroZero drops only decimals that are all zero', () => {
    const f = (patch: Partial<ProfileSettings>) => numberFormats({ ...yunnan.settings, ...patch }).percent;
    expect(f({})(new Decimal('30.63'))).toBe('30.63%');
    expect(f({ percentDecimals: 1 })(new Decimal('30.65'))).toBe('30.7%');
    expect(f({ percentDecimals: 0 })(new Decimal('30.50'))).toBe('31%');
    expect(f({ dropDotZeroZero: true })(new Decimal('16.00'))).toBe('16%');
    expect(f({ dropDotZeroZero: true })(new Decimal('96.80'))).toBe('96.80%');
    expect(f({ dropDotZeroZero: true, percentDecimals: 1 })(new Decimal('16.04'))).toBe('16%');
  });

  it('wanDecimals rounds each amount from its own 元; stripAmountZeros never eats the zeros of a whole number', () => {
    const f = (patch: Partial<ProfileSettings>) => numberFormats({ ...yunnan.settings, ...patch }).wan;
    expect(f({})(money('46193000.49'))).toBe('4619.30');
    // 4619.35 万元 rounded from 元 (46193499.99), not from the two-decimal 4619.35
    expect(f({ wanDecimals: 1 })(money('46193499.99'))).toBe('4619.3');
    expect(f({ wanDecimals: 0 })(money('46100000.00'))).toBe('4610');
    expect(f({ wanDecimals: 0, stripAmountZeros: true })(money('46100000.00'))).toBe('4610');
    expect(f({ stripAmountZeros: true })(money('4384000.00'))).toBe('438.4');
  });
});

describe('the text under the narrative settings', () => {
  it('percentDecimals and wanDecimals reach the sentences and the chart labels', () => {
    const p = withSettings(sichuan, { percentDecimals: 1, wanDecimals: 1 });
    expect(text(pzh, sichuan)).toContain('2020年度收、支总计4619.30万元。与2019年相比，收、支总计各增加1083.05万元，增长30.63%。');
    expect(text(pzh, p)).toContain('2020年度收、支总计4619.3万元。与2019年相比，收、支总计各增加1083.1万元，增长30.6%。');
    const figure2 = blocks(pzh, p).find((b) => b.type === 'chart' && b.id === 'figure2');
    expect(figure2 && 'labels' in figure2 ? figure2.labels![0] : []).toContain('3185.9万元 81.1%');
  });

  it('placeholderPrefix words the placeholder of a draft', () => {
    const missing = { ...pzh, dataset: { ...pzh.dataset, explanations: { ...pzh.dataset.explanations, totalChange: undefined } } } as ReportModel;
    const find = (p: Profile) =>
      blocks(missing, p)
        .filter((b): b is Paragraph => b.type === 'paragraph')
        .flatMap((b) => b.runs ?? [])
        .find((r) => r.field === 'explanations.totalChange')?.text;
    expect(find(sichuan)).toBe('请填写收、支总计变动原因（第二部分 一）');
    expect(find(withSettings(sichuan, { placeholderPrefix: '待补充：' }))).toBe('待补充：收、支总计变动原因（第二部分 一）');
  });

  it('headingNumbers rewrites the numbers of the headings, and of nothing else', () => {
    const headings = (p: Profile) => blocks(pzh, p).filter((b) => b.type === 'heading').map((b) => ('text' in b ? b.text : ''));
    const before = headings(sichuan);
    const after = headings(withSettings(sichuan, { headingNumbers: { '（一）': '1.', '一、': '（一）' } }));
    expect(before).toContain('（一）一般公共预算财政拨款支出决算总体情况');
    expect(after).toContain('1.一般公共预算财政拨款支出决算总体情况');
    expect(after).toContain('（十）其他重要事项的情况说明');
    expect(after).toContain('第一部分 部门概况');
    expect(text(pzh, withSettings(sichuan, { headingNumbers: { '1.': '（1）' } }))).toContain('3.一般公共服务（类）商贸事务（款）行政运行（项）');
  });

  it('renumber reads and writes each style', () => {
    expect(renumber('十一、其他', { '一、': '1.' })).toBe('11.其他');
    expect(renumber('（二十三）其他', { '（一）': '1、' })).toBe('23、其他');
    expect(renumber('12.其他', { '1.': '一、' })).toBe('十二、其他');
    expect(renumber('2021年度部门整体支出绩效自评情况', { '1.': '一、' })).toBe('2021年度部门整体支出绩效自评情况');
    expect(renumber('（一）部门概况', {})).toBe('（一）部门概况');
  });
});

describe('a line the templates produce without a directive', () => {
  it('is a TemplateError of the template that produced the document, quoting the line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'juesuan-markup-'));
    cpSync(join(TEMPLATES_DIR, 'default'), join(dir, 'default'), { recursive: true });
    mkdirSync(join(dir, 'city', 'narrative'), { recursive: true });
    writeFileSync(join(dir, 'city', 'profile.yaml'), 'name: city\nextends: default\n');
    // the line starts with a block, so only what it prints shows that no directive comes first
    writeFileSync(join(dir, 'city', 'narrative', 'total.hbs'), 'H2 一、收入支出决算总体情况说明\n{{#if year}}总计{{/if}}{{wan model.totalIncomeExpenditure}}万元。\n');
    let error: unknown;
    try {
      composeNarrative(pzh, dict, resolveProfile('city', `${dir}/`), [], `${dir}/`);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TemplateError);
    expect((error as TemplateError).message).toMatch(/^模板 templates\/default\/narrative\/document\.hbs（及其引用的段落模板）输出的第\d+行“总计4619\.30万元。”不以行指令开头/);
    expect((error as TemplateError).location.file).toBe(join(dir, 'default', 'narrative', 'document.hbs'));
  });
});
