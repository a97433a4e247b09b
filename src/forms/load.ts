// Load a form (表样) by id through a profile's folders (templates/<profile>/forms/<id>.yaml, the
// most specific profile first), and pick the form of a report year from the profile's `forms` list.
// Everything wrong in a form file is a FormError naming the file, line and column, in Chinese.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { LineCounter, parseDocument } from 'yaml';
import type { Form, IdentitySpec } from '../model/form.js';
import { expandEach, FormulaError, parseCellRef, parseIdentity } from './formula.js';
import { buildFormSchema } from './schema.js';
import { placeAt, placeOf, pointerSegments } from '../readers/yaml-place.js';

/** A problem of a form file, at its place. */
export class FormError extends Error {
  constructor(
    message: string,
    readonly location?: { readonly file: string; readonly line: number; readonly column: number },
  ) {
    super(message);
  }
}

/** The profile's `forms` setting: from which report year each form applies. */
export interface FormChoice {
  readonly from: number;
  readonly form: string;
}

let validator: ReturnType<InstanceType<typeof Ajv>['compile']> | undefined;

function schemaMessage(e: ErrorObject): string {
  if (e.keyword === 'additionalProperties') return `不认识的键“${(e.params as { additionalProperty: string }).additionalProperty}”`;
  if (e.keyword === 'required') return `缺少“${(e.params as { missingProperty: string }).missingProperty}”`;
  if (e.keyword === 'enum') return `只能是 ${((e.params as { allowedValues: unknown[] }).allowedValues ?? []).join('、')} 之一`;
  if (e.keyword === 'type') return `应为${(e.params as { type: string }).type === 'string' ? '文字' : (e.params as { type: string }).type}`;
  if (e.keyword === 'pattern') return '写法不对';
  return e.message ?? '格式不对';
}

/** Read and check one form file; throws FormError at the first problem's place. */
export function readForm(file: string): Form {
  const text = readFileSync(file, 'utf8');
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    throw new FormError(`表样文件 YAML 语法错误：${e.message.split('\n')[0]}`, placeAt(file, lines, e.pos[0]));
  }
  const raw = doc.toJS() as unknown;
  validator ??= new Ajv({ allErrors: false, strict: false }).compile(buildFormSchema());
  if (!validator(raw)) {
    const e = validator.errors![0]!;
    // an unknown key is pointed at itself, anything else at its value
    const unknown = e.keyword === 'additionalProperties' ? (e.params as { additionalProperty: string }).additionalProperty : undefined;
    const path = pointerSegments(e.instancePath);
    const at = unknown === undefined ? placeOf(doc, lines, file, path) : placeOf(doc, lines, file, [...path, unknown], 'key');
    throw new FormError(`表样文件中 ${e.instancePath || '（顶层）'} ${schemaMessage(e)}`, at);
  }
  const form = raw as Omit<Form, 'file'>;
  // every formula is parsed once here, so a typo is reported at its line before any department is read
  form.identities.forEach((spec: IdentitySpec, i: number) => {
    try {
      for (const f of expandEach(spec.check, spec.each, spec.zip)) parseIdentity(f);
    } catch (err) {
      if (!(err instanceof FormulaError)) throw err;
      throw new FormError(err.message, placeOf(doc, lines, file, ['identities', i, 'check']));
    }
  });
  form.tables.forEach((t, i) =>
    t.rows?.forEach((row, j) =>
      row.cells.forEach((ref, k) => {
        if (ref === null) return;
        try {
          parseCellRef(ref);
        } catch (err) {
          if (!(err instanceof FormulaError)) throw err;
          throw new FormError(err.message, placeOf(doc, lines, file, ['tables', i, 'rows', j, 'cells', k]));
        }
      }),
    ),
  );
  // a form taking its classes from another (rowsFrom) lays its class rows out once that one is read
  return form.rowsFrom && !form.classes ? { ...form, file } : withClassRows({ ...form, file });
}

/** Each table's `classRows` laid out as fixed rows (行次 classRows + i prints class i of `classes`). */
function withClassRows(form: Form): Form {
  const classes = form.classes ?? [];
  if (!form.tables.some((t) => t.classRows !== undefined)) return form;
  if (classes.length === 0) throw new FormError(`表样文件 ${form.file} 有 classRows 但没有 classes（功能分类类级科目）`);
  const tables = form.tables.map((t) => {
    if (t.classRows === undefined) return t;
    const from = t.classRows;
    const own = (t.fixedRows ?? []).filter((r) => r.code === undefined);
    const rows = [...own, ...classes.map((c, i) => ({ r: from + i, label: c.label, code: c.code, ...(t.classFrom ? { from: t.classFrom } : {}) }))].sort((a, b) => a.r - b.r);
    return { ...t, fixedRows: rows };
  });
  return { ...form, tables };
}

const cache = new Map<string, Form>();

/** The form `id` from the first profile folder (most specific first) that has forms/<id>.yaml. */
export function loadForm(id: string, profileDirs: readonly string[]): Form {
  for (const dir of profileDirs) {
    const file = join(dir, 'forms', `${id}.yaml`);
    if (!existsSync(file)) continue;
    let form = cache.get(file);
    if (!form) {
      form = readForm(file);
      // a form may check the identities of another form as well (the same tables printed differently)
      if (form.identitiesFrom) form = { ...form, identities: [...loadForm(form.identitiesFrom, profileDirs).identities, ...form.identities] };
      if (form.rowsFrom) form = withClassRows(withRowsFrom(form, loadForm(form.rowsFrom, profileDirs)));
      cache.set(file, form);
    }
    return form;
  }
  throw new FormError(`找不到表样“${id}”（应有文件 forms/${id}.yaml）`);
}

const ROW_KEYS = ['split', 'fixedRows', 'classRows', 'classFrom', 'sums', 'columnTitles', 'columnSums', 'flows', 'groups', 'amountColumns'] as const;

/**
 * `form` with the row and column declarations of `base` for each table that leaves them out (matched
 * by canonical key: a table's `source`, else its key), and `base`'s 功能分类 classes when it has none.
 */
export function withRowsFrom(form: Form, base: Form): Form {
  const byKey = new Map(base.tables.map((t) => [t.source ?? t.key, t]));
  const tables = form.tables.map((t) => {
    const from = byKey.get(t.source ?? t.key);
    if (!from) return t;
    const added: Record<string, unknown> = {};
    for (const k of ROW_KEYS) if (t[k] === undefined && from[k] !== undefined) added[k] = from[k];
    return { ...t, ...added };
  });
  return { ...form, tables, ...(form.classes === undefined && base.classes !== undefined ? { classes: base.classes } : {}) };
}

/** The form id that applies to a report year: the entry with the latest `from` not after the year. */
export function formIdForYear(choices: readonly FormChoice[], year: number): string | undefined {
  return [...choices].sort((a, b) => b.from - a.from).find((c) => c.from <= year)?.form;
}
