// 部门整体支出绩效自评情况 in the 2024 layout (公开13表, tables.md §2.13, narrative.md B.1): the same
// headed text as 2021, laid out as a three-column grid — part heading (merged down over its
// sub-rows) | sub-heading | text; a part without sub-headings spans its text over columns 2–3. The
// wording stays in the template (evaluationReport2024.hbs); here its headings and paragraphs are
// only placed into cells.
import type { Block, Cell, Paragraph, Row, Run, Table } from '../../model/document.js';

const cell = (text: string, align: Cell['align'], extra: Partial<Cell> = {}): Cell => ({ text, kind: 'text', align, ...extra });

/**
 * The paragraphs of one cell joined by line breaks, `无` when there are none; their runs kept when
 * one holds a placeholder (text the department has not supplied), so that it is found (fillIns).
 */
function textCell(paragraphs: readonly Paragraph[]): Cell {
  if (paragraphs.length === 0) return cell('无', 'left');
  const text = paragraphs.map((p) => p.text).join('\n');
  if (!paragraphs.some((p) => p.runs?.some((r) => r.mark === 'placeholder'))) return cell(text, 'left');
  const runs: Run[] = paragraphs.flatMap((p, i) => [...(i ? [{ text: '\n' }] : []), ...(p.runs ?? [{ text: p.text }])]);
  return cell(text, 'left', { runs });
}

interface Part {
  readonly heading: string;
  /** Sub-rows: a sub-heading (absent for a part without one) and its paragraphs. */
  readonly rows: { readonly sub?: string; readonly texts: Paragraph[] }[];
}

/**
 * The grid of the report's blocks (H2 title, H3 part, H4 sub-heading, paragraphs, notes): one row
 * per sub-heading, or one per part without any. A cell whose template printed nothing prints `无`
 * (narrative.md B.1: never a blank cell). Paragraphs of one cell are joined by a line break.
 * `number` is the printed table number (公开13表), `department` the name in the header line.
 */
export function reportGrid(blocks: readonly Block[], number: string | undefined, department: string): Table {
  let title = '';
  const parts: Part[] = [];
  const notes: string[] = [];
  for (const b of blocks) {
    if (b.type === 'heading' && b.level <= 2) title = b.text;
    else if (b.type === 'heading' && b.level === 3) parts.push({ heading: b.text, rows: [] });
    else if (b.type === 'heading' && b.level === 4) parts.at(-1)?.rows.push({ sub: b.text, texts: [] });
    else if (b.type === 'paragraph' && b.style === 'note') notes.push(b.text);
    else if (b.type === 'paragraph' && (b.style === 'body' || b.style === 'list')) {
      const part = parts.at(-1);
      if (!part) continue;
      if (part.rows.length === 0) part.rows.push({ texts: [] });
      part.rows.at(-1)!.texts.push(b);
    }
  }
  const body: Row[] = [];
  for (const part of parts) {
    const rows = part.rows.length ? part.rows : [{ texts: [] }];
    rows.forEach((r, i) => {
      const text = textCell(r.texts);
      const cells: Cell[] = i === 0 ? [cell(part.heading, 'left', rows.length > 1 ? { rowSpan: rows.length } : {})] : [];
      if (r.sub === undefined) cells.push({ ...text, colSpan: 2 });
      else cells.push(cell(r.sub, 'left'), text);
      body.push({ cells });
    });
  }
  return {
    type: 'table',
    id: 'evaluation-report',
    label: number ?? '部门整体支出绩效自评情况',
    outline: `${number ? `${number} ` : ''}${title}`,
    caption: { title, ...(number ? { number } : {}), left: `部门：${department}`, right: '金额单位：万元' },
    columns: [
      { width: 16, align: 'left' },
      { width: 18, align: 'left' },
      { width: 66, align: 'left' },
    ],
    head: [],
    body,
    notes,
    density: 'normal',
    layout: 'fixed',
  };
}
