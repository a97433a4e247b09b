// The 绩效自评 pages as printed: the municipal 2021 layout (seed 000) and the province layout (seed
// 002), one project table per page, the labels in the published order, the footnotes; the
// summary table; the XLSX sheets with scores as numbers.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Builder } from '../../src/batch/index.js';
import { loadDictionary } from '../../src/readers/dictionary.js';
import { pdfText } from '../../scripts/seed-coverage.js';
import { example } from '../helpers.js';

const out = mkdtempSync(join(tmpdir(), 'juesuan-evaluation-'));
const GXT = join(out, 'yunnan-gxt-2023-projects', '云南省工业和信息化厅2023年度绩效自评');
const YX = join(out, 'yuxi-gxj-2021', '玉溪市工业和信息化局（本级）2021年度部门决算');

const entry = (name: string) => ({ file: example(`${name}.yaml`), outParts: [name] });

beforeAll(async () => {
  const builder = new Builder(await loadDictionary(), { outDir: out, formats: ['pdf', 'xlsx'], jobs: 2, createdAt: '2022-06-30T00:00:00.000Z' });
  const results = await builder.buildAll([entry('yunnan-gxt-2023-projects'), entry('yuxi-gxj-2021')], () => {});
  for (const r of results) expect(r.ok, JSON.stringify(r.failure)).toBe(true);
}, 180_000);

/** The pages of a PDF as text, in the physical layout (a table row stays on its line, cells in order). */
function pages(pdf: string): string[] {
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 }).split('\f');
}

/** The pages as plain text: a label wrapped inside its cell stays in one piece. */
function plainPages(pdf: string): string[] {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 }).split('\f');
}

/** The cell values of a sheet, row by row. */
function sheetValues(ws: ExcelJS.Worksheet): unknown[] {
  const values: unknown[] = [];
  ws.eachRow((row) => row.eachCell((c) => values.push(c.value)));
  return values;
}

/** Labels of separate rows, in print order (a label merged over several rows prints at their middle, so those are checked apart). */
const inOrder = (text: string, labels: readonly string[]) => {
  let at = -1;
  for (const l of labels) {
    const i = text.indexOf(l, at + 1);
    expect(i, `${l} after position ${at}`).toBeGreaterThan(at);
    at = i;
  }
};

describe('municipal 2021 layout (玉溪, seed 000)', () => {
  it('starts each 项目支出绩效自评表 on a page of its own, numbered 公开12表, labels in the published order', () => {
    const all = pages(`${YX}.pdf`);
    const ps = all.filter((p) => p.includes('项目支出绩效自评表') && p.includes('公开12表'));
    expect(ps).toHaveLength(17);
    // the table's page, not the contents page that lists it
    const at = all.findIndex((p) => p.includes('公开12表') && p.includes('规模以上工业企业奖励专项资金') && p.includes('金额单位'));
    const first = all[at]!.replace(/\s+/g, '');
    inOrder(first, ['项目支出绩效自评表', '公开12表', '部门：玉溪市工业和信息化局', '金额单位：万元', '项目名称', '主管部门', '实施单位', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分', '年度资金总额', '1,950.00', '其中：当年财政拨款', '上年结转资金', '其他资金', '预期目标', '实际完成情况', '绩效指标', '年度指标值', '一级指标', '二级指标', '三级指标', '指标性质', '指标值', '度量单位', '其他需要说明事项', '总分', '100.00', '95.00', '（自评等级）优']);
    const plain = plainPages(`${YX}.pdf`)[at]!.replace(/\s+/g, '');
    for (const merged of ['项目资金（万元）', '年度总体目标', '实际完成值', '偏差原因分析及改进措施']) expect(plain).toContain(merged);
  });

  it('prints the 部门整体支出绩效自评表 (公开11表) with the three financial years and the task total rate', () => {
    const all = pages(`${YX}.pdf`);
    const from = all.findIndex((p) => p.includes('公开11表') && p.includes('金额单位'));
    const to = all.findIndex((p, i) => i > from && p.includes('公开12表'));
    const text = all.slice(from, to).join('').replace(/\s+/g, '');
    inOrder(text, ['部门整体支出绩效自评表', '公开11表', '部门名称', '部门职责', '总体绩效目标', '财年', '2021', '2022', '2023', '部门年度重点工作任务', '合计', '7,534.99', '5,637.71', '74.82', '部门整体支出绩效指标', '其他需说明事项']);
    for (const merged of ['部门总体目标', '部门年度目标']) expect(text).toContain(merged);
  });

  it('prints the 自评情况 (公开10表) with （三） and （五） computed from the tables', () => {
    const text = pdfText(`${YX}.pdf`).replace(/\s+/g, '');
    expect(text).toContain('其中财政拨款5350.85万元，占本年收入99.77%；其他收入12.07万元，占本年收入0.23%。');
    expect(text).toContain('一般公共预算财政拨款“三公”经费预算16.93万元');
    // each item's change with its own reason right after it (000 L742: the reason explains the 接待费)
    expect(text).toContain('总支出与上年决算数对比增加1.19万元，增长9.92%。其中，因公出国（境）费未发生支出；公务接待费增加1.83万元，增长47.73%，增长的主要原因是为贯彻落实市委经济工作会议精神');
    expect(text).toContain('公务用车运行维护费减少0.65万元，下降7.94%，下降的主要原因是');
    expect(text).toContain('与上年对比减少5.00万元，下降22.80%，下降的主要原因是按2021年预算编制要求');
    expect(text).toContain('备注：涉密部门和涉密信息按保密规定不公开。');
  });

  it('adds the summary of all projects to the 审核用 file, with computed rates, scores and grades', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(`${YX}审核用.xlsx`);
    const values = sheetValues(wb.getWorksheet('项目自评汇总')!);
    const text = values.map((v) => (typeof v === 'object' && v !== null && 'result' in v ? String(v.result) : String(v))).join('|');
    inOrder(text, ['序号', '项目名称', '全年预算数', '全年执行数', '执行率(%)', '执行率得分', '总得分', '自评等级']);
    expect(text).toContain('120|28.95|24.13|2.41|89.51|良'); // P7
  });
});

describe('province layout (云南省工业和信息化厅, seed 002)', () => {
  it('prints 编制单位, the 备注 column, the indicator subtotal row, 总分值/总得分/自评等级 and the two notes', () => {
    const ps = pages(`${GXT}.pdf`).filter((p) => p.includes('项目支出绩效自评表'));
    expect(ps).toHaveLength(26 + 0);
    const q1 = ps[0]!.replace(/\s+/g, '');
    inOrder(q1, ['项目支出绩效自评表', '编制单位：云南省工业和信息化厅', '金额单位：万元', '项目名称', '省级医药储备补助资金', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分', '备注', '221.00', '199.50', '项目支出绩效指标表', '90.00', '90.00', '其他需要说明的事项', '总分值', '总得分', '自评等级', '100.00', '100.00', '优']);
    expect(q1).toContain('总分');
    expect(q1).toContain('备注：1.其他资金：请在“其他需要说明的事项”栏注明资金来源。');
    expect(q1).toContain('4.自评等级：划分为4档，100-90（含）分为优、90-80（含）分为良、80-60（含）分为中、60分以下为差');
    expect(q1).toContain('备注：1.涉密部门和涉密信息按保密规定不公开。');
  });

  it('keeps every table on landscape pages and never cuts a table at the right edge', () => {
    const sizes = execFileSync('pdfinfo', ['-f', '2', '-l', '27', `${GXT}.pdf`], { encoding: 'utf8' });
    expect(sizes.match(/841\.\d+ x 594\.\d+/g)?.length).toBe(26);
  });

  it('XLSX: one sheet per project table, the summary in the 审核用 file, scores as numbers', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(`${GXT}表.xlsx`);
    expect(wb.worksheets).toHaveLength(26);
    const audit = new ExcelJS.Workbook();
    await audit.xlsx.readFile(`${GXT}审核用.xlsx`);
    const values = sheetValues(audit.getWorksheet('项目自评汇总')!);
    expect(values).toContain(100);
    expect(values.filter((v) => typeof v === 'number').length).toBeGreaterThan(26 * 4);
  });
});
