// Text widths without a renderer (writers/measure.ts) and the layout decisions the writers share
// (writers/grid.ts): figures never break, CJK text breaks anywhere, text is never right-aligned by
// a column of figures, header rows inside a body start a part of their own.
import { describe, expect, it } from 'vitest';
import type { Cell, Row, Table } from '../../src/model/document.js';
import { cellAlign, tableParts } from '../../src/writers/grid.js';
import { linesNeeded, textWidth, unbreakableWidth } from '../../src/writers/measure.js';

describe('text widths', () => {
  it('counts a Chinese character or full-width sign as one em and figures by their face', () => {
    expect(textWidth('国有资本经营预算财政拨款', 'serif')).toBe(12);
    expect(textWidth('（万元）：', 'serif')).toBe(5);
    // Times New Roman figures are half an em, separators a quarter
    expect(textWidth('56,201,049.73', 'serif')).toBeCloseTo(10 * 0.5 + 3 * 0.25);
    // Arial Narrow is narrower, 宋体's Latin half-width throughout
    expect(textWidth('56,201,049.73', 'narrow')).toBeLessThan(textWidth('56,201,049.73', 'serif'));
    expect(textWidth('56,201,049.73', 'song')).toBe(6.5);
  });

  it('never breaks an amount, a code or a date, and breaks Chinese anywhere', () => {
    expect(unbreakableWidth('56,201,049.73', 'song')).toBe(6.5);
    expect(unbreakableWidth('2010401 行政运行', 'song')).toBe(3.5);
    expect(unbreakableWidth('部门整体支出绩效指标', 'serif')).toBe(1);
    expect(unbreakableWidth('', 'serif')).toBe(0);
  });

  it('counts the lines a text takes in a width, explicit line breaks included', () => {
    expect(linesNeeded('一二三四五六七八九十', 10, 'serif')).toBe(1);
    expect(linesNeeded('一二三四五六七八九十', 4, 'serif')).toBe(3);
    expect(linesNeeded('一二\n三四', 10, 'serif')).toBe(2);
    // a figure that does not fit the rest of a line moves to the next one whole
    expect(linesNeeded('一二三四五六七八 12,345.67', 10, 'song')).toBe(2);
  });
});

const text = (t: string, extra: Partial<Cell> = {}): Cell => ({ text: t, kind: 'text', ...extra });

describe('shared layout decisions', () => {
  it('aligns figures right, text left even in a column of figures, and keeps what a cell says', () => {
    const figures = { width: 10, align: 'right' as const };
    expect(cellAlign({ text: '1.00', value: '1', kind: 'amount' }, { width: 10, align: 'left' })).toBe('right');
    expect(cellAlign(text('偏差原因很长的说明'), figures)).toBe('left');
    expect(cellAlign(text('—', { align: 'center' }), figures)).toBe('center');
    expect(cellAlign(text('名称'), { width: 10, align: 'center' })).toBe('center');
  });

  it('splits a table at each run of header rows inside its body', () => {
    const row = (t: string, header = false): Row => ({ cells: [text(t)], ...(header ? { header: true } : {}) });
    const table: Table = {
      type: 'table',
      id: 't',
      label: 't',
      caption: { title: 't' },
      columns: [{ width: 1, align: 'left' }],
      head: [],
      body: [row('项目名称'), row('指标表', true), row('一级指标', true), row('产出指标'), row('产出指标'), row('任务', true)],
      notes: [],
    };
    const parts = tableParts(table);
    expect(parts.map((p) => [p.head.map((r) => r.cells[0]!.text), p.body.map((r) => r.cells[0]!.text)])).toEqual([
      [[], ['项目名称']],
      // a header run with no row under it stays a plain row of the part before
      [['指标表', '一级指标'], ['产出指标', '产出指标', '任务']],
    ]);
  });
});
