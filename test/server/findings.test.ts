// Findings as the page shows them: the place (YAML line or sheet cell), the values with their
// difference, the table for the filter, and the place in context — YAML lines around the line, or
// the cells of the uploaded workbook around the cell.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model/finding.js';
import { columnName, parseCell, tablesOf, viewFindings } from '../../src/server/findings.js';

describe('findings for the page', () => {
  it('shows a YAML finding with its lines around, values, difference and table', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'juesuan-findings-test-'));
    writeFileSync(join(dir, 'a.yaml'), Array.from({ length: 10 }, (_, i) => `line${i + 1}: ${i + 1}`).join('\n'));
    const f: Finding = {
      ruleId: 'T01-INC',
      severity: 'error',
      message: '公开01表 行次27（本年收入合计）为 1,010,001.00元',
      location: { file: 'a.yaml', line: 2, column: 3, path: 'tables.T01.r27' },
      expected: '1010000.00',
      actual: '1010001.00',
    };
    const [v] = await viewFindings([f], dir);
    expect(v).toMatchObject({ severityLabel: '错误', where: '第2行第3列', path: 'tables.T01.r27', table: '公开01表', expected: '1,010,000.00', actual: '1,010,001.00', difference: '+1.00' });
    expect(v!.context).toEqual({
      kind: 'lines',
      first: 1,
      last: 5,
      lines: [1, 2, 3, 4, 5].map((n) => ({ number: n, text: `line${n}: ${n}`, current: n === 2 })),
    });
  });

  it('shows a sheet finding with a grid of the workbook around the cell', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'juesuan-findings-test-'));
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('公开05表');
    for (let r = 1; r <= 20; r++) for (let c = 1; c <= 12; c++) ws.getCell(r, c).value = `${columnName(c)}${r}`;
    ws.getCell('H12').value = 123456.78;
    ws.mergeCells('E9:F9');
    ws.getCell('E9').value = '收入';
    await wb.xlsx.writeFile(join(dir, '部门.xlsx'));
    const f: Finding = { ruleId: 'T05-ROW', severity: 'warning', message: '合计不等于各项之和', location: { file: '部门.xlsx', sheet: '公开05表', cell: 'H12' }, expected: '100', actual: '123456.78' };
    const [v] = await viewFindings([f], dir);
    expect(v).toMatchObject({ where: '公开05表!H12', table: '公开05表', difference: '+123,356.78' });
    const grid = v!.context;
    expect(grid?.kind).toBe('grid');
    if (grid?.kind !== 'grid') return;
    expect(grid.columns).toEqual(['E', 'F', 'G', 'H', 'I', 'J', 'K']);
    expect(grid.rows.map((r) => r.number)).toEqual([9, 10, 11, 12, 13, 14, 15]);
    const current = grid.rows.flatMap((r) => r.cells.filter((c) => c.current));
    expect(current).toEqual([{ text: '123456.78', current: true }]);
    // a merged heading shows once, in its first cell
    expect(grid.rows[0]!.cells.slice(0, 3).map((c) => c.text)).toEqual(['收入', '', 'G9']);
  });

  it('reads no file outside the upload, and a place at the edge of a sheet keeps to the sheet', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'juesuan-findings-test-'));
    const outside: Finding = { ruleId: 'X', severity: 'error', message: 'm', location: { file: '../../../etc/passwd', line: 1, column: 1 } };
    const [v] = await viewFindings([outside], dir);
    expect(v!.context).toBeUndefined();
    expect(parseCell('A1')).toEqual({ col: 1, row: 1 });
    expect(parseCell('AB10')).toEqual({ col: 28, row: 10 });
    expect(columnName(28)).toBe('AB');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('公开01表').getCell('A1').value = '收入支出决算总表';
    await wb.xlsx.writeFile(join(dir, 'b.xlsx'));
    const [corner] = await viewFindings([{ ruleId: 'X', severity: 'error', message: 'm', location: { file: 'b.xlsx', sheet: '公开01表', cell: 'A1' } }], dir);
    if (corner!.context?.kind !== 'grid') throw new Error('no grid');
    expect(corner!.context.columns).toEqual(['A', 'B', 'C', 'D']);
    expect(corner!.context.rows[0]!.cells[0]).toEqual({ text: '收入支出决算总表', current: true });
    expect(tablesOf([v!, corner!])).toEqual(['文件', '公开01表']);
  });
});
