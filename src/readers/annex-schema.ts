// The JSON Schema of `annexes:` (附件1 部门预算整体绩效自评报告, 附件2 项目支出绩效自评报告 with its
// 得分表; model/annexes.ts), built with the department schema's own helpers (readers/schema.ts).
type Schema = Record<string, unknown>;

/** The schema helpers of readers/schema.ts (passed in, so the two modules do not import each other). */
export interface SchemaHelpers {
  readonly amount: (title: string, description?: string) => Schema;
  readonly text: (title: string, description?: string) => Schema;
  readonly object: (title: string, properties: Record<string, Schema>, extra?: Schema) => Schema;
  readonly list: (title: string, items: Schema, description?: string) => Schema;
}

/** `annexes:` — every amount in 元, every 分值/得分 in 分. */
export function annexesSchema(h: SchemaHelpers): Schema {
  const { amount, text, object, list } = h;
  const score = (title: string): Schema => ({ title, type: ['number', 'string', 'null'] });
  const item = (title: string, withCode: boolean): Schema =>
    object(title, {
      name: text('名称'),
      ...(withCode ? { code: { title: '功能分类项级科目编码（7位）', type: ['string', 'integer', 'null'] } } : { completed: { title: '是否完成（未完成写 false）', type: ['boolean', 'null'] } }),
      amount: amount('金额'),
    });
  const basic = object('基本支出安排', {
    name: text('单位名称（下属单位填写；部门本身不填）'),
    total: amount('年初预算基本支出'),
    personnel: amount('其中：人员经费'),
    operating: amount('其中：日常公用经费'),
    items: list('按功能科目划分', item('功能科目', true)),
  });
  const goalList = (title: string): Schema =>
    object(title, { items: list('项目', object('项目', { name: text('项目名称'), text: text('绩效目标完成情况'), completed: { title: '是否完成（未完成写 false）', type: ['boolean', 'null'] } })) });
  const level3 = object('三级指标', {
    name: text('三级指标'),
    weight: score('分值（可选项未选时不填）'),
    score: score('得分'),
    optional: { title: '可选项（项目效益的经济效益、社会效益……）', type: ['boolean', 'null'] },
  });
  const level2 = object('二级指标', { name: text('二级指标'), weight: score('分值'), weightLabel: text('括号中代替“N分”印的文字'), children: list('三级指标', level3) });
  const level1 = object('一级指标', { name: text('一级指标'), weight: score('分值'), weightLabel: text('括号中代替“N分”印的文字（如 特性指标70分）'), children: list('二级指标', level2) });
  return {
    ...object('附件（四川：部门预算整体绩效自评报告、项目支出绩效自评报告）', {
      department: object('附件1 部门预算整体绩效自评报告', {
        functions: text('基本职能', '不填时用 overview.functions'),
        fixedAssets: object('固定资产情况（元）', {
          includes: text('含哪些下属单位（印在括号中）'),
          original: amount('期末账面原值'),
          net: amount('净值（各项占比的分母）'),
          land: amount('土地、房屋及构筑物'),
          buildings: amount('其中：房屋'),
          general: amount('通用设备'),
          vehicles: amount('其中：车辆'),
          equipment50: amount('其中：单价50万（含）以上（不含车辆）设备'),
          special: amount('专用设备（没有填 0）'),
          special100: amount('单价100万（含）以上设备（没有填 0）'),
          furniture: amount('家具、用具、装具及动植物'),
        }),
        basic: list('年初预算基本支出（先部门，再各下属单位）', basic),
        projects: object('年初预算项目支出', { total: amount('年初预算项目支出合计'), items: list('项目', item('项目', false)), note: text('补充说明（其中：……）') }),
        supplementary: object('追加预算', {
          amount: amount('追加基本支出预算'),
          kind: text('为（人员经费、公用经费）'),
          units: list('其中各下属单位', object('下属单位', { name: text('单位名称'), amount: amount('追加预算') })),
        }),
        special: list('专项资金', object('专项资金', { name: text('项目名称'), amount: amount('金额'), spent: amount('支出（不填为全部支出）'), carried: amount('结转（填写时句中印支出和结转）') })),
        fundNotes: text('二（四）其他需要说明的情况'),
        initialGoals: text('三（一）1 年初部门预算绩效目标完成情况（文字）'),
        cityGoals: goalList('三（一）2 市级专项（项目）资金绩效目标完成情况'),
        upperGoals: goalList('三（一）3 上级专项（项目）资金绩效目标完成情况'),
        satisfaction: text('三（二）满意度指标完成情况分析'),
        otherNotes: text('三（三）其他需要说明的情况'),
        conclusion: text('三（四）自评结论'),
        deviationReasons: text('四（一）偏离绩效目标的原因'),
        improvements: text('四（二）下一步改进措施'),
      }),
      projects: list(
        '附件2 项目支出绩效自评报告（每个项目一份）',
        object('项目', {
          name: text('项目名称'),
          basics: text('一（一）1．项目基本情况'),
          basis: text('一（一）2．项目立项、资金申报的依据'),
          allocation: text('一（一）3．资金分配的原则及考虑因素'),
          goals: list('一（二）项目绩效目标（每项一条）', text('目标')),
          method: text('一（三）项目自评步骤及方法'),
          approval: text('二（一）项目资金申报及批复情况'),
          plan: text('二（二）1．资金计划'),
          sources: list('二（二）2．资金到位（各来源）', object('来源', { name: text('来源'), amount: amount('金额') })),
          arrived: amount('到位资金合计（可省略，等于各来源之和）'),
          use: text('二（二）3．资金使用'),
          finance: text('二（三）项目财务管理情况'),
          implementation: text('三、项目实施及管理情况'),
          completion: text('四（一）项目完成情况'),
          benefit: text('四（二）项目效益情况'),
          scoreSheet: object('项目支出绩效评价得分表', {
            unitProject: text('单位名称/项目名称（不填时为部门简称加项目名称）'),
            indicators: list('一级指标', level1),
            totalScore: score('总分（可省略，等于各三级指标得分之和）'),
          }),
          problems: text('五（二）存在的问题'),
          suggestions: text('五（三）相关建议'),
        }),
      ),
    }),
    type: ['object', 'null'],
  };
}
