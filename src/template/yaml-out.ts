// The plain tree of a department as a YAML file in the form docs/input-format.md describes: amounts as
// printed (34,008,496.42; amounts under 1,000 as numbers with two decimals), codes as quoted keys,
// paragraphs as block scalars, a comment naming each section and table. Reading the file back gives
// the same dataset.
import { Document, isMap, isScalar, Scalar, type Node } from 'yaml';
import { TABLE_NAMES, type TableKey } from '../model/tables.js';
import { formatAmount } from '../model/format.js';
import { Decimal } from '../model/decimal.js';
import { Figure, type Plain } from './plain.js';

const SECTION_TITLES: Readonly<Record<string, string>> = {
  department: '部门信息',
  overview: '第一部分 部门概况',
  tables: '公开表（金额单位：元）',
  priorYear: '上年决算数（元）',
  budget: '预算数（元）',
  explanations: '说明文字（变动原因等，只写原因本身）',
  threePublicDetails: '“三公”经费具体情况',
  procurement: '政府采购支出（元）',
  assets: '国有资产占有使用情况',
  performanceManagement: '预算绩效管理情况',
  glossary: '名词解释补充',
  selfEvaluation: '绩效自评',
  annexes: '附件（部门预算整体绩效自评报告、项目支出绩效自评报告）',
};

function figureNode(f: Figure): Scalar {
  const d = new Decimal(f.text);
  if (f.kind === 'amount' && d.abs().gte(1000) && d.decimalPlaces() <= 2) return new Scalar(formatAmount(d));
  // a number YAML reads back as the same digits
  const n = Number(f.text);
  if (String(n) === d.toFixed() || f.kind === 'amount') {
    const s = new Scalar(n);
    if (f.kind === 'amount') s.minFractionDigits = Math.max(2, d.decimalPlaces());
    return s;
  }
  return new Scalar(f.text);
}

function toNode(doc: Document, v: Plain | undefined): Node | null {
  if (v === undefined || v === null) return null;
  if (v instanceof Figure) return figureNode(v);
  if (Array.isArray(v)) {
    const seq = doc.createNode([]) as Node & { items: unknown[] };
    for (const item of v) seq.items.push(toNode(doc, item));
    return seq;
  }
  if (typeof v === 'object') {
    const map = doc.createNode({}) as Node & { items: unknown[] };
    for (const [k, child] of Object.entries(v as Record<string, Plain | undefined>)) {
      if (child === undefined) continue;
      map.items.push(doc.createPair(k, toNode(doc, child)));
    }
    return map;
  }
  return doc.createNode(v) as Node;
}

/** Options of the YAML writer. */
export interface YamlOutOptions {
  /** Path of department.schema.json relative to the file (for the editor line); omitted when absent. */
  readonly schemaPath?: string;
  /** Comment lines at the top of the file (what it was made from). */
  readonly header?: readonly string[];
  /** Sections to print empty for the officer to fill in (`overview.functions`), with a comment each. */
  readonly blanks?: readonly { readonly path: string; readonly comment: string }[];
}

/** The plain tree as YAML text. */
export function writeYaml(tree: Plain, options: YamlOutOptions = {}): string {
  const doc = new Document(null);
  doc.contents = toNode(doc, tree) as never;
  const root = doc.contents as unknown;
  for (const b of options.blanks ?? []) {
    const keys = b.path.split('.');
    if (doc.hasIn(keys)) continue;
    doc.setIn(keys, null);
    const parent = keys.length > 1 ? doc.getIn(keys.slice(0, -1), true) : root;
    if (isMap(parent)) {
      const pair = parent.items.find((p) => isScalar(p.key) ? p.key.value === keys.at(-1) : p.key === keys.at(-1));
      if (pair) {
        const key = isScalar(pair.key) ? pair.key : new Scalar(pair.key);
        key.commentBefore = b.comment;
        pair.key = key;
      }
    }
  }
  if (isMap(root)) {
    for (const pair of root.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const title = SECTION_TITLES[key];
      if (title && isScalar(pair.key)) pair.key.commentBefore = ` ${title}`;
      else if (title) {
        const k = new Scalar(key);
        k.commentBefore = ` ${title}`;
        pair.key = k;
      }
      if (key === 'tables' && isMap(pair.value)) {
        for (const t of pair.value.items) {
          const tk = isScalar(t.key) ? String(t.key.value) : String(t.key);
          const name = TABLE_NAMES[tk as TableKey];
          if (!name) continue;
          const k = isScalar(t.key) ? t.key : new Scalar(tk);
          k.commentBefore = ` ${name}`;
          t.key = k;
        }
      }
    }
  }
  const head = [...(options.schemaPath ? [`yaml-language-server: $schema=${options.schemaPath}`] : []), ...(options.header ?? [])];
  if (head.length) doc.commentBefore = head.map((l) => ` ${l}`).join('\n');
  return doc.toString({ lineWidth: 0, nullStr: '' });
}
