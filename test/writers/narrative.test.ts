// The 部门决算说明 as published: the department modelled on seed 004 states the same figures as 004
// wherever 004 is right and the correct figure where it is wrong (rules.md §4), sentence by sentence,
// read back from the PDF with pdftotext. The 玉溪 example gets the whole document with its charts.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { Builder } from '../../src/batch/index.js';
import { compose, resolveProfile } from '../../src/compose/index.js';
import { glossary } from '../../src/compose/narrative/view.js';
import { derive } from '../../src/derive/index.js';
import { loadDictionary } from '../../src/readers/dictionary.js';
import { pdfText } from '../../scripts/seed-coverage.js';
import { example, loadDataset } from '../helpers.js';

const out = mkdtempSync(join(tmpdir(), 'juesuan-narrative-'));
const PZH = join(out, 'panzhihua-jxj-2020', '攀枝花市经济和信息化局2020年度部门决算');
const YX = join(out, 'yuxi-gxj-2021', '玉溪市工业和信息化局（本级）2021年度部门决算');
/** The PDF's text with all white space removed: sentences wrap over lines. */
const flat = (pdf: string) => pdfText(pdf).replace(/\s+/g, '');

beforeAll(async () => {
  const builder = new Builder(await loadDictionary(), { outDir: out, formats: ['pdf', 'docx'], jobs: 2, createdAt: '2022-06-30T00:00:00.000Z' });
  const results = await builder.buildAll(['panzhihua-jxj-2020', 'yuxi-gxj-2021'].map((name) => ({ file: example(`${name}.yaml`), outParts: [name] })), () => {});
  for (const r of results) expect(r.ok, JSON.stringify(r.failure ?? r.findings.filter((f) => f.severity === 'error'))).toBe(true);
}, 180_000);

describe('seed 004 (攀枝花 2020): the explanatory text, sentence by sentence', () => {
  const text = () => flat(`${PZH}.pdf`);
  const SAME_AS_004 = [
    // 一 (L23; 004 prints “主要变动原因是” twice)
    '2020年度收、支总计4619.30万元。与2019年相比，收、支总计各增加1083.05万元，增长30.63%。主要变动原因是项目收支增加。',
    // 二 (L34)
    '2020年本年收入合计3929.77万元，其中：一般公共预算财政拨款收入3185.87万元，占81.07%；政府性基金预算财政拨款收入743.52万元，占18.92%；其他收入0.38万元，占0.01%。',
    // 四 (L58)
    '2020年财政拨款收、支总计4618.44万元。与2019年相比，财政拨款收、支总计各增加1085.33万元，增长30.72%。主要变动原因是项目收支增加。',
    // 五（一） (L70)
    '2020年一般公共预算财政拨款支出3377.94万元，占本年支出合计的83.19%。与2019年相比，一般公共预算财政拨款支出增加1288.45万元，增长61.66%。主要变动原因是基本支出和项目支出增加。',
    // 五（三） (L88, L91)
    '2020年一般公共预算支出决算数为3377.94万元，完成预算100%。其中：',
    '3.一般公共服务（类）商贸事务（款）行政运行（项）：支出决算为1193.39万元，完成预算100%。',
    '21.住房保障（类）住房改革支出（款）住房公积金（项）：支出决算为125.83万元，完成预算100%。',
    // 六 (L112–L114)
    '2020年一般公共预算财政拨款基本支出1935.80万元，其中：人员经费1814.06万元，主要包括：',
    '日常公用经费121.74万元，主要包括：',
    // 七 (L117–L127)
    '2020年“三公”经费财政拨款支出决算为8.07万元，完成预算45.83%，决算数小于预算数的主要原因是',
    '2.公务用车购置及运行维护费支出6.77万元，完成预算49.42%。公务用车购置及运行维护费支出决算比2019年增加3.33万元，增长96.80%。',
    '3.公务接待费支出1.30万元，完成预算33.25%。公务接待费支出决算比2019年减少2.43万元，下降65.15%。',
    '国内公务接待12批次，101人次（不包括陪同人员），共计支出1.30万元',
    // 十 (L142–L146; 004's 16% is 16.00 with .00 dropped under the 四川 profile)
    '2020年，市经信局及下属单位机关运行经费支出102.13万元，比2019年减少19.46万元，下降16%。',
    '政府采购支出总额124.31万元，其中：政府采购货物支出38.86万元、政府采购服务支出85.45万元。',
    '授予中小企业合同金额56.00万元，占政府采购支出总额的45.05%，其中：授予小微企业合同金额4.31万元，占政府采购支出总额的3.47%。',
    '共有车辆4辆，其中：主要领导干部用车0辆、机要通信用车0辆、应急保障用车0辆、其他用车1辆，特种专业技术用车3辆。',
  ];
  it.each(SAME_AS_004.map((s) => [s]))('states what 004 states: %s', (sentence) => {
    expect(text()).toContain(sentence.replace(/\s+/g, ''));
  });

  const CORRECTED = [
    // 三 (L46): 004 prints “4060.3元” (the unit is 万元) and drops the decimals of the zero lines
    ['2020年本年支出合计4060.30万元，其中：基本支出2017.87万元，占49.70%；项目支出2042.43万元，占50.30%；上缴上级支出0.00万元，占0%；经营支出0.00万元，占0%；对附属单位补助支出0.00万元，占0%。', '本年支出合计4060.3元'],
    // 五（二） (L77): one form for every 类 (“住房保障（类）支出”), and parts that add up to 3377.94 (004: 887.79, Σ 3377.95)
    ['社会保障和就业（类）支出438.40万元，占12.98%；城乡社区（类）支出887.79万元，占26.28%；资源勘探信息等（类）支出395.98万元，占11.72%；住房保障（类）支出125.83万元，占3.73%。', '住房保障支出125.83万元'],
    // 七（二）1 (L129): no 完成预算 for a zero budget (004 prints 完成预算0%)
    ['1.因公出国（境）经费支出0.00万元。全年安排因公出国（境）团组0次，出国（境）0人。因公出国（境）支出决算与2019年持平。', '完成预算0%。全年安排'],
    // 八 (L137): 743.52 cannot be spent beside 3377.94 within 4060.30 (see test/derive/seeds.test.ts)
    ['2020年政府性基金预算拨款支出682.36万元。', '政府性基金预算拨款支出743.52万元'],
  ] as const;
  it.each(CORRECTED.map(([right, wrong]) => [right, wrong]))('states the correct figure where 004 is wrong: %s', (right, wrong) => {
    expect(text()).toContain(right);
    expect(text()).not.toContain(wrong);
  });

  it('never prints 004’s template leftovers or duplicated words', () => {
    const t = text();
    for (const bad of ['主要变动原因是主要变动原因是', '（饼状图）', '（接待具体项目、金额）', '机器下属', '金额0万元0']) expect(t).not.toContain(bad);
  });

  it('has its seven charts, with Chinese labels drawn in the embedded font and captions in order', () => {
    const t = text();
    const captions = [...t.matchAll(/（图(\d)：/g)].map((m) => Number(m[1]));
    expect(captions).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(t).toContain('（图7：“三公”经费财政拨款支出结构）');
    expect(t).toContain('3185.87万元81.07%'); // a pie label: the same figures as the text
    expect(t).toContain('2019年2020年'); // the legend of the year charts
    const fonts = execFileSync('pdffonts', [`${PZH}.pdf`], { encoding: 'utf8' });
    expect(fonts).not.toMatch(/Type 3/);
  });

  it('prints real page numbers on the contents page, the page each part starts on', () => {
    const contents = execFileSync('pdftotext', ['-layout', '-f', '2', '-l', '2', `${PZH}.pdf`, '-'], { encoding: 'utf8' });
    const xml = execFileSync('pdftohtml', ['-xml', '-i', '-stdout', `${PZH}.pdf`], { encoding: 'utf8', maxBuffer: 64 << 20 });
    for (const part of ['第一部分 部门概况', '第三部分 名词解释']) {
      const page = /<item page="(\d+)">([^<]+)<\/item>/g;
      const start = [...xml.matchAll(page)].find((m) => m[2] === part)![1];
      expect(contents).toMatch(new RegExp(`${part}\\s+${start}\\n`));
    }
  });
});

describe('the 玉溪 example: the whole document', () => {
  it('lists in 名词解释 exactly the 项 that carry 一般公共预算财政拨款 spending, in order, plus the fixed terms', async () => {
    const dict = await loadDictionary();
    const model = derive(await loadDataset(example('yuxi-gxj-2021.yaml')), dict);
    const terms = glossary(model, dict).map((g) => g.term);
    const items = model.tables.T05.rows.filter((r) => r.level === 'item' && !r.cells[7]!.isZero()).map((r) => r.code);
    expect(items).toHaveLength(19);
    const subjectTerms = terms.filter((t) => t.endsWith('（项）'));
    expect(subjectTerms).toHaveLength(items.length);
    expect(subjectTerms[0]).toBe('一般公共服务（类）发展与改革事务（款）行政运行（项）');
    expect(subjectTerms).not.toContain('城乡社区（类）国有土地使用权出让收入安排的支出（款）其他国有土地使用权出让收入安排的支出（项）'); // 政府性基金, not 一般公共预算
    expect(terms.slice(-4)).toEqual(['基本支出', '项目支出', '“三公”经费', '机关运行经费']);
    expect(terms.slice(0, 3)).toEqual(['财政拨款收入', '其他收入', '年初结转和结余']);
    const text = flat(`${YX}.pdf`);
    expect(text).toContain('第三部分名词解释');
    expect(text).toContain('5.一般公共服务（类）发展与改革事务（款）行政运行（项）：指行政单位（包括实行公务员管理的事业单位）的基本支出。');
  });

  it('a draft shows a placeholder the officer cannot miss where a reason is missing, and is marked 草稿', async () => {
    // the 玉溪 example without its 公务用车 reason, built with --draft (without it the build refuses)
    const draftOut = mkdtempSync(join(tmpdir(), 'juesuan-draft-'));
    const yaml = join(draftOut, 'yuxi-draft.yaml');
    writeFileSync(yaml, readFileSync(example('yuxi-gxj-2021.yaml'), 'utf8').replace(/^  vehicleChange: .*$/m, ''));
    const builder = new Builder(await loadDictionary(), { outDir: draftOut, formats: ['pdf', 'docx'], jobs: 1, createdAt: '2022-06-30T00:00:00.000Z', draft: true });
    const [r] = await builder.buildAll([{ file: yaml, outParts: ['yuxi-draft'] }], () => {});
    expect(r!.ok, JSON.stringify(r!.failure ?? r!.findings.filter((f) => f.severity === 'error'))).toBe(true);
    expect(r!.findings.find((f) => f.ruleId === 'N-REASON')?.severity).toBe('warning');
    const base = join(draftOut, 'yuxi-draft', '玉溪市工业和信息化局（本级）2021年度部门决算');
    const text = flat(`${base}.pdf`);
    expect(text).toContain('请填写公务用车购置及运行维护费变动原因');
    expect(text).toContain('草稿');
    expect(text).not.toMatch(/[\uE000-\uE002]|explanations/); // neither the marker nor a key name reaches the page
    const zip = await JSZip.loadAsync(readFileSync(`${base}.docx`));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toMatch(/<w:highlight w:val="yellow"\/>[\s\S]*?请填写公务用车购置及运行维护费变动原因/);
  }, 120_000);

  it('DOCX: headings in Word heading styles, a TOC field, the charts as images, the tables', async () => {
    const zip = await JSZip.loadAsync(readFileSync(`${YX}.docx`));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toMatch(/<w:pStyle w:val="Heading1"\/>[\s\S]*?第一部分 部门概况/);
    expect(xml).toContain('<w:pStyle w:val="Heading2"/>');
    expect(xml).toMatch(/<w:instrText[^>]*>TOC \\h \\o &quot;1-2&quot;/);
    const media = Object.keys(zip.files).filter((f) => /^word\/media\/.+\.png$/.test(f));
    // 图1, 图4 and 图5 compare two years: seed 000 gives no prior-year totals, so they are not drawn
    expect(media).toHaveLength(4);
    expect((xml.match(/<w:tbl>/g) ?? []).length).toBe(9 + 3 + 17 * 2); // 9 公开表, 自评表 with their indicator parts
    const settings = await zip.file('word/settings.xml')!.async('string');
    expect(settings).toMatch(/<w:updateFields(?: w:val="true")?\/>/);
  });

  it('composes one tree for every writer: the 说明 before the tables, no figure typed in a template', async () => {
    const dict = await loadDictionary();
    const model = derive(await loadDataset(example('panzhihua-jxj-2020.yaml')), dict);
    const doc = compose(model, dict, resolveProfile('sichuan'), { createdAt: '2022-06-30T00:00:00Z' });
    expect(doc.sections[0]!.role).toBe('cover');
    const kinds = doc.sections.flatMap((s) => s.blocks.map((b) => b.type));
    expect(kinds.filter((k) => k === 'chart')).toHaveLength(7);
    expect(kinds.indexOf('contents')).toBeLessThan(kinds.indexOf('chart'));
    expect(kinds.lastIndexOf('chart')).toBeLessThan(kinds.indexOf('table'));
    // every number in the templates is a 栏 or 图 number, never an amount
    const templates = ['total', 'income', 'general', 'threePublic', 'other'].map((n) => readFileSync(`templates/default/narrative/${n}.hbs`, 'utf8')).join('\n');
    expect(templates).not.toMatch(/\d+\.\d{2}/);
  });
});
