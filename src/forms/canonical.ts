// The canonical form: the table set the dataset's typed tables follow (T01 … T3G as the 2021 Yunnan
// set declares them in templates/default/forms/yunnan-2021.yaml). Code that reads the dataset without
// a department's form at hand (the department schema, messages about data no form table names) asks
// here; its rows, columns and sums come from that file, never from TypeScript.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { Form, FormTable } from '../model/form.js';
import { withClassRows } from './classes.js';

/** The file of the canonical form (the 2021 set of seed 000, tables.md §2). */
export const CANONICAL_FORM_FILE = fileURLToPath(new URL('../../templates/default/forms/yunnan-2021.yaml', import.meta.url));

let canonical: Form | undefined;

/**
 * The canonical form's tables, read once. Read directly (not through forms/load.ts, which needs
 * these tables itself while it loads); the file is checked like every form whenever a profile loads it
 * (test/forms: the shipped 2021 form is valid).
 */
export function canonicalForm(): Form {
  canonical ??= withClassRows({ ...(parse(readFileSync(CANONICAL_FORM_FILE, 'utf8')) as Omit<Form, 'file'>), file: CANONICAL_FORM_FILE });
  return canonical;
}

/** The canonical form's table with this key (T01 … T3G); throws if the key is not one of them. */
export function canonicalTable(key: string): FormTable {
  const t = canonicalForm().tables.find((x) => x.key === key);
  if (!t) throw new Error(`表样 ${canonicalForm().id} 没有表 ${key}`);
  return t;
}
