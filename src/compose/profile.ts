// Profiles (DESIGN.md): a folder under templates/ holding only what differs from the profile it
// extends, plus a profile.yaml naming that parent. Resolution walks department → city → province →
// default; a new city is a new folder, never a code change.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument } from 'yaml';
import type { SourceRef } from '../model/finding.js';
import type { TableKey } from '../model/tables.js';
import type { FormChoice } from '../forms/load.js';

export const TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

export interface ProfileSettings {
  /** Printed table numbers that differ from the form's (a city printing 表一 for 公开01表). */
  readonly tableNumbers?: Readonly<Partial<Record<TableKey, string>>>;
  /** The form's tables this profile publishes, when not all of them. */
  readonly tables?: readonly TableKey[];
  readonly zeroDisplay: 'blank' | 'zero';
  readonly functionRows: 'hierarchy' | 'leafOnly';
  /** rules.md §8.1: shares rounded on their own (independent) or adding up to 100.00 (largestRemainder). */
  readonly shareRounding: 'largestRemainder' | 'independent';
  /** The form (表样) of each report year: the entry with the latest `from` not after the year applies. */
  readonly forms: readonly FormChoice[];
  readonly allowFlowAdjustment: boolean;
  readonly gradeBands: readonly { readonly grade: string; readonly min: number }[];
  readonly levelWeights: Readonly<Record<string, number>>;
  readonly dropDotZeroZero: boolean;
  /** 438.4万元 for 438.40 (004's hand-typed style; off by default, narrative.md A.1). */
  readonly stripAmountZeros: boolean;
  /** Whether a list sentence names zero items (004: the income list omits them, the spending list prints 0%). */
  readonly listZeroItems: { readonly income: boolean; readonly expenditure: boolean };
  /** 名词解释 subject entries: the 项 of 一般公共预算财政拨款 spending (gpb, as 004) or every 项 of 03表 (all). */
  readonly glossaryScope: 'gpb' | 'all';
  /** 绩效自评: layout of the project tables, table numbers, notes printed under each project table. */
  readonly evaluation: {
    readonly layout: 'municipal2021' | 'province';
    readonly numbers: { readonly report?: string; readonly department?: string; readonly project?: string };
    readonly summary: boolean;
  };
  readonly evaluationNotes?: readonly string[];
  /** 名词解释: definitions reworded by term, and terms added before the fixed ones. */
  readonly glossary?: {
    readonly reword?: Readonly<Record<string, string>>;
    readonly add?: readonly { readonly term: string; readonly definition: string }[];
  };
}

export interface Profile {
  /** The profile folders, most specific first (templates/yunnan/yuxi/, templates/yunnan/, templates/default/). */
  readonly dirs: readonly string[];
  readonly name: string;
  /** Folders from the most specific to default, for template lookup. */
  readonly chain: readonly string[];
  readonly settings: ProfileSettings;
}

/** A profile that cannot be used; `location` points into its profile.yaml when the problem is there. */
export class ProfileError extends Error {
  constructor(
    message: string,
    readonly location?: SourceRef,
  ) {
    super(message);
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

function readProfileFile(dir: string, name: string): { raw: Record<string, unknown>; extendsAt?: SourceRef } {
  const file = join(dir, name, 'profile.yaml');
  if (!existsSync(file)) throw new ProfileError(`找不到模板配置“${name}”（应有文件 templates/${name}/profile.yaml）`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    throw new ProfileError(`无法读取模板配置文件 templates/${name}/profile.yaml${typeof code === 'string' ? `（系统错误代码 ${code}）` : ''}`);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  const error = doc.errors[0];
  if (error) {
    const pos = error.linePos?.[0];
    throw new ProfileError(
      `模板配置文件 templates/${name}/profile.yaml ${pos ? `第${pos.line}行第${pos.col}列` : ''}的 YAML 格式不对（解析器原文：${error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}）`,
      { file, line: pos?.line ?? 1, column: pos?.col ?? 1 },
    );
  }
  const raw: unknown = doc.toJS();
  if (raw !== null && raw !== undefined && (typeof raw !== 'object' || Array.isArray(raw))) {
    throw new ProfileError(`模板配置文件 templates/${name}/profile.yaml 的内容应为键值对`, { file, line: 1, column: 1 });
  }
  const extendsNode = doc.contents && 'get' in doc.contents ? doc.getIn(['extends'], true) : undefined;
  const offset = (extendsNode as { range?: [number, number, number] } | undefined)?.range?.[0];
  const extendsAt = offset === undefined ? undefined : { file, line: lineCounter.linePos(offset).line, column: lineCounter.linePos(offset).col };
  return { raw: (raw ?? {}) as Record<string, unknown>, ...(extendsAt ? { extendsAt } : {}) };
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

export function resolveProfile(name: string | undefined, dir = TEMPLATES_DIR): Profile {
  const start = name ?? 'default';
  const chain: string[] = [];
  const layers: Record<string, unknown>[] = [];
  checkName(start);
  for (let current: string | null = start; current; ) {
    if (chain.includes(current)) throw new ProfileError(`模板配置“${current}”的 extends 形成了循环`);
    const { raw, extendsAt } = readProfileFile(dir, current);
    chain.push(current);
    layers.push(raw);
    if (raw.extends !== undefined && raw.extends !== null && typeof raw.extends !== 'string') {
      throw new ProfileError(`模板配置文件 templates/${current}/profile.yaml 中 extends 应为一个模板配置名`, extendsAt);
    }
    if (typeof raw.extends === 'string') checkName(raw.extends, extendsAt);
    current = typeof raw.extends === 'string' ? raw.extends : current === 'default' ? null : 'default';
  }
  let merged: Record<string, unknown> = {};
  for (const layer of [...layers].reverse()) merged = merge(merged, layer);
  delete merged.name;
  delete merged.extends;
  const defaults = { dropDotZeroZero: false, stripAmountZeros: false, listZeroItems: { income: false, expenditure: true }, glossaryScope: 'gpb' };
  return { name: start, chain, dirs: chain.map((n) => join(dir, n)), settings: { ...defaults, ...merged } as unknown as ProfileSettings };
}
