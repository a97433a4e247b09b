// Walk a parsed YAML document once and keep, for every value, where it is and how it was written.
// Amounts must never pass through a JS number: `raw` keeps the source text of each plain scalar
// (`34008496.42`, `12,142,723.19`) so the dataset builder can read it exactly. An alias (`*name`)
// of a value is read as that value, never silently as blank; an alias of a whole block is refused.
// A text longer than an Excel cell holds is refused here, once for every field.
import { isAlias, isMap, isScalar, isSeq, LineCounter, type Document, type Node } from 'yaml';
import type { Finding, SourceRef } from '../model/finding.js';

/** The most characters one Excel cell holds; a longer text could not go into the XLSX intact. */
export const MAX_CELL_TEXT = 32_767;

export interface YamlTree {
  /** The document as plain JS (like toJS), for the schema check and the dataset builder. */
  readonly plain: unknown;
  /** Source position of every node (and of every mapping key, under `path#key`). */
  readonly sources: Record<string, SourceRef>;
  /** Source text of every plain scalar, for exact number reading. */
  readonly raw: Record<string, string>;
  /** Keys that are the same once read (`"2010401":` and `2010401:` in one table). */
  readonly duplicateKeys: readonly { readonly path: string; readonly first: SourceRef; readonly again: SourceRef }[];
  /** Values the tree cannot hold as written (an alias of a block, a text too long for a cell). */
  readonly findings: readonly Finding[];
}

export function joinPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

export function walkYaml(doc: Document, lineCounter: LineCounter, file: string): YamlTree {
  const sources: Record<string, SourceRef> = {};
  const raw: Record<string, string> = {};
  const duplicateKeys: { path: string; first: SourceRef; again: SourceRef }[] = [];
  const findings: Finding[] = [];

  const at = (offset: number, path: string): SourceRef => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col, path };
  };

  const visit = (node: Node | null | undefined, path: string): unknown => {
    if (node == null) return null;
    if (node.range) sources[path] = at(node.range[0], path);
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      for (const pair of node.items) {
        const keyNode = pair.key as Node | null;
        const key = isScalar(keyNode) ? keyText(keyNode) : String(keyNode);
        const childPath = joinPath(path, key);
        const seen = sources[`${childPath}#key`];
        // (keys inside a duplicated mapping repeat too: only the outermost duplicate is reported)
        if (seen && keyNode?.range && !duplicateKeys.some((d) => childPath.startsWith(`${d.path}.`) || childPath.startsWith(`${d.path}[`))) {
          duplicateKeys.push({ path: childPath, first: seen, again: at(keyNode.range[0], childPath) });
        }
        if (keyNode?.range) sources[`${childPath}#key`] = at(keyNode.range[0], childPath);
        const value = visit(pair.value as Node | null, childPath);
        // a key with no value (`r3:`) still has a place a finding can point at
        if (!(childPath in sources) && keyNode?.range) sources[childPath] = at(keyNode.range[0], childPath);
        out[key] = value;
      }
      return out;
    }
    if (isSeq(node)) return node.items.map((item, i) => visit(item as Node, joinPath(path, i)));
    if (isScalar(node)) return scalar(node, path);
    if (isAlias(node)) {
      const target = node.resolve(doc);
      // an alias of a value reads as that value, exactly as written at its anchor
      if (isScalar(target)) return scalar(target, path);
      findings.push({
        ruleId: 'IN-ALIAS',
        severity: 'error',
        message: `${path || '文件顶层'} 用了 YAML 别名“*${node.source}”${target ? '引用一整段内容' : '，但找不到它引用的内容'}，这里不能用别名`,
        location: sources[path]!,
        note: '请把内容直接写在这里（别名只能代替一个数字或一段文字）',
      });
      return null;
    }
    return null;
  };

  const scalar = (node: { type?: string | undefined; source?: unknown; value: unknown }, path: string): unknown => {
    if (node.type === 'PLAIN' && typeof node.source === 'string') raw[path] = node.source;
    if (typeof node.value === 'string' && node.value.length > MAX_CELL_TEXT) {
      findings.push({
        ruleId: 'IN-LENGTH',
        severity: 'error',
        message: `${path} 的文字有 ${node.value.length.toLocaleString('en-US')} 个字符，超过 Excel 一个单元格最多能放的 ${MAX_CELL_TEXT.toLocaleString('en-US')} 个字符`,
        location: sources[path]!,
        note: '请删减这段文字',
      });
    }
    return node.value;
  };

  const plain = visit(doc.contents as Node | null, '');
  return { plain, sources, raw, duplicateKeys, findings };
}

function keyText(key: { value: unknown; source?: string }): string {
  // numeric keys (`2010401:`) keep their digits as written
  if (typeof key.value === 'number' && typeof key.source === 'string') return key.source;
  return String(key.value);
}
