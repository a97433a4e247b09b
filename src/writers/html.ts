// Document → HTML for printing with Chromium. Handlebars escapes every text, so user text can never
// become markup. Layout is print CSS: A4 pages, named landscape pages for wide tables, header rows
// that repeat on each page (a table with header rows inside its body prints as stacked tables, each
// under its own header rows), short rows that never split, long text that wraps in its cell and may
// continue on the next page, no table text under 7 pt, the CJK fonts given in the options, and a
// 草稿 watermark on every page of a draft.
import Handlebars from 'handlebars';
import type { Block, Cell, Column, Document, Orientation, Table } from '../model/document.js';
import { chartSvg } from './chart.js';
import { cellAlign, isNumeric, placedRows, tableParts } from './grid.js';
import { linesNeeded } from './measure.js';

export interface HtmlOptions {
  /** @font-face rules for the fonts below (see writers/fonts.ts). */
  readonly fontFaceCss: string;
  readonly serifFamily: string;
  readonly sansFamily: string;
  /** Narrow figures for the dense tables. */
  readonly numberFamily: string;
}

export const defaultHtmlOptions: HtmlOptions = {
  fontFaceCss: '',
  serifFamily: 'Noto Serif SC',
  sansFamily: 'Noto Sans SC',
  numberFamily: 'Roboto Condensed',
};

const hbs = Handlebars.create();

hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);

const CSS = `
@page { size: A4 portrait; margin: 25mm 24mm 22mm 24mm;
  @bottom-center { content: "— " counter(page) " —"; font-family: var(--serif), serif; font-size: 10.5pt; } }
@page landscape { size: A4 landscape; margin: 14mm 11mm 15mm 11mm; }
@page cover { @bottom-center { content: none; } }
section.cover { page: cover; }
.cover-block { padding-top: 70mm; }
section.cover p.title { font-family: var(--serif); font-weight: 700; font-size: 26pt; text-align: center; line-height: 1.5; }
section.cover p.subtitle { font-family: var(--serif); font-weight: 700; font-size: 22pt; text-align: center; margin-top: 10mm; letter-spacing: 0.1em; }
h1 { font-size: 16pt; text-align: center; margin: 2mm 0 6mm; }
h2 { font-size: 14pt; margin: 5mm 0 2mm; }
h3 { font-family: var(--serif), serif; font-size: 12pt; margin: 3mm 0 1mm; }
h4 { font-family: var(--serif), serif; font-size: 10.5pt; margin: 2mm 0 1mm; }
h1, h2, h3, h4 { break-after: avoid; }
p.body { font-size: 12pt; line-height: 1.75; }
p.list { font-size: 12pt; line-height: 1.75; text-indent: 2em; }
p.caption { text-align: center; font-size: 10.5pt; margin: 1mm 0 4mm; }
mark.placeholder { background: #fff200; color: #c00000; font-weight: 700; }
figure.chart { margin: 3mm auto 0; width: 150mm; break-inside: avoid; }
figure.chart svg { width: 150mm; height: auto; display: block; }
figure.chart figcaption { text-align: center; font-size: 10.5pt; margin: 1mm 0 4mm; }
nav.toc h1 { letter-spacing: 1em; }
nav.toc ol { list-style: none; padding: 0; margin: 0; }
nav.toc li { font-size: 12pt; line-height: 2; }
nav.toc a { display: flex; align-items: baseline; color: inherit; text-decoration: none; }
nav.toc li.l2 { padding-left: 2em; font-size: 11pt; }
nav.toc li.l3 { padding-left: 4em; font-size: 10.5pt; }
nav.toc .dots { flex: 1; border-bottom: 1px dotted #000; margin: 0 2mm; transform: translateY(-0.3em); }
nav.toc .pg { min-width: 2em; text-align: right; }
html { font-family: var(--serif), var(--sans), serif; font-size: 10.5pt; color: #000; }
body { margin: 0; }
section.page { break-before: page; }
section.page:first-of-type { break-before: auto; }
section.landscape { page: landscape; }
h1, h2, h3, h4 { font-family: var(--sans), sans-serif; font-weight: 700; margin: 0; }
p { margin: 0; line-height: 1.6; }
p.body { text-align: justify; text-indent: 2em; }
p.note { font-size: 9pt; line-height: 1.45; margin-top: 2mm; }
p.note + p.note { padding-left: 2em; }
.table-block { }
.table-head { margin-bottom: 2mm; }
h2.table-title { font-family: var(--serif), serif; font-size: 16pt; text-align: center; letter-spacing: 0.05em; }
.table-number { text-align: right; font-size: 10pt; margin-top: 1mm; }
.table-meta { display: flex; justify-content: space-between; font-size: 10pt; margin-top: 1mm; }
table.grid { width: 100%; border-collapse: collapse; table-layout: auto; }
table.grid thead { display: table-header-group; }
table.grid.fixed { table-layout: fixed; }
/* a part of a table under its own header rows: drawn as one table with the part above */
table.grid.part { margin-top: -0.6pt; }
table.grid tr { break-inside: avoid; page-break-inside: avoid; }
/* a row of long text is allowed to continue on the next page rather than leave a page half empty */
table.grid tr.long { break-inside: auto; page-break-inside: auto; }
/* header rows never end a page alone; the last rows never go to a page alone with the notes */
.table-head { break-after: avoid; page-break-after: avoid; }
table.grid tbody tr:first-child, table.grid:last-of-type tbody tr:nth-last-child(-n+3) { break-before: avoid; page-break-before: avoid; }
table.grid th, table.grid td { border: 0.6pt solid #000; padding: 0.6mm 1.2mm; font-size: 9pt; line-height: 1.3; font-weight: 400; overflow-wrap: anywhere; vertical-align: middle; }
table.grid th { text-align: center; font-family: var(--sans), sans-serif; font-weight: 500; }
/* forms of free text (the 绩效自评 tables): a little denser, so a project's table mostly keeps to one page */
table.fixed th, table.fixed td { font-size: 8pt; line-height: 1.25; padding: 0.4mm 1mm; }
table.small th, table.small td { font-size: 7pt; line-height: 1.2; padding: 0.25mm 0.5mm; }
table.small td.num { font-family: var(--num), var(--serif); font-size: 7pt; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.right { text-align: right; }
td.center { text-align: center; }
td.left { text-align: left; }
.spaced { letter-spacing: 0.5em; }
td.bold { font-weight: 700; }
.notes { margin-top: 1mm; break-before: avoid; page-break-before: avoid; break-inside: avoid; page-break-inside: avoid; }
/* a wide table shrinks to fit its page (pdf.ts), never below 7 pt: the wide ones are landscape */
table.fitted th, table.fitted td, table.fitted td.num { font-size: max(var(--fit), 7pt); }
/* still too wide at 7 pt, or a figure wider than its column in a form of fixed widths: the figure
   wraps inside its cell rather than run over its neighbours or off the page */
table.overfull td.num, table.fixed td.num { white-space: normal; }
/* a draft: a large light diagonal 草稿 on every page. A fixed element repeats on each printed page,
   placed from the page area of the first (portrait) page, also on landscape pages: this point,
   in page-area coordinates, lies as near the middle of a portrait page as of a landscape one. */
.draft-mark { position: fixed; left: 109mm; top: 107mm; transform: translate(-50%, -50%) rotate(-35deg); z-index: 10;
  font-family: var(--sans), sans-serif; font-weight: 700; font-size: 130pt; letter-spacing: 0.1em; white-space: nowrap;
  color: rgba(0, 0, 0, 0.14); pointer-events: none; }
`;

const TEMPLATE = hbs.compile(
  `<!DOCTYPE html>
<html lang="{{meta.lang}}">
<head>
<meta charset="utf-8">
<title>{{meta.title}}</title>
<meta name="author" content="{{meta.author}}">
{{#if meta.subject}}<meta name="subject" content="{{meta.subject}}">{{/if}}
<style>{{{fontFaceCss}}}
:root { --serif: '{{serifFamily}}'; --sans: '{{sansFamily}}'; --num: '{{numberFamily}}'; }
{{{css}}}</style>
</head>
<body>
{{#if meta.draft}}<div class="draft-mark" aria-hidden="true">草稿</div>
{{/if}}{{#each sections}}<section class="page {{orientation}}{{#if role}} {{role}}{{/if}}">
{{#if role}}<div class="cover-block">{{/if}}{{#each blocks}}{{> block}}{{/each}}{{#if role}}</div>{{/if}}
</section>
{{/each}}
</body>
</html>`,
);

hbs.registerPartial(
  'block',
  `{{#if (eq type "heading")}}<h{{level}} id="{{id}}">{{text}}</h{{level}}>
{{else if (eq type "paragraph")}}<p class="{{style}}"{{#if align}} style="text-align:{{align}}"{{/if}}>{{#if runs}}{{#each runs}}{{#if mark}}<mark class="{{mark}}">{{text}}</mark>{{else}}{{text}}{{/if}}{{/each}}{{else}}{{text}}{{/if}}</p>
{{else if (eq type "pageBreak")}}<div style="break-after: page"></div>
{{else if (eq type "chart")}}<figure class="chart" id="{{id}}">{{{svg}}}<figcaption>{{caption}}</figcaption></figure>
{{else if (eq type "contents")}}<nav class="toc"><h1>{{title}}</h1><ol>{{#each entries}}<li class="l{{level}}"><a href="#{{id}}"><span class="t">{{text}}</span><span class="dots"></span><span class="pg" data-for="{{id}}"></span></a></li>{{/each}}</ol></nav>
{{else if (eq type "table")}}{{> table}}{{/if}}`,
);

hbs.registerPartial(
  'table',
  `<div class="table-block" id="{{id}}">
<div class="table-head">
<h2 class="table-title" id="{{id}}-title">{{caption.title}}</h2>
{{#if caption.number}}<div class="table-number">{{caption.number}}</div>{{/if}}
<div class="table-meta"><span>{{caption.left}}</span><span>{{caption.right}}</span></div>
</div>
{{#each parts}}<table class="grid {{../density}}{{#if (eq ../layout "fixed")}} fixed{{/if}}{{#unless @first}} part{{/unless}}">
<colgroup>{{#each ../colWidths}}<col style="width:{{this}}%">{{/each}}</colgroup>
{{#if head.length}}<thead>{{#each head}}<tr>{{#each cells}}<th{{> spans}}>{{#if spaced}}<span class="spaced">{{text}}</span>{{else}}{{text}}{{/if}}</th>{{/each}}</tr>
{{/each}}</thead>
{{/if}}<tbody>{{#each body}}<tr{{#if long}} class="long"{{/if}}>{{#each cells}}<td class="{{cls}}"{{> spans}}{{#if indent}} style="padding-left:{{indent}}em"{{/if}}>{{#if runs}}{{#each runs}}{{#if mark}}<mark class="{{mark}}">{{text}}</mark>{{else}}{{text}}{{/if}}{{/each}}{{else if spaced}}<span class="spaced">{{text}}</span>{{else}}{{text}}{{/if}}</td>{{/each}}</tr>
{{/each}}</tbody>
</table>
{{/each}}
<div class="notes">{{#each notes}}<p class="note">{{this}}</p>{{/each}}{{#if emptyNote}}<p class="note">{{emptyNote}}</p>{{/if}}</div>
</div>`,
);

hbs.registerPartial('spans', `{{#if colSpan}} colspan="{{colSpan}}"{{/if}}{{#if rowSpan}} rowspan="{{rowSpan}}"{{/if}}`);

/** Figures right-aligned on one line (`num`); text aligned as grid.ts decides, wrapping in its cell. */
function cellClass(cell: Cell, column: Column | undefined): string {
  const align = cellAlign(cell, column);
  return [isNumeric(cell) && align === 'right' ? 'num' : align, cell.bold ? 'bold' : ''].filter(Boolean).join(' ');
}

/** The printable area of a page, in millimetres (the @page margins above). */
const PAGE_AREA = { portrait: { width: 162, height: 250 }, landscape: { width: 275, height: 181 } } as const;
const PT = 25.4 / 72;

/**
 * Whether a row holds text so long that keeping it in one piece would leave much of a page empty
 * (or could not fit a page at all): such a row may continue on the next page.
 */
function isLongRow(cells: readonly { cell: Cell; col: number; colSpan: number }[], widths: readonly number[], orientation: Orientation, size: number): boolean {
  const area = PAGE_AREA[orientation];
  return cells.some(({ cell, col, colSpan }) => {
    if (isNumeric(cell) || cell.text.length < 40) return false;
    const mm = (widths.slice(col, col + colSpan).reduce((s, w) => s + w, 0) / 100) * area.width - 2.4;
    const lines = linesNeeded(cell.text, mm / (size * PT), 'serif');
    return lines * size * 1.3 * PT > area.height * 0.3;
  });
}

/** Per-cell view data: the grid column a body cell starts in decides its default alignment. */
function tableView(t: Table, orientation: Orientation) {
  const total = t.columns.reduce((s, c) => s + c.width, 0);
  const widths = t.columns.map((c) => (c.width / total) * 100);
  const size = t.density === 'small' ? 7 : t.layout === 'fixed' ? 8 : 9;
  return {
    ...t,
    colWidths: widths.map((w) => w.toFixed(3)),
    // header rows of a part span only header rows (thead), so the body is placed on its own
    parts: tableParts(t).map((part) => ({
      head: part.head,
      body: placedRows(part.body).map(({ cells }) => ({
        long: isLongRow(cells, widths, orientation, size),
        cells: cells.map((p) => ({ ...p.cell, cls: cellClass(p.cell, t.columns[p.col]) })),
      })),
    })),
  };
}

/** Entries of the contents page: every heading up to the depth, and every table by its outline text (公开05表 …), in document order. */
function contentsEntries(doc: Document, depth: number) {
  // every table with an outline entry is listed under its part, one level below the part's heading
  let partLevel = 1;
  return doc.sections
    .flatMap((s) => s.blocks)
    .flatMap((b) => {
      if (b.type === 'heading') {
        partLevel = b.level;
        return b.level <= depth ? [{ level: b.level, text: b.text, id: b.id }] : [];
      }
      if (b.type === 'table' && b.outline) {
        const level = Math.min(partLevel + 1, depth);
        return [{ level, text: b.outline, id: `${b.id}-title` }];
      }
      return [];
    });
}

function blockView(b: Block, orientation: Orientation, doc: Document, options: HtmlOptions) {
  switch (b.type) {
    case 'table':
      return tableView(b, orientation);
    case 'chart':
      return { ...b, svg: chartSvg(b, options.sansFamily) };
    case 'contents':
      return { ...b, entries: contentsEntries(doc, b.depth) };
    default:
      return b;
  }
}

/** The document as one HTML page for Chromium to print (pdf.ts): (Document, options) → text. */
export function writeHtml(doc: Document, options: HtmlOptions = defaultHtmlOptions): string {
  return TEMPLATE({
    meta: doc.meta,
    fontFaceCss: options.fontFaceCss,
    serifFamily: options.serifFamily,
    sansFamily: options.sansFamily,
    numberFamily: options.numberFamily,
    css: CSS,
    sections: doc.sections.map((s) => ({ orientation: s.orientation, role: s.role, blocks: s.blocks.map((b) => blockView(b, s.orientation, doc, options)) })),
  });
}
