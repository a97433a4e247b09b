// Identities inside the code-row tables 02, 03, 05, 政府性基金 and 国有资本经营 (rules.md §1):
// column totals within a row (T02-COL …), 合计 = Σ 类, 类 = Σ 款, 款 = Σ 项 (T02-HIER …), and the
// year's flow begin + income − spending = end (T05-FLOW …).
import { sum } from '../../model/decimal.js';
import type { CodeTableKey } from '../../model/tables.js';
import { canonicalTable } from '../../forms/canonical.js';
import { codeColumnSums, codeFlows } from '../../forms/layout.js';
import type { CompletedCodeTable } from '../../derive/complete.js';
import { codeCell, codePath, reportMismatch, tableShort, yuan } from '../describe.js';
import { defineRule, type Rule, type RuleContext } from '../rule.js';

const LEVEL_WORDS = { total: '合计', class: '类', section: '款', item: '项' } as const;
const CHILD_WORDS = { total: '各类', class: '所属各款', section: '所属各项', item: '' } as const;

function columnRule(key: CodeTableKey, id: string): Rule {
  return defineRule({ id, severity: 'error' }, (ctx) => {
    const table = ctx.tables[key] as CompletedCodeTable;
    for (const row of table.rows) {
      for (const { total, parts } of codeColumnSums(canonicalTable(key))) {
        if (!row.given.has(total)) continue;
        const expected = sum(parts.map((p) => row.cells[p]));
        if (!expected.eq(row.cells[total]!)) {
          reportMismatch(ctx, {
            what: codeCell(key, row.code, total, row.name),
            actual: row.cells[total]!,
            expected,
            rule: parts.map((p) => `第${p}栏`).join('+'),
            path: codePath(key, row.code, total),
            related: parts.map((p) => codePath(key, row.code, p)),
          });
        }
      }
    }
  });
}

function hierarchyRule(key: CodeTableKey, id: string): Rule {
  return defineRule({ id, severity: 'error' }, (ctx) => {
    const table = ctx.tables[key] as CompletedCodeTable;
    for (const row of table.rows) {
      if (!row.fromChildren || !row.stated) continue;
      for (const c of row.given) {
        const expected = row.fromChildren[c]!;
        if (row.children.length === 0 && row.code !== 'total') {
          ctx.report({
            message: `${tableShort(key)} ${LEVEL_WORDS[row.level]}级科目 ${row.code} 填了金额，但没有填写其下的项级科目行`,
            path: codePath(key, row.code),
            note: '类、款行由项级科目行合计得出：请补充项级科目行',
          });
          break;
        }
        if (!expected.eq(row.cells[c]!)) {
          reportMismatch(ctx, {
            what: codeCell(key, row.code, c, row.name),
            actual: row.cells[c]!,
            expected,
            rule: `${CHILD_WORDS[row.level]}之和`,
            path: codePath(key, row.code, c),
            related: row.children.map((ch) => codePath(key, ch, c)),
          });
        }
      }
    }
  });
}

function flowRule(key: CodeTableKey, id: string): Rule {
  return defineRule({ id, severity: 'error' }, (ctx) => {
    const table = ctx.tables[key] as CompletedCodeTable;
    const severity = ctx.options.allowFlowAdjustment ? 'warning' : 'error';
    for (const row of table.rows) {
      for (const f of codeFlows(canonicalTable(key))) {
        const expected = row.cells[f.begin]!.plus(row.cells[f.income]!).minus(row.cells[f.spending]!);
        if (expected.eq(row.cells[f.end]!)) continue;
        reportMismatch(ctx, {
          what: `${codeCell(key, row.code, f.end, row.name)}（${f.label}年末结转和结余）`,
          actual: row.cells[f.end]!,
          expected,
          rule: `年初（第${f.begin}栏）+本年收入（第${f.income}栏）−本年支出（第${f.spending}栏）`,
          path: codePath(key, row.code, f.end),
          related: [f.begin, f.income, f.spending].map((c) => codePath(key, row.code, c)),
          severity,
          ...(severity === 'warning' ? { note: '已按配置允许年初结转结余调整：请在说明中写明调整原因' } : {}),
        });
      }
    }
  });
}

const eduRule = defineRule({ id: 'T02-EDU', severity: 'error' }, (ctx) => {
  for (const row of ctx.tables.T02.rows) {
    if (row.cells[5]!.gt(row.cells[4]!)) {
      ctx.report({
        message: `${codeCell('T02', row.code, 5, row.name)}为 ${yuan(row.cells[5]!)}，大于事业收入小计 ${yuan(row.cells[4]!)}：教育收费是事业收入的一部分`,
        path: codePath('T02', row.code, 5),
        related: [codePath('T02', row.code, 4)],
        expected: `≤ ${row.cells[4]!.toFixed(2)}`,
        actual: row.cells[5]!.toFixed(2),
      });
    }
  }
});

/** TSOE-EMPTY is a rendering rule (the empty-table note); the data side is that a 国有资本经营 table with rows has a non-zero 合计. */
const soeEmptyRule = defineRule({ id: 'TSOE-EMPTY', severity: 'error' }, (ctx: RuleContext) => {
  const t = ctx.tables.TSOE;
  if (t.rows.length > 1 && t.total.cells.every((c) => c.isZero())) {
    ctx.report({ message: `${tableShort('TSOE')} 填了科目行但金额全为0：无数据时请删除整张表，生成时将印出空表说明`, path: 'tables.TSOE' });
  }
});

export const codeTableRules: readonly Rule[] = [
  columnRule('T02', 'T02-COL'),
  eduRule,
  hierarchyRule('T02', 'T02-HIER'),
  columnRule('T03', 'T03-COL'),
  hierarchyRule('T03', 'T03-HIER'),
  columnRule('T05', 'T05-COL'),
  flowRule('T05', 'T05-FLOW'),
  hierarchyRule('T05', 'T05-HIER'),
  columnRule('TGF', 'TGF-COL'),
  flowRule('TGF', 'TGF-FLOW'),
  hierarchyRule('TGF', 'TGF-HIER'),
  columnRule('TSOE', 'TSOE-COL'),
  flowRule('TSOE', 'TSOE-FLOW'),
  hierarchyRule('TSOE', 'TSOE-HIER'),
  soeEmptyRule,
];
