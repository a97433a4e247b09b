// Document → DOCX with the `docx` package: real Word tables (merged header cells, header rows that
// repeat, rows that cannot split, amounts right-aligned), one Word section per orientation change,
// named styles (Normal, Heading 1–3, table title/notes, a table style) and the East Asian font on
// every run so Chinese shows in the intended typeface.
import * as docx from 'docx';
import type { Block, Cell, Chart, Document, Paragraph as ParagraphNode, Section, Table } from '../model/document.js';
import { CHART_SIZE } from './chart.js';

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

function usableWidth(orientation: Section['orientation']): number {
  const m = MARGINS[orientation];
  return (orientation === 'portrait' ? A4.width : A4.height) - m.left - m.right;
}

function fonts(o: DocxOptions, eastAsia: string, latin = o.latinFont) {
  return { ascii: latin, hAnsi: latin, eastAsia, cs: latin };
}

/** A table style of single thin borders everywhere (Word: 表格样式 “JuesuanGrid”). */
function tableStyleXml(): string {
  const b = (side: string) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`;
  return `<w:style w:type="table" w:styleId="${TABLE_STYLE_ID}" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:name w:val="Juesuan Grid"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:tblPr><w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(b).join('')}</w:tblBorders><w:tblCellMar><w:top w:w="17" w:type="dxa"/><w:left w:w="45" w:type="dxa"/><w:bottom w:w="17" w:type="dxa"/><w:right w:w="45" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>`;
}

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
  return {
    default: {
      document: { run: { font: fonts(o, o.bodyFont), size: 21 }, paragraph: { spacing: { line: 360 } } },
    },
    paragraphStyles: [
      heading('Heading1', 'heading 1', 32, docx.AlignmentType.CENTER, 240),
      heading('Heading2', 'heading 2', 28, docx.AlignmentType.LEFT, 240),
      heading('Heading3', 'heading 3', 24, docx.AlignmentType.LEFT, 120),
      heading('Heading4', 'heading 4', 24, docx.AlignmentType.LEFT, 120),
      { ...heading('TableTitle', 'Table Title', 32, docx.AlignmentType.CENTER, 0), basedOn: 'Heading2', run: { font: fonts(o, o.bodyFont), size: 32, bold: true } },
      { id: 'TableNumber', name: 'Table Number', basedOn: 'Normal', run: { size: 20 }, paragraph: { alignment: docx.AlignmentType.RIGHT, spacing: { line: 240, after: 0 } } },
      {
        id: 'TableMeta',
        name: 'Table Meta',
        basedOn: 'Normal',
        run: { size: 20 },
        paragraph: { spacing: { line: 240, after: 60 } },
      },
      { id: 'TableText', name: 'Table Text', basedOn: 'Normal', run: { size: 18 }, paragraph: { spacing: { line: 240, before: 0, after: 0 } } },
      { id: 'TableTextSmall', name: 'Table Text Small', basedOn: 'TableText', run: { size: 13 } },
      { id: 'TableNote', name: 'Table Note', basedOn: 'Normal', run: { size: 18 }, paragraph: { spacing: { line: 280, before: 60 } } },
      { id: 'BodyText', name: 'Body Text', basedOn: 'Normal', run: { size: 24 }, paragraph: { alignment: docx.AlignmentType.JUSTIFIED, indent: { firstLine: 480 }, spacing: { line: 420 } } },
      { id: 'ListText', name: 'List Text', basedOn: 'BodyText', paragraph: { alignment: docx.AlignmentType.LEFT, indent: { firstLine: 480 } } },
      { id: 'ChartCaption', name: 'Chart Caption', basedOn: 'Normal', run: { size: 21 }, paragraph: { alignment: docx.AlignmentType.CENTER, spacing: { after: 240 } } },
      { id: 'ContentsTitle', name: 'Contents Title', basedOn: 'Normal', run: { font: fonts(o, o.headingFont), size: 32, bold: true, characterSpacing: 200 }, paragraph: { alignment: docx.AlignmentType.CENTER, spacing: { after: 240 } } },
      { id: 'Title', name: 'Title', basedOn: 'Normal', run: { font: fonts(o, o.bodyFont), size: 52, bold: true }, paragraph: { alignment: docx.AlignmentType.CENTER, spacing: { before: 3600, after: 480 } } },
      { id: 'Subtitle', name: 'Subtitle', basedOn: 'Normal', run: { font: fonts(o, o.bodyFont), size: 40, bold: true }, paragraph: { alignment: docx.AlignmentType.CENTER } },
    ],
    importedStyles: [docx.ImportedXmlComponent.fromXmlString(tableStyleXml())],
  };
}

const ALIGN = { left: docx.AlignmentType.LEFT, center: docx.AlignmentType.CENTER, right: docx.AlignmentType.RIGHT, justify: docx.AlignmentType.JUSTIFIED } as const;

function cellParagraph(cell: Cell, columnAlign: 'left' | 'center' | 'right', small: boolean, o: DocxOptions, header: boolean): docx.Paragraph {
  const align = cell.align ?? (cell.kind === 'amount' || cell.kind === 'count' ? 'right' : columnAlign);
  const numeric = cell.kind === 'amount' || cell.kind === 'count';
  const size = small ? 13 : 18;
  return new docx.Paragraph({
    style: small ? 'TableTextSmall' : 'TableText',
    alignment: header ? docx.AlignmentType.CENTER : ALIGN[align],
    ...(cell.indent ? { indent: { left: cell.indent * size * 10 } } : {}),
    children: [
      new docx.TextRun({
        text: cell.text,
        font: fonts(o, header ? o.headingFont : o.bodyFont, numeric && small ? o.narrowFont : o.latinFont),
        ...(cell.bold ? { bold: true } : {}),
        ...(cell.spaced ? { characterSpacing: 80 } : {}),
      }),
    ],
  });
}

function tableNode(t: Table, orientation: Section['orientation'], o: DocxOptions): docx.FileChild[] {
  const width = usableWidth(orientation);
  const total = t.columns.reduce((s, c) => s + c.width, 0);
  const columnWidths = t.columns.map((c) => Math.floor((c.width / total) * width));
  const small = t.density === 'small';
  const rows = [...t.head.map((r) => ({ r, header: true })), ...t.body.map((r) => ({ r, header: false }))].map(({ r, header }) => {
    let col = 0;
    return new docx.TableRow({
      tableHeader: header,
      cantSplit: true,
      children: r.cells.map((cell) => {
        const span = cell.colSpan ?? 1;
        const w = columnWidths.slice(col, col + span).reduce((s, x) => s + x, 0);
        const para = cellParagraph(cell, t.columns[col]?.align ?? 'left', small, o, header);
        col += span;
        return new docx.TableCell({
          children: [para],
          verticalAlign: docx.VerticalAlignTable.CENTER,
          width: { size: w, type: docx.WidthType.DXA },
          ...(span > 1 ? { columnSpan: span } : {}),
          ...(cell.rowSpan && cell.rowSpan > 1 ? { rowSpan: cell.rowSpan } : {}),
        });
      }),
    });
  });
  const out: docx.FileChild[] = [
    new docx.Paragraph({ style: 'TableTitle', children: [new docx.TextRun({ text: t.caption.title })] }),
  ];
  if (t.caption.number) out.push(new docx.Paragraph({ style: 'TableNumber', children: [new docx.TextRun(t.caption.number)] }));
  out.push(new docx.Paragraph({ style: 'TableMeta', tabStops: [{ type: docx.TabStopType.RIGHT, position: width }], children: [new docx.TextRun(t.caption.left ?? ''), new docx.TextRun({ children: [new docx.Tab(), t.caption.right ?? ''] })] }));
  out.push(new docx.Table({ style: TABLE_STYLE_ID, rows, columnWidths, width: { size: width, type: docx.WidthType.DXA }, layout: docx.TableLayoutType.FIXED }));
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
    children: [new docx.Paragraph({ alignment: docx.AlignmentType.CENTER, children: [new docx.TextRun({ children: ['— ', docx.PageNumber.CURRENT, ' —'] })] })],
  });
}

export async function writeDocx(doc: Document, options: DocxOptions = defaultDocxOptions): Promise<Uint8Array> {
  const file = new docx.Document({
    creator: doc.meta.author,
    title: doc.meta.title,
    ...(doc.meta.subject ? { subject: doc.meta.subject } : {}),
    ...(doc.meta.keywords ? { keywords: doc.meta.keywords.join(', ') } : {}),
    lastModifiedBy: doc.meta.author,
    styles: styles(options),
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
      children: s.blocks.flatMap((b) => blockNodes(b, s.orientation, options)),
    })),
  });
  return new Uint8Array(await docx.Packer.toBuffer(file));
}
