// A finding of validation (modelled on vfile-message): a record, never a printed string.
// Printing, with the location, lives in cli/format-finding.ts.

/** Where a value came from: a YAML file position, or an Excel cell. */
export type SourceRef =
  | { readonly file: string; readonly line: number; readonly column: number; readonly path?: string }
  | { readonly file: string; readonly sheet: string; readonly cell: string };

export type Severity = 'error' | 'warning';

export interface Finding {
  /** Verbatim from rules.md ('T01-BAL', 'EP-DATE') or a reader id ('YAML', 'SCHEMA-TYPE'). */
  readonly ruleId: string;
  readonly severity: Severity;
  /** One Chinese sentence, without the location. */
  readonly message: string;
  readonly location?: SourceRef;
  /** The other side(s) of an identity. */
  readonly related?: readonly SourceRef[];
  /** Decimal strings in 元 (or the unit the message names). */
  readonly expected?: string;
  readonly actual?: string;
  /** A suggestion: what the value probably should be. */
  readonly note?: string;
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}
