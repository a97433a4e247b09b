// The layout fields of the 绩效自评 tables: free text reads from the left and is never right-aligned,
// figures right, labels centred; the indicator (and task) header rows are marked as header rows so
// every writer repeats them where the rows under them continue; no row span crosses into them.
import { describe, expect, it } from 'vitest';
import { compose, resolveProfile } from '../../src/compose/index.js';
import { derive } from '../../src/derive/index.js';
import type { Row, Table } from '../../src/model/document.js';
import { loadDictionary } from '../../src/readers/dictionary.js';
import { placeRows, tableParts } from '../../src/writers/grid.js';
import { example, loadDataset } from '../helpers.js';

const dict = await loadDictionary();

async function tables(name: string, profile: string): Promise<Table[]> {
  const ds = await loadDataset(example(`${name}.yaml`));
  const doc = compose(derive(ds, dict), dict, resolveProfile(profile), { createdAt: '2022-06-30T00:00:00Z' });
  return doc.sections.flatMap((s) => s.blocks).filter((b): b is Table => b.type === 'table' && (b.id === 'department-evaluation' || b.id.startsWith('project-')));
}

const yuxi = await tables('yuxi-gxj-2021', 'yunnan/yuxi');
const province = await tables('yunnan-gxt-2023-projects', 'yunnan/province');
const texts = (rows: readonly Row[]) => rows.map((r) => r.cells.map((c) => c.text).join('|'));

describe('绩效自评 tables', () => {
  it('never right-align text, and set every sentence from the left', () => {
    for (const t of [...yuxi, ...province]) {
      for (const row of t.body) {
        for (const c of row.cells) {
          if (c.kind === 'amount') expect(c.align).toBe('right');
          else if (c.text) expect(c.align, `${t.label}: ${c.text}`).not.toBe('right');
          if ([...c.text].length > 24) expect(c.align, `${t.label}: ${c.text.slice(0, 20)}`).toBe('left');
        }
      }
    }
  });

  it('mark the indicator header rows of every table, and the task header rows of the 部门整体 table', () => {
    const dept = yuxi.find((t) => t.id === 'department-evaluation')!;
    const parts = tableParts(dept);
    expect(parts.map((p) => texts(p.head)[0])).toEqual([undefined, '部门年度重点工作任务', '部门整体支出绩效指标']);
    expect(texts(parts[2]!.head)[1]).toContain('一级指标|二级指标|三级指标');
    for (const t of yuxi.filter((x) => x.id.startsWith('project-'))) {
      const p = tableParts(t);
      expect(p).toHaveLength(2);
      expect(texts(p[1]!.head)).toEqual(['绩效指标|年度指标值|实际完成值|分值|得分|偏差原因分析及改进措施', '一级指标|二级指标|三级指标|指标性质|指标值|度量单位']);
    }
    for (const t of province) expect(texts(tableParts(t)[1]!.head)[0]).toBe('项目支出绩效指标表');
  });

  it('keep every row span inside its part', () => {
    for (const t of [...yuxi, ...province]) {
      for (const part of tableParts(t)) {
        const rows = [...part.head, ...part.body];
        for (const p of placeRows(rows)) expect(p.row + p.rowSpan, `${t.label}: ${p.cell.text}`).toBeLessThanOrEqual(p.row < part.head.length ? part.head.length : rows.length);
      }
    }
  });

  it('centre short indicator values as printed and set a long one from the left', () => {
    const rows = yuxi.flatMap((t) => tableParts(t).flatMap((p) => p.body)).filter((r) => ['产出指标', '效益指标', '满意度指标'].includes(r.cells[0]!.text));
    const actual = rows.map((r) => r.cells[6]!);
    expect(actual.find((c) => c.text === '2021年12月31日')!.align).toBe('center');
    expect(actual.find((c) => c.text.startsWith('3（1.完成《云南澄江'))!.align).toBe('left');
  });
});
