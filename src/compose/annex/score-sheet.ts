// The 项目支出绩效评价得分表 (evaluation.md §5, seed 004 L983–L1117) as a Table of the document tree,
// so that the PDF, DOCX and XLSX writers print it like every other table. Five columns: 一级指标,
// 二级指标, 三级指标, 分值, 得分; 一级 and 二级 cells span their rows; the last row is 总分 with 分.
// The figures come from derive/annexes.ts (scoreSheet); here they are only laid out.
import type { Cell, Row, Table } from '../../model/document.js';
import type { ScoreSheet } from '../../derive/annexes.js';

const text = (t: string, extra: Partial<Cell> = {}): Cell => ({ text: t, kind: 'text', align: 'center', ...extra });
const bold = (t: string, extra: Partial<Cell> = {}): Cell => text(t, { bold: true, ...extra });
/** A 分值 or 得分: a number cell ('' for an optional row not chosen). */
const points = (t: string): Cell => (t === '' ? text('') : { text: t, value: t, kind: 'count', align: 'center' });

/**
 * The 得分表 of one project; `title` is its caption ({Y}年项目支出绩效评价得分表), `id` unique in the
 * document, `prefix` starts the XLSX sheet's name (附件2 → 附件2得分表).
 */
export function scoreSheetTable(sheet: ScoreSheet, title: string, id: string, prefix = ''): Table {
  const head: Row[] = [
    { cells: [bold('单位名称/项目名称'), text(sheet.unitProject, { colSpan: 4 })] },
    { cells: [bold('一级指标'), bold('二级指标'), bold('三级指标'), bold('分值'), bold('得分')] },
  ];
  const body: Row[] = sheet.rows.map((r) => ({
    cells: [
      ...(r.level1 ? [text(r.level1.label, r.level1.span > 1 ? { rowSpan: r.level1.span } : {})] : []),
      ...(r.level2 ? [text(r.level2.label, r.level2.span > 1 ? { rowSpan: r.level2.span } : {})] : []),
      text(r.name, { align: 'left' }),
      points(r.weight),
      points(r.score),
    ],
  }));
  body.push({ cells: [bold('总分', { colSpan: 3 }), { text: `${sheet.totalText}分`, value: sheet.total.toString(), kind: 'count', align: 'center', colSpan: 2, bold: true }] });
  return {
    type: 'table',
    id,
    label: `${prefix}得分表`,
    outline: `${title} ${sheet.unitProject}`,
    caption: { title },
    columns: [
      { width: 16, align: 'center' },
      { width: 16, align: 'center' },
      { width: 30, align: 'left' },
      { width: 9, align: 'center' },
      { width: 9, align: 'center' },
    ],
    head,
    body,
    notes: [],
    layout: 'fixed',
  };
}
