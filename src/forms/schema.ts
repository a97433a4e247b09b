// JSON Schema of a form file (templates/<profile>/forms/<id>.yaml), for editors (written to
// data/schema/form.schema.json by `npm run schema`) and for the loader's check (forms/load.ts).

const eachValues = {
  title: '逐个代入的值',
  description: '列表，或行次范围字符串（如 "33:58,59,60"）',
  oneOf: [{ type: 'array', items: { type: ['string', 'integer'] } }, { type: 'string' }],
};

/** The schema object (draft-07), with Chinese titles for every key. */
export function buildFormSchema(): Record<string, unknown> {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://juesuan.local/schema/form.schema.json',
    title: '决算公开表表样',
    type: 'object',
    additionalProperties: false,
    required: ['id', 'name', 'tables', 'identities'],
    properties: {
      id: { title: '表样编号（与文件名相同，如 yunnan-2021）', type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$' },
      name: { title: '表样名称', type: 'string' },
      source: { title: '表样来源（公开文件、种子文件行号）', type: 'string' },
      identitiesFrom: { title: '同时采用另一表样的审核公式（表样编号）', type: 'string' },
      identitiesExcept: { title: 'identitiesFrom 表样中不采用的审核公式编号（本表样另写）', type: 'array', items: { type: 'string' } },
      rowsFrom: { title: '本表样没写的行、栏（fixedRows、sums、columnTitles …）取自另一表样（表样编号）', type: 'string' },
      carryOver: {
        title: '跨年核对（X-PRIOR-CARRY）：本年年初数应等于上年年末数；不写时用 identitiesFrom 表样的',
        type: 'object',
        additionalProperties: false,
        properties: {
          cells: {
            title: '单元格对：opening 本年的年初单元格，closing 上年的年末单元格（如 T01.r29 与 T01.r59）',
            type: 'array',
            items: { type: 'object', additionalProperties: false, required: ['opening', 'closing'], properties: { opening: { type: 'string' }, closing: { type: 'string' } } },
          },
          byCode: {
            title: '代码行表逐项核对：table 表，opening 年初结转和结余栏（c1），closing 上年年末结转和结余栏（c12）',
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['table', 'opening', 'closing'],
              properties: { table: { type: 'string' }, opening: { type: 'string', pattern: '^c[0-9]+$' }, closing: { type: 'string', pattern: '^c[0-9]+$' } },
            },
          },
        },
      },
      classes: {
        title: '支出功能分类类级科目，按固定顺序（classRows 从此取行）',
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['code', 'label'],
          properties: { code: { type: 'string', pattern: '^[0-9]{3}$' }, label: { type: 'string' } },
        },
      },
      figuresFrom: { title: '采用另一表样的 figures（表样编号）', type: 'string' },
      fields: {
        title: '说明文字另需部门填写的个数和文字（部门数据文件的 formFields 下按名称填写）',
        type: 'object',
        propertyNames: { pattern: '^[a-zA-Z][a-zA-Z0-9]*$' },
        additionalProperties: {
          type: 'object',
          additionalProperties: false,
          required: ['kind', 'title'],
          properties: {
            kind: { title: 'count 个数（整数），text 文字', enum: ['count', 'text'] },
            title: { title: '名称（消息和填写说明中用）', type: 'string' },
            unit: { title: '个数的单位（个、人、辆）', type: 'string' },
            partOf: { title: '是哪个统计数的一部分（figures 中的个数名称，如 threePublic.count.groups）：各部分之和应等于它', type: 'string' },
          },
        },
      },
      figures: {
        title: '说明文字所用的数：名称 → 单元格（名称、含义和单位见 docs/templates.md）',
        type: 'object',
        propertyNames: { pattern: '^[a-zA-Z][a-zA-Z0-9]*(\\.[a-zA-Z][a-zA-Z0-9]*)*$' },
        additionalProperties: {
          oneOf: [
            { title: '单元格（T01.r27）、单元格之和（T01.r1 + T01.r2）或代码行表的一栏（T05.*.c7）', type: 'string' },
            {
              title: '各行：key 键，label 印出的名称，cell 单元格',
              type: 'array',
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['key', 'label', 'cell'],
                properties: { key: { type: 'string', pattern: '^[a-zA-Z][a-zA-Z0-9]*$' }, label: { type: 'string' }, cell: { type: 'string' } },
              },
            },
          ],
        },
      },
      tables: {
        title: '公开表（按印出的顺序）',
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['key', 'label', 'title', 'reporter', 'unit', 'orientation', 'density', 'columns', 'head', 'body', 'notes'],
          properties: {
            key: { title: '表在部门数据文件中的键（T01、T05 …）', type: 'string', pattern: '^[A-Z][A-Z0-9]*$' },
            label: { title: '表号（公开05表、表五）', type: 'string' },
            title: { title: '标题', type: 'string' },
            reporter: { title: '表头左边的“部门”或“编制单位”', type: 'string' },
            unit: { title: '金额单位', enum: ['元', '万元'] },
            orientation: { title: '纸张方向：portrait 竖排，landscape 横排', enum: ['portrait', 'landscape'] },
            density: { title: '字号：normal 正常，small 宽表的小字', enum: ['normal', 'small'] },
            columns: {
              title: '各栏 [相对宽度, 对齐 left/center/right]',
              type: 'array',
              items: { type: 'array', minItems: 2, maxItems: 2, items: [{ type: 'number', exclusiveMinimum: 0 }, { enum: ['left', 'center', 'right'] }] },
            },
            head: {
              title: '表头各行：文字，或 [文字, 跨几栏, 跨几行]',
              type: 'array',
              items: { type: 'array', items: { oneOf: [{ type: 'string' }, { type: 'array', minItems: 1, maxItems: 3, items: [{ type: 'string' }, { type: 'integer', minimum: 1 }, { type: 'integer', minimum: 1 }] }] } },
            },
            body: { title: '表体排法', enum: ['code', 'totals', 'fiscalTotals', 'panels', 'threePublic', 'fixed', 'cells'] },
            source: { title: '代码行表取数的表（默认为 key）', type: 'string', pattern: '^[A-Z][A-Z0-9]*$' },
            fields: { title: '代码行表印出的栏次（按顺序；null 为空栏）', type: 'array', items: { type: ['integer', 'null'], minimum: 1 } },
            rows: {
              title: 'cells 表的各行：文字栏和所取的单元格（如 T3G.r2.c1）',
              type: 'array',
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['cells'],
                properties: { labels: { type: 'array', items: { type: 'string' } }, cells: { type: 'array', items: { type: ['string', 'null'] } } },
              },
            },
            panels: { title: '06表各栏块的经济分类类级科目', type: 'array', items: { type: 'array', items: { type: 'string' } } },
            notes: { title: '表下的注', type: 'array', items: { type: 'string' } },
            emptyNote: { title: '空表说明', type: 'string' },
            emptyCell: { title: '金额为零的格子印的文字（2024年公开12表印“-”）；不写则按零值显示', type: 'string' },
            split: { title: '左右两边印的固定行表：左边最后一个行次（01表为30）', type: 'integer', minimum: 1 },
            fixedRows: {
              title: '固定行：行次、文字、缩进、印“—”的栏次、是否为个数、是否由部门填写',
              type: 'array',
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['r'],
                properties: {
                  r: { title: '行次', type: 'integer', minimum: 1 },
                  label: { title: '项目文字', type: 'string' },
                  indent: { title: '缩进级数', type: 'integer', minimum: 0 },
                  dash: { title: '印“—”的栏次', type: 'array', items: { type: 'integer', minimum: 1 } },
                  count: { title: '个数行（整数）', type: 'boolean' },
                  input: { title: '由部门填写', type: 'boolean' },
                  code: { title: '该行印的功能分类类级科目编码', type: 'string', pattern: '^[0-9]{3}$' },
                  from: { title: '没填时取自的单元格（如 T05.total.c4），或各栏各取（{ c3: T05.total.c7 }）；{code} 为该行的类级科目编码', oneOf: [{ type: 'string' }, { type: 'object', additionalProperties: false, patternProperties: { '^c[0-9]+$': { type: 'string' } } }] },
                },
              },
            },
            classRows: { title: '功能分类类级科目（表样的 classes）从哪个行次起印', type: 'integer', minimum: 1 },
            classFrom: { title: '没填时取自的单元格（如 T05.total.c4），或各栏各取（{ c3: T05.total.c7 }）；{code} 为该行的类级科目编码', oneOf: [{ type: 'string' }, { type: 'object', additionalProperties: false, patternProperties: { '^c[0-9]+$': { type: 'string' } } }] },
            sums: {
              title: '表内合计行：total 行等于 parts 各行之和（columns 为各栏）',
              type: 'array',
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['total', 'parts'],
                properties: {
                  total: { type: 'integer', minimum: 1 },
                  parts: { oneOf: [{ type: 'array', items: { type: 'integer', minimum: 1 } }, { type: 'string' }] },
                  columns: { type: 'array', items: { type: 'integer', minimum: 1 } },
                },
              },
            },
            columnTitles: { title: '各栏次的名称', type: 'object', additionalProperties: false, patternProperties: { '^[0-9]+$': { type: 'string' } } },
            columnSums: {
              title: '行内各栏的合计：total 栏等于 parts 各栏之和（先内层）',
              type: 'array',
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['total', 'parts'],
                properties: { total: { type: 'integer', minimum: 1 }, parts: { type: 'array', items: { type: 'integer', minimum: 1 } } },
              },
            },
            flows: {
              title: '年初 + 本年收入 − 本年支出 = 年末 的各组栏次',
              type: 'array',
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['begin', 'income', 'spending', 'end', 'label'],
                properties: {
                  begin: { type: 'integer', minimum: 1 },
                  income: { type: 'integer', minimum: 1 },
                  spending: { type: 'integer', minimum: 1 },
                  end: { type: 'integer', minimum: 1 },
                  label: { type: 'string' },
                },
              },
            },
            groups: {
              title: '经济分类栏块的类级科目、其款级科目和归属（personnel 人员经费，operating 公用经费）',
              type: 'array',
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['code', 'items'],
                properties: {
                  code: { type: 'string', pattern: '^[0-9]{3}$' },
                  kind: { enum: ['personnel', 'operating'] },
                  items: { type: 'array', items: { type: 'string', pattern: '^[0-9]{5}$' } },
                },
              },
            },
            amountColumns: { title: '固定行表的金额栏次', type: 'array', items: { type: 'integer', minimum: 1 } },
            names: { title: '本表印法与科目字典不同的经济分类科目名称', type: 'object', additionalProperties: false, patternProperties: { '^[0-9]{3}([0-9]{2})?$': { type: 'string' } } },
          },
        },
      },
      identities: {
        title: '审核公式',
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['id', 'severity', 'check'],
          properties: {
            id: { title: '规则编号（rules.md，如 T01-INC）', type: 'string', pattern: '^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$' },
            severity: { title: '级别：error 错误，warning 警告', enum: ['error', 'warning'] },
            check: { title: '公式，如 T01.r27 = sum(T01.r1:r8)', type: 'string' },
            each: { title: '逐个代入公式中的 {名称}', type: 'object', additionalProperties: eachValues },
            zip: { title: 'each 的各列表逐一对应（而不是所有组合）', type: 'boolean' },
            rule: { title: '消息中对右边的说法（如 行次1至8之和）', type: 'string' },
            note: { title: '建议', type: 'string' },
            when: { title: 'given：只核对填了的合计数（默认）；always：核对算出后的数', enum: ['given', 'always'] },
            requires: { title: '只在填了这些表时核对', type: 'array', items: { type: 'string' } },
          },
        },
      },
      print: {
        title: '公开表的印法（模板配置自己写了的键优先）',
        type: 'object',
        additionalProperties: false,
        properties: {
          zeroDisplay: { title: '金额为零的格子：blank 留空，zero 印 0.00', enum: ['blank', 'zero'] },
          functionRows: { title: '功能分类行：hierarchy 类、款、项逐级列出，leafOnly 只列项', enum: ['hierarchy', 'leafOnly'] },
        },
      },
      evaluation: {
        title: '绩效自评表（版式、金额单位、表号；模板配置的 evaluation 可覆盖）',
        type: 'object',
        additionalProperties: false,
        properties: {
          layout: { title: '版式：municipal2021 2021年市级万元版式，province 省级版式，yunnan2024 2024年云南元版式', enum: ['municipal2021', 'province', 'yunnan2024'] },
          unit: { title: '金额单位', enum: ['元', '万元'] },
          numbers: {
            title: '表号',
            type: 'object',
            additionalProperties: false,
            properties: {
              report: { title: '部门整体支出绩效自评情况的表号（如 公开13表）', type: 'string' },
              department: { title: '部门整体支出绩效自评表的表号（如 公开14表）', type: 'string' },
              project: { title: '（第一张）项目支出绩效自评表的表号（如 公开15表）', type: 'string' },
            },
          },
          projectNumbering: { title: '项目表表号：same 每张相同（2021 公开12表），consecutive 逐张连续编号（2024 公开15表、公开16表…）', enum: ['same', 'consecutive'] },
          titles: {
            title: '标题（{year} 为报告年度）',
            type: 'object',
            additionalProperties: false,
            properties: {
              department: { title: '部门整体支出绩效自评表的标题', type: 'string' },
              project: { title: '项目支出绩效自评表的标题', type: 'string' },
            },
          },
          departmentNotes: { title: '部门整体支出绩效自评表下的备注（每项一段）', type: 'array', items: { type: 'string' } },
          projectNotes: {
            title: '项目支出绩效自评表下的备注，按第四行资金名称',
            type: 'object',
            additionalProperties: false,
            properties: {
              other: { title: '第四行为“其他资金”时（六条）', type: 'array', items: { type: 'string' } },
              nonFiscal: { title: '第四行为“非财政拨款”时（五条）', type: 'array', items: { type: 'string' } },
            },
          },
        },
      },
    },
  };
}
