// The narrative templates produce a small line markup, one block per line, which this module turns
// into Document blocks. Every line starts with a directive, so no free text can be mistaken for one:
//   H1 … H4 <text>    heading           P <text>    body paragraph     L <text>  list line
//   N <text>          note              C <text>    centred caption    T <text> / S <text>  title / subtitle
//   R <text>          right-aligned line (table number)
//   CHART <id>        a chart of the model           TABLES            the 公开表 sections
//   EVALUATION        the 绩效自评 materials          CONTENTS          the table of contents
//   BREAK             page break
// Inside a text, a placeholder for something the department must still supply is written with
// private-use characters (fillIn below), which no user text can contain (view.ts strips them), so
// text a user types with brackets is printed as typed.
import type { Block, Paragraph, Run } from '../../model/document.js';
import { fillInDescription } from '../../model/explanations.js';

const FILL_OPEN = '\uE000';
const FILL_SEP = '\uE001';
const FILL_CLOSE = '\uE002';
/** The private-use characters of the placeholder markup; removed from every user text. */
export const MARKUP_CHARS = /[\uE000-\uE002]/gu;

/** The placeholder of input path `field`: “请填写收、支总计变动原因（第二部分 一）” in a draft. */
export function fillIn(field: string): string {
  return `${FILL_OPEN}${field}${FILL_SEP}请填写${fillInDescription(field)}${FILL_CLOSE}`;
}

export type MarkupItem = Block | { readonly type: 'tables' } | { readonly type: 'evaluation' } | { readonly type: 'chartRef'; readonly id: string };

function runs(text: string): Run[] | undefined {
  if (!text.includes(FILL_OPEN)) return undefined;
  const out: Run[] = [];
  const re = /\uE000([^\uE001]*)\uE001([^\uE002]*)\uE002/gu;
  let last = 0;
  for (const m of text.matchAll(re)) {
    if (m.index! > last) out.push({ text: text.slice(last, m.index) });
    out.push({ text: m[2]!, mark: 'placeholder', field: m[1]! });
    last = m.index! + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}

function paragraph(style: Paragraph['style'], text: string, align?: Paragraph['align']): Paragraph {
  const r = runs(text);
  return { type: 'paragraph', style, text: r ? r.map((x) => x.text).join('') : text, ...(r ? { runs: r } : {}), ...(align ? { align } : {}) };
}

export class MarkupError extends Error {}

export function parseMarkup(markup: string, idPrefix: string): MarkupItem[] {
  const items: MarkupItem[] = [];
  let headings = 0;
  for (const raw of markup.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const space = line.indexOf(' ');
    const directive = space < 0 ? line : line.slice(0, space);
    const text = space < 0 ? '' : line.slice(space + 1).trim();
    switch (directive) {
      case 'H1':
      case 'H2':
      case 'H3':
      case 'H4':
        items.push({ type: 'heading', level: Number(directive[1]) as 1 | 2 | 3 | 4, text, id: `${idPrefix}-${++headings}` });
        break;
      case 'P':
        if (text) items.push(paragraph('body', text));
        break;
      case 'L':
        if (text) items.push(paragraph('list', text));
        break;
      case 'N':
        if (text) items.push(paragraph('note', text));
        break;
      case 'C':
        items.push(paragraph('caption', text, 'center'));
        break;
      case 'R':
        items.push(paragraph('caption', text, 'right'));
        break;
      case 'EVALUATION':
        items.push({ type: 'evaluation' });
        break;
      case 'T':
        items.push(paragraph('title', text, 'center'));
        break;
      case 'S':
        items.push(paragraph('subtitle', text, 'center'));
        break;
      case 'CHART':
        items.push({ type: 'chartRef', id: text });
        break;
      case 'TABLES':
        items.push({ type: 'tables' });
        break;
      case 'CONTENTS':
        items.push({ type: 'contents', title: text || '目录', depth: 2 });
        break;
      case 'BREAK':
        items.push({ type: 'pageBreak' });
        break;
      default:
        throw new MarkupError(`模板输出了不认识的行：“${line.slice(0, 40)}”（每行应以 H1–H4、P、L、N、C、R、T、S、CHART、TABLES、EVALUATION、CONTENTS 或 BREAK 开头）`);
    }
  }
  return items;
}
