// The Excel reader on the fill-in workbook: the same findings as the YAML it was filled from, with
// sheet!cell locations; a broken figure found at its cell; a sheet or header that is not the form's
// named; exact amounts whatever the cell holds; and the edits officers make (a changed title, an
// inserted blank column or row, hidden rows, blank rows at the end) changing nothing.
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFile } from '../../src/cli/check.js';
import type { Finding } from '../../src/model/finding.js';
import { loadDictionary } from '../../src/readers/dictionary.js';
import { convertDataset } from '../../src/template/index.js';
import { exampleDataset, openWorkbook, readWorkbook, saveWorkbook, tableCells } from './excel-helpers.js';

let dir: string;
let filled: Uint8Array;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'juesuan-excel-'));
  filled = await convertDataset(exampleDataset('yuxi-gxj-2021'), 'xlsx', { dict: await loadDictionary() });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function check(bytes: Uint8Array, name: string): Promise<Finding[]> {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return [...(await checkFile(file, await loadDictionary())).findings];
}

const key = (f: Finding) => [f.ruleId, f.severity, f.message, f.expected ?? '', f.actual ?? '', f.note ?? ''].join('|');

/** The cell of a 公开表 sheet in the row of `code` (column A) and the column whose 栏次 is `column`. */
function tableCell(ws: ExcelJS.Worksheet, code: string, column: number): ExcelJS.Cell {
  let numberRow = 0;
  let codeRow = 0;
  ws.eachRow((row, r) => {
    if (row.getCell(1).value === '栏次' && !numberRow) numberRow = r;
    if (row.getCell(1).value === code && !codeRow) codeRow = r;
  });
  let col = 0;
  ws.getRow(numberRow).eachCell((cell, c) => {
    if (cell.value === String(column)) col = c;
  });
  if (!numberRow || !codeRow || !col) throw new Error(`no cell for ${code} c${column} in ${ws.name}`);
  return ws.getRow(codeRow).getCell(col);
}

describe('a fill-in workbook filled with the 玉溪 example', () => {
  it('gives exactly the findings of the YAML, located at sheet!cell', async () => {
    const fromYaml = (await checkFile('data/examples/yuxi-gxj-2021.yaml', await loadDictionary())).findings;
    const fromBook = await check(filled, 'yuxi.xlsx');
    expect(fromBook.map(key).sort()).toEqual(fromYaml.map(key).sort());
    expect(fromYaml.length).toBeGreaterThan(10);
    for (const f of fromBook) expect(f.location).toMatchObject({ file: join(dir, 'yuxi.xlsx'), sheet: expect.any(String), cell: expect.stringMatching(/^[A-Z]+\d+$/) });
    // a 项目 indicator finding points at its row of the project's sheet
    const ach = fromBook.find((f) => f.ruleId === 'EP-ACH' && f.message.includes('人均奖励标准'))!;
    expect(ach.location).toMatchObject({ sheet: '项目自评1' });
  });

  it('a 05表 amount changed by 1.00 is a T05 error at that cell', async () => {
    const wb = await openWorkbook(filled);
    const ws = wb.getWorksheet('公开05表')!;
    const cell = tableCell(ws, '2010401', 13);
    expect(cell.value).toBeNull();
    cell.value = 1;
    const findings = await check(await saveWorkbook(wb), 'broken.xlsx');
    const atCell = findings.filter((f) => f.location && 'cell' in f.location && f.location.sheet === '公开05表' && f.location.cell === cell.address);
    expect(atCell.map((f) => [f.ruleId, f.severity, f.expected, f.actual])).toEqual([['T05-FLOW', 'error', '0.00', '1.00']]);
    expect(atCell[0]!.message).toContain('公开05表 2010401 第13栏');
    // the 款, 类 and 合计 rows it flows into are pointed at where the workbook shows them
    const flow = findings.filter((f) => f.ruleId === 'T05-FLOW');
    expect(flow.every((f) => f.location && 'cell' in f.location && f.location.sheet === '公开05表' && f.location.cell !== 'A1')).toBe(true);
  });

  it('reads a typed total as stated (checked), and a formula where a figure is typed through its saved result, never as 0', async () => {
    const wb = await openWorkbook(filled);
    const ws = wb.getWorksheet('公开05表')!;
    const c9 = tableCell(ws, '2010401', 9);
    c9.value = { formula: '8000000+142890.28', result: 8142890.28 } as ExcelJS.CellFormulaValue;
    const c10 = tableCell(ws, '2010401', 10);
    c10.value = { formula: '3999832.91' } as ExcelJS.CellFormulaValue;
    const r = await readWorkbook(await saveWorkbook(wb));
    expect(r.dataset).toBeUndefined();
    const formula = r.findings.filter((f) => f.ruleId === 'IN-FORMULA');
    expect(formula).toHaveLength(1);
    expect(formula[0]).toMatchObject({ severity: 'error', location: { sheet: '公开05表', cell: c10.address } });
    expect(formula[0]!.message).toContain('没有保存它的计算结果');
    c10.value = { formula: '3999832.91', result: 3999832.91 } as ExcelJS.CellFormulaValue;
    const ok = await readWorkbook(await saveWorkbook(wb));
    expect(ok.dataset!.tables.T05!.rows.find((row) => row.code === '2010401')!.cells[9]!.toFixed(2)).toBe('8142890.28');
  });

  it('reads amounts exactly: a stored double, thousands separators and full-width digits in text', async () => {
    const wb = await openWorkbook(filled);
    const ws = wb.getWorksheet('公开01表')!;
    const amount = (line: number) => {
      let cell: ExcelJS.Cell | undefined;
      ws.eachRow((row) => {
        if (row.getCell(2).value === String(line)) cell = row.getCell(3);
      });
      return cell!;
    };
    amount(1).value = 34008496.419999998; // how a binary double of 34008496.42 may be stored
    amount(8).value = '１２０,６６７.００';
    amount(29).value = '2,571,886.31';
    const ds = (await readWorkbook(await saveWorkbook(wb))).dataset!;
    expect([ds.tables.T01![1]!, ds.tables.T01![8]!, ds.tables.T01![29]!].map((d) => d.toFixed(2))).toEqual(['34008496.42', '120667.00', '2571886.31']);
    expect(ds.sources['tables.T01.r8']).toEqual({ file: 'book.xlsx', sheet: '公开01表', cell: amount(8).address });
  });

  it('names a missing sheet and a header that is not the form’s', async () => {
    const wb = await openWorkbook(filled);
    wb.removeWorksheet(wb.getWorksheet('公开06表')!.id);
    const ws = wb.getWorksheet('公开03表')!;
    ws.eachRow((row) => row.eachCell((cell) => {
      if (cell.value === '项目支出') cell.value = '专项支出';
      if (cell.value === '6') cell.value = null;
    }));
    const r = await readWorkbook(await saveWorkbook(wb));
    const sheets = r.findings.filter((f) => f.ruleId === 'IN-SHEET');
    expect(sheets.map((f) => f.message)).toEqual([
      '工作表“公开03表”的表头与公开03表（支出决算表）的表样不符：缺少表头“项目支出”；栏次应为 1 至 6，实际为 1、2、3、4、5',
      '工作簿中没有公开06表（一般公共预算财政拨款基本支出决算表）的工作表',
    ]);
    expect(r.dataset).toBeUndefined();
  });

  it('is read the same after a changed title, an inserted blank column and row, hidden rows and blank rows at the end', async () => {
    const wb = await openWorkbook(filled);
    for (const name of ['公开01表', '公开05表', '公开06表', '公开09表']) {
      const ws = wb.getWorksheet(name)!;
      ws.getCell('A1').value = `${name}（改过的标题）`;
      ws.spliceColumns(5, 0, []);
      ws.spliceRows(9, 0, []);
      ws.getRow(11).hidden = true;
      const end = ws.rowCount;
      for (let r = end + 1; r <= end + 5; r++) ws.getRow(r).getCell(2).value = ' ';
    }
    const before = (await readWorkbook(filled)).dataset!;
    const after = await readWorkbook(await saveWorkbook(wb));
    expect(after.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(tableCells(after.dataset!)).toEqual(tableCells(before));
  });

  it('a blank fill-in workbook asks for the department first', async () => {
    const { templateWorkbook } = await import('../../src/template/index.js');
    const blank = await templateWorkbook({ dict: await loadDictionary(), profile: 'yunnan/yuxi', year: 2021 });
    const r = await readWorkbook(blank);
    expect(r.findings.map((f) => [f.ruleId, f.message])).toEqual([['IN-REQ', '缺少必填项“部门名称”（department.name）']]);
  });
});
