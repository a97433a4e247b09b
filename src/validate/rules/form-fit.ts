// FORM-FIT: the department's tables fit its form (DESIGN.md, Forms) — every table key is a table of
// the form, every row and column given is one the form's table has, cells the form prints “—” are
// empty and count rows hold integers. A file of another year's set is an error naming the form and
// the first mismatch, never a silent build in another set.
import type { Form, FormTable } from '../../model/form.js';
import { economicGroups, fixedRowSpecs, threePublicColumns } from '../../forms/layout.js';
import { genericCell, genericPath } from '../cells.js';
import { defineRule, type Rule, type RuleContext } from '../rule.js';

const formWords = (form: Form) => `表样 ${form.id}（${form.name}）`;

/** The form table that holds a dataset key (its key, or the canonical table a table prints). */
function tableOf(form: Form, key: string): FormTable | undefined {
  return form.tables.find((t) => t.key === key) ?? form.tables.find((t) => t.source === key);
}

/** Row ids a fixed-row table of the form has (`r1` …; panels: its 经济分类 codes). */
function rowIds(table: FormTable): Set<string> {
  return new Set([...fixedRowSpecs(table).map((s) => `r${s.r}`), ...economicGroups(table).flatMap((g) => [g.code, ...g.items])]);
}

function checkGeneric(ctx: RuleContext, form: Form, key: string): boolean {
  const table = tableOf(form, key)!;
  const rows = rowIds(table);
  const specs = new Map(fixedRowSpecs(table).map((s) => [`r${s.r}`, s]));
  const columns = threePublicColumns(table);
  const allowed = new Set(columns.length ? columns : [1]);
  for (const [row, cells] of Object.entries(ctx.ds.tables.generic?.[key] ?? {})) {
    if (!rows.has(row)) {
      ctx.report({ message: `${formWords(form)}的${table.label}（${table.title}）没有行“${row}”`, path: genericPath(key, row), note: `该表的行：${[...rows].slice(0, 12).join('、')}${rows.size > 12 ? ' …' : ''}` });
      return false;
    }
    for (const [c, v] of Object.entries(cells)) {
      const col = Number(c);
      const spec = specs.get(row);
      if (!allowed.has(col)) {
        ctx.report({ message: `${formWords(form)}的${table.label}（${table.title}）没有第${col}栏（有 ${[...allowed].join('、')} 栏）`, path: genericPath(key, row, col) });
        return false;
      }
      if (spec?.dash?.includes(col)) ctx.report({ message: `${genericCell(table, row, col, ctx.dict)}在表中印“—”，不填数`, path: genericPath(key, row, col) });
      else if (spec?.count && (!v.isInteger() || v.isNegative())) ctx.report({ message: `${genericCell(table, row, col, ctx.dict)}是个数，应为非负整数，现为 ${v.toFixed()}`, path: genericPath(key, row, col) });
    }
  }
  return true;
}

/** Fixed rows of a canonical table given outside the form's rows (01表 r1 …; 三公 rows; blank rows pass T01-BLANK). */
function checkCanonicalRows(ctx: RuleContext, form: Form, key: 'T3G'): void {
  const table = tableOf(form, key);
  const given = ctx.ds.tables[key];
  if (!table || !given) return;
  const rows = rowIds(table);
  const columns = new Set([...(table.fields ?? []).filter((c): c is number => c !== null), ...threePublicColumns(table)]);
  for (const [r, cells] of Object.entries(given)) {
    if (!rows.has(`r${r}`)) {
      ctx.report({ message: `${formWords(form)}的${table.label}（${table.title}）没有行次${r}`, path: `tables.${key}.r${r}` });
      return;
    }
    for (const c of Object.keys(cells).map(Number)) {
      if (!columns.has(c)) {
        ctx.report({ message: `${formWords(form)}的${table.label}（${table.title}）没有第${c}栏`, path: `tables.${key}.r${r}.c${c}` });
        return;
      }
    }
  }
}

export const formFitRules: readonly Rule[] = [
  defineRule({ id: 'FORM-FIT', severity: 'error' }, (ctx) => {
    const form = ctx.options.form;
    if (!form) return;
    const { generic, ...canonical } = ctx.ds.tables;
    const keys = [...Object.keys(canonical).filter((k) => canonical[k as keyof typeof canonical] !== undefined), ...Object.keys(generic ?? {})];
    for (const key of keys) {
      if (!tableOf(form, key)) {
        ctx.report({
          message: `部门数据中的表“${key}”不是${formWords(form)}的表`,
          path: `tables.${key}`,
          note: `该表样的表：${form.tables.map((t) => `${t.key}（${t.label}）`).join('、')}`,
        });
        return;
      }
    }
    for (const key of Object.keys(generic ?? {})) if (!checkGeneric(ctx, form, key)) return;
    checkCanonicalRows(ctx, form, 'T3G');
  }),
];
