// readYaml(text, file) → { dataset, findings }. A YAML syntax error, a duplicate key or a schema
// error is a finding with line and column; the dataset is only returned when the file is well-formed
// enough for the rules to run on it.
import { LineCounter, parseDocument, type YAMLError } from 'yaml';
import type { Dataset } from '../model/dataset.js';
import type { Finding } from '../model/finding.js';
import { buildDataset } from './build-dataset.js';
import { checkSchema } from './schema-check.js';
import { walkYaml } from './yaml-tree.js';

export interface ReadResult {
  readonly dataset?: Dataset;
  readonly findings: readonly Finding[];
}

const YAML_MESSAGES: Record<string, string> = {
  DUPLICATE_KEY: '同一层级中出现了重复的键',
  BAD_INDENT: '缩进不对（同一层级的键要对齐，下一级要多缩进）',
  MISSING_CHAR: '缺少字符（例如引号或括号没有配对）',
  BLOCK_AS_IMPLICIT_KEY: '键的写法不对（冒号后面要有空格）',
  MULTILINE_IMPLICIT_KEY: '键不能跨行（可能缺少冒号或缩进不对）',
  UNEXPECTED_TOKEN: '出现了意外的字符',
  TAB_AS_INDENT: '不能用制表符（Tab）缩进，请改用空格',
  BAD_SCALAR_START: '值的开头字符不对（以特殊字符开头的文字请加引号）',
};

function yamlFinding(e: YAMLError, file: string): Finding {
  const pos = e.linePos?.[0];
  const reason = YAML_MESSAGES[e.code] ?? 'YAML 格式错误';
  const detail = e.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '');
  return {
    ruleId: e.code === 'DUPLICATE_KEY' ? 'IN-DUP' : 'IN-YAML',
    severity: 'error',
    message: reason,
    ...(pos ? { location: { file, line: pos.line, column: pos.col } } : {}),
    ...(detail ? { note: `解析器原文：${detail}` } : {}),
  };
}

export function readYaml(text: string, file: string): ReadResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter, prettyErrors: true, uniqueKeys: true });
  // one mistake (a tab, a missing bracket) makes the parser stumble on every line after it: report
  // the first syntax error only, and every duplicate key (each one is a mistake of its own)
  const duplicates = doc.errors.filter((e) => e.code === 'DUPLICATE_KEY').map((e) => yamlFinding(e, file));
  const others = doc.errors.filter((e) => e.code !== 'DUPLICATE_KEY');
  const first = others[0] ? yamlFinding(others[0], file) : undefined;
  const syntax = [...(first ? [others.length > 1 ? { ...first, note: `${first.note ? `${first.note}；` : ''}改正这一处后再检查：其后的格式错误可能都是它引起的` } : first] : []), ...duplicates];
  if (syntax.length > 0) return { findings: syntax };
  const tree = walkYaml(doc, lineCounter, file);
  if (tree.duplicateKeys.length > 0) {
    return {
      findings: tree.duplicateKeys.map((d) => ({
        ruleId: 'IN-DUP',
        severity: 'error' as const,
        message: `键“${d.path.split('.').pop()}”（${d.path}）写了两次（“2010401”与 2010401 这样带引号和不带引号的写法是同一个编码）`,
        location: d.again,
        related: [d.first],
      })),
    };
  }
  if (tree.plain === null || typeof tree.plain !== 'object' || Array.isArray(tree.plain)) {
    return { findings: [{ ruleId: 'IN-TYPE', severity: 'error', message: '文件内容应为键值对（以 department: 等开头），现在是空文件或列表', location: { file, line: 1, column: 1 } }] };
  }
  const schemaFindings = [...tree.findings, ...checkSchema(tree.plain, tree.sources)];
  if (schemaFindings.some((f) => f.severity === 'error')) return { findings: schemaFindings };
  const { dataset, findings } = buildDataset(tree, file);
  return { dataset, findings: [...schemaFindings, ...findings] };
}
