// Load the subject dictionary from data/dictionary/*.yaml (shipped with the package).
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { EconomicSubject, FunctionalSubject, GlossaryTerm, SubjectDictionary } from '../model/dictionary.js';

export const DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));

type Raw = Record<string, Record<string, unknown>>;

async function load(name: string): Promise<unknown> {
  return parse(await readFile(`${DATA_DIR}dictionary/${name}`, 'utf8'));
}

let cached: Promise<SubjectDictionary> | undefined;

export function loadDictionary(): Promise<SubjectDictionary> {
  cached ??= (async () => {
    const [functionalRaw, economicRaw, glossaryRaw, typosRaw] = await Promise.all([load('functional.yaml'), load('economic.yaml'), load('glossary.yaml'), load('typos.yaml')]);
    const functional = new Map<string, FunctionalSubject>();
    for (const [code, v] of Object.entries((functionalRaw ?? {}) as Raw)) {
      functional.set(code, {
        code,
        name: String(v.name),
        history: ((v.history as { until: number; name: string }[] | undefined) ?? []).map((h) => ({ until: Number(h.until), name: String(h.name) })),
        ...(v.definition ? { definition: String(v.definition).trim() } : {}),
      });
    }
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
    return { functional, economic, glossary, typos };
  })();
  return cached;
}
