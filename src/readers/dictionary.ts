// Load the subject dictionary from data/dictionary/ (shipped with the package): the YAML files and the
// catalogs of 支出功能分类 codes by year in data/dictionary/functional/.
import { readFile, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { CatalogEntry, EconomicSubject, FunctionalCatalog, FunctionalSubject, GlossaryTerm, SubjectDictionary } from '../model/dictionary.js';
import { definitionOf, parseCatalog } from './catalog.js';

export const DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));

type Raw = Record<string, Record<string, unknown>>;

const cache = new Map<string, Promise<SubjectDictionary>>();

/** Every catalog of `<dataDir>dictionary/functional/*.tsv`, oldest year first. */
async function loadCatalogs(dataDir: string): Promise<FunctionalCatalog[]> {
  const dir = `${dataDir}dictionary/functional/`;
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.tsv')).sort();
  const catalogs = await Promise.all(files.map(async (f) => parseCatalog(await readFile(`${dir}${f}`, 'utf8'), `data/dictionary/functional/${f}`)));
  // a complete list of a year outranks the partial ones of that year
  return catalogs.sort((a, b) => a.year - b.year || (a.scope === b.scope ? 0 : a.scope === 'complete' ? -1 : 1));
}

/**
 * The 功能分类 subjects: the hand-kept entries of functional.yaml (names, history, 名词解释) joined with
 * every catalog. A catalog sets the name of its year; a code only in catalogs takes its newest name,
 * earlier names as history, and its 名词解释 from the newest 说明.
 */
function joinFunctional(raw: Raw, catalogs: readonly FunctionalCatalog[]): Map<string, FunctionalSubject> {
  const listed = new Map<string, Map<number, CatalogEntry>>();
  for (const c of catalogs) {
    for (const e of c.entries) {
      const byYear = listed.get(e.code) ?? new Map<number, CatalogEntry>();
      if (!byYear.has(c.year)) byYear.set(c.year, e);
      listed.set(e.code, byYear);
    }
  }
  const codes = [...new Set([...Object.keys(raw), ...listed.keys()])].sort();
  const functional = new Map<string, FunctionalSubject>();
  for (const code of codes) {
    const v = raw[code];
    const byYear = [...(listed.get(code) ?? new Map<number, CatalogEntry>()).entries()].sort((a, b) => a[0] - b[0]);
    const names = new Map(byYear.map(([y, e]) => [y, e.name]));
    const newest = byYear.at(-1)?.[1];
    const described = [...byYear].reverse().find(([, e]) => e.description)?.[1].description;
    let name: string;
    let history: { until: number; name: string }[];
    if (v) {
      name = String(v.name);
      history = ((v.history as { until: number; name: string }[] | undefined) ?? []).map((h) => ({ until: Number(h.until), name: String(h.name) }));
    } else {
      name = newest!.name;
      history = [];
      for (let i = byYear.length - 2; i >= 0; i--) {
        const [y, e] = byYear[i]!;
        if (e.name !== (history[history.length - 1]?.name ?? name)) history.push({ until: y, name: e.name });
      }
    }
    const definition = v?.definition ? String(v.definition).trim() : described ? definitionOf(described) : undefined;
    const since = catalogs.find((c) => c.scope === 'added' && c.entries.some((e) => e.code === code))?.year;
    functional.set(code, { code, name, history, names, ...(definition ? { definition } : {}), ...(since !== undefined ? { since } : {}) });
  }
  return functional;
}

/**
 * The subject dictionary under `dataDir` (the package's data/ by default), read once per folder.
 * @throws CatalogError when a catalog file is malformed (its file and line are named).
 */
export function loadDictionary(dataDir: string = DATA_DIR): Promise<SubjectDictionary> {
  const dir = dataDir.endsWith('/') ? dataDir : `${dataDir}/`;
  let loaded = cache.get(dir);
  if (!loaded) {
    loaded = (async () => {
      const load = async (name: string): Promise<unknown> => parse(await readFile(`${dir}dictionary/${name}`, 'utf8'));
      const [functionalRaw, economicRaw, glossaryRaw, typosRaw, catalogs] = await Promise.all([load('functional.yaml'), load('economic.yaml'), load('glossary.yaml'), load('typos.yaml'), loadCatalogs(dir)]);
      const functional = joinFunctional((functionalRaw ?? {}) as Raw, catalogs);
      const economic = new Map<string, EconomicSubject>();
      for (const [code, v] of Object.entries((economicRaw ?? {}) as Raw)) {
        economic.set(code, {
          code,
          name: String(v.name),
          sets: ((v.sets as number[] | undefined) ?? [2021, 2024]).map(Number),
          ...(v.names2024 ? { names2024: String(v.names2024) } : {}),
        });
      }
      const glossary = ((glossaryRaw ?? []) as GlossaryTerm[]).map((t) => ({
        key: String(t.key),
        term: String(t.term),
        definition: String(t.definition).trim(),
        group: t.group === 'fixed' ? ('fixed' as const) : ('income' as const),
      }));
      const typos = ((typosRaw ?? []) as { wrong: string; right: string }[]).map((t) => ({ wrong: String(t.wrong), right: String(t.right) }));
      return { functional, catalogs, economic, glossary, typos };
    })();
    cache.set(dir, loaded);
  }
  return loaded;
}
