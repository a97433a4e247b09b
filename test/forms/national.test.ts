// The national nine-table set (表一–表九, 万元) of templates/national/forms/national-2022.yaml, used by
// a city profile of another province (hubei/suizhou): a folder of data and templates, no code of
// its own. The tables are the canonical figures laid out differently: every printed 万元 figure is
// the rounding of its own 元 amount.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFile } from '../../src/cli/check.js';
import type { Table } from '../../src/model/document.js';
import { loadDictionary } from '../../src/readers/dictionary.js';
import { example } from '../helpers.js';

async function build() {
  const r = await checkFile(example('suizhou-example-2022.yaml'), await loadDictionary());
  expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
  const tables = r.document!.sections.flatMap((s) => s.blocks).filter((b): b is Table => b.type === 'table' && b.id.startsWith('table-'));
  return { r, tables };
}

describe('national-2022 under hubei/suizhou', () => {
  it('publishes 表一 to 表九, each in 万元', async () => {
    const { tables } = await build();
    expect(tables.map((t) => t.caption.number)).toEqual(['表一', '表二', '表三', '表四', '表五', '表六', '表七', '表八', '表九']);
    expect(new Set(tables.map((t) => t.caption.right))).toEqual(new Set(['金额单位：万元']));
    expect(tables.find((t) => t.caption.number === '表七')!.caption.title).toBe('一般公共预算财政拨款“三公”经费支出决算表');
  });

  it('表五 prints 05表 栏7, 8, 11 as 合计, 基本支出, 项目支出, each rounded on its own', async () => {
    const { r, tables } = await build();
    const t5 = tables.find((t) => t.caption.number === '表五')!;
    const total = t5.body[0]!.cells.map((c) => c.text);
    expect(total).toEqual(['合计', '100.00', '80.00', '20.00']);
    const row = t5.body.find((b) => b.cells[0]!.text === '2010401')!;
    const yuan = r.tables!.T05.byCode.get('2010401')!.cells;
    expect(row.cells.slice(2).map((c) => c.text)).toEqual([yuan[7]!, yuan[8]!].map((v) => v.div(10000).toFixed(2)).concat(['']));
    // 万元 totals are not live sums of rounded parts: the XLSX gets numbers, not formulas
    expect(t5.body.flatMap((b) => b.cells).some((c) => c.sumOf)).toBe(false);
  });

  it('表七 is one row of 预算数 and 决算数 from the 三公 table', async () => {
    const { tables } = await build();
    const t7 = tables.find((t) => t.caption.number === '表七')!;
    expect(t7.body).toHaveLength(1);
    expect(t7.body[0]!.cells.map((c) => c.text)).toEqual(['7.00', '', '4.00', '', '4.00', '3.00', '5.00', '', '3.00', '', '3.00', '2.00']);
  });

  it('checks the same identities as the 2021 set (identitiesFrom)', async () => {
    const { r } = await build();
    expect(r.profile!.chain).toEqual(['hubei/suizhou', 'hubei', 'national', 'default']);
    const broken = join(mkdtempSync(join(tmpdir(), 'juesuan-national-')), 'broken.yaml');
    writeFileSync(broken, readFileSync(example('suizhou-example-2022.yaml'), 'utf8').replace('    r27: 1,010,000.00', '    r27: 1,010,001.00'));
    const findings = (await checkFile(broken, await loadDictionary())).findings;
    expect(findings.find((f) => f.ruleId === 'T01-INC')?.location).toMatchObject({ path: 'tables.T01.r27' });
  });
});
