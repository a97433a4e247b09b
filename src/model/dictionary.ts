// The subject dictionary (data/dictionary/): 功能分类 and 经济分类 codes with their names by year,
// the 名词解释 definition of each 功能分类 项, and the fixed glossary terms.

export interface FunctionalSubject {
  readonly code: string;
  /** The newest name known. */
  readonly name: string;
  /** Earlier names, newest first: `until` is the last year the name was used. */
  readonly history: readonly { readonly until: number; readonly name: string }[];
  /** 名词解释 text, “指……。”; from functional.yaml, else the newest catalog 说明 with 反映 read as 指. */
  readonly definition?: string;
  /** The name printed for each year whose catalog lists the code (data/dictionary/functional/*.tsv). */
  readonly names: ReadonlyMap<number, string>;
  /** The year a notice created the code (an `added` catalog); it does not exist before. */
  readonly since?: number;
}

/** One published list of 支出功能分类 codes for a year (a data/dictionary/functional/*.tsv file). */
export interface FunctionalCatalog {
  readonly year: number;
  /** `complete`: the whole 支出功能分类 of that year, so a code missing from it did not exist that year;
   *  `partial`: codes found printed in a publication (a published 决算, a notice);
   *  `added`: codes a notice creates that year, so they did not exist in earlier years. */
  readonly scope: 'complete' | 'partial' | 'added';
  /** The publication it was taken from. */
  readonly source: string;
  readonly file: string;
  readonly entries: readonly CatalogEntry[];
}

export interface CatalogEntry {
  readonly code: string;
  readonly name: string;
  /** 科目说明 as printed (“反映……”), when the source has one. */
  readonly description?: string;
}

export interface EconomicSubject {
  readonly code: string;
  readonly name: string;
  readonly sets: readonly number[];
  readonly names2024?: string;
}

export interface GlossaryTerm {
  readonly key: string;
  readonly term: string;
  readonly definition: string;
  readonly group: 'income' | 'fixed';
}

export interface Typo {
  readonly wrong: string;
  readonly right: string;
}

export interface SubjectDictionary {
  readonly functional: ReadonlyMap<string, FunctionalSubject>;
  /** The catalogs the functional names by year come from, oldest year first. */
  readonly catalogs: readonly FunctionalCatalog[];
  readonly economic: ReadonlyMap<string, EconomicSubject>;
  readonly glossary: readonly GlossaryTerm[];
  /** Known typos (rules.md S-TYPO), data/dictionary/typos.yaml. */
  readonly typos: readonly Typo[];
}

/** The name of a 功能分类 subject in a given report year (names change between years): the year's
 *  catalog name when a catalog lists it, else the name in force by `history`. */
export function functionalName(subject: FunctionalSubject, year: number): string {
  const listed = subject.names.get(year);
  if (listed) return listed;
  let name = subject.name;
  for (const h of subject.history) if (year <= h.until) name = h.name;
  return name;
}

/**
 * Whether a 功能分类 code is in the report year's 政府收支分类科目: true when a catalog of that year
 * lists it, false when the year has a complete catalog without it or the code was created later,
 * undefined when the dictionary cannot tell (no complete list of that year is shipped).
 */
export function functionalInYear(dict: SubjectDictionary, code: string, year: number): boolean | undefined {
  const subject = dict.functional.get(code);
  if (subject?.names.has(year)) return true;
  if (subject?.since !== undefined && year < subject.since) return false;
  return dict.catalogs.some((c) => c.year === year && c.scope === 'complete') ? false : undefined;
}

/** The years whose catalogs list a code, ascending. */
export function functionalYears(subject: FunctionalSubject): number[] {
  return [...subject.names.keys()].sort((a, b) => a - b);
}
