// The narrative templates produce a small line markup, one block per line, which this module turns
// into Document blocks. Every line starts with a directive, so no free text can be mistaken for one:
//   H1 … H4 <text>    heading           P <text>    body paragraph     L <text>  list line
//   N <text>          note              C <text>    centred caption    T <text> / S <text>  title / subtitle
//   R <text>          right-aligned line (table number)
//   CHART <id>        a chart of the model           TABLES            the 公开表 sections
//   EVALUATION        the 绩效自评 materials          CONTENTS          the table of contents
//   BREAK             page break
//   ANNEXES           the annexes the profile declares (附件; compose/annex)
//   TABLE <id>        inside an annex template: a table of the annex (TABLE scoreSheet)
// Inside a text, a placeholder for something the department must still supply is written with
// private-use characters (fillIn below), which no user text can contain (view.ts strips them), so
// text a user types with brackets is printed as typed.
import type { Block, Paragraph, Run } from '../../model/document.js';
import { fillInDescription } from '../../model/explanations.js';
import type { NumberStyle } from '../profile.js';

/** The line directives, the first word of every line the templates write. */
export const DIRECTIVES: readonly string[] = ['H1', 'H2', 'H3', 'H4', 'P', 'L', 'N', 'C', 'R', 'T', 'S', 'CHART', 'TABLES', 'EVALUATION', 'CONTENTS', 'BREAK', 'ANNEXES', 'TABLE'];

const FILL_OPEN = '\uE000';
const FILL_SEP = '\uE001';
const FILL_CLOSE = '\uE002';
/** The private-use characters of the placeholder markup; removed from every user text. */
export const MARKUP_CHARS = /[\uE000-\uE002]/gu;

/** The placeholder of input path `field`: “请填写收、支总计变动原因（第二部分 一）” in a draft (`prefix`: the profile's placeholderPrefix). */
export function fillIn(field: string, prefix = '请填写'): string {
  return `${FILL_OPEN}${field}${FILL_SEP}${prefix}${fillInDescription(field)}${FILL_CLOSE}`;
}

export type MarkupItem =
  | Block
  | { readonly type: 'tables' }
  | { readonly type: 'evaluation' }
  | { readonly type: 'chartRef'; readonly id: string }
  | { readonly type: 'annexes' }
  | { readonly type: 'tableRef'; readonly id: string };

/** The directives that stand for something composed elsewhere (公开表, 自评, charts, annexes, an annex's table). */
const PLACED = new Set(['tables', 'evaluation', 'chartRef', 'annexes', 'tableRef']);

/** Whether a markup item is a block printed as it is (a heading, paragraph …), not a directive placed by the composer. */
export function isPrintedBlock(item: MarkupItem): item is Block {
  return !PLACED.has(item.type);
}

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

/** A line of the markup that starts with no directive; `line` is its number in the markup (1-based). */
export class MarkupError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly text: string,
  ) {
    super(message);
  }
}

const CHINESE_DIGITS = '零一二三四五六七八九';

/** 1–99 in Chinese numerals: 一, 十, 十一, 二十三. */
function chineseNumber(n: number): string {
  if (n < 10) return CHINESE_DIGITS[n]!;
  const ones = n % 10;
  const tens = (n - ones) / 10;
  return `${tens === 1 ? '' : CHINESE_DIGITS[tens]}十${ones ? CHINESE_DIGITS[ones] : ''}`;
}

function fromChinese(s: string): number | undefined {
  const m = /^([一二三四五六七八九]?)(十?)([一二三四五六七八九]?)$/.exec(s);
  if (!m || s === '') return undefined;
  const [, a, ten, b] = m;
  if (!ten) return a && !b ? CHINESE_DIGITS.indexOf(a) : undefined;
  return (a ? CHINESE_DIGITS.indexOf(a) : 1) * 10 + (b ? CHINESE_DIGITS.indexOf(b) : 0);
}

const NUMBER_FORMS: readonly { readonly style: NumberStyle; readonly re: RegExp; readonly read: (s: string) => number | undefined }[] = [
  { style: '一、', re: /^([一二三四五六七八九十]+)、/u, read: fromChinese },
  { style: '（一）', re: /^（([一二三四五六七八九十]+)）/u, read: fromChinese },
  { style: '1.', re: /^(\d{1,2})[.．](?!\d)/u, read: Number },
  { style: '1、', re: /^(\d{1,2})、/u, read: Number },
  { style: '（1）', re: /^（(\d{1,2})）/u, read: Number },
];

function formatNumber(n: number, style: NumberStyle): string {
  switch (style) {
    case '一、':
      return `${chineseNumber(n)}、`;
    case '（一）':
      return `（${chineseNumber(n)}）`;
    case '1.':
      return `${n}.`;
    case '1、':
      return `${n}、`;
    case '（1）':
      return `（${n}）`;
  }
}

/** A heading's leading number rewritten from the style the template wrote to the one the profile prints. */
export function renumber(text: string, styles: Readonly<Partial<Record<NumberStyle, NumberStyle>>>): string {
  for (const form of NUMBER_FORMS) {
    const target = styles[form.style];
    const m = target ? form.re.exec(text) : null;
    const n = m ? form.read(m[1]!) : undefined;
    if (m && n !== undefined) return `${formatNumber(n, target!)}${text.slice(m[0].length)}`;
  }
  return text;
}

/** How the markup is read: the profile's heading number styles. */
export interface MarkupOptions {
  readonly headingNumbers?: Readonly<Partial<Record<NumberStyle, NumberStyle>>>;
}

export function parseMarkup(markup: string, idPrefix: string, options: MarkupOptions = {}): MarkupItem[] {
  const items: MarkupItem[] = [];
  let headings = 0;
  const lines = markup.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!.trim();
    if (line === '') continue;
    const space = line.indexOf(' ');
    const directive = space < 0 ? line : line.slice(0, space);
    const text = space < 0 ? '' : line.slice(space + 1).trim();
    switch (directive) {
      case 'H1':
        items.push({ type: 'heading', level: 1, text, id: `${idPrefix}-${++headings}` });
        break;
      case 'H2':
      case 'H3':
      case 'H4':
        items.push({ type: 'heading', level: Number(directive[1]) as 2 | 3 | 4, text: options.headingNumbers ? renumber(text, options.headingNumbers) : text, id: `${idPrefix}-${++headings}` });
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
      case 'ANNEXES':
        items.push({ type: 'annexes' });
        break;
      case 'TABLE':
        items.push({ type: 'tableRef', id: text });
        break;
      default: {
        const shown = line.replace(MARKUP_CHARS, '').slice(0, 40);
        throw new MarkupError(`模板输出的第${n + 1}行“${shown}”不以行指令开头（每行应以 ${DIRECTIVES.join('、')} 之一开头）`, n + 1, line);
      }
    }
  }
  return items;
}
