// The form's identities (templates/<profile>/forms/*.yaml): every formula becomes checks on the
// department's completed tables, reported like every other identity (describe.ts reportMismatch),
// with the rule id, severity and note the form gives. One Rule per rule id, so a rule is named once
// however many formulas spell it out.
import { sum, type Decimal } from '../../model/decimal.js';
import type { Form, IdentitySpec } from '../../model/form.js';
import { expandEach, parseIdentity, type ParsedIdentity, type Term } from '../../forms/formula.js';
import { readCell, type CellReading } from '../cells.js';
import { reportMismatch, tableShort, yuan } from '../describe.js';
import { defineRule, type Rule, type RuleContext } from '../rule.js';
import type { TableKey } from '../../model/tables.js';

interface Compiled {
  readonly spec: IdentitySpec;
  readonly formula: string;
  readonly parsed: ParsedIdentity;
}

function side(ctx: RuleContext, terms: readonly Term[]): { value: Decimal; cells: CellReading[] } {
  const cells: CellReading[] = [];
  const value = sum(
    terms.map((t) => {
      const read = t.cells.map((c) => readCell(ctx, c));
      cells.push(...read);
      const v = sum(read.map((r) => r.value));
      return t.sign === 1 ? v : v.negated();
    }),
  );
  return { value, cells };
}

/** “行次1至8之和”, “行次27+28+29”, “第3+4+5栏”, or the cells' own words: the right side as a sentence says it. */
function words(terms: readonly Term[], left: { table: string; col?: string }, cells: readonly CellReading[], short: (table: string) => string): string {
  const prefix = (table: string) => (table === left.table ? '' : short(table));
  const colWords = (col: string | undefined) => (col && col !== left.col ? `第${col.slice(1)}栏` : '');
  if (terms.length === 1 && terms[0]!.range) {
    const r = terms[0]!.range;
    return `${prefix(r.table)}行次${r.from}至${r.to}${colWords(r.col)}之和`;
  }
  const refs = terms.flatMap((t) => t.cells.map((c) => ({ ...c, sign: t.sign })));
  // one cell: its own words (without the table's name when it is the same table)
  if (refs.length === 1) return refs[0]!.table === left.table ? cells[0]!.words.replace(/^\S+表\s*/, '') : cells[0]!.words;
  const sameTable = refs.every((c) => c.table === refs[0]!.table);
  const signs = (parts: string[]) => parts.map((p, i) => (i === 0 ? p : `${refs[i]!.sign === 1 ? '+' : '−'}${p}`)).join('');
  if (sameTable && refs.every((c) => /^r\d+$/.test(c.row) && c.col === refs[0]!.col)) {
    return `${prefix(refs[0]!.table)}行次${signs(refs.map((c) => c.row.slice(1)))}${colWords(refs[0]!.col)}`;
  }
  if (sameTable && refs.every((c) => c.row === refs[0]!.row && c.col)) {
    return `${prefix(refs[0]!.table)}第${signs(refs.map((c) => c.col!.slice(1)))}栏`;
  }
  return signs(cells.map((c) => c.words));
}

function check(ctx: RuleContext, c: Compiled): void {
  const { spec, parsed } = c;
  if (spec.requires?.some((t) => ctx.ds.tables[t as keyof typeof ctx.ds.tables] === undefined && ctx.ds.tables.generic?.[t] === undefined)) return;
  const left = side(ctx, parsed.left);
  // a total left out was computed from the same identity: only a given one can disagree
  const singleLeft = parsed.left.length === 1 && parsed.left[0]!.cells.length === 1;
  if ((spec.when ?? 'given') === 'given' && parsed.relation === '=' && singleLeft && !left.cells[0]!.given) return;
  const right = side(ctx, parsed.right);
  const cmp = left.value.comparedTo(right.value);
  const holds = parsed.relation === '=' ? cmp === 0 : parsed.relation === '<=' ? cmp <= 0 : cmp >= 0;
  if (holds) return;
  const first = parsed.left[0]!.cells[0]!;
  // a table of the form beyond the canonical set is named by the form's label (公开07表)
  const short = (table: string) => ctx.options.form?.tables.find((t) => t.key === table)?.label ?? tableShort(table as TableKey);
  const what = singleLeft ? left.cells[0]!.words : `${short(first.table)} ${words(parsed.left, { table: first.table }, left.cells, short)}`;
  const rule = spec.rule ?? words(parsed.right, first, right.cells, short);
  const related = right.cells.map((r) => r.path);
  if (parsed.relation === '=') {
    reportMismatch(ctx, { what, actual: left.value, expected: right.value, rule, path: left.cells[0]!.path, related, ...(spec.note ? { note: spec.note } : {}) });
    return;
  }
  ctx.report({
    message: `${what}为 ${yuan(left.value)}，${parsed.relation === '<=' ? '大于' : '小于'}${rule} ${yuan(right.value)}`,
    path: left.cells[0]!.path,
    related,
    expected: `${parsed.relation === '<=' ? '≤' : '≥'} ${right.value.toFixed(2)}`,
    actual: left.value.toFixed(2),
    ...(spec.note ? { note: spec.note } : {}),
  });
}

/** The form's identities as rules, one per rule id (in the order the form first names each id). */
export function identityRules(form: Form): Rule[] {
  const byId = new Map<string, { severity: IdentitySpec['severity']; compiled: Compiled[] }>();
  for (const spec of form.identities) {
    const entry = byId.get(spec.id) ?? { severity: spec.severity, compiled: [] };
    for (const formula of expandEach(spec.check, spec.each, spec.zip)) entry.compiled.push({ spec, formula, parsed: parseIdentity(formula) });
    byId.set(spec.id, entry);
  }
  return [...byId].map(([id, { severity, compiled }]) =>
    defineRule({ id, severity }, (ctx) => {
      for (const c of compiled) {
        // each identity may be a warning inside an error rule (or the reverse): its own severity wins
        const report = c.spec.severity === severity ? ctx.report : (r: Parameters<RuleContext['report']>[0]) => ctx.report({ ...r, severity: c.spec.severity });
        check({ ...ctx, report }, c);
      }
    }),
  );
}
