// A city's profile and templates are checked like data: every problem is a Chinese message naming
// the file and line, found when the profile is resolved (profile.yaml) or before the templates run
// (syntax, partials, helpers, line directives), and while they run in strict mode (a variable that
// does not exist, a helper given the wrong kind of value). `juesuan profile check` lists them all.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeNarrative, checkNarrativeTemplates, TemplateError } from '../../src/compose/narrative/index.js';
import { buildProfileSchema } from '../../src/compose/profile-schema.js';
import { inspectProfile, ProfileError, resolveProfile, TEMPLATES_DIR } from '../../src/compose/profile.js';
import { checkProfile, profileNames } from '../../src/cli/profile-check.js';
import { derive } from '../../src/derive/index.js';
import { loadDictionary } from '../../src/readers/dictionary.js';
import { example, fixture, loadDataset, ROOT, runCli } from '../helpers.js';

const dict = await loadDictionary();
const yuxi = derive(await loadDataset(example('yuxi-gxj-2021.yaml')), dict);

/** A templates folder with the shipped default profile and a city `city` holding `files` (path → text). */
function templates(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'juesuan-profile-'));
  cpSync(join(TEMPLATES_DIR, 'default'), join(dir, 'default'), { recursive: true });
  const all = { 'profile.yaml': 'name: city\nextends: default\n', ...files };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(join(dir, 'city', path, '..'), { recursive: true });
    writeFileSync(join(dir, 'city', path), text);
  }
  return `${dir}/`;
}

/** The 1-based line of the first line of `text` that contains `needle`. */
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

function failure(run: () => unknown): TemplateError {
  try {
    run();
  } catch (e) {
    if (e instanceof TemplateError) return e;
    throw e;
  }
  throw new Error('no TemplateError');
}

describe('profile.yaml: every key and value checked, at its line', () => {
  const text = [
    'name: city',
    'extends: default',
    'zeroDisply: blank',
    'shareRounding: roundEach',
    'tables: [T01, T02, T10]',
    'tableNumbers: { T01: 表一, TX: 表十 }',
    'evaluation: { layout: municipal2021, summry: true }',
    '',
  ].join('\n');

  it('a misspelled key names the nearest valid key', () => {
    const dir = templates({ 'profile.yaml': text });
    const p = inspectProfile('city', dir).problems.find((x) => x.message.includes('zeroDisply'))!;
    expect(p.message).toBe('模板配置文件 templates/city/profile.yaml 第3行：不认识的键“zeroDisply”，是不是“zeroDisplay”？');
    expect(p.location).toEqual({ file: join(dir, 'city', 'profile.yaml'), line: 3, column: 1 });
    const nested = inspectProfile('city', dir).problems.find((x) => x.message.includes('summry'))!;
    expect(nested.message).toContain('第7行：不认识的键“summry”，是不是“summary”？');
  });

  it('a bad value lists the allowed values with their meaning', () => {
    const dir = templates({ 'profile.yaml': text });
    const p = inspectProfile('city', dir).problems.find((x) => x.message.includes('shareRounding'))!;
    expect(p.message).toBe(
      '模板配置文件 templates/city/profile.yaml 第4行：shareRounding 只能是 independent（每个占比按各自的精确值四舍五入）、largestRemainder（调整尾差使各部分合计恰为100.00%） 之一，现为文字“roundEach”',
    );
    expect(p.location).toMatchObject({ line: 4, column: 16 });
  });

  it('resolving throws one ProfileError that carries every problem, the first as its message and location', () => {
    const dir = templates({ 'profile.yaml': text });
    let error: unknown;
    try {
      resolveProfile('city', dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProfileError);
    const e = error as ProfileError;
    expect(e.problems.map((p) => (p.location as { line: number }).line)).toEqual([3, 4, 7]);
    expect(e.message).toBe(e.problems[0]!.message);
    expect(e.location).toEqual(e.problems[0]!.location);
  });

  it('an unknown table id in tables or tableNumbers names the table ids of the form', () => {
    const dir = templates({ 'profile.yaml': 'name: city\nextends: default\ntables: [T01, T02, T10]\ntableNumbers: { T01: 表一, TX: 表十 }\n' });
    const problems = inspectProfile('city', dir).problems;
    expect(problems.map((p) => p.message)).toEqual([
      '模板配置文件 templates/city/profile.yaml 第3行：tables 中的“T10”不是表样 yunnan-2021 中的表（表样中的表：T01、T02、T03、T04、T05、T06、TGF、TSOE、T3G）',
      '模板配置文件 templates/city/profile.yaml 第4行：tableNumbers 中的“TX”不是表样 yunnan-2021 中的表（表样中的表：T01、T02、T03、T04、T05、T06、TGF、TSOE、T3G）',
    ]);
    expect(problems.map((p) => p.location)).toMatchObject([
      { line: 3, column: 20 },
      { line: 4, column: 26 },
    ]);
  });

  it('a name that is not its folder, and a key written at the wrong level, are said so', () => {
    const dir = templates({ 'profile.yaml': 'name: yunnan/yuxi\nextends: default\nlayout: province\n' });
    expect(inspectProfile('city', dir).problems.map((p) => p.message)).toEqual([
      '模板配置文件 templates/city/profile.yaml 第1行：name 应与文件夹相同，写“city”，现为“yunnan/yuxi”',
      expect.stringMatching(/^模板配置文件 templates\/city\/profile\.yaml 第3行：不认识的键“layout”：这个键应写在 evaluation 下/),
    ]);
  });

  it('the settings the narrative reads have defaults that keep the published text', () => {
    const s = resolveProfile('yunnan/yuxi').settings;
    expect([s.percentDecimals, s.wanDecimals, s.placeholderPrefix, s.headingNumbers]).toEqual([2, 2, '请填写', {}]);
  });

  it('every shipped profile.yaml names the committed schema on its first line, and the schema is the one the code builds', () => {
    expect(JSON.parse(readFileSync(`${ROOT}data/schema/profile.schema.json`, 'utf8'))).toEqual(buildProfileSchema());
    for (const name of profileNames()) {
      const up = '../'.repeat(name.split('/').length + 1);
      expect(readFileSync(join(TEMPLATES_DIR, name, 'profile.yaml'), 'utf8').split('\n')[0], name).toBe(`# yaml-language-server: $schema=${up}data/schema/profile.schema.json`);
    }
  });
});

describe('templates: errors name the .hbs file and line', () => {
  const total = readFileSync(join(TEMPLATES_DIR, 'default', 'narrative', 'total.hbs'), 'utf8');

  it('a Handlebars syntax error', () => {
    const broken = total.replace('{{/with}}', '{{/if}}');
    const dir = templates({ 'narrative/total.hbs': broken });
    const [e, ...rest] = checkNarrativeTemplates(resolveProfile('city', dir), dir);
    expect(rest).toEqual([]);
    expect(e!.message).toMatch(/^模板 templates\/city\/narrative\/total\.hbs 第2行：Handlebars 语法错误：\{\{#with\}\} 与 \{\{\/if\}\} 不配对/);
    expect(e!.location).toMatchObject({ file: join(dir, 'city', 'narrative', 'total.hbs'), line: 2 });
    // the same error stops the document, with the same place
    expect(failure(() => composeNarrative(yuxi, dict, resolveProfile('city', dir), [], dir)).location).toEqual(e!.location);
  });

  it('an unclosed block', () => {
    const dir = templates({ 'narrative/total.hbs': `${total}{{#if year}}\n` });
    const [e] = checkNarrativeTemplates(resolveProfile('city', dir), dir);
    expect(e!.message).toMatch(/^模板 templates\/city\/narrative\/total\.hbs 第\d+行：Handlebars 语法错误：模板在结束前还有没关上的/);
  });

  it('a missing partial, an unknown helper and a line without a directive, all at once', () => {
    const text = 'H2 一、总体情况\nP {{> totl}}\nP {{wna model.totalIncomeExpenditure}}\n收、支总计{{wan model.totalIncomeExpenditure}}万元。\nCHART figure9\n';
    const dir = templates({ 'narrative/total.hbs': text });
    const problems = checkNarrativeTemplates(resolveProfile('city', dir), dir);
    expect(problems.map((e) => [e.location.line, e.message])).toEqual([
      [2, '模板 templates/city/narrative/total.hbs 第2行：找不到段落模板“totl”（应有文件 narrative/totl.hbs），是不是“total”？'],
      [3, expect.stringMatching(/^模板 templates\/city\/narrative\/total\.hbs 第3行：没有名为“wna”的帮助函数，是不是“wan”？/)],
      [4, expect.stringMatching(/^模板 templates\/city\/narrative\/total\.hbs 第4行：这一行以“收、支总计\{\{wan m…”开头，不是行指令（每行应以 H1、H2、H3、H4、P、L、N、C、R、T、S、CHART、TABLES、EVALUATION、CONTENTS、BREAK、ANNEXES、TABLE 之一开头/)],
      [5, '模板 templates/city/narrative/total.hbs 第5行：没有图“figure9”（可用：figure1、figure2、figure3、figure4、figure5、figure6、figure7）'],
    ]);
  });

  it('a variable that does not exist is an error, never an empty string', () => {
    const text = total.replace('P {{year}}年度', 'P {{yaer}}年度');
    const dir = templates({ 'narrative/total.hbs': text });
    expect(checkNarrativeTemplates(resolveProfile('city', dir), dir)).toEqual([]);
    const e = failure(() => composeNarrative(yuxi, dict, resolveProfile('city', dir), [], dir));
    expect(e.message).toBe(`模板 templates/city/narrative/total.hbs 第${lineOf(text, 'yaer')}行：读取了不存在的变量“yaer”（“yaer”不存在：变量名可能写错了，可用的变量见 docs/templates.md）`);
    expect(e.location).toEqual({ file: join(dir, 'city', 'narrative', 'total.hbs'), line: lineOf(text, 'yaer'), column: 5 });
  });

  it('an amount that does not exist is an error, never “0万元”', () => {
    const text = total.replace('{{wan model.totalIncomeExpenditure}}', '{{wan model.totalIncome}}');
    const dir = templates({ 'narrative/total.hbs': text });
    const e = failure(() => composeNarrative(yuxi, dict, resolveProfile('city', dir), [], dir));
    expect(e.message).toBe(
      `模板 templates/city/narrative/total.hbs 第${lineOf(text, 'totalIncome}')}行：{{wan model.totalIncome}}：wan 需要一个金额（如 model.income.total），得到的是没有值（变量不存在或这一项没有填写）`,
    );
  });

  it('reading into a part that is absent says how to test for it first', () => {
    const text = total.replace('P {{year}}年度', 'P {{model.totalChange.direction}}{{year}}年度');
    const dir = templates({ 'narrative/total.hbs': text });
    const noPrior = { ...yuxi, totalChange: undefined };
    const e = failure(() => composeNarrative(noPrior, dict, resolveProfile('city', dir), [], dir));
    expect(e.message).toMatch(/第2行：读取“model\.totalChange\.direction”时“direction”之前的部分没有值（这一项可能没有填写：先用 \{\{#if …\}\} 或 \{\{#with …\}\} 判断/);
  });

  it('a helper given the wrong kind of value: a percentage is not an amount', () => {
    const text = total.replace('{{wan model.totalIncomeExpenditure}}', '{{wan model.income.parts.0.percent}}');
    const dir = templates({ 'narrative/total.hbs': text });
    const e = failure(() => composeNarrative(yuxi, dict, resolveProfile('city', dir), [], dir));
    expect(e.message).toMatch(/^模板 templates\/city\/narrative\/total\.hbs 第2行：\{\{wan model\.income\.parts\.0\.percent\}\}：wan 需要一个金额（如 model\.income\.total），得到的是一个数 [\d.]+（不是金额：金额带元和万元两种单位）$/);
  });

  it('a name a helper takes is checked in the text, whether or not a department reaches that sentence', () => {
    const reason = total.replace('{{reason "totalChange"}}', '{{reason "totalChang"}}');
    const dir = templates({ 'narrative/total.hbs': reason });
    const [e] = checkNarrativeTemplates(resolveProfile('city', dir), dir);
    expect(e!.message).toMatch(/^模板 templates\/city\/narrative\/total\.hbs 第2行：\{\{reason "totalChang"\}\}：reason 的“totalChang”不是说明文字的名称（可用：totalChange、/);
  });

  it('an error in a partial names the partial, not the template that included it', () => {
    const delta = readFileSync(join(TEMPLATES_DIR, 'default', 'narrative', 'delta.hbs'), 'utf8').replace('{{pct rate}}', '{{pct rat}}');
    const dir = templates({ 'narrative/delta.hbs': delta });
    const e = failure(() => composeNarrative(yuxi, dict, resolveProfile('city', dir), [], dir));
    expect(e.location.file).toBe(join(dir, 'city', 'narrative', 'delta.hbs'));
    expect(e.message).toMatch(/^模板 templates\/city\/narrative\/delta\.hbs 第1行：\{\{pct rat\}\}：pct 需要一个百分数/);
  });

  it('{{#if}} on optional data keeps working: a department without a prior year prints without its changes', () => {
    const noPrior = { ...yuxi, totalChange: undefined, appropriationChange: undefined, generalChange: undefined };
    const p = resolveProfile('yunnan/yuxi');
    const text = composeNarrative(noPrior, dict, p, [])
      .sections.flatMap((s) => s.blocks)
      .map((b) => ('text' in b ? b.text : ''))
      .join('\n');
    expect(text).toContain(`2021年度收、支总计${yuxi.totalIncomeExpenditure.wan.toFixed(2)}万元。`);
    expect(text).not.toMatch(/undefined|NaN/);
  });
});

describe('optional data in the shipped templates', () => {
  it('a department without 编报范围 and with a procurement of 0 prints, with no share of a zero total', async () => {
    const text = readFileSync(fixture('mini/valid.yaml'), 'utf8').replace('  scope: 本级\n', '').replace(/procurement:\n(  .+\n)+/, 'procurement:\n  goods: 0\n');
    const dir = mkdtempSync(join(tmpdir(), 'juesuan-sparse-'));
    writeFileSync(join(dir, 'sparse.yaml'), text);
    const ds = await loadDataset(join(dir, 'sparse.yaml'));
    expect(ds.department.scope).toBeUndefined();
    for (const name of profileNames()) {
      const out = composeNarrative(derive(ds, dict), dict, resolveProfile(name), [])
        .sections.flatMap((s) => s.blocks)
        .map((b) => ('text' in b ? b.text : ''))
        .join('\n');
      expect(out, name).toContain('政府采购支出总额0.00万元');
      expect(out, name).toContain('授予中小企业合同金额0.00万元，其中：授予小微企业合同金额0.00万元。');
      expect(out, name).toContain('及下属单位机关运行经费支出');
    }
  });
});

describe('docs/templates.md', () => {
  const doc = readFileSync(`${ROOT}docs/templates.md`, 'utf8');

  it('names every variable of the view and every key of the model the templates see', async () => {
    const { narrativeView } = await import('../../src/compose/narrative/view.js');
    const view = narrativeView(yuxi, dict, resolveProfile('yunnan/yuxi').settings);
    const undocumented = [...Object.keys(view), ...Object.keys(yuxi).map((k) => `model.${k}`)].filter(
      (k) => !doc.includes(`\`${k}\``) && !doc.includes(`\`${k} \``) && !doc.includes(`\`${k}.`),
    );
    expect(undocumented).toEqual([]);
  });

  it('the worked example passes `profile check`', async () => {
    const blocks = [...doc.matchAll(/```(?:yaml|handlebars)\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const dir = mkdtempSync(join(tmpdir(), 'juesuan-docs-example-'));
    for (const name of ['default', 'national', 'hubei']) cpSync(join(TEMPLATES_DIR, name), join(dir, name), { recursive: true });
    mkdirSync(join(dir, 'hubei', 'example', 'narrative'), { recursive: true });
    writeFileSync(join(dir, 'hubei', 'example', 'profile.yaml'), blocks.find((b) => b.includes('name: hubei/example'))!);
    writeFileSync(join(dir, 'hubei', 'example', 'narrative', 'total.hbs'), blocks.find((b) => b.startsWith('H2 一、收入支出决算总体情况说明'))!);
    expect(await checkProfile('hubei/example', dict, { dir: `${dir}/` })).toEqual([]);
    const profile = resolveProfile('hubei/example', `${dir}/`);
    expect(profile.settings.tableNumbers?.T01).toBe('附表1');
    expect(profile.settings.percentDecimals).toBe(1);
  });
});

describe('juesuan profile check', () => {
  it('lists the problems of a profile.yaml, its templates and its forms together', async () => {
    const dir = templates({
      'profile.yaml': 'name: city\nextends: default\nzeroDisply: blank\n',
      'narrative/total.hbs': 'H2 一、总体情况\nP {{> totl}}\n',
    });
    const findings = await checkProfile('city', dict, { dir });
    expect(findings.map((f) => [f.ruleId, f.severity, (f.location as { file: string; line: number }).file.replace(dir, ''), (f.location as { line: number }).line])).toEqual([
      ['IN-PROFILE', 'error', 'city/profile.yaml', 3],
      ['IN-TEMPLATE', 'error', 'city/narrative/total.hbs', 2],
    ]);
  });

  it('renders the templates on the example data: an unknown variable is found without building anything', async () => {
    const total = readFileSync(join(TEMPLATES_DIR, 'default', 'narrative', 'total.hbs'), 'utf8');
    const dir = templates({ 'narrative/total.hbs': total.replace('{{year}}', '{{yaer}}') });
    const findings = await checkProfile('city', dict, { dir });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'IN-TEMPLATE', severity: 'error', location: { file: join(dir, 'city', 'narrative', 'total.hbs'), line: 2 } });
    expect(findings[0]!.note).toMatch(/^用示例 .+\.yaml 的数据生成时发现$/);
  });

  it('every shipped profile renders the examples and the test departments in strict mode without an error', async () => {
    const names = profileNames();
    expect(names).toEqual(expect.arrayContaining(['default', 'sichuan', 'yunnan', 'yunnan/province', 'yunnan/yuxi']));
    for (const folder of [undefined, fixture('mini'), fixture('seed-000'), fixture('seed-002')]) {
      for (const name of names) {
        const errors = (await checkProfile(name, dict, folder ? { examples: folder } : {})).filter((f) => f.severity === 'error');
        expect(errors, `${name} on ${folder ?? 'data/examples'}`).toEqual([]);
      }
    }
  }, 240_000);

  it('`juesuan profile check yunnan/yuxi` exits 0; a profile that does not exist exits 1 and says so', () => {
    const ok = runCli(['profile', 'check', 'yunnan/yuxi']);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^✓ 模板配置 yunnan\/yuxi：0 个错误/);
    const missing = runCli(['profile', 'check', 'yunnan/nowhere']);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('错误 [IN-PROFILE] 找不到模板配置“yunnan/nowhere”（应有文件 templates/yunnan/nowhere/profile.yaml）');
  }, 120_000);

  it('without a name checks every shipped profile and exits 0', () => {
    const all = runCli(['profile', 'check']);
    expect(all.code, all.stdout).toBe(0);
    for (const name of ['default', 'sichuan', 'yunnan', 'yunnan/province', 'yunnan/yuxi']) expect(all.stdout).toContain(`✓ 模板配置 ${name}：0 个错误`);
  }, 120_000);
});
