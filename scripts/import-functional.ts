// Turn a published list of 支出功能分类 codes into a catalog of the subject dictionary
// (data/dictionary/functional/*.tsv). The national 政府收支分类科目 of a year is imported with
// --scope complete; the codes a notice creates with --scope added; the 公开表 of a published 决算
// with --scope partial.
//
//   npx tsx scripts/import-functional.ts --year 2021 --scope complete \
//     --source "财政部《2021年政府收支分类科目》支出功能分类科目" --out data/dictionary/functional/2021.tsv 2021.xlsx
//
// Input: .xlsx, .csv, .tsv, or .txt (pdftotext -layout of a PDF); see extractCatalogEntries for the
// layouts read. Prints what it found by level and every row it could not place; refuses a complete
// catalog with a 款 or 项 whose parent is missing.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CatalogError, extractCatalogEntries, formatCatalog, orphans, readTableRows } from '../src/readers/catalog.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    year: { type: 'string' },
    scope: { type: 'string', default: 'complete' },
    source: { type: 'string' },
    title: { type: 'string' },
    out: { type: 'string' },
  },
});

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

const year = Number(values.year);
if (!Number.isInteger(year) || positionals.length !== 1 || !values.source || !values.out) {
  fail('用法：import-functional.ts --year 年度 --scope complete|partial|added --source 出处 --out 输出.tsv 输入文件');
}
if (values.scope !== 'complete' && values.scope !== 'partial' && values.scope !== 'added') fail('--scope 应为 complete、partial 或 added');

try {
  const rows = await readTableRows(positionals[0]!);
  const { entries, problems } = extractCatalogEntries(rows);
  for (const p of problems) process.stderr.write(`${p}\n`);
  const levels = [3, 5, 7].map((n) => entries.filter((e) => e.code.length === n).length);
  process.stdout.write(`${year}年：类 ${levels[0]} 个，款 ${levels[1]} 个，项 ${levels[2]} 个；有说明的 ${entries.filter((e) => e.description).length} 个\n`);
  const missing = orphans(entries);
  if (values.scope === 'complete' && missing.length) {
    fail(`完整科目表应列出每个上级科目，以下编码的上级不在表中：${missing.join('、')}`);
  }
  if (!entries.length) fail('没有读到支出功能分类编码');
  writeFileSync(values.out!, formatCatalog({ year, scope: values.scope, source: values.source!, entries }, values.title));
  process.stdout.write(`写入 ${values.out}\n`);
} catch (e) {
  if (e instanceof CatalogError) fail(e.message);
  throw e;
}
