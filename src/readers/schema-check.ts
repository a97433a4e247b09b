// Structural check of a department file against its JSON Schema, with ajv. ajv's errors become
// findings in Chinese that name the key (its schema title) and point at its line; an unknown key is
// a warning that suggests the nearest valid key (a typo such as `c17` or `totl`).
import { Ajv, type ErrorObject } from 'ajv';
import { closest, distance } from 'fastest-levenshtein';
import type { Finding, SourceRef } from '../model/finding.js';
import { buildDepartmentSchema } from './schema.js';
import { joinPath } from './yaml-tree.js';

let compiled: ReturnType<InstanceType<typeof Ajv>['compile']> | undefined;

function validator() {
  compiled ??= new Ajv({ allErrors: true, verbose: true, strict: false }).compile(buildDepartmentSchema());
  return compiled;
}

const TYPE_NAMES: Record<string, string> = {
  number: '数字',
  integer: '整数',
  string: '文字',
  object: '键值对（映射）',
  array: '列表',
  null: '空',
  boolean: '是/否',
};

function typeName(value: unknown): string {
  if (value === null) return '空';
  if (Array.isArray(value)) return '列表';
  if (typeof value === 'object') return '键值对（映射）';
  if (typeof value === 'number') return Number.isInteger(value) ? '整数' : '数字';
  if (typeof value === 'string') return `文字“${value.length > 20 ? value.slice(0, 20) + '…' : value}”`;
  return typeof value;
}

/** ajv's JSON pointer (`/selfEvaluation/projects/3/name`) → our path (`selfEvaluation.projects[3].name`). */
function pointerToPath(pointer: string, root: unknown): string {
  let path = '';
  let node: unknown = root;
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      path = joinPath(path, Number(seg));
      node = node[Number(seg)];
    } else {
      path = joinPath(path, seg);
      node = node && typeof node === 'object' ? (node as Record<string, unknown>)[seg] : undefined;
    }
  }
  return path;
}

function titleOf(schema: unknown): string | undefined {
  return schema && typeof schema === 'object' ? ((schema as { title?: string }).title ?? undefined) : undefined;
}

function label(path: string, schema: unknown): string {
  const title = titleOf(schema);
  return title ? `“${title}”（${path || '文件顶层'}）` : `“${path || '文件顶层'}”`;
}

export function checkSchema(plain: unknown, sources: Readonly<Record<string, SourceRef>>): Finding[] {
  const validate = validator();
  if (validate(plain)) return [];
  const findings: Finding[] = [];
  const locate = (path: string): SourceRef | undefined => {
    for (let p = path; ; p = p.replace(/(\.[^.[\]]+|\[\d+\])$/, '')) {
      if (sources[p]) return sources[p];
      if (p === '' || !/(\.|\[)/.test(p)) return sources[p] ?? sources[''];
    }
  };
  for (const e of validate.errors ?? []) {
    const f = toFinding(e, plain, locate);
    if (f) findings.push(f);
  }
  return findings;
}

/**
 * In a flow mapping `{ r2: 70,000.00 }` YAML reads a thousands separator as the end of a pair: r2 = 70
 * and a key “000.00” without a value (`1,000,000.00` gives two such keys). For the first such key
 * after a pair whose value is a whole number: that pair's key, its number and the amount as typed;
 * undefined for any other unknown key (the later groups of the same amount give undefined too, and
 * are dropped by the caller: one finding per amount).
 */
export function commaSplitAmount(parent: unknown, key: string): { key: string; value: string; typed: string } | 'group' | undefined {
  if (!parent || typeof parent !== 'object') return undefined;
  const obj = parent as Record<string, unknown>;
  const isGroup = (k: string | undefined) => k !== undefined && /^\d{3}(\.\d*)?$/.test(k) && obj[k] === null;
  if (!isGroup(key)) return undefined;
  const keys = Object.keys(obj);
  const at = keys.indexOf(key);
  const previous = keys[at - 1];
  if (previous === undefined) return undefined;
  if (isGroup(previous) && !previous.includes('.')) return 'group';
  const value = obj[previous];
  if (typeof value !== 'number' || !Number.isInteger(value)) return undefined;
  // the following groups of the same amount: up to the one with the decimals
  const groups = [key];
  for (let i = at + 1; !groups.at(-1)!.includes('.') && isGroup(keys[i]); i++) groups.push(keys[i]!);
  return { key: previous, value: String(value), typed: [String(value), ...groups].join(',') };
}

function toFinding(e: ErrorObject, root: unknown, locate: (path: string) => SourceRef | undefined): Finding | undefined {
  const path = pointerToPath(e.instancePath, root);
  // the dash cells of the 三公 table are a rule of their own (T3G-DASH), with a clearer message
  if (e.keyword === 'type' && /^tables\.T3G\.r\d+\.c\d$/.test(path) && (e.parentSchema as { type?: unknown })?.type?.toString() === 'null') return undefined;
  // the report year is rule D-YEAR of rules.md §6
  if (path === 'department.year' && (e.keyword === 'minimum' || e.keyword === 'maximum' || e.keyword === 'type')) {
    return { ruleId: 'D-YEAR', severity: 'error', message: `决算年度“${String(e.data)}”不是4位年份（2000–2099）`, location: locate(path) };
  }
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = (e.params as { additionalProperty: string }).additionalProperty;
      const keyPath = joinPath(path, key);
      const known = Object.keys((e.parentSchema as { properties?: object })?.properties ?? {});
      const split = commaSplitAmount(e.data, key);
      if (split === 'group') return undefined;
      if (split) {
        return {
          ruleId: 'IN-COMMA',
          severity: 'error',
          message: `${path ? `${path} 中` : ''}“${split.key}: ${split.typed}”的千分位逗号在 { } 里把金额拆开了（读成 ${split.key} = ${split.value}，其余成了键“${split.typed.slice(split.value.length + 1)}”）`,
          location: locate(`${keyPath}#key`) ?? locate(keyPath),
          note: `请去掉千分位逗号（${split.key}: ${split.typed.replaceAll(',', '')}），或给金额加引号（${split.key}: "${split.typed}"），或每项写一行`,
        };
      }
      const guess = known.length ? closest(key, known) : undefined;
      const near = guess !== undefined && distance(key, guess) <= Math.max(2, Math.floor(guess.length / 3));
      return {
        ruleId: 'IN-KEY',
        severity: 'warning',
        message: `未知的键“${key}”${path ? `（在 ${path} 下）` : ''}，已忽略`,
        location: locate(`${keyPath}#key`) ?? locate(keyPath),
        ...(near ? { note: `是否应为“${guess}”（${titleOf((e.parentSchema as { properties: Record<string, unknown> }).properties[guess!]) ?? guess}）？` } : {}),
      };
    }
    case 'type': {
      const expected = ([] as string[]).concat((e.params as { type: string | string[] }).type).filter((t) => t !== 'null');
      return {
        ruleId: 'IN-TYPE',
        severity: 'error',
        message: `${label(path, e.parentSchema)}应为${expected.map((t) => TYPE_NAMES[t] ?? t).join('或')}，实际为${typeName(e.data)}`,
        location: locate(path),
      };
    }
    case 'required': {
      const missing = (e.params as { missingProperty: string }).missingProperty;
      const props = (e.parentSchema as { properties?: Record<string, unknown> })?.properties ?? {};
      return {
        ruleId: 'IN-REQ',
        severity: 'error',
        message: `缺少必填项${label(joinPath(path, missing), props[missing])}`,
        location: locate(path),
      };
    }
    case 'enum': {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues;
      return {
        ruleId: 'IN-ENUM',
        severity: 'error',
        message: `${label(path, e.parentSchema)}的值“${String(e.data)}”不在可选范围内`,
        location: locate(path),
        note: `可选：${allowed.join('、')}`,
      };
    }
    case 'minimum':
    case 'maximum':
      return {
        ruleId: 'IN-RANGE',
        severity: 'error',
        message: `${label(path, e.parentSchema)}的值 ${String(e.data)} 超出范围（${e.keyword === 'minimum' ? '不小于' : '不大于'} ${String((e.params as { limit: number }).limit)}）`,
        location: locate(path),
      };
    case 'pattern':
      return undefined; // amount formats are checked, with a better message, when the dataset is built
    default:
      return { ruleId: 'IN-SCHEMA', severity: 'error', message: `${label(path, e.parentSchema)}：${e.message ?? '格式不对'}`, location: locate(path) };
  }
}
