// The JSON Schema of a department file, with Chinese titles so that an editor running
// yaml-language-server explains every key while it is typed. `npm run schema` writes it to
// data/schema/department.schema.json; a test keeps that file equal to what this module builds.
import { CLASS_ROWS, TABLE_NAMES, type CodeTableKey } from '../model/tables.js';
import { canonicalTable } from '../forms/canonical.js';
import { columnTitles, fiscalTotalsRows, fixedRowSpecs, threePublicColumn, threePublicRows as threePublicRowSpecs } from '../forms/layout.js';
import { EXPLANATION_FIELDS } from '../model/explanations.js';
import { annexesSchema } from './annex-schema.js';

type Schema = Record<string, unknown>;

const AMOUNT_PATTERN = '^\\s*[+-]?(\\d+|\\d{1,3}(,\\d{3})+)(\\.\\d+)?\\s*$';

function amount(title: string, description?: string): Schema {
  return {
    title,
    description: description ?? '金额（元），两位小数；可写 1234.56 或 1,234.56；留空表示 0',
    type: ['number', 'string', 'null'],
    pattern: AMOUNT_PATTERN,
  };
}

function count(title: string): Schema {
  return { title, type: ['integer', 'null'], minimum: 0 };
}

function text(title: string, description?: string): Schema {
  return description ? { title, description, type: ['string', 'null'] } : { title, type: ['string', 'null'] };
}

function object(title: string, properties: Record<string, Schema>, extra: Schema = {}): Schema {
  return { title, type: 'object', properties, additionalProperties: false, ...extra };
}

function list(title: string, items: Schema, description?: string): Schema {
  return { title, ...(description ? { description } : {}), type: ['array', 'null'], items };
}

function rowsOf(labels: Readonly<Record<number, string>>, make: (row: number, label: string) => Schema): Record<string, Schema> {
  return Object.fromEntries(Object.entries(labels).map(([row, label]) => [`r${row}`, make(Number(row), label)]));
}

/**
 * The labelled 行次 of a canonical table (templates/default/forms/yunnan-2021.yaml `fixedRows`), from
 * `from` to `to`: every row key and title of the schema comes from the form file.
 */
function labels(key: string, from = 1, to = Infinity): Record<number, string> {
  return Object.fromEntries(
    fixedRowSpecs(canonicalTable(key))
      .filter((r) => r.r >= from && r.r <= to && r.label !== undefined)
      .map((r) => [r.r, r.label!]),
  );
}

/** Shared sub-schemas, referenced with $ref so the file stays small enough for an editor. */
const definitions: Record<string, Schema> = {};

function ref(name: string, make: () => Schema): Schema {
  definitions[name] ??= make();
  return { $ref: `#/definitions/${name}` };
}

function codeTable(key: CodeTableKey): Schema {
  const columns = columnTitles(canonicalTable(key));
  const cells = Object.fromEntries(Object.entries(columns).map(([c, label]) => [`c${c}`, amount(`第${c}栏 ${label}`)]));
  // T05 and TGF share one row layout
  const layout = key === 'TGF' ? 'T05' : key;
  const shared = ref(`codeRow${layout}`, () => object('功能分类科目行', { name: text('科目名称', '可省略，省略时用科目字典中的名称'), ...cells }));
  const row = (title: string): Schema => ({ ...shared, title });
  return {
    title: TABLE_NAMES[key],
    description: '按功能分类科目编码（类3位、款5位、项7位）逐行填写；项级行必填，类、款行和合计行可省略（省略时自动计算，填写时核对）',
    type: ['object', 'null'],
    properties: { total: row('合计行（可省略）') },
    patternProperties: { '^\\d{3}(\\d{2}){0,2}$': row('功能分类科目行') },
    additionalProperties: false,
  };
}

function t06(): Schema {
  return {
    title: TABLE_NAMES.T06,
    description: '经济分类科目编码（款5位）→ 金额；类行（3位）和人员经费合计、公用经费合计可省略',
    type: ['object', 'null'],
    properties: {
      personnelTotal: amount('人员经费合计（可省略）'),
      operatingTotal: amount('公用经费合计（可省略）'),
    },
    patternProperties: { '^\\d{3}(\\d{2})?$': amount('经济分类科目金额') },
    additionalProperties: false,
  };
}

/**
 * 三公 table: rows and column titles of the canonical form (c1 预算数, c2 决算统计数). A form may lay its
 * data columns out otherwise (the 2024 set: c2 全年预算数, c3 决算统计数, as printed), so c2 and c3 take
 * amounts or counts; only the cells every form prints as “—” (the heading rows) are null here, the
 * others are the form's T3G-DASH and FORM-FIT rules.
 */
function t3g(): Schema {
  const table = canonicalTable('T3G');
  const titles = columnTitles(table);
  const budget = threePublicColumn(undefined, 'budget');
  const rows = Object.fromEntries(
    threePublicRowSpecs(table).map((r) => {
      const cells: Record<string, Schema> = {};
      // a heading row (every amount column “—”) has no cells in any form
      const heading = Object.keys(titles).every((c) => r.dash.includes(Number(c)));
      for (const c of [...Object.keys(titles).map(Number), Math.max(...Object.keys(titles).map(Number)) + 1]) {
        const title = c === budget ? `第${c}栏 ${titles[c]}` : titles[c] ? `第${c}栏 ${titles[c]}（栏次以部门所用表样为准）` : `第${c}栏（表样有此栏时填写，如2024年表样的决算统计数）`;
        if (heading || (c === budget && r.dash.includes(c))) cells[`c${c}`] = { title: `${title}（表中印“—”，不填）`, type: ['null'] };
        else cells[`c${c}`] = r.count ? { ...amount(title, '个数（整数）'), type: ['number', 'null'] } : amount(title);
      }
      return [`r${r.row}`, object(`行次${r.row} ${r.label.trim()}`, cells)];
    }),
  );
  return { ...object(TABLE_NAMES.T3G, rows), type: ['object', 'null'] };
}

function genericTable(): Schema {
  const cells = object('各栏（c1、c2 …）', {}, { patternProperties: { '^c\\d+$': amount('金额或个数') } });
  return {
    title: '表样中的其他公开表（按表样的行次、栏次或经济分类科目填写）',
    type: ['object', 'null'],
    patternProperties: { '^(r\\d+|\\d{3}|\\d{5})$': { oneOf: [amount('金额（一栏的行）'), cells] } },
    additionalProperties: false,
  };
}

function t04(): Schema {
  const table = canonicalTable('T04');
  const layout = fiscalTotalsRows(table);
  const left = rowsOf(labels('T04', 1, layout.leftLast), (row, label) => amount(`行次${row} ${label}（决算数）`));
  const cells = Object.fromEntries(layout.rightColumns.map((c) => [`c${c}`, amount(`第${c}栏 ${columnTitles(table)[c] ?? ''}`)]));
  const shared = ref('t04RightRow', () => object('支出行', cells));
  const right = rowsOf(labels('T04', layout.leftLast + 1), (row, label) => ({ ...shared, title: `行次${row} ${label}` }));
  return {
    ...object(TABLE_NAMES.T04, { ...left, ...right }),
    type: ['object', 'null'],
    description: '整张表可省略：由公开05、07、08表计算；填写时逐项核对',
  };
}

/** Last year's 三公 amounts by 行次: the canonical rows that have a 预算数 (not “—” there, not a count). */
function threePublicRows(title: string): Schema {
  const rows: Record<string, Schema> = {};
  const budget = threePublicColumn(undefined, 'budget');
  for (const r of threePublicRowSpecs(canonicalTable('T3G')).filter((x) => !x.count && !x.dash.includes(budget))) rows[`r${r.row}`] = amount(`行次${r.row} ${r.label}`);
  return { ...object(title, rows), type: ['object', 'null'] };
}

const LEVEL1 = ['产出指标', '效益指标', '满意度指标'];

function indicatorValue(title: string): Schema {
  return { title, description: '数字、文字或日期（2021-12-01）', type: ['number', 'string', 'null'] };
}

function indicator(withScore: boolean): Schema {
  const props: Record<string, Schema> = {
    level1: { ...text('一级指标'), examples: LEVEL1 },
    level2: text('二级指标', '数量指标、质量指标、时效指标、成本指标、经济效益指标、社会效益指标、生态效益指标、可持续影响指标、服务对象满意度指标'),
    name: text('三级指标'),
    // numbers are let through so that the rules can say what is wrong with them (EP-OP, S-ENUM)
    operator: { title: '指标性质', description: '=、>、<、>=、<=（也可写 ≥、≤），定性指标写“定性”', type: ['string', 'number', 'null'] },
    target: indicatorValue('指标值'),
    unit: { ...text('度量单位', '定性指标留空'), type: ['string', 'number', 'null'] },
    actual: indicatorValue('实际完成值'),
    deviation: text('偏差原因分析及改进措施'),
  };
  if (withScore) {
    props.weight = amount('分值', '指标分值（数字）');
    props.score = amount('得分', '指标得分（数字，不超过分值）');
  }
  return object('绩效指标', props);
}

function fund(title: string): Schema {
  return {
    ...object(title, {
      initialBudget: amount('年初预算数', '金额，单位见 selfEvaluation.amountUnit'),
      annualBudget: amount('全年预算数', '金额，单位见 selfEvaluation.amountUnit'),
      executed: amount('全年执行数', '金额，单位见 selfEvaluation.amountUnit'),
    }),
    type: ['object', 'null'],
  };
}

function project(): Schema {
  return object('项目支出绩效自评表', {
    name: text('项目名称'),
    competentDept: text('主管部门'),
    implementingUnit: text('实施单位'),
    funds: object('项目资金', {
      total: fund('年度资金总额（可省略，自动合计并核对）'),
      currentFiscal: fund('其中：当年财政拨款'),
      priorCarryover: fund('上年结转资金'),
      other: fund('其他资金'),
    }),
    otherFundsLabel: { title: '第四行资金名称', enum: ['其他资金', '非财政拨款'] },
    fundsRemark: text('资金备注栏'),
    rateWeight: amount('执行率分值', '默认 10'),
    rate: amount('执行率（已印出的数，可省略；填写时核对）'),
    rateScore: amount('执行率得分（已印出的数，可省略；填写时核对）'),
    goals: object('年度总体目标', { expected: text('预期目标'), actual: text('实际完成情况') }),
    indicatorSubtotal: object('指标分值、得分小计行（已印出的数，可省略）', { weight: amount('分值小计'), score: amount('得分小计') }),
    indicators: list('绩效指标', indicator(true)),
    otherNotes: text('其他需要说明事项'),
    totalScore: amount('总分（已印出的数，可省略；填写时核对）'),
    grade: { title: '自评等级（已印出的，可省略；填写时核对）', type: ['string', 'null'] },
    notes: text('表下备注（原表印出的文字）'),
  });
}

function departmentEvaluation(): Schema {
  const task = object('重点工作任务', {
    name: text('任务名称'),
    level: { title: '项目级次', type: ['string', 'null'], examples: ['本级', '下级'] },
    content: text('主要内容'),
    total: amount('批复金额·总额（可省略）'),
    fiscal: amount('批复金额·财政拨款'),
    other: amount('批复金额·其他资金'),
    actual: amount('实际支出金额'),
    rate: amount('预算执行率（已印出的数，可省略）'),
    reason: text('预算执行偏低原因及改进措施'),
  });
  const money = (title: string) => amount(title, '金额，单位见 selfEvaluation.amountUnit（2024年版式为元）');
  const budgetRow = (title: string) => ({
    ...object(title, {
      initialBudget: money('年初预算数'),
      adjustment: amount('预算调整数（调增为“+”；调减为“-”）', '金额，可为负数，单位见 selfEvaluation.amountUnit'),
      finalBudget: amount('预算确定数（可省略，按年初预算数＋预算调整数计算并核对）', '金额，单位见 selfEvaluation.amountUnit'),
      executed: money('执行数（系统提取）'),
      rate: amount('执行率(%)（可省略，按执行数÷预算确定数计算并核对）', '百分数，两位小数，不写%'),
      remark: text('情况说明'),
    }),
    type: ['object', 'null'],
  });
  return object('部门整体支出绩效自评表', {
    budget: object('部门预算资金（2024年版式）', {
      total: budgetRow('年度资金总额'),
      basic: budgetRow('基本支出 年度资金总额'),
      project: budgetRow('项目支出 年度资金总额'),
      currentFiscal: budgetRow('项目支出 其中：当年财政拨款'),
      priorCarryover: budgetRow('项目支出 上年结转资金'),
      nonFiscal: budgetRow('项目支出 非财政拨款'),
    }),
    annualGoal: text('部门年度目标（2024年版式，一段文字）'),
    name: text('部门名称'),
    duties: text('部门职责'),
    overallGoal: text('总体绩效目标'),
    annualGoals: list('部门年度目标（本年及以后两年）', object('年度目标', { year: { title: '财年', type: ['integer', 'null'] }, goal: text('目标'), actual: text('实际完成情况') })),
    tasks: list('部门年度重点工作任务', task),
    taskTotal: object('重点工作任务合计行（已印出的数，可省略）', {
      total: amount('总额'),
      fiscal: amount('财政拨款'),
      other: amount('其他资金'),
      actual: amount('实际支出金额'),
      rate: amount('预算执行率'),
    }),
    indicators: list('部门整体支出绩效指标', indicator(false)),
    otherNotes: text('其他需说明事项'),
  });
}

const REPORT_PARTS: Record<string, string> = {
  overview: '一（一）部门概况',
  goalSetting: '一（二）部门绩效目标的设立情况',
  budgetManagement: '一（四）部门预算管理制度建设情况',
  purpose: '二（一）绩效自评的目的',
  preparation: '二（二）1.前期准备',
  implementation: '二（二）2.组织实施',
  conclusion: '三、评价情况分析及综合评价结论',
  problems: '四、存在的问题和整改情况',
  application: '五、绩效自评结果应用',
  experience: '六、主要经验及做法',
  other: '七、其他需说明的情况',
};


export function buildDepartmentSchema(): Schema {
  const t01Rows = rowsOf(labels('T01'), (row, label) => amount(`行次${row} ${label}`));
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://juesuan.local/schema/department.schema.json',
    title: '部门决算数据（juesuan）',
    description: '一个部门一个年度的决算公开数据：公开表、说明文字所需数据、绩效自评。金额单位为元（绩效自评部分见 amountUnit）。',
    type: 'object',
    required: ['department'],
    additionalProperties: false,
    properties: {
      department: object(
        '部门信息',
        {
          name: text('部门名称', '与公开表表头一致，例如“玉溪市工业和信息化局（本级）”'),
          shortName: text('部门简称', '正文中使用，例如“市经信局”'),
          code: {
            title: '部门编码（单位编码）',
            description: '决算软件中的部门（单位）编码，每年不变；生成时用 --prior 指定上年文件夹，据此找到本部门的上年文件（没有编码时按部门名称）',
            type: ['string', 'integer', 'null'],
            pattern: '^\\s*[0-9A-Za-z][0-9A-Za-z.-]*\\s*$',
          },
          reportDate: {
            title: '编报日期',
            description: '写入 PDF、DOCX、XLSX 文件属性的日期，例如 2022-06-30；不填时为决算年度的12月31日（同样的数据总是生成同样的文件）',
            type: ['string', 'null'],
            pattern: '^\\d{4}-\\d{2}-\\d{2}$',
          },
          year: { title: '决算年度', type: 'integer', minimum: 2000, maximum: 2099 },
          scope: { title: '编报范围', enum: ['本级', '汇总'] },
          profile: text('模板配置', '例如 yunnan/yuxi；对应 templates/ 下的文件夹'),
          units: list(
            '纳入决算编制范围的单位',
            object('单位', { name: text('单位名称'), kind: { title: '单位类型', enum: ['行政单位', '参公事业单位', '其他事业单位'] } }, { required: ['name'] }),
          ),
        },
        { required: ['name', 'year'] },
      ),
      overview: object('第一部分 部门概况', {
        functions: text('（一）主要职能'),
        keyWork: text('（二）重点工作完成情况', '多段文字，段与段之间空一行'),
        organization: object('二、机构设置', {
          subordinateUnits: count('下属二级单位个数'),
          administrative: count('其中：行政单位个数'),
          civilServiceManaged: count('参照公务员法管理的事业单位个数'),
          publicInstitution: count('其他事业单位个数'),
        }),
      }),
      tables: object('公开表（金额单位：元）', {
        T01: { ...object(TABLE_NAMES.T01, t01Rows), type: ['object', 'null'], description: '收入行1–8、28、29和支出行58、59必填；合计、总计和类行可省略（省略时自动计算，填写时核对）' },
        T02: codeTable('T02'),
        T03: codeTable('T03'),
        T04: t04(),
        T05: codeTable('T05'),
        TGF: codeTable('TGF'),
        TSOE: codeTable('TSOE'),
        T06: t06(),
        T3G: t3g(),
      }, {
        // the other tables of the department's form (2024: TPX 项目支出经济分类, T3G1 一般公共预算三公, TAS 国有资产):
        // rows r<行次> or 经济分类 codes, each an amount or 栏次 → amount; the form says which rows exist
        patternProperties: { '^(?!(T01|T02|T03|T04|T05|TGF|TSOE|T06|T3G)$)[A-Z][A-Z0-9]*$': ref('genericTable', genericTable) },
      }),
      priorYear: object('上年决算数（元）', {
        totalIncomeExpenditure: amount('上年收、支总计（01表行次30）'),
        totalIncome: amount('上年本年收入合计（01表行次27）'),
        totalExpenditure: amount('上年本年支出合计（01表行次57）'),
        incomeLines: {
          title: '上年本年收入各行（按表样 figures 中 income.lines 的键）',
          description: '2021年版表样的键：generalBudget 一般公共预算财政拨款收入，govFund 政府性基金预算财政拨款收入，stateCapital 国有资本经营预算财政拨款收入，superiorSubsidy 上级补助收入，business 事业收入，operating 经营收入，affiliated 附属单位上缴收入，other 其他收入',
          type: ['object', 'null'],
          patternProperties: { '^[a-zA-Z][a-zA-Z0-9]*$': amount('上年该收入行') },
          additionalProperties: false,
        },
        appropriationTotal: amount('上年财政拨款收、支总计（04表行次32）'),
        generalExpenditure: amount('上年一般公共预算财政拨款支出（05表合计第7栏）'),
        threePublic: threePublicRows('上年“三公”经费决算数（按三公表行次）'),
        threePublicBudget: threePublicRows('上年“三公”经费预算数（按三公表行次）'),
        agencyOperation: amount('上年机关运行经费'),
      }),
      budget: object('预算数（元）', {
        initial: amount('年初部门预算批复收入总计'),
        ownFunds: amount('其中：本级财力安排'),
        adjusted: amount('调整预算数'),
        generalExpenditure: amount('一般公共预算财政拨款支出全年预算数（可省略，等于各项之和）'),
        items: {
          title: '一般公共预算财政拨款支出全年预算数（按功能分类项级科目）',
          type: ['object', 'null'],
          patternProperties: { '^\\d{7}$': amount('项级科目全年预算数') },
          additionalProperties: false,
        },
      }),
      explanations: object('说明文字（变动原因等）', {
        ...Object.fromEntries(Object.entries(EXPLANATION_FIELDS).map(([k, t]) => [k, text(t)])),
        items: {
          title: '项级科目完成预算不是100%的原因',
          type: ['object', 'null'],
          patternProperties: { '^\\d{7}$': text('原因') },
          additionalProperties: false,
        },
        incomeLines: {
          title: '各收入行与上年相比的变动原因（按表样 figures 中 income.lines 的键，如 generalBudget、other）',
          type: ['object', 'null'],
          patternProperties: { '^[a-zA-Z][a-zA-Z0-9]*$': text('原因') },
          additionalProperties: false,
        },
      }),
      formFields: {
        title: '表样另需填写的个数和文字（名称见表样的 fields，如 abroadGroupsOwn 本单位组织的出国团组数）',
        type: ['object', 'null'],
        patternProperties: { '^[a-zA-Z][a-zA-Z0-9]*$': { title: '个数或文字', type: ['integer', 'string', 'null'] } },
        additionalProperties: false,
      },
      threePublicDetails: object('“三公”经费具体情况', {
        vehiclePurchases: object('本年购置公务用车', {
          sedan: object('轿车', { count: count('辆数'), amount: amount('金额') }),
          suv: object('越野车', { count: count('辆数'), amount: amount('金额') }),
          bus: object('载客汽车', { count: count('辆数'), amount: amount('金额') }),
        }),
        fleet: list('年末公务用车（按车型）', object('车型', { type: text('车型'), count: count('辆数') })),
        vehicleUse: text('公务用车运行维护费主要用于'),
        receptionUse: text('国内公务接待主要用于'),
        receptionItems: list('国内公务接待明细', object('接待事项', { purpose: text('事由'), amount: amount('金额') })),
      }),
      procurement: object('政府采购支出（元）', {
        goods: amount('政府采购货物支出'),
        works: amount('政府采购工程支出'),
        services: amount('政府采购服务支出'),
        smeContracts: amount('授予中小企业合同金额'),
        microContracts: amount('其中：授予小微企业合同金额'),
        use: text('主要用于'),
      }),
      assets: object('国有资产占有使用情况', {
        vehicles: object('车辆（辆）', {
          leaders: count('主要领导干部用车'),
          confidential: count('机要通信用车'),
          emergency: count('应急保障用车'),
          other: count('其他用车'),
          special: count('特种专业技术用车'),
        }),
        otherVehicleUse: text('其他用车主要用于'),
        generalEquipment50: count('单价50万元以上通用设备（台套）'),
        specialEquipment100: count('单价100万元以上专用设备（台套）'),
      }),
      performanceManagement: object('预算绩效管理情况', {
        preAssessed: object('事前绩效评估', { count: count('项目个数'), projects: list('列举的项目', text('项目名称')) }),
        monitored: count('绩效监控项目个数'),
        selfEvaluated: count('绩效自评项目个数'),
        departmentConclusion: text('部门整体支出绩效自评结论'),
        ownEvaluations: object('自行组织的项目支出绩效评价', { count: count('项目个数'), conclusion: text('结论') }),
      }),
      glossary: object('名词解释补充', { otherIncome: text('其他收入的补充说明', '例如“主要是利息收入。”') }),
      selfEvaluation: object('绩效自评', {
        amountUnit: { title: '本节金额单位', enum: ['元', '万元'], default: '元' },
        report: object(
          '部门整体支出绩效自评情况（文字）',
          Object.fromEntries(Object.entries(REPORT_PARTS).map(([k, t]) => [k, text(t)])),
        ),
        department: departmentEvaluation(),
        projects: list('项目支出绩效自评表', project()),
      }),
      annexes: annexesSchema({ amount, text, object, list }),
    },
    definitions: { ...definitions, classCodes: { title: '功能分类类级科目', enum: CLASS_ROWS.map((c) => c.code) } },
  };
}
