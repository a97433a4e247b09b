// The subject dictionary (data/dictionary/): 功能分类 and 经济分类 codes with their names by year,
// the 名词解释 definition of each 功能分类 项, and the fixed glossary terms.

export interface FunctionalSubject {
  readonly code: string;
  readonly name: string;
  /** Earlier names, newest first: `until` is the last year the name was used. */
  readonly history: readonly { readonly until: number; readonly name: string }[];
  readonly definition?: string;
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
  readonly economic: ReadonlyMap<string, EconomicSubject>;
  readonly glossary: readonly GlossaryTerm[];
  /** Known typos (rules.md S-TYPO), data/dictionary/typos.yaml. */
  readonly typos: readonly Typo[];
}

/** The name of a 功能分类 subject in a given report year (names change between years). */
export function functionalName(subject: FunctionalSubject, year: number): string {
  let name = subject.name;
  for (const h of subject.history) if (year <= h.until) name = h.name;
  return name;
}
