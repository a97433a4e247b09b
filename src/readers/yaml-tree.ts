// Walk a parsed YAML document once and keep, for every value, where it is and how it was written.
// Amounts must never pass through a JS number: `raw` keeps the source text of each plain scalar
// (`34008496.42`, `12,142,723.19`) so the dataset builder can read it exactly.
import { isMap, isScalar, isSeq, LineCounter, type Document, type Node } from 'yaml';
import type { SourceRef } from '../model/finding.js';

export interface YamlTree {
  /** The document as plain JS (like toJS), for the schema check and the dataset builder. */
  readonly plain: unknown;
  /** Source position of every node (and of every mapping key, under `path#key`). */
  readonly sources: Record<string, SourceRef>;
  /** Source text of every plain scalar, for exact number reading. */
  readonly raw: Record<string, string>;
  /** Keys that are the same once read (`"2010401":` and `2010401:` in one table). */
  readonly duplicateKeys: readonly { readonly path: string; readonly first: SourceRef; readonly again: SourceRef }[];
}

export function joinPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

export function walkYaml(doc: Document, lineCounter: LineCounter, file: string): YamlTree {
  const sources: Record<string, SourceRef> = {};
  const raw: Record<string, string> = {};
  const duplicateKeys: { path: string; first: SourceRef; again: SourceRef }[] = [];

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
    if (isScalar(node)) {
      if (node.type === 'PLAIN' && typeof node.source === 'string') raw[path] = node.source;
      return node.value;
    }
    return null; // aliases are resolved by toJS elsewhere; we do not use them
  };

  const plain = visit(doc.contents as Node | null, '');
  return { plain, sources, raw, duplicateKeys };
}

function keyText(key: { value: unknown; source?: string }): string {
  // numeric keys (`2010401:`) keep their digits as written
  if (typeof key.value === 'number' && typeof key.source === 'string') return key.source;
  return String(key.value);
}
