// The 功能分类 类 rows of a form's tables: each table's `classRows` laid out as fixed rows from the
// form's `classes`. A module of its own (no imports but types) so the canonical form can be read
// before the rest of forms/ is loaded.
import type { Form } from '../model/form.js';

/** Each table's `classRows` laid out as fixed rows (行次 classRows + i prints class i of `classes`). */
export function withClassRows(form: Form): Form {
  const classes = form.classes ?? [];
  if (!form.tables.some((t) => t.classRows !== undefined)) return form;
  if (classes.length === 0) throw new Error(`表样文件 ${form.file} 有 classRows 但没有 classes（功能分类类级科目）`);
  const tables = form.tables.map((t) => {
    if (t.classRows === undefined) return t;
    const from = t.classRows;
    const own = (t.fixedRows ?? []).filter((r) => r.code === undefined);
    const rows = [...own, ...classes.map((c, i) => ({ r: from + i, label: c.label, code: c.code, ...(t.classFrom ? { from: t.classFrom } : {}) }))].sort((a, b) => a.r - b.r);
    return { ...t, fixedRows: rows };
  });
  return { ...form, tables };
}

