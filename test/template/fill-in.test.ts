// The fill-in workbook as an officer meets it: its sheets, what is unlocked and shaded, the drop-downs
// and lookups, the live totals, the print setup; every part of the YAML format has its place in it;
// and LibreOffice opens it and computes every total without an error.
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPLANATION_FIELDS } from '../../src/model/explanations.js';
import { functionalName } from '../../src/model/dictionary.js';
import { loadDictionary } from '../../src/readers/dictionary.js';
import { fieldTypes } from '../../src/readers/excel-fields.js';
import { buildDepartmentSchema } from '../../src/readers/schema.js';
import { convertDataset, templateWorkbook } from '../../src/template/index.js';
import { exampleDataset, findCell, openWorkbook, otherParts, readWorkbook, tableCells } from '../readers/excel-helpers.js';
import { convertToPdf, soffice } from '../writers/office.js';

let blank: ExcelJS.Workbook;

beforeAll(async () => {
  blank = await openWorkbook(await templateWorkbook({ dict: await loadDictionary(), profile: 'yunnan/yuxi', year: 2021 }));
});

const INPUT = 'FFFFF2CC';
const fillOf = (c: ExcelJS.Cell) => (c.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
const formulaOf = (c: ExcelJS.Cell) => (c.value as { formula?: string } | null)?.formula;

describe('the blank fill-in workbook of yunnan/yuxi 2021', () => {
  it('has the instructions, the department, the nine 公开表 in their order, the text sheets, a project sheet and the lookups', () => {
    expect(blank.worksheets.map((ws) => ws.name)).toEqual([
      '填表说明', '部门信息', '部门概况',
      '公开01表', '公开02表', '公开03表', '公开04表', '公开05表', '公开06表', '公开07表', '公开08表', '公开09表',
      '说明文字', '上年数和预算数', '三公经费明细', '政府采购', '国有资产', '预算绩效管理', '自评情况', '部门整体自评', '项目自评1',
      '科目', '选项',
    ]);
    expect(blank.getWorksheet('选项')!.state).toBe('hidden');
    for (const ws of blank.worksheets.filter((w) => w.name !== '选项')) {
      const protection = (ws as unknown as { sheetProtection?: { sheet?: boolean; hashValue?: string } }).sheetProtection;
      expect(protection, ws.name).toMatchObject({ sheet: true });
      expect(protection!.hashValue, `${ws.name} has no password`).toBeUndefined();
      expect(ws.pageSetup.paperSize, ws.name).toBe(9);
    }
    expect(blank.getWorksheet('公开05表')!.pageSetup.orientation).toBe('landscape');
    expect(blank.getWorksheet('公开01表')!.pageSetup.orientation).toBe('portrait');
  });

  it('code tables: a 项 per row, its code checked against the 科目 sheet, its name looked up, totals live', () => {
    const ws = blank.getWorksheet('公开05表')!;
    expect(ws.getCell('A1').value).toBe('一般公共预算财政拨款收入支出决算表');
    expect(ws.getCell('A2').value).toBe('公开05表');
    const nameRow = findCell(blank.getWorksheet('部门信息')!, 'department.name')!.row;
    expect(formulaOf(ws.getCell('A3'))).toBe(`"部门："&'部门信息'!$C$${nameRow}`);
    const total = findCell(ws, '合计', 1)!;
    const first = Number(total.row) + 1;
    const code = ws.getCell(first, 1);
    expect(code.protection).toMatchObject({ locked: false });
    expect(fillOf(code)).toBe(INPUT);
    expect(code.numFmt).toBe('@');
    expect(code.dataValidation).toMatchObject({ type: 'list', formulae: [expect.stringMatching(/^科目!\$A\$2:\$A\$\d+$/)] });
    expect(formulaOf(ws.getCell(first, 4))).toBe(`IFERROR(VLOOKUP($A${first},科目!$A:$B,2,FALSE),"")`);
    // 栏次 5 (本年收入·基本支出) is typed; 栏次 4 (本年收入·合计) adds 5 and 6
    const c5 = ws.getCell(first, 9);
    expect(c5.protection).toMatchObject({ locked: false });
    expect(c5.numFmt).toBe('#,##0.00');
    expect(formulaOf(ws.getCell(first, 8))).toBe(`SUM(I${first},J${first})`);
    expect(ws.getCell(first, 8).protection?.locked).not.toBe(false);
    expect(formulaOf(ws.getCell(Number(total.row), 9))).toMatch(/^SUMPRODUCT\(--\(LEN\(\$A\$\d+:\$A\$\d+\)=7\),I\$\d+:I\$\d+\)$/);
  });

  it('01表 adds up as printed, its 类 rows from 03表; 04表 is computed from 05、07、08表; the 三公 table takes counts', () => {
    const t01 = blank.getWorksheet('公开01表')!;
    const row = (ws: ExcelJS.Worksheet, line: number, col: number) => {
      let found: ExcelJS.Row | undefined;
      ws.eachRow((r) => {
        if (r.getCell(col).value === String(line)) found = r;
      });
      return found!;
    };
    expect(row(t01, 1, 2).getCell(3).protection).toMatchObject({ locked: false });
    expect(formulaOf(row(t01, 27, 2).getCell(3))).toMatch(/^SUM\(C\d+,C\d+,/);
    expect(formulaOf(row(t01, 31, 5).getCell(6))).toContain(`LEFT('公开03表'!$A$`);
    const t04 = blank.getWorksheet('公开04表')!;
    expect(formulaOf(row(t04, 1, 2).getCell(3))).toMatch(/^'公开05表'!\$H\$\d+$/);
    expect(formulaOf(row(t04, 33, 5).getCell(7))).toContain(`'公开05表'!`);
    const t3g = blank.getWorksheet('公开09表')!;
    expect(row(t3g, 8, 2).getCell(3).value).toBe('—');
    const count = row(t3g, 16, 2).getCell(4);
    expect(count.numFmt).toBe('#,##0');
    expect(count.dataValidation).toMatchObject({ type: 'whole' });
    expect(formulaOf(row(t3g, 2, 2).getCell(3))).toMatch(/^SUM\(/);
  });

  it('the 科目 sheet lists the year’s 功能分类 with the year’s names', async () => {
    const dict = await loadDictionary();
    const ws = blank.getWorksheet('科目')!;
    const names = new Map<string, string>();
    ws.eachRow((r, i) => i > 1 && names.set(String(r.getCell(1).value), String(r.getCell(2).value)));
    expect(names.get('2010401')).toBe('行政运行');
    const renamed = [...dict.functional.values()].filter((s) => functionalName(s, 2021) !== functionalName(s, 2019));
    expect(renamed.length, 'subjects named otherwise in 2021 than in 2019').toBeGreaterThan(0);
    for (const s of renamed) if (names.has(s.code)) expect(names.get(s.code)).toBe(functionalName(s, 2021));
    expect(names.get('20805')).toBe('行政事业单位养老支出');
  });

  it('说明文字 shows beside each reason the sentence it completes; the project sheet has drop-downs for the indicators', () => {
    const ws = blank.getWorksheet('说明文字')!;
    for (const [key, label] of Object.entries(EXPLANATION_FIELDS)) {
      const cell = findCell(ws, label)!;
      expect(ws.getRow(Number(cell.row)).getCell(1).value).toBe(`explanations.${key}`);
      expect(String(ws.getRow(Number(cell.row)).getCell(4).value)).toMatch(key === 'govFund' ? /政府性基金/ : /＿＿/);
      expect(ws.getRow(Number(cell.row)).getCell(3).protection).toMatchObject({ locked: false });
    }
    const p = blank.getWorksheet('项目自评1')!;
    const head = findCell(p, '一级指标')!;
    const first = p.getRow(Number(head.row) + 1);
    expect(first.getCell(1).value).toBe('selfEvaluation.projects[].indicators[]');
    expect(first.getCell(2).dataValidation).toMatchObject({ type: 'list', formulae: [expect.stringMatching(/^'选项'!\$[A-Z]\$2:\$[A-Z]\$4$/)] });
    const operator = first.getCell(5).dataValidation.formulae![0] as string;
    const col = /\$([A-Z])\$2/.exec(operator)![1]!;
    const options = blank.getWorksheet('选项')!;
    const listed: string[] = [];
    options.getColumn(col).eachCell((c, r) => r > 1 && c.value !== null && listed.push(String(c.value)));
    expect(listed).toEqual(['=', '>=', '<=', '>', '<', '定性']);
  });
});

describe('every part of the YAML format has its place', () => {
  it('each input path of the schema outside the tables is a field of the fill-in sheets', () => {
    const schema = buildDepartmentSchema() as { properties: Record<string, unknown>; definitions: Record<string, unknown> };
    const leaves: string[] = [];
    const walk = (node: unknown, path: string): void => {
      let n = node as Record<string, unknown>;
      if (typeof n.$ref === 'string') n = schema.definitions[n.$ref.split('/').pop()!] as Record<string, unknown>;
      const types = ([] as unknown[]).concat(n.type ?? []);
      if (types.includes('array')) return walk(n.items, `${path}[]`);
      if (n.patternProperties) return walk(Object.values(n.patternProperties as object)[0], `${path}{}`);
      if (n.properties) {
        for (const [k, child] of Object.entries(n.properties as Record<string, unknown>)) walk(child, path ? `${path}.${k}` : k);
        return;
      }
      leaves.push(path);
    };
    // annexes (四川 附件1/附件2, nested lists and the 得分表 tree) have no fill-in sheet yet: YAML only (convert says so)
    for (const [k, v] of Object.entries(schema.properties)) if (k !== 'tables' && k !== 'annexes') walk(v, k);
    const held = new Set([...fieldTypes().keys()].map((p) => p.replace(/\[\]$/, '[]')));
    expect(leaves.length).toBeGreaterThan(120);
    // a map keyed by the form (priorYear.incomeLines{}, formFields{}) is held by a field for each of the default form's keys
    const byKey = (p: string) => p.endsWith('{}') && [...held].some((h) => h.startsWith(`${p.slice(0, -2)}.`));
    expect(leaves.filter((p) => !held.has(p) && !byKey(p))).toEqual([]);
  });
});

describe('LibreOffice', () => {
  // LibreOffice is installed for the tests by scripts/setup.sh --test
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'juesuan-fill-in-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('opens the workbook filled with the 玉溪 example and computes every total', async () => {
    const bytes = await convertDataset(exampleDataset('yuxi-gxj-2021'), 'xlsx', { dict: await loadDictionary() });
    writeFileSync(join(dir, 'yuxi.xlsx'), bytes);
    convertToPdf([join(dir, 'yuxi.xlsx')], dir);
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'yuxi.pdf'), '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(text).not.toMatch(/Err:\d+|#NAME\?|#VALUE!|#REF!|#DIV\/0!/);
    // 01表 本年支出合计 (from 03表), 04表 总计 (from 05、07、08表), 02表 合计, a 类 row of 05表
    for (const figure of ['56,163,999.54', '56,080,382.73', '53,629,163.42', '15,477,344.29']) expect(text).toContain(figure);
    expect(text).toContain('部门：玉溪市工业和信息化局（本级）');
    expect(text).toContain('主要变动原因是＿＿');
  });

  it('saves it again, and the reader reads what LibreOffice wrote', async () => {
    const original = exampleDataset('yuxi-gxj-2021');
    writeFileSync(join(dir, 'again.xlsx'), await convertDataset(original, 'xlsx', { dict: await loadDictionary() }));
    const profile = pathToFileURL(mkdtempSync(join(tmpdir(), 'juesuan-lo-profile-'))).href;
    mkdirSync(join(dir, 'saved'));
    execFileSync(soffice!, [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'xlsx', '--outdir', join(dir, 'saved'), join(dir, 'again.xlsx')], { stdio: 'ignore', timeout: 300_000 });
    const r = await readWorkbook(readFileSync(join(dir, 'saved', 'again.xlsx')));
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(tableCells(r.dataset!)).toEqual(tableCells(original));
    expect(otherParts(r.dataset!)).toEqual(otherParts(original));
  });
});
