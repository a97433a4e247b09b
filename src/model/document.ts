// The document tree: what compose produces and every writer consumes (pandoc's Definition.hs).
// Plain JSON values only (a tree survives JSON.parse(JSON.stringify(tree))); no behaviour here.
// Numeric cells carry both the printed text and the exact decimal value, so the XLSX writer can
// write numbers and the HTML/DOCX writers print exactly what compose formatted.

export interface DocumentMeta {
  readonly title: string;
  readonly author: string;
  readonly subject?: string;
  readonly keywords?: readonly string[];
  readonly lang: 'zh-CN';
  /** ISO timestamp written into the files' metadata; fixed for reproducible output. */
  readonly createdAt: string;
  /**
   * A draft (`build --draft`): the package may hold placeholders for text the department has not
   * supplied yet, and every writer marks every page 草稿 (watermark) so it is never published.
   */
  readonly draft?: boolean;
}

export interface Document {
  readonly type: 'document';
  readonly meta: DocumentMeta;
  readonly sections: readonly Section[];
}

export type Orientation = 'portrait' | 'landscape';

/** A run of pages with one orientation (DOCX section, PDF named page). */
export interface Section {
  readonly type: 'section';
  readonly orientation: Orientation;
  /** A cover page carries no page number. */
  readonly role?: 'cover';
  readonly blocks: readonly Block[];
}

export type Block = Heading | Paragraph | Table | Chart | Contents | PageBreak;

export interface Heading {
  readonly type: 'heading';
  readonly level: 1 | 2 | 3 | 4;
  readonly text: string;
  /** Anchor for bookmarks and the contents page. */
  readonly id: string;
}

export type ParagraphStyle = 'body' | 'note' | 'caption' | 'title' | 'subtitle' | 'list';

/**
 * A stretch of a paragraph; `placeholder` marks text the officer must still supply (shown highlighted,
 * only ever in a draft). `field` is the input path that would fill it (`explanations.totalChange`):
 * for findings, never printed.
 */
export interface Run {
  readonly text: string;
  readonly mark?: 'placeholder';
  readonly field?: string;
}

export interface Paragraph {
  readonly type: 'paragraph';
  readonly style: ParagraphStyle;
  readonly text: string;
  /** When present, the text split into runs (placeholders highlighted). */
  readonly runs?: readonly Run[];
  readonly align?: 'left' | 'center' | 'right' | 'justify';
}

/** The table of contents: writers list the headings up to `depth` with their page numbers. */
export interface Contents {
  readonly type: 'contents';
  readonly title: string;
  readonly depth: 1 | 2 | 3;
}

/** A chart as data (values in the unit named), drawn by each writer: SVG in HTML/PDF, PNG in DOCX. */
export interface Chart {
  readonly type: 'chart';
  readonly id: string;
  readonly kind: 'pie' | 'bar';
  /** Printed below the chart: （图1：收、支决算总计变动情况图） */
  readonly caption: string;
  readonly unit: string;
  /** Pie: slice names; bar: the categories along the axis. */
  readonly categories: readonly string[];
  /** Bar: one series per year (or group); pie: one series. Values are decimal strings. */
  readonly series: readonly { readonly name: string; readonly values: readonly string[] }[];
  /** Labels printed at each value, already formatted (the same figures as the text). */
  readonly labels: readonly (readonly string[])[];
}

export interface PageBreak {
  readonly type: 'pageBreak';
}

export type Align = 'left' | 'center' | 'right';

export interface Column {
  /** Relative width; writers scale the widths to the page. */
  readonly width: number;
  readonly align: Align;
}

/** Position of a cell in a table's grid: row counts head rows first, then body rows. */
export interface GridRef {
  readonly row: number;
  readonly col: number;
}

export interface Cell {
  /** Printed text, already formatted ('56,201,049.73', '', '—', '2010401'). */
  readonly text: string;
  /** Exact decimal string for numeric cells ('56201049.73'); absent for text and blank cells. */
  readonly value?: string;
  readonly kind?: 'amount' | 'count' | 'text';
  readonly colSpan?: number;
  readonly rowSpan?: number;
  readonly align?: Align;
  /** Indent in character widths (项 names are indented by two). */
  readonly indent?: number;
  readonly bold?: boolean;
  /** Letter-spaced short labels such as 项目 / 栏次 (typography only). */
  readonly spaced?: boolean;
  /** This cell is the sum of these cells (XLSX writes a formula with this cell's value as its result). */
  readonly sumOf?: readonly GridRef[];
  /**
   * A text cell holding department text (the 2024 自评情况 grid): `text` split into runs, so that a
   * placeholder in it is found like one in a paragraph (compose fillIns). Writers print `text`.
   */
  readonly runs?: readonly Run[];
}

export interface Row {
  readonly cells: readonly Cell[];
  /**
   * A header row inside the body (the 一级指标/二级指标/… row of a 绩效自评 table): with the header
   * rows right after it, it heads the body rows that follow, up to the next such run, and is printed
   * again at the top of every page those rows continue on. Row spans never cross such a run.
   */
  readonly header?: boolean;
}

export interface TableCaption {
  readonly title: string;
  /** 公开01表 … (right-aligned above the header line). */
  readonly number?: string;
  /** 部门：… / 编制单位：… */
  readonly left?: string;
  /** 金额单位：元 */
  readonly right?: string;
}

export interface Table {
  readonly type: 'table';
  readonly id: string;
  /** Short name for the sheet name (公开01表). */
  readonly label: string;
  /**
   * The table's entry in the contents page and the PDF bookmarks: its number and title, or for a
   * project table its number and the project (公开12表 玉溪云计算数据中心购买华为云服务专项资金).
   */
  readonly outline?: string;
  readonly caption: TableCaption;
  readonly columns: readonly Column[];
  /** Header rows: repeated on every page. */
  readonly head: readonly Row[];
  readonly body: readonly Row[];
  readonly notes: readonly string[];
  /** Printed under the notes when the table has no data (空表说明). */
  readonly emptyNote?: string;
  /** Font size step for wide tables: 'small' for 05/07/06 tables. */
  readonly density?: 'normal' | 'small';
  /**
   * 'fixed': the columns keep their widths whatever the text (forms with long free text, such as the
   * 绩效自评 tables); 'content' (default): figures decide, so no amount is ever cut.
   */
  readonly layout?: 'fixed' | 'content';
}
