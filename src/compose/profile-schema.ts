// JSON Schema of a profile.yaml (templates/<profile>/profile.yaml): every key a profile may set, with
// Chinese titles, for editors (written to data/schema/profile.schema.json by `npm run schema`) and for
// the check when a profile is resolved (compose/profile.ts). A choice's words (`enumLabels`) are
// shown by editors and named in the messages that list the allowed values.

/** One allowed value of a setting and what it means. */
type Choice = readonly [value: string | number, meaning: string];

function choices(title: string, list: readonly Choice[], description?: string): Record<string, unknown> {
  return {
    title,
    description: [description, `可选：${list.map(([v, m]) => `${v}（${m}）`).join('；')}`].filter(Boolean).join('。'),
    enum: list.map(([v]) => v),
    enumLabels: list.map(([, m]) => m),
    markdownEnumDescriptions: list.map(([, m]) => m),
  };
}

// `patternHint` says in words what a pattern wants (named in the message when a value does not match)
const TABLE_ID = { pattern: '^[A-Z][A-Z0-9]*$', patternHint: '表的键应写成 T01、T3G 这样：大写字母开头，只有大写字母和数字' };
const PROFILE_NAME = { pattern: '^[\\p{L}\\p{N}_-]+(/[\\p{L}\\p{N}_-]+)*$', patternHint: '应为 templates/ 下的文件夹名，如 yunnan 或 yunnan/yuxi' };

/** The styles a heading number may be written in (H2–H4): 一、（一）1. 1、（1）. */
export const NUMBER_STYLES = ['一、', '（一）', '1.', '1、', '（1）'] as const;

const numberStyle = choices(
  '标题编号写法',
  NUMBER_STYLES.map((s) => [s, { '一、': '一、二、三、', '（一）': '（一）（二）', '1.': '1. 2. 3.', '1、': '1、2、3、', '（1）': '（1）（2）' }[s]] as const),
);

/** The schema object (draft-07). */
export function buildProfileSchema(): Record<string, unknown> {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://juesuan.local/schema/profile.schema.json',
    title: '决算公开模板配置（profile.yaml）',
    description: '只写与上级配置（extends）不同的设置；没写的沿用上级，最终沿用 templates/default/profile.yaml。',
    type: 'object',
    additionalProperties: false,
    properties: {
      name: { title: '配置名（与所在文件夹相同，如 yunnan/yuxi）', type: 'string', ...PROFILE_NAME },
      extends: { title: '继承哪个配置（templates/ 下的文件夹名，如 yunnan）；default 写 null', type: ['string', 'null'], ...PROFILE_NAME },
      forms: {
        title: '各报告年度用的表样（forms/ 文件夹中的文件名）：from 年度起用 form',
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['from', 'form'],
          properties: {
            from: { title: '起始报告年度（含）', type: 'integer', minimum: 1990, maximum: 2100 },
            form: { title: '表样编号（forms/<编号>.yaml）', type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$', patternHint: '表样编号只有小写字母、数字和“-”，如 yunnan-2021' },
          },
        },
      },
      tableNumbers: {
        title: '改印的表号：表的键 → 表号，如 { T01: 表一 }（键见表样的 tables[].key）',
        type: 'object',
        propertyNames: TABLE_ID,
        additionalProperties: { title: '印出的表号', type: 'string', minLength: 1 },
      },
      tables: {
        title: '只公开表样中的这些表（按表样的顺序印出），如 [T01, T02, T03]',
        type: 'array',
        uniqueItems: true,
        items: { title: '表的键', type: 'string', ...TABLE_ID },
      },
      zeroDisplay: choices('金额为零的格子', [
        ['blank', '留空'],
        ['zero', '印 0.00'],
      ]),
      functionRows: choices('功能分类行', [
        ['hierarchy', '类、款、项逐级列出'],
        ['leafOnly', '只列项'],
      ]),
      shareRounding: choices('占比的舍入（万元金额一律按各自的元数四舍五入）', [
        ['independent', '每个占比按各自的精确值四舍五入'],
        ['largestRemainder', '调整尾差使各部分合计恰为100.00%'],
      ]),
      allowFlowAdjustment: { title: '05表年末结转结余不等于“年初+收入−支出”时只作警告（true）还是错误（false）', type: 'boolean' },
      gradeBands: {
        title: '自评等级分档（下限含本数，从高到低）',
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['grade', 'min'],
          properties: { grade: { title: '等级（优、良、中、差）', type: 'string', minLength: 1 }, min: { title: '得分下限（含）', type: 'number', minimum: 0, maximum: 100 } },
        },
      },
      levelWeights: {
        title: '一级指标分值（原则上），如 { 产出指标: 50, 效益指标: 30, 满意度指标: 10 }',
        type: 'object',
        additionalProperties: { type: 'number', minimum: 0, maximum: 100 },
      },
      dropDotZeroZero: { title: '说明文字中整数的百分数去掉小数部分（16% 而不是 16.00%）', type: 'boolean' },
      stripAmountZeros: { title: '说明文字中金额去掉末尾的 0（438.4万元 而不是 438.40万元）', type: 'boolean' },
      percentDecimals: choices('说明文字和图中百分数的小数位数（默认 2）', [
        [2, '两位：30.63%'],
        [1, '一位：30.6%'],
        [0, '整数：31%'],
      ]),
      wanDecimals: choices('说明文字和图中万元金额的小数位数（默认 2）', [
        [2, '两位：4619.30万元'],
        [1, '一位：4619.3万元'],
        [0, '整数：4619万元'],
      ]),
      placeholderPrefix: { title: '草稿中待填内容的开头（默认“请填写”）', type: 'string', minLength: 1 },
      headingNumbers: {
        title: '标题编号改写：模板中的写法 → 印出的写法，如 { "（一）": "1." }（只改 H2–H4 标题开头的编号）',
        type: 'object',
        propertyNames: { enum: [...NUMBER_STYLES] },
        additionalProperties: numberStyle,
      },
      listZeroItems: {
        title: '列举收入、支出构成时是否列出为零的项目',
        type: 'object',
        additionalProperties: false,
        properties: { income: { title: '收入构成列出为零的项目', type: 'boolean' }, expenditure: { title: '支出构成列出为零的项目', type: 'boolean' } },
      },
      glossaryScope: choices('名词解释列举的项级科目', [
        ['gpb', '一般公共预算财政拨款有支出的项'],
        ['all', '03表有支出的全部项'],
      ]),
      evaluation: {
        title: '绩效自评',
        type: 'object',
        additionalProperties: false,
        properties: {
          layout: choices('项目支出绩效自评表版式', [
            ['municipal2021', '2021年市级万元版式'],
            ['province', '省级版式，带备注列和表下备注'],
            ['yunnan2024', '2024年云南元版式（公开13表至公开15表…）'],
          ]),
          unit: choices('绩效自评表金额单位', [
            ['元', '元'],
            ['万元', '万元'],
          ]),
          projectNumbering: choices('项目支出绩效自评表表号', [
            ['same', '每张相同（2021 公开12表）'],
            ['consecutive', '逐张连续编号（2024 公开15表、公开16表…）'],
          ]),
          numbers: {
            title: '表号（不印表号时写 {}）',
            type: 'object',
            additionalProperties: false,
            properties: {
              report: { title: '部门整体支出绩效自评情况的表号（如 公开10表）', type: 'string' },
              department: { title: '部门整体支出绩效自评表的表号（如 公开11表）', type: 'string' },
              project: { title: '项目支出绩效自评表的表号（如 公开12表）', type: 'string' },
            },
          },
          summary: { title: '是否另附项目支出绩效自评汇总表（…审核用.xlsx，不公开）', type: 'boolean' },
        },
      },
      annexes: {
        title: '附件：在 ANNEXES 处（公开表之后）依次印的报告，每项一种',
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['data', 'template', 'title'],
          properties: {
            data: choices('附件的数据（部门数据文件 annexes 下的哪一部分）', [
              ['department', 'annexes.department，每个部门一份'],
              ['projects', 'annexes.projects，每个项目一份'],
            ]),
            template: { title: '模板：narrative/ 下的 .hbs 文件名（不写 .hbs）', type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_-]*$', patternHint: '应为 narrative/ 下的模板文件名（不写 .hbs），如 annexDepartment' },
            title: { title: '标题（Handlebars：可用模板变量和 annex，如 {{dept}}{{year}}年度部门预算整体绩效自评报告）', type: 'string', minLength: 1 },
            label: { title: '标题上方的一行（Handlebars：no 为附件序号，如 附件{{no}}）', type: 'string', minLength: 1 },
          },
        },
      },
      evaluationNotes: { title: '省级版式项目支出绩效自评表下的备注（每项一段）', type: 'array', items: { type: 'string', minLength: 1 } },
      glossary: {
        title: '名词解释的改写和增补',
        type: 'object',
        additionalProperties: false,
        properties: {
          reword: { title: '按词条改写定义：词条 → 定义', type: 'object', additionalProperties: { type: 'string', minLength: 1 } },
          add: {
            title: '在固定词条（基本支出等）之前增加的词条',
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['term', 'definition'],
              properties: { term: { title: '词条', type: 'string', minLength: 1 }, definition: { title: '定义', type: 'string', minLength: 1 } },
            },
          },
        },
      },
    },
  };
}

/** Settings every resolved profile has (templates/default/profile.yaml sets them). */
export const REQUIRED_SETTINGS = ['forms', 'zeroDisplay', 'functionRows', 'shareRounding', 'allowFlowAdjustment', 'gradeBands', 'levelWeights', 'evaluation'] as const;
