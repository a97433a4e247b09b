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
import { withClassRows } from './classes.js';
import { FIGURE_NAMES, FigureError, parseFigures, type FigureMap } from './figures.js';
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
  form.carryOver?.cells?.forEach((pair, i) =>
    (['opening', 'closing'] as const).forEach((side) => {
      try {
        parseCellRef(pair[side]);
      } catch (err) {
        if (!(err instanceof FormulaError)) throw err;
        throw new FormError(err.message, placeOf(doc, lines, file, ['carryOver', 'cells', i, side]));
      }
    }),
  );
  // the figures the narrative reads: every name known, every cell one the tables have
  let figures: FigureMap;
  try {
    // a form without figures is one for tables only (the narrative cannot be written from it)
    figures = parseFigures(form.figures, undefined, !form.figuresFrom && form.figures !== undefined, form.tables);
  } catch (err) {
    if (!(err instanceof FigureError)) throw err;
    throw new FormError(err.message, err.path.length ? placeOf(doc, lines, file, [...err.path], err.path.length === 2 && err.message.includes('没有名为') ? 'key' : undefined) : placeAt(file, lines, 0));
  }
  for (const [name, field] of Object.entries(form.fields ?? {})) {
    if (field.partOf === undefined) continue;
    const whole = FIGURE_NAMES[field.partOf];
    if (whole?.kind !== 'count' || field.kind !== 'count') {
      const counts = Object.entries(FIGURE_NAMES).filter(([, d]) => d.kind === 'count').map(([n]) => n);
      throw new FormError(`fields 中“${name}”的 partOf“${field.partOf}”应为 figures 中的个数（${counts.join('、')}），且“${name}”的 kind 应为 count`, placeOf(doc, lines, file, ['fields', name, 'partOf']));
    }
  }
  // a form taking its classes from another (rowsFrom) lays its class rows out once that one is read
  const loaded: Form = form.rowsFrom && !form.classes ? { ...form, file } : withClassRows({ ...form, file });
  parsedFigures.set(loaded, figures);
  return loaded;
}

const parsedFigures = new WeakMap<Form, FigureMap>();


/**
 * The semantic figures of a loaded form (name → cells; forms/figures.ts), with those of the form its
 * `figuresFrom` names. Throws when the form was not read by readForm/loadForm.
 */
export function formFigures(form: Form): FigureMap {
  const f = parsedFigures.get(form);
  if (!f) throw new FormError(`表样“${form.id}”的 figures 未经读取检查`);
  if (!form.figures && !form.figuresFrom) throw new FormError(`表样“${form.id}”没有 figures 部分：说明文字所用的数无从取得（见 docs/templates.md 的 figures 一节）`, { file: form.file, line: 1, column: 1 });
  return f;
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
      const own = parsedFigures.get(form)!;
      if (form.identitiesFrom) {
        const except = new Set(form.identitiesExcept ?? []);
        const from = loadForm(form.identitiesFrom, profileDirs);
        const inherited = from.identities.filter((i) => !except.has(i.id));
        form = { ...form, identities: [...inherited, ...form.identities], ...(form.carryOver || !from.carryOver ? {} : { carryOver: from.carryOver }) };
      }
      if (form.rowsFrom) form = withClassRows(withRowsFrom(form, loadForm(form.rowsFrom, profileDirs)));
      let figures = own;
      if (form.figuresFrom) {
        try {
          figures = parseFigures(form.figures, formFigures(loadForm(form.figuresFrom, profileDirs)), true, form.tables);
        } catch (err) {
          if (!(err instanceof FigureError)) throw err;
          throw new FormError(err.message, { file, line: 1, column: 1 });
        }
      }
      parsedFigures.set(form, figures);
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
