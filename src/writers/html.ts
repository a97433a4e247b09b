// Document → HTML for printing with Chromium. Handlebars escapes every text, so user text can never
// become markup. Layout is print CSS: A4 pages, named landscape pages for wide tables, header rows
// that repeat on each page, rows that never split, the CJK fonts given in the options.
import Handlebars from 'handlebars';
import type { Block, Cell, Document, Table } from '../model/document.js';

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
@page { size: A4 portrait; margin: 22mm 18mm 20mm 18mm; }
@page landscape { size: A4 landscape; margin: 14mm 11mm 15mm 11mm; }
html { font-family: var(--serif), var(--sans), serif; font-size: 10.5pt; color: #000; }
body { margin: 0; }
section.page { break-before: page; }
section.page:first-of-type { break-before: auto; }
section.landscape { page: landscape; }
h1, h2, h3, h4 { font-family: var(--sans), sans-serif; font-weight: 700; margin: 0; }
p { margin: 0; line-height: 1.6; }
p.body { text-align: justify; text-indent: 2em; }
p.note { font-size: 9pt; line-height: 1.45; margin-top: 2mm; }
p.title { font-family: var(--serif); font-weight: 700; font-size: 22pt; text-align: center; }
.table-block { }
.table-head { margin-bottom: 2mm; }
h2.table-title { font-family: var(--serif), serif; font-size: 16pt; text-align: center; letter-spacing: 0.05em; }
.table-number { text-align: right; font-size: 10pt; margin-top: 1mm; }
.table-meta { display: flex; justify-content: space-between; font-size: 10pt; margin-top: 1mm; }
table.grid { width: 100%; border-collapse: collapse; table-layout: auto; }
table.grid thead { display: table-header-group; }
table.grid tr { break-inside: avoid; page-break-inside: avoid; }
table.grid th, table.grid td { border: 0.6pt solid #000; padding: 0.6mm 1.2mm; font-size: 9pt; line-height: 1.3; font-weight: 400; overflow-wrap: anywhere; vertical-align: middle; }
table.grid th { text-align: center; font-family: var(--sans), sans-serif; font-weight: 500; }
table.small th, table.small td { font-size: 7pt; line-height: 1.2; padding: 0.25mm 0.5mm; }
table.small td.num { font-family: var(--num), var(--serif); font-size: 7pt; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.center { text-align: center; }
td.left { text-align: left; }
.spaced { letter-spacing: 0.5em; }
td.bold { font-weight: 700; }
.notes { margin-top: 1mm; }
table.fitted th, table.fitted td, table.fitted td.num { font-size: var(--fit); }
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
{{#each sections}}<section class="page {{orientation}}">
{{#each blocks}}{{> block}}{{/each}}
</section>
{{/each}}
</body>
</html>`,
);

hbs.registerPartial(
  'block',
  `{{#if (eq type "heading")}}<h{{level}} id="{{id}}">{{text}}</h{{level}}>
{{else if (eq type "paragraph")}}<p class="{{style}}"{{#if align}} style="text-align:{{align}}"{{/if}}>{{text}}</p>
{{else if (eq type "pageBreak")}}<div style="break-after: page"></div>
{{else if (eq type "table")}}{{> table}}{{/if}}`,
);

hbs.registerPartial(
  'table',
  `<div class="table-block" id="{{id}}">
<div class="table-head">
<h2 class="table-title">{{caption.title}}</h2>
{{#if caption.number}}<div class="table-number">{{caption.number}}</div>{{/if}}
<div class="table-meta"><span>{{caption.left}}</span><span>{{caption.right}}</span></div>
</div>
<table class="grid {{density}}">
<colgroup>{{#each colWidths}}<col style="width:{{this}}%">{{/each}}</colgroup>
<thead>{{#each head}}<tr>{{#each cells}}<th{{> spans}}>{{#if spaced}}<span class="spaced">{{text}}</span>{{else}}{{text}}{{/if}}</th>{{/each}}</tr>
{{/each}}</thead>
<tbody>{{#each body}}<tr>{{#each cells}}<td class="{{cls}}"{{> spans}}{{#if indent}} style="padding-left:{{indent}}em"{{/if}}>{{#if spaced}}<span class="spaced">{{text}}</span>{{else}}{{text}}{{/if}}</td>{{/each}}</tr>
{{/each}}</tbody>
</table>
<div class="notes">{{#each notes}}<p class="note">{{this}}</p>{{/each}}{{#if emptyNote}}<p class="note">{{emptyNote}}</p>{{/if}}</div>
</div>`,
);

hbs.registerPartial('spans', `{{#if colSpan}} colspan="{{colSpan}}"{{/if}}{{#if rowSpan}} rowspan="{{rowSpan}}"{{/if}}`);

function cellClass(cell: Cell, columnAlign: string): string {
  const align = cell.align ?? (cell.kind === 'amount' || cell.kind === 'count' ? 'right' : columnAlign);
  return [align === 'right' ? 'num' : align, cell.bold ? 'bold' : ''].filter(Boolean).join(' ');
}

/** Per-cell view data: the column a body cell starts in decides its default alignment. */
function tableView(t: Table) {
  const total = t.columns.reduce((s, c) => s + c.width, 0);
  return {
    ...t,
    colWidths: t.columns.map((c) => ((c.width / total) * 100).toFixed(3)),
    body: t.body.map((row) => {
      let col = 0;
      return {
        cells: row.cells.map((cell) => {
          const view = { ...cell, cls: cellClass(cell, t.columns[col]?.align ?? 'left') };
          col += cell.colSpan ?? 1;
          return view;
        }),
      };
    }),
  };
}

function blockView(b: Block) {
  return b.type === 'table' ? tableView(b) : b;
}

export function writeHtml(doc: Document, options: HtmlOptions = defaultHtmlOptions): string {
  return TEMPLATE({
    meta: doc.meta,
    fontFaceCss: options.fontFaceCss,
    serifFamily: options.serifFamily,
    sansFamily: options.sansFamily,
    numberFamily: options.numberFamily,
    css: CSS,
    sections: doc.sections.map((s) => ({ orientation: s.orientation, blocks: s.blocks.map(blockView) })),
  });
}
