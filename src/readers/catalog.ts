// Catalogs of 支出功能分类 codes: one file per publication (data/dictionary/functional/*.tsv), read
// from and written to a small TSV format, and extracted from the rows of a published table — the
// national 政府收支分类科目 as a spreadsheet or as text, or the 公开表 of a published 决算.
import type { CatalogEntry, FunctionalCatalog } from '../model/dictionary.js';

/** 类 3 digits, 款 5, 项 7; every 支出功能分类 code starts with 2 (收入 codes start with 1). */
const FUNCTIONAL_CODE = /^2\d{2}(?:\d{2}){0,2}$/u;
/** A 款 or 项 written as its own two digits in a split 类/款/项 layout. */
const PART_CODE = /^\d{2}$/u;

export class CatalogError extends Error {}

/**
 * Read a catalog file: `# year:`, `# scope: complete|partial|added` and `# source:` header lines, then a
 * `code	name	description` row and one row per code.
 * @throws CatalogError naming the file and line of a malformed row, a missing header or a duplicate code.
 */
export function parseCatalog(text: string, file: string): FunctionalCatalog {
  const meta = new Map<string, string>();
  const entries: CatalogEntry[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/u).forEach((line, i) => {
    const at = `${file}:${i + 1}`;
    if (!line.trim()) return;
    const m = /^#\s*(year|scope|source):\s*(.*)$/u.exec(line);
    if (m) return void meta.set(m[1]!, m[2]!.trim());
    if (line.startsWith('#') || /^code\t/u.test(line)) return;
    const [code = '', name = '', description = ''] = line.split('\t').map((c) => c.trim());
    if (!FUNCTIONAL_CODE.test(code) || !name) throw new CatalogError(`${at}: 应为“编码<Tab>名称[<Tab>说明]”，编码为 3、5 或 7 位`);
    if (seen.has(code)) throw new CatalogError(`${at}: 编码 ${code} 重复`);
    seen.add(code);
    entries.push({ code, name, ...(description ? { description } : {}) });
  });
  const year = Number(meta.get('year'));
  const scope = meta.get('scope');
  const source = meta.get('source');
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new CatalogError(`${file}: 缺少“# year: 年度”`);
  if (scope !== 'complete' && scope !== 'partial' && scope !== 'added') throw new CatalogError(`${file}: “# scope:” 应为 complete、partial 或 added`);
  if (!source) throw new CatalogError(`${file}: 缺少“# source: 出处”`);
  return { year, scope, source, file, entries };
}

/** The TSV text of a catalog, codes in ascending order (the form parseCatalog reads). */
export function formatCatalog(c: Omit<FunctionalCatalog, 'file'>, title?: string): string {
  const lines = [
    ...(title ? [`# ${title}`] : []),
    `# year: ${c.year}`,
    `# scope: ${c.scope}`,
    `# source: ${c.source}`,
    'code\tname\tdescription',
    ...[...c.entries].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)).map((e) => [e.code, e.name, e.description ?? ''].join('\t').replace(/\t$/u, '')),
  ];
  return `${lines.join('\n')}\n`;
}

const isAmount = (s: string) => /^-?[\d,]+(?:\.\d+)?%?$/u.test(s);
const clean = (s: string) => s.replace(/\s+/gu, ' ').trim();

/**
 * The 支出功能分类 codes in the rows of a published table. Two layouts are read:
 * - a full code in a cell (`2010101`, or at the start of a text line): the name is the next cell, and
 *   a following cell that is not an amount is the 说明;
 * - the book layout with 类, 款 and 项 in their own columns (a header row naming 类 款 项): a 3-digit
 *   类, then 2-digit 款 and 项 under their columns, completed from the rows above.
 * Amounts and 合计 rows are ignored, so the 公开表 of a published 决算 can be read as well.
 * @returns the entries in row order, and a message for each row that names a code it cannot place.
 */
export function extractCatalogEntries(rows: readonly (readonly string[])[]): { entries: CatalogEntry[]; problems: string[] } {
  const entries = new Map<string, CatalogEntry>();
  const problems: string[] = [];
  let split: { cls: number; kuan: number; xiang: number } | undefined;
  let cls: string | undefined;
  let kuan: string | undefined;
  const add = (code: string, cells: readonly string[], row: number) => {
    const [name = '', ...rest] = cells.filter((c) => c && !isAmount(c));
    if (!name || FUNCTIONAL_CODE.test(name)) return void problems.push(`第${row + 1}行：编码 ${code} 没有名称`);
    const description = rest.join('');
    const before = entries.get(code);
    if (before && before.name !== name) return void problems.push(`第${row + 1}行：编码 ${code} 先后名为“${before.name}”和“${name}”`);
    entries.set(code, { code, name, ...(description || before?.description ? { description: description || before!.description! } : {}) });
  };
  rows.forEach((raw, r) => {
    const cells = raw.map((c) => clean(c ?? ''));
    const header = cells.map((c) => c.replace(/\s/gu, ''));
    if (header.includes('类') && header.includes('款') && header.includes('项')) {
      split = { cls: header.indexOf('类'), kuan: header.indexOf('款'), xiang: header.indexOf('项') };
      return;
    }
    if (split) {
      const c = cells[split.cls] ?? '';
      const k = cells[split.kuan] ?? '';
      const x = cells[split.xiang] ?? '';
      const after = cells.slice(Math.max(split.cls, split.kuan, split.xiang) + 1);
      if (/^2\d{2}$/u.test(c)) {
        cls = c;
        kuan = undefined;
        return add(cls, after, r);
      }
      if (PART_CODE.test(k) && !x) {
        if (!cls) return void problems.push(`第${r + 1}行：款 ${k} 前没有类`);
        kuan = `${cls}${k}`;
        return add(kuan, after, r);
      }
      if (PART_CODE.test(x)) {
        if (!kuan) return void problems.push(`第${r + 1}行：项 ${x} 前没有款`);
        return add(`${kuan}${x}`, after, r);
      }
    }
    // a full code: its own cell, or the first word of a text line
    const words = cells.length === 1 ? cells[0]!.split(' ') : cells;
    const i = words.findIndex((w) => FUNCTIONAL_CODE.test(w));
    if (i < 0) return;
    const code = words[i]!;
    if (words.slice(0, i).some((w) => w && !/^[一二三四五六七八九十]+、?$/u.test(w))) return; // a code inside a sentence
    add(code, words.slice(i + 1), r);
  });
  return { entries: [...entries.values()], problems };
}

/**
 * Codes whose 类 or 款 is missing from the same list (a complete catalog lists every parent).
 */
export function orphans(entries: readonly CatalogEntry[]): string[] {
  const codes = new Set(entries.map((e) => e.code));
  return entries.filter((e) => e.code.length > 3 && !codes.has(e.code.slice(0, e.code.length - 2))).map((e) => e.code);
}

/**
 * The 名词解释 text of a 科目说明: the national list writes “反映……的支出。”, the 部门决算 glossary
 * “指……的支出。” (narrative.md A.6).
 */
export function definitionOf(description: string): string {
  const d = description.trim().replace(/^反映/u, '指');
  return /[。.]$/u.test(d) ? d.replace(/\.$/u, '。') : `${d}。`;
}

/** Split one CSV line (RFC 4180 quotes; a tab-separated line when it holds a tab). */
function splitDelimited(line: string): string[] {
  if (line.includes('\t')) return line.split('\t');
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') out.push(cell), (cell = '');
    else cell += ch;
  }
  out.push(cell);
  return out;
}

/**
 * The rows of a published table file: .xlsx (every worksheet, cells as displayed), .csv/.tsv, or
 * .txt (one cell per line, as `pdftotext -layout` writes a PDF).
 * @throws CatalogError for another file type (.xls and .pdf are to be converted first).
 */
export async function readTableRows(path: string): Promise<string[][]> {
  const lower = path.toLowerCase();
  if (lower.endsWith('.xlsx')) {
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    const rows: string[][] = [];
    book.eachSheet((sheet) => {
      sheet.eachRow({ includeEmpty: false }, (r) => {
        const cells: string[] = [];
        for (let c = 1; c <= r.cellCount; c++) cells.push(r.getCell(c).text ?? '');
        rows.push(cells);
      });
    });
    return rows;
  }
  const delimited = lower.endsWith('.csv') || lower.endsWith('.tsv');
  if (delimited || lower.endsWith('.txt')) {
    const { readFile } = await import('node:fs/promises');
    const lines = (await readFile(path, 'utf8')).replace(/^\uFEFF/u, '').split(/\r?\n|\f/u);
    return delimited ? lines.map(splitDelimited) : lines.map((l) => [l]);
  }
  throw new CatalogError(`${path}: 请提供 .xlsx、.csv、.tsv 或 .txt（.xls 先用 soffice --headless --convert-to xlsx 转换，PDF 先用 pdftotext -layout 转为文本）`);
}
