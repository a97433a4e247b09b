// Profiles (DESIGN.md): a folder under templates/ holding only what differs from the profile it
// extends, plus a profile.yaml naming that parent. Resolution walks department → city → province →
// default; a new city is a new folder, never a code change.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { SourceRef } from '../model/finding.js';
import type { TableKey } from '../model/tables.js';
import { FormError, loadForm, type FormChoice } from '../forms/load.js';
import { placeOf, pointerSegments } from '../readers/yaml-place.js';
import { nearestName } from './nearest.js';
import { buildProfileSchema, NUMBER_STYLES, REQUIRED_SETTINGS } from './profile-schema.js';

export const TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

/** How a heading number is written (H2–H4): 一、（一）1. 1、（1）. */
export type NumberStyle = (typeof NUMBER_STYLES)[number];

/**
 * Every setting of a profile. A profile.yaml holds only what differs from the profile it extends;
 * templates/default/profile.yaml sets the rest. The JSON Schema (profile-schema.ts) gives each key
 * its Chinese title and allowed values; docs/templates.md describes them for template authors.
 */
export interface ProfileSettings {
  /** Printed table numbers that differ from the form's (a city printing 表一 for 公开01表). */
  readonly tableNumbers?: Readonly<Partial<Record<TableKey, string>>>;
  /** The form's tables this profile publishes, when not all of them. */
  readonly tables?: readonly TableKey[];
  /** A zero amount in a 公开表: left blank (2021 layout) or printed 0.00. */
  readonly zeroDisplay: 'blank' | 'zero';
  /** 功能分类 rows: 类, 款 and 项 (hierarchy) or only 项 (leafOnly). */
  readonly functionRows: 'hierarchy' | 'leafOnly';
  /** rules.md §8.1: shares rounded on their own (independent) or adding up to 100.00 (largestRemainder). */
  readonly shareRounding: 'largestRemainder' | 'independent';
  /** The form (表样) of each report year: the entry with the latest `from` not after the year applies. */
  readonly forms: readonly FormChoice[];
  /** T05-FLOW: 年末结转结余 ≠ 年初 + 收入 − 支出 is a warning (true) or an error (false). */
  readonly allowFlowAdjustment: boolean;
  /** 自评等级 bands, highest first; `min` is inclusive. */
  readonly gradeBands: readonly { readonly grade: string; readonly min: number }[];
  /** The usual weight of each 一级指标 (产出指标 50 …), for the warnings on a project's weights. */
  readonly levelWeights: Readonly<Record<string, number>>;
  /** 16% for 16.00% in the text and charts (004, 四川). */
  readonly dropDotZeroZero: boolean;
  /** 438.4万元 for 438.40 (004's hand-typed style; off by default, narrative.md A.1). */
  readonly stripAmountZeros: boolean;
  /**
   * Decimals of the percentages in the text and charts (default 2). Derive rounds every percentage to
   * two decimals; fewer decimals round that figure again.
   */
  readonly percentDecimals: 0 | 1 | 2;
  /** Decimals of the 万元 amounts in the text and charts (default 2), each rounded from its own 元. */
  readonly wanDecimals: 0 | 1 | 2;
  /** The words a draft's placeholder starts with (default 请填写): “请填写收、支总计变动原因……”. */
  readonly placeholderPrefix: string;
  /** Heading numbers (H2–H4) rewritten from the templates' style to the profile's: { "（一）": "1." }. */
  readonly headingNumbers: Readonly<Partial<Record<NumberStyle, NumberStyle>>>;
  /** Whether a list sentence names zero items (004: the income list omits them, the spending list prints 0%). */
  readonly listZeroItems: { readonly income: boolean; readonly expenditure: boolean };
  /** 名词解释 subject entries: the 项 of 一般公共预算财政拨款 spending (gpb, as 004) or every 项 of 03表 (all). */
  readonly glossaryScope: 'gpb' | 'all';
  /** 绩效自评: layout of the project tables, table numbers, whether the 汇总表 goes with the package (…审核用.xlsx). */
  readonly evaluation: {
    readonly layout: 'municipal2021' | 'province' | 'yunnan2024';
    readonly numbers: { readonly report?: string; readonly department?: string; readonly project?: string };
    readonly summary: boolean;
    /** Unit of the 绩效自评 amounts (default: the form's, else 万元). */
    readonly unit?: '元' | '万元';
    /** Project table numbers: all the same (2021) or consecutive (2024); default: the form's, else same. */
    readonly projectNumbering?: 'same' | 'consecutive';
  };
  /**
   * The annexes (附件) the profile prints where a template writes ANNEXES (default part4.hbs, after
   * the 公开表), in this order: each a narrative/<template>.hbs rendered once per instance of its
   * `data` (compose/annex). None by default.
   */
  readonly annexes?: readonly AnnexDeclaration[];
  /** Notes printed under each project table of the province layout. */
  readonly evaluationNotes?: readonly string[];
  /** 名词解释: definitions reworded by term, and terms added before the fixed ones. */
  readonly glossary?: {
    readonly reword?: Readonly<Record<string, string>>;
    readonly add?: readonly { readonly term: string; readonly definition: string }[];
  };
}

/** One annex a profile declares (`annexes:` of profile.yaml; docs/templates.md). */
export interface AnnexDeclaration {
  /** Which part of the department file's `annexes:` it prints: `department` once, `projects` once per project. */
  readonly data: 'department' | 'projects';
  /** The narrative template (narrative/<template>.hbs through the chain). */
  readonly template: string;
  /** The heading, a Handlebars pattern over the template's variables (`{{dept}}{{year}}年度…`, `{{annex.name}}`). */
  readonly title: string;
  /** The line above the heading (附件{{no}}; `no` counts the annexes printed, from 1); none when absent. */
  readonly label?: string;
}

/** Settings with a default in code (the others come from templates/default/profile.yaml). */
const CODE_DEFAULTS = {
  dropDotZeroZero: false,
  stripAmountZeros: false,
  percentDecimals: 2,
  wanDecimals: 2,
  placeholderPrefix: '请填写',
  headingNumbers: {},
  listZeroItems: { income: false, expenditure: true },
  glossaryScope: 'gpb',
} satisfies Partial<ProfileSettings>;

export interface Profile {
  /** The profile folders, most specific first (templates/yunnan/yuxi/, templates/yunnan/, templates/default/). */
  readonly dirs: readonly string[];
  readonly name: string;
  /** Folders from the most specific to default, for template lookup. */
  readonly chain: readonly string[];
  readonly settings: ProfileSettings;
  /**
   * The `evaluation` keys set by the profile's own layers (not templates/default/profile.yaml): they
   * override the form's `evaluation` block, which overrides the default (compose/evaluation/settings.ts).
   */
  readonly evaluationOwn?: Partial<ProfileSettings['evaluation']>;
  /**
   * The print keys (zeroDisplay, functionRows) set by the profile's own layers, not by
   * templates/default/profile.yaml: they override the form's `print` block, which overrides the
   * default (compose/tables/print.ts).
   */
  readonly printOwn?: Partial<Pick<ProfileSettings, 'zeroDisplay' | 'functionRows'>>;
}

/** One problem of a profile, at its place in a profile.yaml when it has one; an error unless said otherwise. */
export interface ProfileProblem {
  readonly message: string;
  readonly location?: SourceRef;
  /** A warning does not stop the profile from being used (a form named for a later year not shipped yet). */
  readonly severity?: 'error' | 'warning';
  /** The form (表样) the problem is about, when it is about one of the profile's forms. */
  readonly form?: string;
}

/**
 * A profile that cannot be used; `location` points into its profile.yaml when the problem is there.
 * `problems` lists every problem found (the first is the message), for `juesuan profile check`.
 */
export class ProfileError extends Error {
  readonly problems: readonly ProfileProblem[];
  constructor(
    message: string,
    readonly location?: SourceRef,
    problems?: readonly ProfileProblem[],
  ) {
    super(message);
    this.problems = problems ?? [{ message, ...(location ? { location } : {}) }];
  }
}

/**
 * A profile name is a folder under templates/, `yunnan/yuxi`: letters, digits, `_` and `-`, parts
 * joined by `/`. Nothing else, so that a department file can never point outside templates/
 * (`../../x`, `/etc`, `C:\x`, `yunnan\..\..`).
 */
const PROFILE_NAME = /^[\p{L}\p{N}_-]+(\/[\p{L}\p{N}_-]+)*$/u;

/** Whether `name` is a well-formed profile name (it may still not exist). */
export function isProfileName(name: string): boolean {
  return PROFILE_NAME.test(name);
}

function checkName(name: string, location?: SourceRef): void {
  if (!isProfileName(name)) {
    throw new ProfileError(`模板配置名“${name}”不对：只能写 templates/ 下的文件夹名，如 yunnan 或 yunnan/yuxi（不能有“..”、“\\”或以“/”开头）`, location);
  }
}

/** One profile.yaml of a chain, parsed, with what is needed to point at its lines. */
interface Layer {
  readonly name: string;
  readonly file: string;
  readonly raw: Record<string, unknown>;
  readonly doc: Document;
  readonly lines: LineCounter;
}

const shown = (name: string) => `templates/${name}/profile.yaml`;

function readLayer(dir: string, name: string): Layer {
  const file = join(dir, name, 'profile.yaml');
  if (!existsSync(file)) throw new ProfileError(`找不到模板配置“${name}”（应有文件 ${shown(name)}）`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    throw new ProfileError(`无法读取模板配置文件 ${shown(name)}${typeof code === 'string' ? `（系统错误代码 ${code}）` : ''}`);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  const error = doc.errors[0];
  if (error) {
    const pos = error.linePos?.[0];
    throw new ProfileError(
      `模板配置文件 ${shown(name)} ${pos ? `第${pos.line}行第${pos.col}列` : ''}的 YAML 格式不对（解析器原文：${error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}）`,
      { file, line: pos?.line ?? 1, column: pos?.col ?? 1 },
    );
  }
  const raw: unknown = doc.toJS();
  if (raw !== null && raw !== undefined && (typeof raw !== 'object' || Array.isArray(raw))) {
    throw new ProfileError(`模板配置文件 ${shown(name)} 的内容应为键值对`, { file, line: 1, column: 1 });
  }
  return { name, file, raw: (raw ?? {}) as Record<string, unknown>, doc, lines };
}

/** A problem at `path` of a layer's profile.yaml; the message names the file and line. */
function problemAt(layer: Layer, path: readonly (string | number)[], what: string, which: 'value' | 'key' = 'value'): ProfileProblem {
  const place = placeOf(layer.doc, layer.lines, layer.file, path, which);
  return { message: `模板配置文件 ${shown(layer.name)} 第${place.line}行：${what}`, location: place };
}

let validator: ValidateFunction | undefined;

const TYPE_NAMES: Record<string, string> = { string: '文字', number: '数字', integer: '整数', boolean: 'true 或 false', object: '键值对', array: '列表', null: '空（null）' };

function describe(value: unknown): string {
  if (value === null || value === undefined) return '空';
  if (Array.isArray(value)) return '列表';
  if (typeof value === 'object') return '键值对';
  if (typeof value === 'string') return `文字“${value.length > 20 ? `${value.slice(0, 20)}…` : value}”`;
  return `“${String(value)}”`;
}

const dotted = (path: readonly (string | number)[]) => path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i ? `.${k}` : k)).join('');

/** Every key the schema allows anywhere, with the path of the object it belongs to. */
function nestedKeys(schema: unknown, at: string[] = [], out = new Map<string, string[]>()): Map<string, string[]> {
  const s = schema as { properties?: Record<string, unknown>; items?: unknown };
  for (const [k, v] of Object.entries(s.properties ?? {})) {
    if (!out.has(k)) out.set(k, at);
    nestedKeys(v, [...at, k], out);
  }
  if (s.items && typeof s.items === 'object') nestedKeys(s.items, at, out);
  return out;
}

function schemaProblem(layer: Layer, e: ErrorObject): ProfileProblem | undefined {
  const path = pointerSegments(e.instancePath);
  const label = path.length ? dotted(path) : '文件顶层';
  const parent = e.parentSchema as { enumLabels?: readonly string[]; properties?: Record<string, unknown>; patternHint?: string } | undefined;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = (e.params as { additionalProperty: string }).additionalProperty;
      const allowed = Object.keys(parent?.properties ?? {});
      const near = nearestName(key, allowed);
      const elsewhere = near ? undefined : nestedKeys(buildProfileSchema()).get(key);
      const hint = near ? `，是不是“${near}”？` : elsewhere && elsewhere.length ? `：这个键应写在 ${elsewhere.join('.')} 下` : '';
      const list = near ? '' : `（${path.length ? `${label} 下` : ''}可用的键：${allowed.join('、')}）`;
      return problemAt(layer, [...path, key], `不认识的键“${key}”${hint}${list}`, 'key');
    }
    case 'propertyNames': {
      const key = (e.params as { propertyName: string }).propertyName;
      const what = path[0] === 'headingNumbers' ? `“${key}”不是标题编号的写法（只能是 ${NUMBER_STYLES.join(' ')} 之一）` : `“${key}”不是表的键（应写成 T01、T3G 这样：大写字母开头，只有大写字母和数字）`;
      return problemAt(layer, [...path, key], `${label} 中${what}`, 'key');
    }
    case 'enum': {
      const values = (e.params as { allowedValues: readonly unknown[] }).allowedValues;
      const labels = parent?.enumLabels;
      const list = values.map((v, i) => (labels?.[i] ? `${String(v)}（${labels[i]}）` : String(v))).join('、');
      return problemAt(layer, path, `${label} 只能是 ${list} 之一，现为${describe(e.data)}`);
    }
    case 'type': {
      const expected = String((e.params as { type: string | string[] }).type).split(',').map((t) => TYPE_NAMES[t] ?? t).join('或');
      return problemAt(layer, path, `${label} 应为${expected}，现为${describe(e.data)}`);
    }
    case 'required':
      return problemAt(layer, path, `${label} 缺少“${(e.params as { missingProperty: string }).missingProperty}”`);
    case 'minimum':
    case 'maximum':
      return problemAt(layer, path, `${label} 应${e.keyword === 'minimum' ? '不小于' : '不大于'} ${(e.params as { limit: number }).limit}，现为${describe(e.data)}`);
    case 'minItems':
      return problemAt(layer, path, `${label} 至少要有 ${(e.params as { limit: number }).limit} 项`);
    case 'minLength':
      return problemAt(layer, path, `${label} 不能是空的文字`);
    case 'uniqueItems':
      return problemAt(layer, path, `${label} 中有重复的项（第${(e.params as { j: number }).j + 1}项与第${(e.params as { i: number }).i + 1}项相同）`);
    case 'pattern':
      return problemAt(layer, path, `${label} 的写法不对（${parent?.patternHint ?? '格式不对'}），现为${describe(e.data)}`);
    default:
      return problemAt(layer, path, `${label} ${e.message ?? '格式不对'}`);
  }
}

/** Every key and value of one profile.yaml against the schema. */
function layerProblems(layer: Layer): ProfileProblem[] {
  validator ??= new Ajv({ allErrors: true, verbose: true, strict: false }).compile(buildProfileSchema());
  const problems: ProfileProblem[] = [];
  if (!validator(layer.raw)) {
    const seen = new Set<string>();
    for (const e of validator.errors ?? []) {
      // a key that fails propertyNames is reported once, by the propertyNames error itself
      if ((e as { propertyName?: string }).propertyName !== undefined) continue;
      const p = schemaProblem(layer, e);
      if (p && !seen.has(p.message)) {
        seen.add(p.message);
        problems.push(p);
      }
    }
  }
  if (typeof layer.raw.name === 'string' && layer.raw.name !== layer.name) {
    problems.push(problemAt(layer, ['name'], `name 应与文件夹相同，写“${layer.name}”，现为“${layer.raw.name}”`));
  }
  return problems;
}

/** Merge settings: a child's value replaces its parent's (maps merge key by key). */
function merge(parent: Record<string, unknown>, child: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...parent };
  for (const [k, v] of Object.entries(child)) {
    const p = out[k];
    out[k] = p && v && typeof p === 'object' && typeof v === 'object' && !Array.isArray(p) && !Array.isArray(v) ? { ...p, ...v } : v;
  }
  return out;
}

/** The table keys of the forms a profile names (those that load; a broken form is `profile check`'s to report). */
function formTables(merged: Record<string, unknown>, dirs: readonly string[]): { ids: string[]; keys: Set<string> } {
  const ids: string[] = [];
  const keys = new Set<string>();
  const forms = Array.isArray(merged.forms) ? (merged.forms as { form?: unknown }[]) : [];
  for (const id of new Set(forms.map((f) => f?.form).filter((f): f is string => typeof f === 'string'))) {
    try {
      for (const t of loadForm(id, dirs).tables) keys.add(t.key);
      ids.push(id);
    } catch (e) {
      if (!(e instanceof FormError)) throw e;
    }
  }
  return { ids, keys };
}

/** `tables` and `tableNumbers` of every layer name tables of the profile's forms. */
function tableProblems(layers: readonly Layer[], merged: Record<string, unknown>, dirs: readonly string[]): ProfileProblem[] {
  const { ids, keys } = formTables(merged, dirs);
  if (ids.length === 0) return [];
  const known = [...keys];
  const unknown = (layer: Layer, path: (string | number)[], id: string, which: 'value' | 'key'): ProfileProblem => {
    // only a difference of case is suggested: T07 is not a typo of T01
    const near = known.find((k) => k.toLowerCase() === id.toLowerCase());
    return problemAt(layer, path, `${dotted(path.slice(0, 1))} 中的“${id}”不是表样 ${ids.join('、')} 中的表${near ? `，是不是“${near}”？` : ''}（表样中的表：${known.join('、')}）`, which);
  };
  const problems: ProfileProblem[] = [];
  for (const layer of layers) {
    const { tables, tableNumbers } = layer.raw;
    if (Array.isArray(tables)) tables.forEach((id, i) => typeof id === 'string' && !keys.has(id) && problems.push(unknown(layer, ['tables', i], id, 'value')));
    if (tableNumbers && typeof tableNumbers === 'object' && !Array.isArray(tableNumbers)) {
      for (const id of Object.keys(tableNumbers)) if (!keys.has(id)) problems.push(unknown(layer, ['tableNumbers', id], id, 'key'));
    }
  }
  return problems;
}

/** Settings no layer of the chain sets (templates/default/profile.yaml should). */
function missingSettings(root: Layer, merged: Record<string, unknown>): ProfileProblem[] {
  const missing: string[] = REQUIRED_SETTINGS.filter((k) => merged[k] === undefined || merged[k] === null);
  const evaluation = merged.evaluation as Record<string, unknown> | undefined;
  if (evaluation && typeof evaluation === 'object') for (const k of ['layout', 'numbers', 'summary']) if (evaluation[k] === undefined) missing.push(`evaluation.${k}`);
  return missing.map((k) => problemAt(root, [], `沿继承链都没有设置 ${k}：应在 ${shown(root.name)} 中设置`));
}

/** A profile with every problem of its chain's profile.yaml files. */
export interface ProfileInspection {
  /** The profile, when its chain could be followed (its settings may still have the problems listed). */
  readonly profile?: Profile;
  readonly problems: readonly ProfileProblem[];
}

/** What `inspectProfile` checks besides the profile.yaml files. */
export interface InspectOptions {
  /** Load every form the profile names: a broken form file is an error, a form not shipped a warning. */
  readonly forms?: boolean;
}

/**
 * Resolve `name` and collect every problem of its chain at once: a chain that cannot be followed (a
 * missing profile, a cycle, a bad `extends`, broken YAML) stops at that problem; otherwise every
 * unknown key, bad value and unknown table id of every profile.yaml is listed.
 */
export function inspectProfile(name: string | undefined, dir = TEMPLATES_DIR, options: InspectOptions = {}): ProfileInspection {
  try {
    return resolveLayers(name, dir, options);
  } catch (e) {
    if (e instanceof ProfileError) return { problems: e.problems };
    throw e;
  }
}

/** Every form of the merged `forms` list, loaded; a problem at the entry of the profile.yaml that names it. */
function formProblems(layers: readonly Layer[], merged: Record<string, unknown>, dirs: readonly string[]): ProfileProblem[] {
  const layer = layers.find((l) => Array.isArray(l.raw.forms));
  const forms = Array.isArray(merged.forms) ? (merged.forms as { form?: unknown; from?: unknown }[]) : [];
  const problems: ProfileProblem[] = [];
  forms.forEach((f, i) => {
    if (typeof f?.form !== 'string') return;
    try {
      const form = loadForm(f.form, dirs);
      // without figures the narrative cannot read its numbers: the form's departments fail to build (IN-FORM)
      if (!form.figures && !form.figuresFrom) problems.push({ form: f.form, severity: 'warning', message: `表样“${f.form}”没有 figures（说明文字所用的数）：${String(f.from)}年度起按这个配置的部门不能生成说明文字`, location: { file: form.file, line: 1, column: 1 } });
    } catch (e) {
      if (!(e instanceof FormError)) throw e;
      const at = layer ? problemAt(layer, ['forms', i, 'form'], '') : undefined;
      if (e.location) problems.push({ form: f.form, message: `表样 ${f.form}：${e.message}`, location: e.location });
      else problems.push({ form: f.form, severity: 'warning', message: `${at?.message ?? ''}表样“${f.form}”还没有提供（应有文件 forms/${f.form}.yaml）：${String(f.from)}年度起按这个配置的部门不能生成`, ...(at?.location ? { location: at.location } : {}) });
    }
  });
  return problems;
}

function resolveLayers(name: string | undefined, dir: string, options: InspectOptions): ProfileInspection {
  const start = name ?? 'default';
  const chain: string[] = [];
  const layers: Layer[] = [];
  checkName(start);
  for (let current: string | null = start; current; ) {
    if (chain.includes(current)) throw new ProfileError(`模板配置“${current}”的 extends 形成了循环（${[...chain, current].join(' → ')}）`);
    const layer = readLayer(dir, current);
    chain.push(current);
    layers.push(layer);
    const parent = layer.raw.extends;
    const extendsAt = () => problemAt(layer, ['extends'], '').location;
    if (parent !== undefined && parent !== null && typeof parent !== 'string') {
      throw new ProfileError(`模板配置文件 ${shown(current)} 中 extends 应为一个模板配置名`, extendsAt());
    }
    if (typeof parent === 'string') checkName(parent, extendsAt());
    current = typeof parent === 'string' ? parent : current === 'default' ? null : 'default';
  }
  let merged: Record<string, unknown> = {};
  for (const layer of [...layers].reverse()) merged = merge(merged, layer.raw);
  delete merged.name;
  delete merged.extends;
  const dirs = chain.map((n) => join(dir, n));
  const byLine = (a: ProfileProblem, b: ProfileProblem) => (a.location && 'line' in a.location ? a.location.line : 0) - (b.location && 'line' in b.location ? b.location.line : 0);
  const problems = layers.flatMap((layer) => layerProblems(layer).sort(byLine));
  // table ids are checked against the forms once the values themselves are right
  if (problems.length === 0) problems.push(...missingSettings(layers[layers.length - 1]!, merged), ...tableProblems(layers, merged, dirs));
  if (options.forms) problems.push(...formProblems(layers, merged, dirs));
  const settings = merge(CODE_DEFAULTS, merged) as unknown as ProfileSettings;
  let evaluationOwn: Record<string, unknown> = {};
  for (const layer of [...layers].reverse()) {
    const e = layer.raw.evaluation;
    if (layer.name !== 'default' && e && typeof e === 'object' && !Array.isArray(e)) evaluationOwn = { ...evaluationOwn, ...(e as Record<string, unknown>) };
  }
  const own = Object.keys(evaluationOwn).length ? { evaluationOwn: evaluationOwn as Partial<ProfileSettings['evaluation']> } : {};
  const printOwn: Record<string, unknown> = {};
  for (const layer of [...layers].reverse()) {
    if (layer.name === 'default') continue;
    for (const key of ['zeroDisplay', 'functionRows'] as const) if (layer.raw[key] !== undefined) printOwn[key] = layer.raw[key];
  }
  const print = Object.keys(printOwn).length ? { printOwn: printOwn as Profile['printOwn'] } : {};
  return { profile: { name: start, chain, dirs, settings, ...own, ...print }, problems };
}

/** The profile `name` (default: `default`) with its settings merged through the chain; throws ProfileError listing every problem. */
export function resolveProfile(name: string | undefined, dir = TEMPLATES_DIR): Profile {
  const { profile, problems } = inspectProfile(name, dir);
  const errors = problems.filter((p) => p.severity !== 'warning');
  if (!profile || errors.length) {
    const first = errors[0]!;
    throw new ProfileError(first.message, first.location, errors);
  }
  return profile;
}
