// How much of each year's 支出功能分类 the subject dictionary covers, and from what:
//   npx tsx scripts/dictionary-coverage.ts [--from 2019] [--to 2025]
// For each report year: whether a complete national list is shipped, how many codes a shipped catalog
// confirms for that year, and how many more the dictionary names only from functional.yaml.
import { parseArgs } from 'node:util';
import { functionalInYear } from '../src/model/dictionary.js';
import { loadDictionary } from '../src/readers/dictionary.js';

const { values } = parseArgs({ options: { from: { type: 'string', default: '2019' }, to: { type: 'string', default: '2025' } } });
const dict = await loadDictionary();
const levels = (codes: readonly string[]) => [3, 5, 7].map((n) => codes.filter((c) => c.length === n).length).join('/');
const all = [...dict.functional.keys()];

const out: string[] = ['年度\t完整科目表\t科目表核实（类/款/项）\t仅字典（类/款/项）'];
for (let year = Number(values.from); year <= Number(values.to); year++) {
  const complete = dict.catalogs.find((c) => c.year === year && c.scope === 'complete');
  const confirmed = all.filter((c) => dict.functional.get(c)!.names.has(year));
  const unconfirmed = all.filter((c) => functionalInYear(dict, c, year) === undefined);
  out.push(`${year}\t${complete ? complete.file : '无'}\t${levels(confirmed)}\t${levels(unconfirmed)}`);
}
const catalogs = dict.catalogs.map((c) => `  ${c.year} ${c.scope.padEnd(8)} ${String(c.entries.length).padStart(5)} 个  ${c.source}`);
const inNoCatalog = all.filter((c) => dict.functional.get(c)!.names.size === 0);
const noDefinition = all.filter((c) => c.length === 7 && !dict.functional.get(c)!.definition);
out.push('', `科目表 ${dict.catalogs.length} 个：`, ...catalogs);
out.push('', `字典共 ${all.length} 个编码（${levels(all)}），其中 ${inNoCatalog.length} 个不见于任何科目表，${noDefinition.length} 个项没有名词解释。`);
process.stdout.write(`${out.join('\n')}\n`);
