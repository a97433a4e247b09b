// Profiles (DESIGN.md): a folder under templates/ holding only what differs from the profile it
// extends, plus a profile.yaml naming that parent. Resolution walks department → city → province →
// default; a new city is a new folder, never a code change.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { TableKey } from '../model/tables.js';

export const TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

export interface ProfileSettings {
  readonly tableNumbers: Readonly<Record<TableKey, string>>;
  readonly tables: readonly TableKey[];
  readonly zeroDisplay: 'blank' | 'zero';
  readonly functionRows: 'hierarchy' | 'leafOnly';
  readonly rounding: 'largestRemainder' | 'independent';
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
  readonly name: string;
  /** Folders from the most specific to default, for template lookup. */
  readonly chain: readonly string[];
  readonly settings: ProfileSettings;
}

export class ProfileError extends Error {}

function readProfileFile(dir: string, name: string): Record<string, unknown> {
  const file = `${dir}${name}/profile.yaml`;
  if (!existsSync(file)) throw new ProfileError(`找不到模板配置“${name}”（应有文件 templates/${name}/profile.yaml）`);
  const raw = parse(readFileSync(file, 'utf8')) as Record<string, unknown> | null;
  return raw ?? {};
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
  for (let current: string | null = start; current; ) {
    if (chain.includes(current)) throw new ProfileError(`模板配置“${current}”的 extends 形成了循环`);
    const raw = readProfileFile(dir, current);
    chain.push(current);
    layers.push(raw);
    current = typeof raw.extends === 'string' ? raw.extends : current === 'default' ? null : 'default';
  }
  let merged: Record<string, unknown> = {};
  for (const layer of [...layers].reverse()) merged = merge(merged, layer);
  delete merged.name;
  delete merged.extends;
  const defaults = { dropDotZeroZero: false, stripAmountZeros: false, listZeroItems: { income: false, expenditure: true }, glossaryScope: 'gpb' };
  return { name: start, chain, settings: { ...defaults, ...merged } as unknown as ProfileSettings };
}
