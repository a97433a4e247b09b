// Input-schema rules of rules.md §6 (D-*) and the checks on the figures the explanatory text needs
// (§4: N-ORG, N-VEH, N-PROC, N-ATTACH, N-GPB-ITEM on the budget figures).
import { ZERO, sum } from '../../model/decimal.js';
import { functionalInYear, functionalName, functionalYears } from '../../model/dictionary.js';
import { formatAmount } from '../../model/format.js';
import { codeLevel, type CodeTableKey } from '../../model/tables.js';
import { canonicalTable } from '../../forms/canonical.js';
import { codePath, tableShort, yuan } from '../describe.js';
import { figureCell } from '../cells.js';
import { defineRule, type Rule } from '../rule.js';
import { classRows, economicGroups } from '../../forms/layout.js';

const CODE_TABLES: readonly CodeTableKey[] = ['T02', 'T03', 'T05', 'TGF', 'TSOE'];
const T06_CODES = new Set(economicGroups(canonicalTable('T06')).flatMap((g) => [g.code, ...g.items]));
const CLASS_CODES = new Set(classRows().map((c) => c.code));

/** 2019、2021–2023 from [2019, 2021, 2022, 2023]. */
function yearSpans(years: readonly number[]): string {
  const spans: string[] = [];
  for (let i = 0; i < years.length; ) {
    let j = i;
    while (j + 1 < years.length && years[j + 1] === years[j]! + 1) j++;
    spans.push(j > i ? `${years[i]}–${years[j]}` : String(years[i]));
    i = j + 1;
  }
  return spans.join('、');
}

export const inputRules: readonly Rule[] = [
  defineRule({ id: 'D-CODE', severity: 'warning' }, (ctx) => {
    const year = ctx.ds.department.year;
    for (const key of CODE_TABLES) {
      for (const row of ctx.ds.tables[key]?.rows ?? []) {
        if (row.code === 'total') continue;
        if (!codeLevel(row.code)) {
          ctx.report({ severity: 'error', message: `${tableShort(key)} 科目编码“${row.code}”不是3位（类）、5位（款）或7位（项）`, path: codePath(key, row.code) });
          continue;
        }
        const subject = ctx.dict.functional.get(row.code);
        if (!subject) {
          ctx.report({
            message: `${tableShort(key)} 科目编码 ${row.code} 不在科目字典中${row.name ? `，将使用所填名称“${row.name}”` : '，且未填写科目名称'}`,
            path: codePath(key, row.code),
            note: row.name ? '请核对编码；如为新增科目，请补充到科目字典（data/dictionary/）' : '请填写 name（科目名称）',
            ...(row.name ? {} : { severity: 'error' as const }),
          });
          continue;
        }
        if (functionalInYear(ctx.dict, row.code, year) === false) {
          const years = functionalYears(subject);
          ctx.report({
            message: `${tableShort(key)} 科目编码 ${row.code}（${functionalName(subject, year)}）不在${year}年政府收支分类科目中`,
            path: codePath(key, row.code),
            note: subject.since !== undefined && year < subject.since
              ? `该科目于${subject.since}年增设；请按${year}年科目表核对编码`
              : years.length ? `字典中该编码见于 ${yearSpans(years)} 年的科目表；请按${year}年科目表核对编码` : `请按${year}年科目表核对编码`,
          });
          continue;
        }
        const official = functionalName(subject, year);
        if (row.name && row.name !== official) {
          ctx.report({
            message: `${tableShort(key)} 科目 ${row.code} 的名称“${row.name}”与${year}年科目字典“${official}”不一致`,
            path: `${codePath(key, row.code)}.name`,
            expected: official,
            actual: row.name,
            note: '生成时使用所填名称；如属笔误，请改为字典名称或删除 name 使用字典名称',
          });
        }
      }
    }
    // the 06表 rows of the department's form (2024 adds 31206, 39909, 39910 and drops 39906), else the canonical ones
    const t06 = ctx.options.form?.tables.find((t) => t.key === 'T06');
    const t06Codes = t06 ? new Set(economicGroups(t06).flatMap((g) => [g.code, ...g.items])) : T06_CODES;
    for (const code of Object.keys(ctx.ds.tables.T06?.items ?? {})) {
      if (!t06Codes.has(code)) {
        ctx.report({ severity: 'error', message: `${tableShort('T06')} 经济分类科目 ${code} 不在本表的固定行中`, path: `tables.T06.${code}`, note: '06表只列人员经费（301、303）和公用经费（302、307、310、312、399）的固定科目' });
      }
    }
    const items = ctx.tables.T05.byCode;
    for (const code of Object.keys(ctx.ds.budget.items)) {
      if (!items.has(code)) ctx.report({ message: `预算数中的科目 ${code} 在${tableShort('T05')}中没有支出`, path: `budget.items.${code}` });
    }
  }),
  defineRule({ id: 'D-PARENT', severity: 'error' }, (ctx) => {
    for (const key of CODE_TABLES) {
      for (const row of ctx.ds.tables[key]?.rows ?? []) {
        if (row.code === 'total' || !codeLevel(row.code) || row.code.length === 3) continue;
        const cls = row.code.slice(0, 3);
        if (!CLASS_CODES.has(cls)) {
          ctx.report({ message: `${tableShort(key)} 科目 ${row.code} 的类级编码 ${cls} 不是支出功能分类的类（201–234）`, path: codePath(key, row.code) });
          continue;
        }
        if (row.code.length === 7 && !ctx.dict.functional.has(row.code.slice(0, 5)) && !ctx.ds.tables[key]?.rows.some((r) => r.code === row.code.slice(0, 5) && r.name)) {
          ctx.report({ severity: 'warning', message: `${tableShort(key)} 科目 ${row.code} 的款级科目 ${row.code.slice(0, 5)} 不在科目字典中，款行名称无法生成`, path: codePath(key, row.code), note: `请在表中填写款行 ${row.code.slice(0, 5)} 的 name` });
        }
      }
    }
  }),
  defineRule({ id: 'D-ENUM', severity: 'error' }, (ctx) => {
    ctx.ds.selfEvaluation?.department?.tasks.forEach((t, i) => {
      if (t.level !== undefined && t.level !== '本级' && t.level !== '下级') {
        ctx.report({ message: `部门整体支出绩效自评表 重点工作任务“${t.name ?? i + 1}”的项目级次“${t.level}”应为“本级”或“下级”`, path: `selfEvaluation.department.tasks[${i}].level` });
      }
    });
  }),
  defineRule({ id: 'D-DATE', severity: 'error' }, (ctx) => {
    const visit = (list: readonly import('../../model/dataset.js').Indicator[], base: string) =>
      list.forEach((ind, j) => {
        const dateUnit = /^(年-月-日|年月日|日期)$/.test(ind.unit ?? '');
        for (const key of ['target', 'actual'] as const) {
          const v = ind[key];
          if (!v || !dateUnit) continue;
          if (!v.date && !(v.number && v.number.isInteger() && v.number.gte(36526))) {
            ctx.report({ message: `指标“${ind.name ?? j + 1}”的度量单位是日期，但${key === 'target' ? '指标值' : '实际完成值'}“${v.text}”不是日期`, path: `${base}.indicators[${j}].${key}`, note: '日期写作 2021-12-31 或 2021年12月31日' });
          }
        }
      });
    ctx.ds.selfEvaluation?.projects.forEach((p, i) => visit(p.indicators, `selfEvaluation.projects[${i}]`));
    if (ctx.ds.selfEvaluation?.department) visit(ctx.ds.selfEvaluation.department.indicators, 'selfEvaluation.department');
  }),
];

export const narrativeDataRules: readonly Rule[] = [
  defineRule({ id: 'N-ORG', severity: 'error' }, (ctx) => {
    const o = ctx.ds.overview?.organization;
    if (!o || o.subordinateUnits === undefined) return;
    const parts = (o.administrative ?? 0) + (o.civilServiceManaged ?? 0) + (o.publicInstitution ?? 0);
    if (parts !== o.subordinateUnits) {
      ctx.report({
        message: `机构设置：下属二级单位 ${o.subordinateUnits} 个，但行政单位、参公事业单位、其他事业单位合计 ${parts} 个`,
        path: 'overview.organization.subordinateUnits',
        expected: String(parts),
        actual: String(o.subordinateUnits),
      });
    }
  }),
  defineRule({ id: 'N-VEH', severity: 'error' }, (ctx) => {
    const fleet = ctx.ds.threePublicDetails?.fleet ?? [];
    const vehicles = ctx.ds.assets?.vehicles;
    const held = figureCell(ctx, 'threePublic.count.fleetSize');
    const fleetTotal = fleet.reduce((s, f) => s + f.count, 0);
    if (fleet.length > 0 && !held.value.eq(fleetTotal)) {
      ctx.report({ message: `年末公务用车按车型合计 ${fleetTotal} 辆，与${held.words} ${held.value.toFixed()} 辆不一致`, path: 'threePublicDetails.fleet', related: [held.path], expected: held.value.toFixed(), actual: String(fleetTotal) });
    }
    if (vehicles) {
      const total = Object.values(vehicles).reduce((s, n) => s + (n ?? 0), 0);
      if (fleet.length > 0 && total !== fleetTotal) {
        ctx.report({ severity: 'warning', message: `国有资产车辆合计 ${total} 辆，与年末公务用车 ${fleetTotal} 辆不一致`, path: 'assets.vehicles', related: ['threePublicDetails.fleet'] });
      }
    }
    const purchases = ctx.ds.threePublicDetails?.vehiclePurchases;
    if (purchases) {
      const n = Object.values(purchases).reduce((s, v) => s + (v?.count ?? 0), 0);
      const amount = sum(Object.values(purchases).map((v) => v?.amount));
      const bought = figureCell(ctx, 'threePublic.count.purchased');
      const paid = figureCell(ctx, 'threePublic.actual.vehiclePurchase');
      if (!bought.value.eq(n)) ctx.report({ message: `本年购置公务用车按车型合计 ${n} 辆，与${bought.words} ${bought.value.toFixed()} 辆不一致`, path: 'threePublicDetails.vehiclePurchases', related: [bought.path] });
      if (!paid.value.eq(amount)) ctx.report({ message: `本年购置公务用车金额合计 ${yuan(amount)}，与${paid.words} ${yuan(paid.value)} 不一致`, path: 'threePublicDetails.vehiclePurchases', related: [paid.path] });
    }
  }),
  defineRule({ id: 'N-PROC', severity: 'error' }, (ctx) => {
    const p = ctx.ds.procurement;
    if (!p) return;
    const total = sum([p.goods, p.works, p.services]);
    if ((p.microContracts ?? ZERO).gt(p.smeContracts ?? ZERO)) {
      ctx.report({ message: `授予小微企业合同金额 ${yuan(p.microContracts!)} 大于授予中小企业合同金额 ${yuan(p.smeContracts ?? ZERO)}：小微企业是中小企业的一部分`, path: 'procurement.microContracts', related: ['procurement.smeContracts'] });
    }
    if ((p.smeContracts ?? ZERO).gt(total)) {
      ctx.report({ message: `授予中小企业合同金额 ${yuan(p.smeContracts!)} 大于政府采购支出总额 ${yuan(total)}`, path: 'procurement.smeContracts' });
    }
  }),
  defineRule({ id: 'N-ATTACH', severity: 'error' }, (ctx) => {
    const items = ctx.ds.threePublicDetails?.receptionItems ?? [];
    if (items.length === 0) return;
    const total = sum(items.map((i) => i.amount));
    const cell = figureCell(ctx, 'threePublic.actual.domesticReception');
    const domestic = cell.value;
    if (!total.eq(domestic)) {
      ctx.report({
        message: `国内公务接待明细金额合计 ${yuan(total)}，与三公表国内接待费 ${yuan(domestic)} 不一致（差额 ${formatAmount(total.minus(domestic))}元）`,
        path: 'threePublicDetails.receptionItems',
        related: [cell.path],
        expected: domestic.toFixed(2),
        actual: total.toFixed(2),
      });
    }
  }),
  defineRule({ id: 'N-GPB-ITEM', severity: 'warning' }, (ctx) => {
    for (const row of ctx.tables.T05.rows) {
      if (row.level !== 'item' || row.cells[7]!.isZero()) continue;
      const budget = ctx.ds.budget.items[row.code];
      if (budget === undefined) {
        if (Object.keys(ctx.ds.budget.items).length > 0) ctx.report({ message: `${tableShort('T05')} 科目 ${row.code} 有支出 ${yuan(row.cells[7]!)}，但预算数中没有该科目的全年预算数，无法计算完成预算比例`, path: 'budget.items' });
        continue;
      }
      if (row.cells[7]!.gt(budget)) {
        ctx.report({ message: `科目 ${row.code} 支出 ${yuan(row.cells[7]!)} 超过全年预算数 ${yuan(budget)}`, path: `budget.items.${row.code}`, related: [codePath('T05', row.code, 7)] });
      } else if (row.cells[7]!.lt(budget) && !ctx.ds.explanations.items[row.code]) {
        ctx.report({ message: `科目 ${row.code} 支出 ${yuan(row.cells[7]!)} 少于全年预算数 ${yuan(budget)}，但没有填写原因（explanations.items.${row.code}）`, path: `budget.items.${row.code}` });
      }
    }
  }),
];
