// The Table nodes of the 公开表 against tables.md: titles, numbers, header grids, row order, codes and
// indentation, blank cells, dashes, notes, and the sums recorded for the XLSX formulas.
import { loadForm } from '../../src/forms/load.js';
import { describe, expect, it } from 'vitest';
import { compose, resolveProfile } from '../../src/compose/index.js';
import { derive } from '../../src/derive/index.js';
import type { Table } from '../../src/model/document.js';
import { loadDictionary } from '../../src/readers/dictionary.js';
import { example, loadDataset } from '../helpers.js';

const dict = await loadDictionary();
const ds = await loadDataset(example('yuxi-gxj-2021.yaml'));
const doc = compose(derive(ds, dict), dict, resolveProfile('yunnan/yuxi'), { createdAt: '2022-06-30T00:00:00Z' });
const tables = doc.sections.flatMap((s) => s.blocks).filter((b): b is Table => b.type === 'table' && /^公开0\d表$/.test(b.caption.number ?? ''));
const table = (no: string) => tables.find((t) => t.caption.number === no)!;
const texts = (t: Table, i: number) => t.body[i]!.cells.map((c) => c.text);

describe('公开表 of the 玉溪 example', () => {
  it('are the nine tables of the 2021 set in order, with the header line of tables.md §0.1', () => {
    expect(tables.map((t) => `${t.caption.number} ${t.caption.title}`)).toEqual([
      '公开01表 收入支出决算总表',
      '公开02表 收入决算表',
      '公开03表 支出决算表',
      '公开04表 财政拨款收入支出决算总表',
      '公开05表 一般公共预算财政拨款收入支出决算表',
      '公开06表 一般公共预算财政拨款基本支出决算表',
      '公开07表 政府性基金预算财政拨款收入支出决算表',
      '公开08表 国有资本经营预算财政拨款收入支出决算表',
      '公开09表 “三公”经费、行政参公单位机关运行经费情况表',
    ]);
    expect(table('公开01表').caption).toMatchObject({ left: '部门：玉溪市工业和信息化局（本级）', right: '金额单位：元' });
    expect(table('公开09表').caption.left).toBe('编制单位：玉溪市工业和信息化局（本级）');
  });

  it('01表: 30 rows, blank label rows 9–26, blank zero cells, totals as sums', () => {
    const t = table('公开01表');
    expect(t.body).toHaveLength(30);
    expect(texts(t, 0)).toEqual(['一、一般公共预算财政拨款收入', '1', '34,008,496.42', '一、一般公共服务支出', '31', '15,560,961.10']);
    expect(texts(t, 2)).toEqual(['三、国有资本经营预算财政拨款收入', '3', '', '三、国防支出', '33', '']);
    expect(texts(t, 10)).toEqual(['', '11', '', '十一、城乡社区支出', '41', '19,500,000.00']);
    expect(texts(t, 29)).toEqual(['总计', '30', '56,201,049.73', '总计', '60', '56,201,049.73']);
    expect(t.body[26]!.cells[2]!.sumOf).toHaveLength(8); // r27 = r1 … r8
  });

  it('02表: 合计 first, then 类 → 款 → 项 by code; 项 names indented; codes in one cell over 类/款/项', () => {
    const t = table('公开02表');
    expect(t.head).toHaveLength(4);
    expect(texts(t, 0).slice(0, 3)).toEqual(['合计', '53,629,163.42', '53,508,496.42']);
    expect(t.body.slice(1, 5).map((r) => [r.cells[0]!.text, r.cells[1]!.text, r.cells[1]!.indent ?? 0])).toEqual([
      ['201', '一般公共服务支出', 0],
      ['20104', '发展与改革事务', 0],
      ['2010401', '行政运行', 2],
      ['2010402', '一般行政管理事务', 2],
    ]);
    expect(t.body[1]!.cells[0]!.colSpan).toBe(3);
    expect(t.body.length).toBe(1 + 39 - 1); // seed 000 prints 合计 and 38 code rows
  });

  it('05表: 16 amount columns, the 栏次 row 1–16, rows only for subjects with an amount', () => {
    const t = table('公开05表');
    expect(t.head[4]!.cells.map((c) => c.text)).toEqual(['栏次', ...Array.from({ length: 16 }, (_, i) => String(i + 1))]);
    expect(t.body[0]!.cells).toHaveLength(17);
    expect(t.body.map((r) => r.cells[0]!.text)).not.toContain('212'); // 城乡社区 is in 07表, not 05表
  });

  it('06表: three panels of fixed rows and the two totals', () => {
    const t = table('公开06表');
    expect(texts(t, 0)).toEqual(['301', '工资福利支出', '12,919,261.65', '302', '商品和服务支出', '5,129,079.57', '310', '资本性支出', '256,820.00']);
    expect(texts(t, 12).slice(3, 6)).toEqual(['30213', '维修(护)费', '163,532.00']);
    expect(texts(t, t.body.length - 1)).toEqual(['人员经费合计', '19,044,746.85', '公用经费合计', '5,385,899.57']);
  });

  it('08表 empty: a 合计 row with blank cells, then the note and the 空表说明', () => {
    const t = table('公开08表');
    expect(t.body).toHaveLength(1);
    expect(texts(t, 0)).toEqual(['合计', '', '', '', '', '', '', '', '']);
    expect(t.emptyNote).toBe('空表说明：未发生国有资本经营预算财政拨款收入支出，此表为空表。');
    expect(table('公开07表').emptyNote).toBeUndefined();
  });

  it('09表: dashes where tables.md prints them, counts without decimals, blanks for zeros', () => {
    const t = table('公开09表');
    expect(texts(t, 0)).toEqual(['一、“三公”经费支出', '1', '—', '—']);
    expect(texts(t, 1)).toEqual(['（一）支出合计', '2', '169,312.00', '131,567.39']);
    expect(texts(t, 2)).toEqual(['1．因公出国（境）费', '3', '', '']);
    expect(texts(t, 7)).toEqual(['（1）国内接待费', '8', '—', '56,721.00']);
    expect(texts(t, 14)).toEqual(['4．公务用车保有量（辆）', '15', '—', '3']);
    expect(texts(t, 17)).toEqual(['6．国内公务接待人次（人）', '18', '—', '677']);
    expect(t.notes).toHaveLength(2);
  });

  it('lists only 项 rows under a profile with functionRows: leafOnly (the 2024 sample)', () => {
    const p = resolveProfile('yunnan');
    const leaf = compose(derive(ds, dict), dict, { ...p, settings: { ...p.settings, functionRows: 'leafOnly' } }, { createdAt: '2022-06-30T00:00:00Z' });
    const t02 = leaf.sections.flatMap((x) => x.blocks).find((b): b is Table => b.type === 'table' && b.caption.number === '公开02表')!;
    const codes = t02.body.slice(1).map((r) => r.cells[0]!.text);
    expect(codes.every((c) => c.length === 7)).toBe(true);
    expect(codes).toHaveLength(20); // 39 printed rows in seed 000 = 合计 + 7 类 + 11 款 + 20 项
    expect(t02.body[0]!.cells[1]!.text).toBe('53,629,163.42'); // 合计 is still the total of all 项
    expect(t02.body[0]!.cells[1]!.sumOf).toHaveLength(20);
  });

  it('prints zero as 0.00 under a profile with zeroDisplay: zero', () => {
    const p = resolveProfile('yunnan');
    const zero = compose(derive(ds, dict), dict, { ...p, settings: { ...p.settings, zeroDisplay: 'zero' } }, { createdAt: '2022-06-30T00:00:00Z' });
    const t01 = zero.sections.flatMap((x) => x.blocks).find((b): b is Table => b.type === 'table' && b.caption.number === '公开01表')!;
    expect(t01.body[2]!.cells[2]!.text).toBe('0.00');
  });
});

describe('profiles', () => {
  it('resolve through their chain to default', () => {
    expect(resolveProfile('yunnan/yuxi').chain).toEqual(['yunnan/yuxi', 'yunnan', 'default']);
    expect(resolveProfile('sichuan').settings.dropDotZeroZero).toBe(true);
    // table numbers come from the form of the year; a profile only overrides them
    expect(loadForm('yunnan-2021', resolveProfile('yunnan').dirs).tables.find((t) => t.key === 'TGF')?.label).toBe('公开07表');
    expect(resolveProfile('yunnan').settings.tableNumbers).toBeUndefined();
    expect(() => resolveProfile('nowhere')).toThrow(/找不到模板配置/);
  });
});

describe('名词解释 under a profile', () => {
  it('rewords a term and adds one before the fixed terms', async () => {
    const { glossary } = await import('../../src/compose/narrative/view.js');
    const model = derive(ds, dict);
    const terms = glossary(model, dict, { reword: { 基本支出: '指本部门的基本支出。' }, add: [{ term: '部门整体支出', definition: '指部门的全部支出。' }] });
    expect(terms.find((t) => t.term === '基本支出')!.definition).toBe('指本部门的基本支出。');
    expect(terms.map((t) => t.term).slice(-5)).toEqual(['部门整体支出', '基本支出', '项目支出', '“三公”经费', '机关运行经费']);
  });
});

describe('narrative switches of a profile', () => {
  const text = async (file: string, profileName: string, patch: Record<string, unknown>) => {
    const data = await loadDataset(example(file));
    const p = resolveProfile(profileName);
    const doc = compose(derive(data, dict), dict, { ...p, settings: { ...p.settings, ...patch } }, { createdAt: '2022-06-30T00:00:00Z' });
    return doc.sections.flatMap((s) => s.blocks).map((b) => ('text' in b ? b.text : '')).join('\n');
  };

  it('stripAmountZeros prints 438.4万元 as 004 typed it; the default keeps two decimals', async () => {
    expect(await text('panzhihua-jxj-2020.yaml', 'sichuan', { stripAmountZeros: true })).toContain('社会保障和就业（类）支出438.4万元');
    expect(await text('panzhihua-jxj-2020.yaml', 'sichuan', {})).toContain('社会保障和就业（类）支出438.40万元');
  });

  it('listZeroItems decides whether a list names its zero items', async () => {
    const all = await text('panzhihua-jxj-2020.yaml', 'sichuan', {});
    expect(all).toContain('上缴上级支出0.00万元，占0%');
    const none = await text('panzhihua-jxj-2020.yaml', 'sichuan', { listZeroItems: { income: false, expenditure: false } });
    expect(none).not.toContain('上缴上级支出');
  });

  it('glossaryScope all explains every 项 of 03表, the 政府性基金 one included', async () => {
    const term = '城乡社区（类）国有土地使用权出让收入安排的支出（款）其他国有土地使用权出让收入安排的支出（项）';
    expect(await text('yuxi-gxj-2021.yaml', 'yunnan/yuxi', {})).not.toContain(term);
    expect(await text('yuxi-gxj-2021.yaml', 'yunnan/yuxi', { glossaryScope: 'all' })).toContain(term);
  });
});
