// The one place where a finding becomes text (pandoc's showLogMessage): location first, in the form
// editors and people both read (`file.yaml:12:5`, `file.xlsx 公开01表!C27`), then severity, rule id
// and the Chinese message with the expected value and the suggestion.
import type { Finding, SourceRef } from '../model/finding.js';

export function formatLocation(s: SourceRef | undefined): string {
  if (!s) return '';
  if ('sheet' in s) return `${s.file} ${s.sheet}!${s.cell}`;
  return `${s.file}:${s.line}:${s.column}`;
}

const SEVERITY_WORDS = { error: '错误', warning: '警告' } as const;

export function formatFinding(f: Finding): string {
  const where = formatLocation(f.location);
  const lines = [`${where ? `${where}  ` : ''}${SEVERITY_WORDS[f.severity]} [${f.ruleId}] ${f.message}`];
  if (f.note) lines.push(`    建议：${f.note}`);
  if (f.related?.length) lines.push(`    相关：${f.related.map(formatLocation).join('；')}`);
  return lines.join('\n');
}

export function summaryLine(findings: readonly Finding[]): string {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  return `${errors} 个错误，${warnings} 个警告`;
}
