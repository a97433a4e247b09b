// A form (表样 set) as data (DESIGN.md, Forms): which tables a package has and the identities that
// hold within and across them, declared in a file of the profile chain
// (templates/<profile>/forms/<id>.yaml) and read by every stage. Types only.

/** One identity of a form: a rule of rules.md written as a formula (forms/formula.ts). */
export interface IdentitySpec {
  /** Rule id verbatim from rules.md ('T01-INC'); several identities may share one id. */
  readonly id: string;
  readonly severity: 'error' | 'warning';
  /** `T01.r27 = sum(T01.r1:r8)`; `=`, `<=` or `>=`. */
  readonly check: string;
  /** Repeat the formula for each value: `{ c: [2, 3, 4, 5] }` or `{ r: "33:58,59,60,64" }`. */
  readonly each?: Readonly<Record<string, readonly (string | number)[] | string>>;
  /** The `each` lists go side by side (value i of every list together), not in every combination. */
  readonly zip?: boolean;
  /** Words for the right side in the message (行次1至8之和); written from the formula when absent. */
  readonly rule?: string;
  /** A suggestion printed under the finding. */
  readonly note?: string;
  /**
   * `=` identities are checked only where the left cell was given: a total left out is computed
   * from the same formula and cannot disagree. `always` checks the completed figures (two totals
   * of different tables that must meet, such as 收入总计 = 支出总计).
   */
  readonly when?: 'given' | 'always';
  /** Checked only when the department gave these tables (a cross-table identity with 02表 …). */
  readonly requires?: readonly string[];
}

/** A header cell as the form file writes it: `项目` or `[项目, colSpan, rowSpan]`. */
export type HeadCell = string | readonly [text: string, colSpan?: number, rowSpan?: number];

/**
 * How a table's body is laid out from the department's figures: code rows of the 支出功能分类
 * (code), the two-sided totals of 01表 (totals) and 04表 (fiscalTotals), the 经济分类 panels of 06表
 * (panels), the fixed rows of the 三公 table (threePublic: label, 行次, amounts) or any fixed rows
 * without a 行次 column (fixed: label, amounts — 2024 公开12表).
 */
export type BodyKind = 'code' | 'totals' | 'fiscalTotals' | 'panels' | 'threePublic' | 'fixed' | 'cells';

/** A row of a `cells` table: its label cells (text) and the canonical cells it prints (T3G.r2.c1 …). */
export interface CellRow {
  readonly labels?: readonly string[];
  readonly cells: readonly (string | null)[];
}

/** One 公开表 of a form: its print layout (tables.md §0, §2). */
export interface FormTable {
  /** The table's key in the department file (T01 … T3G). */
  readonly key: string;
  /** The printed table number (公开05表, 表五); a profile's `tableNumbers` may override it. */
  readonly label: string;
  readonly title: string;
  /** Label before the department name in the header line (tables.md §0.1). */
  readonly reporter: string;
  readonly unit: '元' | '万元';
  readonly orientation: 'portrait' | 'landscape';
  readonly density: 'normal' | 'small';
  /** Relative width and alignment of each column. */
  readonly columns: readonly (readonly [width: number, align: 'left' | 'center' | 'right'])[];
  /** Header rows, each a list of cells with their spans. */
  readonly head: readonly (readonly HeadCell[])[];
  readonly body: BodyKind;
  /**
   * code tables: which 栏次 of the canonical table the amount columns print, in order (表五 of the
   * national set prints 05表 栏7, 8, 11 as 合计, 基本支出, 项目支出); null prints a blank column.
   * Absent: every column of the canonical table.
   */
  readonly fields?: readonly (number | null)[];
  /** The canonical table a `code` table draws from, when its key differs (default: `key`). */
  readonly source?: string;
  /** cells: the rows, each naming the canonical cells it prints (a one-row 三公 table). */
  readonly rows?: readonly CellRow[];
  /** panels: the 经济分类 类 codes of each panel (06表: 301/303 | 302/307 | 310/312/399). */
  readonly panels?: readonly (readonly string[])[];
  readonly notes: readonly string[];
  /** Printed under the notes when the table has no data (空表说明). */
  readonly emptyNote?: string;
  /**
   * What a zero amount or count of this table prints, whatever the zero display (2024 公开12表 prints
   * `-`, tables.md §0.2, §2.12). Absent: blank or 0.00 as the zero display says. The 三公 dash
   * cells (`dash`) print `—` regardless.
   */
  readonly emptyCell?: string;
  /**
   * Fixed-row tables printed as two sides (01表, 04表): the last 行次 of the left side; physical row
   * i shows 行次 i on the left and split + i on the right. Rows 1 … 2 × split exist.
   */
  readonly split?: number;
  /** Fixed rows by 行次 (a 行次 not listed prints only its number). */
  readonly fixedRows?: readonly FixedRowSpec[];
  /** The first 行次 of the form's `classes` (the 26 功能分类 类 rows, in order): 31 in 01表. */
  readonly classRows?: number;
  /** The `from` of every class row (`T03.{code}.c1`: 01表's 类 rows are 03表's). */
  readonly classFrom?: string | Readonly<Record<string, string>>;
  /** Totals within the table: row `total` = Σ rows `parts` (in `columns`, or the table's one amount). */
  readonly sums?: readonly SumSpec[];
  /** Title of each 栏次 (code tables; 04表's right side), for messages and the schema. */
  readonly columnTitles?: Readonly<Record<string, string>>;
  /** Column totals within one row: 栏次 `total` = Σ 栏次 `parts`; inner totals first. */
  readonly columnSums?: readonly { readonly total: number; readonly parts: readonly number[] }[];
  /** Columns that flow through the year: begin + income − spending = end (T05-FLOW). */
  readonly flows?: readonly FlowSpec[];
  /** panels: every 经济分类 类 the table prints, its 款 and which total it belongs to. */
  readonly groups?: readonly EconomicGroupSpec[];
  /** Fixed-row tables with amount columns (三公): the 栏次 of the amount columns. */
  readonly amountColumns?: readonly number[];
  /** panels: a 经济分类 name this table prints differently from the dictionary (2024 07表 30399). */
  readonly names?: Readonly<Record<string, string>>;
}

/** A fixed row of a form table: 行次, label, indent level, columns printed “—”, whether it holds counts. */
export interface FixedRowSpec {
  readonly r: number;
  readonly label?: string;
  readonly indent?: number;
  /** 栏次 printed as `—` (no value allowed). */
  readonly dash?: readonly number[];
  /** The row holds counts (integers), not amounts in 元. */
  readonly count?: boolean;
  /** The department types this row (the others are totals or come from another table). */
  readonly input?: boolean;
  /** The 功能分类 类 code the row prints (filled in from the form's `classes` by `classRows`). */
  readonly code?: string;
  /**
   * Where the row's value comes from when the department leaves it out: a cell of another table
   * (`T05.total.c4`), or one per 栏次 (`{ c3: T05.total.c7, c4: TGF.total.c7 }`). `{code}` stands
   * for the row's 类 code (class rows take the table's `classFrom`).
   */
  readonly from?: string | Readonly<Record<string, string>>;
}

/** A total row: `total` = Σ `parts` (a list of 行次 or a range string "1:8"), in `columns` when given. */
export interface SumSpec {
  readonly total: number;
  readonly parts: readonly number[] | string;
  readonly columns?: readonly number[];
}

/** One flow of a code table's columns (栏次): begin + income − spending = end. */
export interface FlowSpec {
  readonly begin: number;
  readonly income: number;
  readonly spending: number;
  readonly end: number;
  readonly label: string;
}

/** A 经济分类 类 of a panels table, its 款 codes and whether it is 人员经费 or 公用经费. */
export interface EconomicGroupSpec {
  readonly code: string;
  /** 06表: the total the 类 belongs to (人员经费 / 公用经费); absent in a table without those totals. */
  readonly kind?: 'personnel' | 'operating';
  readonly items: readonly string[];
}

/** One labelled line of a `lines` figure (income.lines): a stable key, the printed label, its cell. */
export interface FigureLine {
  /** Stable key (reason keys and prior-year figures are named by it: priorYear.incomeLines.<key>). */
  readonly key: string;
  /** The label the narrative prints (the table's row label without its ordinal). */
  readonly label: string;
  /** The cell, as identities write cells (T01.r1). */
  readonly cell: string;
}

/**
 * A figure of the `figures:` section as the form file writes it (forms/figures.ts): a cell
 * (`T01.r27`), a sum of cells (`T01.r1 + T01.r2`), a code-table column (`T05.*.c7`), or lines.
 */
export type FigureSpec = string | readonly FigureLine[];

/**
 * A count or text a form asks of the department for its narrative beyond the tables (DESIGN.md:
 * “the free-text and count fields the package needs”), given under `formFields.<name>` in the
 * department file: 出国团组 split by 本单位组织 / 参加其他单位组织, say.
 */
export interface FormField {
  readonly kind: 'count' | 'text';
  /** What it is, in the officer's words (messages, the fill-in sheet). */
  readonly title: string;
  /** Measure word of a count (个, 人, 辆). */
  readonly unit?: string;
  /** A count that is one part of a count figure (threePublic.count.groups): the parts given add up to it. */
  readonly partOf?: string;
}

export interface Form {
  /** 绩效自评 tables of this year's set; absent: the profile's `evaluation` setting alone. */
  readonly evaluation?: FormEvaluation;
  /** How the year's set prints its 公开表 (zeros, 功能分类 rows); a profile's own keys override it (compose/tables/print.ts). */
  readonly print?: FormPrint;
  /** 'yunnan-2021' */
  readonly id: string;
  /** What the form is, for messages: 云南省2021年度部门决算公开表. */
  readonly name: string;
  /** Where its layout comes from (seed lines, published documents). */
  readonly source?: string;
  /** Another form whose identities this one checks too (a set printing the same tables differently). */
  readonly identitiesFrom?: string;
  /**
   * Ids of the `identitiesFrom` form's identities this one does not take (it writes its own: the 2024
   * 三公 tables have 决算统计数 in c3, the 2021 identities name c2). Only with identitiesFrom.
   */
  readonly identitiesExcept?: readonly string[];
  /**
   * Another form whose row and column declarations (fixedRows, sums, columnTitles …) this one takes
   * for each table it leaves them out of (matched by canonical key): a set printing the same data.
   */
  readonly rowsFrom?: string;
  /** The 26 支出功能分类 类 in their fixed order (tables with `classRows` print them as rows). */
  readonly classes?: readonly { readonly code: string; readonly label: string }[];
  /**
   * Semantic figure names → cells of the department's tables (forms/figures.ts FIGURE_NAMES lists
   * the names, their meaning and unit). Checked when the form loads.
   */
  readonly figures?: Readonly<Record<string, FigureSpec>>;
  /** Another form whose `figures:` this one takes (a set printing the same tables differently). */
  readonly figuresFrom?: string;
  /** Counts and texts the narrative asks of the department beyond the tables, by name. */
  readonly fields?: Readonly<Record<string, FormField>>;
  /** The 公开表 in print order. */
  readonly tables: readonly FormTable[];
  readonly identities: readonly IdentitySpec[];
  /**
   * The cross-year identities (X-PRIOR-CARRY): which cell of this year's tables opens the year with
   * what a cell of last year's tables closed it with. Absent: the identitiesFrom form's.
   */
  readonly carryOver?: CarryOver;
  /** The file it was read from (for messages). */
  readonly file: string;
}

/** Opening balances and the prior year's closing balances they must equal (rules.md X-PRIOR-CARRY). */
export interface CarryOver {
  /** Cell pairs: `{ opening: T01.r29, closing: T01.r59 }` (this year's cell, last year's cell). */
  readonly cells?: readonly { readonly opening: string; readonly closing: string }[];
  /** Per 功能分类 项 of a code table: the 年初结转和结余 栏次 and last year's 年末结转和结余 栏次 (`c1`, `c12`). */
  readonly byCode?: readonly { readonly table: string; readonly opening: string; readonly closing: string }[];
}

/**
 * The print defaults of a form's year (tables.md §0.2, §3 items 6–7): 2021 leaves zeros blank and
 * lists 类/款/项, 2024 prints 0.00 and only 项 rows. Each key absent: templates/default/profile.yaml's.
 * Precedence (docs/templates.md): default profile < form < a profile layer that sets the key itself.
 */
export interface FormPrint {
  /** A zero amount in a 公开表: left blank or printed 0.00 (zero counts 0). */
  readonly zeroDisplay?: 'blank' | 'zero';
  /** 功能分类 rows of 02/03/05表: 类, 款 and 项 (hierarchy) or only 项 (leafOnly). */
  readonly functionRows?: 'hierarchy' | 'leafOnly';
}

/**
 * The 绩效自评 tables of a form's year (evaluation.md §1–§2, tables.md §1): their layout, the unit
 * their amounts print in and their table numbers. A profile's `evaluation` key overrides it
 * (compose/evaluation/settings.ts).
 */
export interface FormEvaluation {
  /** municipal2021 (000, 万元), province (002, 万元, 备注 column), yunnan2024 (003, 元). */
  readonly layout?: 'municipal2021' | 'province' | 'yunnan2024';
  /** Unit the amounts of the 整体表 and project tables print in. */
  readonly unit?: '元' | '万元';
  /** 公开10表/公开13表 (情况), 公开11表/公开14表 (整体表), 公开12表/公开15表 (first project table). */
  readonly numbers?: { readonly report?: string; readonly department?: string; readonly project?: string };
  /**
   * same: every project table prints `numbers.project` (2021: 公开12表 ×N); consecutive: the first
   * prints it and each next project the next number (2024: 公开15表, 公开16表 …, tables.md §1 note).
   */
  readonly projectNumbering?: 'same' | 'consecutive';
  /** Titles; `{year}` is the report year (2024: `{year}年度部门整体支出绩效自评表`, tables.md §1). */
  readonly titles?: { readonly department?: string; readonly project?: string };
  /** Notes under the 整体表 (2024: the two 备注, evaluation.md §1.2). */
  readonly departmentNotes?: readonly string[];
  /**
   * Notes under each project table, by the label of its fourth fund row (evaluation.md §3.4):
   * `other` (其他资金, six notes) and `nonFiscal` (非财政拨款, five notes).
   */
  readonly projectNotes?: { readonly other?: readonly string[]; readonly nonFiscal?: readonly string[] };
}
