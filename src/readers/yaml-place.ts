// Where a value of a small YAML file (a form, a profile) sits: the 1-based line and column of a node
// found by its path, for messages that send the author to the right line.
import { isMap, isNode, isScalar, type Document, type LineCounter } from 'yaml';

/** A place in a file: 1-based line and column. */
export interface YamlPlace {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** The place of source offset `offset` (the file's start when unknown). */
export function placeAt(file: string, lines: LineCounter, offset: number | undefined): YamlPlace {
  const pos = lines.linePos(offset ?? 0);
  return { file, line: pos.line, column: pos.col };
}

/** An ajv instance path (`/tables/3/key`) as YAML path segments (`['tables', 3, 'key']`). */
export function pointerSegments(pointer: string): (string | number)[] {
  return pointer
    .split('/')
    .slice(1)
    .map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((k) => (/^\d+$/.test(k) ? Number(k) : k));
}

/**
 * The place of the value at `path` in `doc`, or of its key (`which: 'key'`, for an unknown key); when
 * the path does not exist, the place of its nearest parent that does.
 */
export function placeOf(doc: Document, lines: LineCounter, file: string, path: readonly (string | number)[], which: 'value' | 'key' = 'value'): YamlPlace {
  const keyPlace = (): YamlPlace | undefined => {
    const parent = path.length > 0 ? doc.getIn(path.slice(0, -1), true) : undefined;
    if (!isMap(parent)) return undefined;
    const last = String(path[path.length - 1]);
    const key = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === last)?.key;
    return isNode(key) && key.range ? placeAt(file, lines, key.range[0]) : undefined;
  };
  const valuePlace = (n: number): YamlPlace | undefined => {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    return isNode(node) && node.range ? placeAt(file, lines, node.range[0]) : undefined;
  };
  // a key written without a value (`zeroDisplay:`) has no value node: its key is the place
  const exact = which === 'key' ? keyPlace() : (valuePlace(path.length) ?? keyPlace());
  if (exact) return exact;
  for (let n = path.length - 1; n >= 0; n--) {
    const place = valuePlace(n);
    if (place) return place;
  }
  return placeAt(file, lines, 0);
}
