// Checks of the annexes' data (model/annexes.ts; narrative.md A.7, evaluation.md §5, rules.md §3.3
// and §4): each finding sits at the input line of the wrong value and gives the expected value.
//   N-FA     固定资产: 土地房屋 + 通用 + 专用 + 家具 = 净值; 房屋 ≤ 土地房屋; 车辆 + 50万以上设备 ≤ 通用;
//            100万以上 ≤ 专用; 净值 ≤ 原值.
//   N-ATTACH-ANNEX (rules.md N-ATTACH on the annexes) breakdowns of 附件1/附件2: 人员 + 公用 = 基本支出 = Σ 功能科目 (F2); Σ 项目 = 项目支出 (F3);
//            Σ 下属单位追加 ≤ 追加 (F4); 支出 + 结转 = 金额, 支出 ≤ 金额 (F5); 到位资金 = Σ 来源.
//   N-PROJ-COUNT (warning) 专项资金 count = 市级 + 上级 goal lists (narrative.md A.7 F5).
//   ES-TREE  得分表: Σ 三级分值 = 二级分值; Σ 二级 = 一级; Σ 一级 = 100.
//   ES-SCORE 得分 ≤ 分值; a scored row has a 分值; 总分 (when typed) = Σ 三级得分.
//   ES-OPT   项目效益: at least one optional row chosen; chosen optional rows + the fixed rows
//            (服务对象满意度) = the 二级 分值 (50); an optional row scored but not chosen.
import { Decimal, ZERO, sum } from '../../model/decimal.js';
import type { ScoreNode } from '../../model/annexes.js';
import { leaves } from '../../derive/annexes.js';
import { yuan } from '../describe.js';
import { defineRule, type Report, type Rule } from '../rule.js';

const HUNDRED = new Decimal(100);
const D = 'annexes.department';

/** 分 as printed: 5, 3.5. */
const pts = (d: Decimal) => `${d.toString()}分`;

/** Report `actual` ≠ `expected` (both 元) at `path`. */
function mismatch(report: (r: Report) => void, path: string, what: string, actual: Decimal, expected: Decimal, parts: string, related: string[] = []): void {
  if (actual.eq(expected)) return;
  report({
    message: `${what} ${yuan(actual)}，与${parts} ${yuan(expected)} 不一致（差额 ${yuan(actual.minus(expected).abs())}）`,
    path,
    related,
    expected: expected.toFixed(2),
    actual: actual.toFixed(2),
  });
}

/** The rules on `annexes:` (registered in validate/index.ts); silent for a file without annexes. */
export const annexRules: readonly Rule[] = [
  defineRule({ id: 'N-FA', severity: 'error' }, (ctx) => {
    const fa = ctx.ds.annexes?.department?.fixedAssets;
    if (!fa) return;
    const p = `${D}.fixedAssets`;
    if (fa.net === undefined) {
      ctx.report({ message: '固定资产情况没有填写净值（net）：各项占比按净值计算', path: p });
      return;
    }
    const parts = sum([fa.land, fa.general, fa.special, fa.furniture]);
    mismatch(ctx.report, `${p}.net`, '固定资产净值', fa.net, parts, '土地、房屋及构筑物、通用设备、专用设备、家具用具装具及动植物之和', [`${p}.land`, `${p}.general`, `${p}.special`, `${p}.furniture`]);
    const atMost = (key: 'buildings' | 'special100' | 'net', part: Decimal | undefined, whole: Decimal | undefined, what: string, of: string) => {
      if (part !== undefined && part.gt(whole ?? ZERO)) ctx.report({ message: `${what} ${yuan(part)} 大于${of} ${yuan(whole ?? ZERO)}：${what}是${of}的一部分`, path: `${p}.${key}`, expected: `≤ ${(whole ?? ZERO).toFixed(2)}`, actual: part.toFixed(2) });
    };
    atMost('buildings', fa.buildings, fa.land, '房屋', '土地、房屋及构筑物');
    atMost('special100', fa.special100, fa.special, '单价100万（含）以上设备', '专用设备');
    if (fa.original !== undefined) atMost('net', fa.net, fa.original, '净值', '原值');
    const inGeneral = sum([fa.vehicles, fa.equipment50]);
    if (inGeneral.gt(fa.general ?? ZERO)) {
      ctx.report({ message: `车辆与单价50万（含）以上设备合计 ${yuan(inGeneral)}，大于通用设备 ${yuan(fa.general ?? ZERO)}`, path: `${p}.general`, related: [`${p}.vehicles`, `${p}.equipment50`], expected: `≥ ${inGeneral.toFixed(2)}`, actual: (fa.general ?? ZERO).toFixed(2) });
    }
  }),
  defineRule({ id: 'N-ATTACH-ANNEX', severity: 'error' }, (ctx) => {
    const d = ctx.ds.annexes?.department;
    d?.basic.forEach((b, i) => {
      const p = `${D}.basic[${i}]`;
      const who = b.name ? `${b.name}年初预算基本支出` : '年初预算基本支出';
      const total = b.total ?? ZERO;
      if (b.personnel !== undefined || b.operating !== undefined) mismatch(ctx.report, `${p}.total`, who, total, sum([b.personnel, b.operating]), '人员经费与日常公用经费之和', [`${p}.personnel`, `${p}.operating`]);
      if (b.items.length) mismatch(ctx.report, `${p}.total`, who, total, sum(b.items.map((x) => x.amount)), '按功能科目划分的各项之和', [`${p}.items`]);
    });
    if (d?.projects && d.projects.items.length) mismatch(ctx.report, `${D}.projects.total`, '年初预算项目支出', d.projects.total ?? ZERO, sum(d.projects.items.map((x) => x.amount)), '各项目金额之和', [`${D}.projects.items`]);
    const sup = d?.supplementary;
    if (sup) {
      const units = sum(sup.units.map((u) => u.amount));
      if (units.gt(sup.amount ?? ZERO)) ctx.report({ message: `各下属单位追加预算合计 ${yuan(units)}，大于追加基本支出预算 ${yuan(sup.amount ?? ZERO)}`, path: `${D}.supplementary.amount`, expected: `≥ ${units.toFixed(2)}`, actual: (sup.amount ?? ZERO).toFixed(2) });
    }
    d?.special.forEach((s, i) => {
      const p = `${D}.special[${i}]`;
      const amount = s.amount ?? ZERO;
      if (s.spent !== undefined && s.spent.gt(amount)) ctx.report({ message: `专项资金“${s.name}”支出 ${yuan(s.spent)} 大于金额 ${yuan(amount)}`, path: `${p}.spent`, expected: `≤ ${amount.toFixed(2)}`, actual: s.spent.toFixed(2) });
      if (s.carried !== undefined) mismatch(ctx.report, `${p}.amount`, `专项资金“${s.name}”金额`, amount, (s.spent ?? ZERO).plus(s.carried), '支出与结转之和', [`${p}.spent`, `${p}.carried`]);
    });
    ctx.ds.annexes?.projects.forEach((pr, i) => {
      const p = `annexes.projects[${i}]`;
      if (pr.arrived !== undefined && pr.sources.length) mismatch(ctx.report, `${p}.arrived`, `项目“${pr.name}”到位资金`, pr.arrived, sum(pr.sources.map((s) => s.amount)), '各来源金额之和', [`${p}.sources`]);
    });
  }),
  defineRule({ id: 'N-PROJ-COUNT', severity: 'warning' }, (ctx) => {
    const d = ctx.ds.annexes?.department;
    if (!d || !d.special.length || (!d.cityGoals && !d.upperGoals)) return;
    const listed = (d.cityGoals?.items.length ?? 0) + (d.upperGoals?.items.length ?? 0);
    if (listed !== d.special.length) {
      ctx.report({
        message: `专项资金列了 ${d.special.length} 个项目，绩效目标完成情况中市级 ${d.cityGoals?.items.length ?? 0} 个、上级 ${d.upperGoals?.items.length ?? 0} 个，合计 ${listed} 个，两处项目个数不一致`,
        path: `${D}.special`,
        related: [`${D}.cityGoals`, `${D}.upperGoals`],
        expected: String(d.special.length),
        actual: String(listed),
      });
    }
  }),
  defineRule({ id: 'ES-TREE', severity: 'error' }, (ctx) => {
    ctx.ds.annexes?.projects.forEach((pr) => {
      const top = sum(pr.scores.map((n) => n.weight));
      if (pr.scores.length && !top.eq(HUNDRED)) {
        ctx.report({ message: `项目“${pr.name}”得分表各一级指标分值合计 ${pts(top)}，应为 100分`, path: pr.scores[0]!.path.replace(/\[\d+\]$/, ''), expected: '100', actual: top.toString() });
      }
      const check = (parent: ScoreNode, level: string, childLevel: string) => {
        if (!parent.children.length) return;
        // the 二级 that holds optional rows is ES-OPT's
        if (parent.children.some((c) => c.optional)) return;
        const s = sum(parent.children.map((c) => c.weight));
        if (parent.weight === undefined || !s.eq(parent.weight)) {
          ctx.report({
            message: `项目“${pr.name}”得分表${level}“${parent.name}”分值 ${parent.weight === undefined ? '没有填写' : pts(parent.weight)}，其${childLevel}分值合计 ${pts(s)}，应相等`,
            path: `${parent.path}.weight`,
            related: parent.children.map((c) => `${c.path}.weight`),
            expected: s.toString(),
            actual: parent.weight?.toString() ?? '',
          });
        }
      };
      for (const l1 of pr.scores) {
        check(l1, '一级指标', '各二级指标');
        for (const l2 of l1.children) check(l2, '二级指标', '各三级指标');
      }
    });
  }),
  defineRule({ id: 'ES-SCORE', severity: 'error' }, (ctx) => {
    ctx.ds.annexes?.projects.forEach((pr, i) => {
      const rows = leaves(pr.scores);
      for (const n of rows) {
        if (n.score === undefined) {
          if (n.weight !== undefined) ctx.report({ message: `项目“${pr.name}”得分表三级指标“${n.name}”有分值 ${pts(n.weight)}，但没有填写得分`, path: `${n.path}.score`, expected: `0–${n.weight.toString()}` });
          continue;
        }
        if (n.weight === undefined) {
          // an optional row scored without being chosen is ES-OPT's
          if (!n.optional) ctx.report({ message: `项目“${pr.name}”得分表三级指标“${n.name}”有得分 ${pts(n.score)}，但没有分值`, path: `${n.path}.weight` });
          continue;
        }
        if (n.score.gt(n.weight) || n.score.isNegative()) {
          ctx.report({ message: `项目“${pr.name}”得分表三级指标“${n.name}”得分 ${pts(n.score)}，${n.score.isNegative() ? '不能为负数' : `超过分值 ${pts(n.weight)}`}`, path: `${n.path}.score`, related: [`${n.path}.weight`], expected: `0–${n.weight.toString()}`, actual: n.score.toString() });
        }
      }
      const total = sum(rows.map((n) => n.score));
      if (pr.totalScore !== undefined && !pr.totalScore.eq(total)) {
        ctx.report({ message: `项目“${pr.name}”得分表总分 ${pts(pr.totalScore)}，与各三级指标得分之和 ${pts(total)} 不一致`, path: `annexes.projects[${i}].scoreSheet.totalScore`, expected: total.toString(), actual: pr.totalScore.toString() });
      }
    });
  }),
  defineRule({ id: 'ES-OPT', severity: 'error' }, (ctx) => {
    ctx.ds.annexes?.projects.forEach((pr) => {
      for (const l2 of pr.scores.flatMap((l1) => l1.children)) {
        const optional = l2.children.filter((c) => c.optional);
        if (!optional.length) continue;
        for (const n of optional) {
          if (n.weight === undefined && n.score !== undefined) ctx.report({ message: `项目“${pr.name}”得分表“${n.name}”没有选用（没有分值），却填了得分 ${pts(n.score)}`, path: `${n.path}.score`, note: '选用这一项时填写分值，不选用时得分留空' });
        }
        const chosen = optional.filter((c) => c.weight !== undefined);
        if (!chosen.length) {
          ctx.report({ message: `项目“${pr.name}”得分表“${l2.name}”的可选项（${optional.map((c) => c.name).join('、')}）一项也没有选用：至少选用一项并填写分值`, path: `${l2.path}.children` });
          continue;
        }
        const fixed = l2.children.filter((c) => !c.optional);
        const s = sum(l2.children.map((c) => c.weight));
        if (l2.weight === undefined || !s.eq(l2.weight)) {
          const fixedSum = sum(fixed.map((c) => c.weight));
          const expected = (l2.weight ?? ZERO).minus(fixedSum);
          ctx.report({
            message: `项目“${pr.name}”得分表“${l2.name}”：选用的可选项（${chosen.map((c) => `${c.name} ${pts(c.weight!)}`).join('、')}）与${fixed.map((c) => c.name).join('、') || '固定项'} ${pts(fixedSum)} 合计 ${pts(s)}，应为${l2.name}分值 ${pts(l2.weight ?? ZERO)}（选用的可选项合计应为 ${pts(expected)}）`,
            path: `${chosen[0]!.path}.weight`,
            related: [`${l2.path}.weight`, ...chosen.slice(1).map((c) => `${c.path}.weight`)],
            expected: expected.toString(),
            actual: sum(chosen.map((c) => c.weight)).toString(),
          });
        }
      }
    });
  }),
];
