// Document → DOCX with the `docx` package: real Word tables (merged header cells, header rows that
// repeat, short rows that cannot split, amounts right-aligned in columns at least as wide as the
// widest figure), one Word section per orientation change, named styles (document defaults and
// Normal with the East Asian font, Heading 1–4, TOC 1–3, table title/notes, a table style) so no
// Chinese text falls back to a theme font, and a 草稿 watermark in the header of every section of a
// draft.
import * as docx from 'docx';
import { TextWatermark } from 'docx/watermarks';
import type { Block, Cell, Chart, Document, Paragraph as ParagraphNode, Row, Section, Table } from '../model/document.js';
import { CHART_SIZE } from './chart.js';
import { cellAlign, isNumeric, placeRows, placedRows, tableParts, type Placed } from './grid.js';
import { linesNeeded, unbreakableWidth, type LatinFace } from './measure.js';
import { datePackage } from './package-dates.js';

export interface DocxOptions {
  /** East Asian fonts as Word knows them on a Chinese Windows. */
  readonly bodyFont: string;
  readonly headingFont: string;
  /** Latin fonts for figures; the narrow one for the 16-column tables. */
  readonly latinFont: string;
  readonly narrowFont: string;
  /** Draws a chart as PNG (writers/chart.ts ChartRasterizer); without it charts are left out. */
  readonly chartPng?: (chart: Chart) => Uint8Array;
}

export const defaultDocxOptions: DocxOptions = {
  bodyFont: '宋体',
  headingFont: '黑体',
  latinFont: 'Times New Roman',
  narrowFont: 'Arial Narrow',
};

const MM = 56.7; // twips per millimetre
const A4 = { width: Math.round(210 * MM), height: Math.round(297 * MM) };
const MARGINS = {
  portrait: { top: Math.round(22 * MM), bottom: Math.round(20 * MM), left: Math.round(18 * MM), right: Math.round(18 * MM) },
  landscape: { top: Math.round(14 * MM), bottom: Math.round(15 * MM), left: Math.round(11 * MM), right: Math.round(11 * MM) },
};
const TABLE_STYLE_ID = 'JuesuanGrid';
/** Table text in points: 9 pt, forms of free text (layout 'fixed') 8 pt, the dense tables 7 pt (never smaller). */
const TABLE_SIZE = { normal: 9, form: 8, small: 7 } as const;
type TableText = keyof typeof TABLE_SIZE;
const TABLE_TEXT_STYLE = { normal: 'TableText', form: 'TableTextForm', small: 'TableTextSmall' } as const;

function tableText(t: Table): TableText {
  return t.density === 'small' ? 'small' : t.layout === 'fixed' ? 'form' : 'normal';
}
/** Line height of table text, in twips: 1.3 times the type size. */
const lineTwips = (size: number) => Math.round(size * 20 * 1.3);
/** Left and right cell margin of the table style, in twips. */
const CELL_MARGIN = 45;
/** Letter spacing of the spaced labels (项目, 栏次), in twips per character. */
const SPACED = 80;

function usableWidth(orientation: Section['orientation']): number {
  const m = MARGINS[orientation];
  return (orientation === 'portrait' ? A4.width : A4.height) - m.left - m.right;
}

function usableHeight(orientation: Section['orientation']): number {
  const m = MARGINS[orientation];
  return (orientation === 'portrait' ? A4.height : A4.width) - m.top - m.bottom;
}

function fonts(o: DocxOptions, eastAsia: string, latin = o.latinFont) {
  return { ascii: latin, hAnsi: latin, eastAsia, cs: latin };
}

/**
 * A table style of single thin borders everywhere (Word: 表格样式 “JuesuanGrid”), as a styles part of
 * its own: given as the document's external styles, it joins docx's default styles (document
 * defaults, Normal, TOC 1–9) instead of replacing them.
 */
function tableStylesXml(): string {
  const b = (side: string) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`;
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="table" w:styleId="${TABLE_STYLE_ID}"><w:name w:val="Juesuan Grid"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:tblPr><w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(b).join('')}</w:tblBorders><w:tblCellMar><w:top w:w="17" w:type="dxa"/><w:left w:w="${CELL_MARGIN}" w:type="dxa"/><w:bottom w:w="17" w:type="dxa"/><w:right w:w="${CELL_MARGIN}" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>`;
}

/**
 * The styles: document defaults and Normal carry the body font for East Asian text, so every run
 * without a font of its own (table numbers, 部门/金额单位 lines, notes, contents entries, page
 * numbers) is still set in it rather than in a theme font.
 */
function styles(o: DocxOptions): docx.IStylesOptions {
  const heading = (id: string, name: string, size: number, align: (typeof docx.AlignmentType)[keyof typeof docx.AlignmentType], before: number) => ({
    id,
    name,
    basedOn: 'Normal',
    next: 'Normal',
    quickFormat: true,
    run: { font: fonts(o, o.headingFont), size, bold: true },
    paragraph: { alignment: align, spacing: { before, after: 120 }, keepNext: true },
  });
  const toc = (level: 1 | 2 | 3, size: number) => ({
    id: `TOC${level}`,
    name: `toc ${level}`,
    basedOn: 'Normal',
    next: 'Normal',
    run: { font: fonts(o, o.bodyFont), size },
    paragraph: { indent: { left: (level - 1) * 480 }, spacing: { line: 400, before: 0, after: 0 } },
  });
  const defaults = { document: { run: { font: fonts(o, o.bodyFont), size: 21 }, paragraph: { spacing: { line: 360 } } } };
  return {
    default: defaults,
    paragraphStyles: [
      { id: 'Normal', name: 'Normal', quickFormat: true, run: { font: fonts(o, o.bodyFont), size: 21 }, paragraph: { spacing: { line: 360 } } },
      toc(1, 24),
      toc(2, 22),
      toc(3, 21),
      heading('Heading1', 'heading 1', 32, docx.AlignmentType.CENTER, 240),
      heading('Heading2', 'heading 2', 28, docx.AlignmentType.LEFT, 240),
      heading('Heading3', 'heading 3', 24, docx.AlignmentType.LEFT, 120),
      heading('Heading4', 'heading 4', 24, docx.AlignmentType.LEFT, 120),
      { ...heading('TableTitle', 'Table Title', 32, docx.AlignmentType.CENTER, 0), basedOn: 'Heading2', run: { font: fonts(o, o.bodyFont), size: 32, bold: true } },
      { id: 'TableNumber', name: 'Table Number', basedOn: 'Normal', run: { font: fonts(o, o.bodyFont), size: 20 }, paragraph: { alignment: docx.AlignmentType.RIGHT, keepNext: true, spacing: { line: 240, after: 0 } } },
      {
        id: 'TableMeta',
        name: 'Table Meta',
        basedOn: 'Normal',
        run: { font: fonts(o, o.bodyFont), size: 20 },
        paragraph: { keepNext: true, spacing: { line: 240, after: 60 } },
      },
      // exact line heights: rows as tall as rowHeight() reckons, whatever the font's own leading
      { id: 'TableText', name: 'Table Text', basedOn: 'Normal', run: { font: fonts(o, o.bodyFont), size: TABLE_SIZE.normal * 2 }, paragraph: { spacing: { line: lineTwips(TABLE_SIZE.normal), lineRule: docx.LineRuleType.EXACT, before: 0, after: 0 } } },
      { id: 'TableTextForm', name: 'Table Text Form', basedOn: 'TableText', run: { size: TABLE_SIZE.form * 2 }, paragraph: { spacing: { line: lineTwips(TABLE_SIZE.form), lineRule: docx.LineRuleType.EXACT, before: 0, after: 0 } } },
      { id: 'TableTextSmall', name: 'Table Text Small', basedOn: 'TableText', run: { size: TABLE_SIZE.small * 2 }, paragraph: { spacing: { line: lineTwips(TABLE_SIZE.small), lineRule: docx.LineRuleType.EXACT, before: 0, after: 0 } } },
      // between two parts of one table (each with its own header rows): as thin as Word allows
      { id: 'TableJoin', name: 'Table Join', basedOn: 'Normal', run: { size: 2 }, paragraph: { keepNext: true, spacing: { line: 20, lineRule: docx.LineRuleType.EXACT, before: 0, after: 0 } } },
      { id: 'TableNote', name: 'Table Note', basedOn: 'Normal', run: { font: fonts(o, o.bodyFont), size: 18 }, paragraph: { spacing: { line: 280, before: 60 } } },
      { id: 'Header', name: 'header', basedOn: 'Normal', run: { font: fonts(o, o.bodyFont), size: 18 }, paragraph: { spacing: { line: 240, before: 0, after: 0 } } },
      { id: 'Footer', name: 'footer', basedOn: 'Normal', run: { font: fonts(o, o.bodyFont), size: 21 }, paragraph: { alignment: docx.AlignmentType.CENTER, spacing: { line: 240, before: 0, after: 0 } } },
      { id: 'BodyText', name: 'Body Text', basedOn: 'Normal', run: { size: 24 }, paragraph: { alignment: docx.AlignmentType.JUSTIFIED, indent: { firstLine: 480 }, spacing: { line: 420 } } },
      { id: 'ListText', name: 'List Text', basedOn: 'BodyText', paragraph: { alignment: docx.AlignmentType.LEFT, indent: { firstLine: 480 } } },
      { id: 'ChartCaption', name: 'Chart Caption', basedOn: 'Normal', run: { size: 21 }, paragraph: { alignment: docx.AlignmentType.CENTER, spacing: { after: 240 } } },
      { id: 'ContentsTitle', name: 'Contents Title', basedOn: 'Normal', run: { font: fonts(o, o.headingFont), size: 32, bold: true, characterSpacing: 200 }, paragraph: { alignment: docx.AlignmentType.CENTER, spacing: { after: 240 } } },
      { id: 'Title', name: 'Title', basedOn: 'Normal', run: { font: fonts(o, o.bodyFont), size: 52, bold: true }, paragraph: { alignment: docx.AlignmentType.CENTER, spacing: { before: 3600, after: 480 } } },
      { id: 'Subtitle', name: 'Subtitle', basedOn: 'Normal', run: { font: fonts(o, o.bodyFont), size: 40, bold: true }, paragraph: { alignment: docx.AlignmentType.CENTER } },
    ],
    characterStyles: [],
  };
}

const ALIGN = { left: docx.AlignmentType.LEFT, center: docx.AlignmentType.CENTER, right: docx.AlignmentType.RIGHT, justify: docx.AlignmentType.JUSTIFIED } as const;

/** The face of a cell's Latin characters: figures of the dense tables narrow, the rest Times New Roman. */
function faceOf(cell: Cell, small: boolean): LatinFace {
  return isNumeric(cell) && small ? 'narrow' : 'serif';
}

/** Width a cell needs so that nothing in it breaks inside a figure or a code, in twips. */
function unbreakableTwips(cell: Cell, size: number, small: boolean): number {
  const em = unbreakableWidth(cell.text, faceOf(cell, small)) * (cell.bold ? 1.05 : 1);
  const spacing = cell.spaced ? [...cell.text].length * SPACED : 0;
  // one CJK character at least, so a label never stands one character to a line narrower than that
  return Math.ceil(Math.max(em, 1) * size * 20 + (cell.indent ?? 0) * size * 20 + spacing + 2 * CELL_MARGIN + 30);
}

/**
 * Column widths in twips that add up to the page width: the table's relative widths, widened where
 * the widest unbreakable text of a column (an amount, a code, a date) needs it, taken from the
 * columns with room to spare. A cell over several columns needs its width from them together.
 */
function columnWidths(t: Table, total: number, size: number): number[] {
  const small = t.density === 'small';
  const sum = t.columns.reduce((s, c) => s + c.width, 0);
  const preferred = t.columns.map((c) => (c.width / sum) * total);
  const min = t.columns.map(() => 0);
  const spanned: Placed[] = [];
  for (const p of placeRows([...t.head, ...t.body])) {
    if (p.colSpan === 1) min[p.col] = Math.max(min[p.col]!, unbreakableTwips(p.cell, size, small));
    else spanned.push(p);
  }
  for (const p of spanned) {
    const cols = min.slice(p.col, p.col + p.colSpan);
    const short = unbreakableTwips(p.cell, size, small) - cols.reduce((s, w) => s + w, 0);
    if (short > 0) for (let c = p.col; c < p.col + p.colSpan; c++) min[c]! += short / p.colSpan;
  }
  let widths = preferred.map((w, i) => Math.max(w, min[i]!));
  for (let round = 0; round < 20; round++) {
    const over = widths.reduce((s, w) => s + w, 0) - total;
    if (over < 0.5) break;
    const spare = widths.map((w, i) => w - min[i]!);
    const room = spare.reduce((s, w) => s + w, 0);
    // wider than the page even at the narrowest: share the page out (the figures would wrap)
    if (room < over) {
      const need = min.reduce((s, w) => s + w, 0);
      widths = min.map((w) => (w / need) * total);
      break;
    }
    widths = widths.map((w, i) => w - (over * spare[i]!) / room);
  }
  const whole = widths.map((w) => Math.floor(w));
  const widest = whole.indexOf(Math.max(...whole));
  whole[widest]! += total - whole.reduce((s, w) => s + w, 0);
  return whole;
}

/** Height of a row as Word will lay it out, in twips (lines × line height). */
function rowHeight(cells: readonly Placed[], widths: readonly number[], size: number, small: boolean): number {
  let lines = 1;
  for (const p of cells) {
    const room = widths.slice(p.col, p.col + p.colSpan).reduce((s, w) => s + w, 0) - 2 * CELL_MARGIN - (p.cell.indent ?? 0) * size * 20;
    lines = Math.max(lines, linesNeeded(p.cell.text, room / (size * 20), faceOf(p.cell, small)));
  }
  return lines * lineTwips(size);
}

function cellParagraph(cell: Cell, align: 'left' | 'center' | 'right', text: TableText, o: DocxOptions, header: boolean, keepNext: boolean): docx.Paragraph {
  const size = TABLE_SIZE[text];
  const small = text === 'small';
  return new docx.Paragraph({
    style: TABLE_TEXT_STYLE[text],
    alignment: header ? docx.AlignmentType.CENTER : ALIGN[align],
    ...(keepNext ? { keepNext: true } : {}),
    ...(cell.indent ? { indent: { left: cell.indent * size * 20 } } : {}),
    // a cell of department text may hold a placeholder (draft 自评情况 grid): highlighted as in a paragraph
    children: (cell.runs ?? [{ text: cell.text }]).map(
      (r) =>
        new docx.TextRun({
          text: r.text,
          font: fonts(o, header ? o.headingFont : o.bodyFont, isNumeric(cell) && small ? o.narrowFont : o.latinFont),
          ...(cell.bold ? { bold: true } : {}),
          ...(cell.spaced ? { characterSpacing: SPACED } : {}),
          ...(r.mark === 'placeholder' ? { highlight: 'yellow', color: 'C00000', bold: true } : {}),
        }),
    ),
  });
}

/**
 * One Word table per part of the table (grid.ts tableParts): each part's header rows are Word header
 * rows, repeated on every page the part runs over and kept with the row under them. Parts are joined
 * by a paragraph one point high. A short row never splits over two pages; a row of long text may,
 * since Word cuts off a row taller than the page that is not allowed to. The last two rows stay
 * together and with the notes.
 */
function tableNode(t: Table, orientation: Section['orientation'], o: DocxOptions): docx.FileChild[] {
  const width = usableWidth(orientation);
  const text = tableText(t);
  const small = text === 'small';
  const size = TABLE_SIZE[text];
  const columnWidthsTw = columnWidths(t, width, size);
  const tallest = usableHeight(orientation) * 0.4;
  const parts = tableParts(t);
  const hasNotes = t.notes.length > 0 || t.emptyNote !== undefined;
  const out: docx.FileChild[] = [
    new docx.Paragraph({ style: 'TableTitle', children: [new docx.TextRun({ text: t.caption.title })] }),
  ];
  if (t.caption.number) out.push(new docx.Paragraph({ style: 'TableNumber', children: [new docx.TextRun(t.caption.number)] }));
  out.push(new docx.Paragraph({ style: 'TableMeta', tabStops: [{ type: docx.TabStopType.RIGHT, position: width }], children: [new docx.TextRun(t.caption.left ?? ''), new docx.TextRun({ children: [new docx.Tab(), t.caption.right ?? ''] })] }));
  parts.forEach((part, pi) => {
    const lastPart = pi === parts.length - 1;
    const rows: { row: Row; cells: readonly Placed[] }[] = placedRows([...part.head, ...part.body]);
    const wordRows = rows.map(({ cells }, ri) => {
      const header = ri < part.head.length;
      const fromEnd = rows.length - ri;
      // header rows stay with the first row under them; the last row with the one before it and the notes
      const keepNext = header || (lastPart && (fromEnd === 2 || (fromEnd === 1 && hasNotes)));
      const splittable = !header && rowHeight(cells, columnWidthsTw, size, small) > tallest;
      return new docx.TableRow({
        tableHeader: header,
        cantSplit: !splittable,
        children: cells.map((p) => {
          const w = columnWidthsTw.slice(p.col, p.col + p.colSpan).reduce((s, x) => s + x, 0);
          return new docx.TableCell({
            children: [cellParagraph(p.cell, cellAlign(p.cell, t.columns[p.col]), text, o, header, keepNext)],
            verticalAlign: docx.VerticalAlignTable.CENTER,
            width: { size: w, type: docx.WidthType.DXA },
            ...(p.colSpan > 1 ? { columnSpan: p.colSpan } : {}),
            ...(p.rowSpan > 1 ? { rowSpan: p.rowSpan } : {}),
          });
        }),
      });
    });
    if (pi > 0) out.push(new docx.Paragraph({ style: 'TableJoin', children: [] }));
    out.push(new docx.Table({ style: TABLE_STYLE_ID, rows: wordRows, columnWidths: columnWidthsTw, width: { size: width, type: docx.WidthType.DXA }, layout: docx.TableLayoutType.FIXED }));
  });
  for (const n of [...t.notes, ...(t.emptyNote ? [t.emptyNote] : [])]) out.push(new docx.Paragraph({ style: 'TableNote', children: [new docx.TextRun(n)] }));
  return out;
}

const PARAGRAPH_STYLES = { body: 'BodyText', list: 'ListText', note: 'TableNote', caption: 'ChartCaption', title: 'Title', subtitle: 'Subtitle' } as const;

function paragraphNode(p: ParagraphNode, o: DocxOptions): docx.Paragraph {
  const runs = p.runs ?? [{ text: p.text }];
  return new docx.Paragraph({
    style: PARAGRAPH_STYLES[p.style],
    ...(p.align ? { alignment: ALIGN[p.align] } : {}),
    children: runs.map(
      (r) =>
        new docx.TextRun({
          text: r.text,
          font: fonts(o, o.bodyFont),
          // text the officer still has to supply: red on yellow, impossible to overlook
          ...(r.mark === 'placeholder' ? { highlight: 'yellow', color: 'C00000', bold: true } : {}),
        }),
    ),
  });
}

function chartNodes(c: Chart, o: DocxOptions): docx.FileChild[] {
  if (!o.chartPng) return [];
  const width = 567; // px at 96 dpi: 15 cm
  return [
    new docx.Paragraph({
      alignment: docx.AlignmentType.CENTER,
      keepNext: true,
      children: [new docx.ImageRun({ type: 'png', data: o.chartPng(c), transformation: { width, height: Math.round((width * CHART_SIZE.height) / CHART_SIZE.width) }, altText: { name: c.id, title: c.caption, description: c.caption } })],
    }),
    new docx.Paragraph({ style: 'ChartCaption', children: [new docx.TextRun({ text: c.caption, font: fonts(o, o.bodyFont) })] }),
  ];
}

const HEADINGS = { 1: docx.HeadingLevel.HEADING_1, 2: docx.HeadingLevel.HEADING_2, 3: docx.HeadingLevel.HEADING_3, 4: docx.HeadingLevel.HEADING_4 } as const;

function blockNodes(b: Block, orientation: Section['orientation'], o: DocxOptions): docx.FileChild[] {
  switch (b.type) {
    case 'heading':
      return [new docx.Paragraph({ heading: HEADINGS[b.level], children: [new docx.Bookmark({ id: b.id, children: [new docx.TextRun(b.text)] })] })];
    case 'paragraph':
      return [paragraphNode(b, o)];
    case 'chart':
      return chartNodes(b, o);
    case 'contents':
      return [
        new docx.Paragraph({ style: 'ContentsTitle', children: [new docx.TextRun(b.title)] }),
        new docx.TableOfContents(b.title, { hyperlink: true, headingStyleRange: `1-${b.depth}` }),
      ];
    case 'pageBreak':
      return [new docx.Paragraph({ children: [new docx.PageBreak()] })];
    case 'table':
      return tableNode(b, orientation, o);
    default:
      return assertNever(b);
  }
}

function assertNever(x: never): never {
  throw new Error(`unhandled block ${JSON.stringify(x)}`);
}

function footer(): docx.Footer {
  return new docx.Footer({
    children: [new docx.Paragraph({ style: 'Footer', children: [new docx.TextRun({ children: ['— ', docx.PageNumber.CURRENT, ' —'] })] })],
  });
}

/** A draft's header: a large light diagonal 草稿 behind every page (Word's own watermark shape) and 草稿 in the header line. */
function draftHeader(o: DocxOptions): docx.Header {
  return new docx.Header({
    children: [
      new docx.Paragraph({
        style: 'Header',
        alignment: docx.AlignmentType.RIGHT,
        children: [new TextWatermark({ text: '草稿', font: o.headingFont, color: 'BFBFBF', opacity: 0.4, layout: 'diagonal' }), new docx.TextRun({ text: '草稿', bold: true, color: '808080' })],
      }),
    ],
  });
}

/** The document as a Word file: (Document, options) → bytes, nothing read or written elsewhere. */
export async function writeDocx(doc: Document, options: DocxOptions = defaultDocxOptions): Promise<Uint8Array> {
  const file = new docx.Document({
    creator: doc.meta.author,
    title: doc.meta.title,
    ...(doc.meta.subject ? { subject: doc.meta.subject } : {}),
    ...(doc.meta.keywords ? { keywords: doc.meta.keywords.join(', ') } : {}),
    lastModifiedBy: doc.meta.author,
    styles: styles(options),
    externalStyles: tableStylesXml(),
    // Word fills the contents (a TOC field) when the document is opened
    features: { updateFields: true },
    sections: doc.sections.map((s) => ({
      properties: {
        page: {
          size: { width: A4.width, height: A4.height, orientation: s.orientation === 'landscape' ? docx.PageOrientation.LANDSCAPE : docx.PageOrientation.PORTRAIT },
          margin: MARGINS[s.orientation],
        },
      },
      ...(s.role === 'cover' ? {} : { footers: { default: footer() } }),
      ...(doc.meta.draft ? { headers: { default: draftHeader(options) } } : {}),
      children: s.blocks.flatMap((b) => blockNodes(b, s.orientation, options)),
    })),
  });
  // the package's dates are the document's, not the clock's
  return datePackage(new Uint8Array(await docx.Packer.toBuffer(file)), doc.meta.createdAt, true);
}
