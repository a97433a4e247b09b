// 度量单位 of a 绩效指标 (evaluation.md §0.3): tells a unit of measure from a drop-down label or a value
// typed into the unit cell. A unit is read by its structure — a base unit with an optional 万/亿/千
// prefix, optionally per one or two other units (元/人·天, 次/人/年) — so the common units pass without
// being listed one by one, while `0`, `上升`, `人(人次、家)` and `平方米/公里/立方/亩等` do not.

/** Counting words and measures written in Chinese (常用量词和计量单位). */
const CHINESE_BASES = [
  // people, households, organisations
  '人', '人次', '名', '位', '户', '户次', '家', '家次', '个', '个次', '员', '岗', '岗位', '组', '队', '支', '团', '班', '班次',
  '村', '社区', '乡镇', '镇', '县', '市', '州', '校', '企业', '单位', '部门', '机构', '网点', '站', '园区', '基地',
  // things
  '份', '册', '本', '篇', '幅', '条', '项', '件', '套', '台', '部', '辆', '辆次', '艘', '架', '架次', '列', '车次', '座', '所', '处',
  '间', '栋', '幢', '层', '张', '块', '片', '根', '株', '棵', '头', '只', '匹', '羽', '尾', '盏', '枚', '颗', '粒', '把', '床', '床位',
  '门', '节', '课', '堂', '课时', '学时', '学分', '课次', '例', '宗', '起', '单', '笔', '封', '卷', '盒', '箱', '袋', '瓶', '桶', '包',
  '批', '批次', '场', '场次', '期', '期次', '轮', '届', '季', '次', '款', '类', '种', '类别', '章', '页', '字', '首', '集', '部次',
  '网页', '帖', '户头', '账户', '票', '证', '张次', '册次', '份次', '件次', '项次', '台次', '台(套)', '套(台)', '个(套)',
  // money
  '元', '美元', '欧元',
  // mass, length, area, volume
  '吨', '千克', '公斤', '克', '毫克', '微克', '斤', '吨标准煤', '吨标煤', '吨二氧化碳', '标准煤',
  '米', '千米', '公里', '厘米', '毫米', '延米', '平方米', '平方千米', '平方公里', '平米', '立方米', '立方', '方', '亩', '公顷', '升', '毫升',
  // energy, power, other physical measures
  '千瓦', '瓦', '兆瓦', '千瓦时', '度', '伏', '千伏', '千伏安', '安', '焦', '卡', '千卡', '分贝', '摄氏度', '°C', '兆', '比特',
  // time
  '秒', '分钟', '小时', '天', '日', '周', '星期', '旬', '月', '季度', '年', '工作日', '个工作日', '个月', '个季度', '自然日', '学期', '学年',
  // ratios and grades
  '%', '‰', '倍', '级', '星', '星级', '分', '个百分点', '百分点', '成', '等次', '档',
];
/** Units written in Latin letters, as they appear in technical indicators. */
const LATIN_BASES = [
  'm', 'km', 'cm', 'mm', 'm2', 'm3', 'km2', 'kg', 'g', 'mg', 'μg', 'ug', 't', 'l', 'ml', 'kw', 'kwh', 'mw', 'mwh', 'gw', 'gwh', 'w', 'wh', 'kv', 'kva', 'v', 'a',
  'h', 'min', 's', 'd', 'gb', 'tb', 'mb', 'kb', 'pb', 'eb', 'bps', 'kbps', 'mbps', 'gbps', 'db', 'hz', 'mhz', 'ghz', 'ppm', 'tce',
];
const TIME_BASES = new Set(['秒', '分钟', '小时', '天', '日', '周', '星期', '旬', '月', '季度', '年', '工作日', '个工作日', '个月', '个季度', '自然日', '学期', '学年', '次', 'h', 'min', 's', 'd']);
/** Fixed forms that are not built from parts. */
const WHOLE_UNITS = new Set(['是/否', '年-月-日', '年月日', '年/月/日', '日期', '年月', '年-月']);

const BASE_SET = new Set([...CHINESE_BASES, ...LATIN_BASES]);
/** Multipliers in front of a Chinese base (万人次, 亿元, 千户, 万千瓦时). */
const PREFIX = /^(万|亿|千|百|十万|百万|千万|万亿)/u;

/** NFKC folds full-width ％／（） and ㎡ ㎞ ㎏ ² ³ into their plain forms; spaces are dropped. */
export function normalizeUnit(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/\s+/gu, '')
    .replace(/[·•・⋅*×]/gu, '·')
    .replace(/°c/giu, '°C');
}

function isBase(term: string): boolean {
  if (!term) return false;
  if (BASE_SET.has(term) || BASE_SET.has(term.toLowerCase())) return true;
  const m = PREFIX.exec(term);
  return !!m && term.length > m[0].length && BASE_SET.has(term.slice(m[0].length));
}

/** A product of bases joined by ·: 人·天, 千瓦·时. */
function isProduct(part: string): boolean {
  return part.split('·').every(isBase);
}

const isTime = (part: string) => part.split('·').every((t) => TIME_BASES.has(t.replace(PREFIX, '')));

/**
 * Whether a 度量单位 reads as a unit of measure: a base (人, 万元, 平方米, km², %), a product (人·天)
 * or a rate with one or two denominators of which at most one is not a time unit (元/人, 次/年,
 * 元/人·天, 元/人/月). `平方米/公里/立方` — a drop-down list of alternatives — is not a rate.
 */
export function isMeasureUnit(raw: string): boolean {
  const unit = normalizeUnit(raw);
  if (!unit) return false;
  if (WHOLE_UNITS.has(unit)) return true;
  const parts = unit.split(/\/|每/u);
  if (parts.length > 3 || !parts.every(isProduct)) return false;
  const denominators = parts.slice(1);
  return denominators.filter((p) => !isTime(p)).length <= 1;
}
