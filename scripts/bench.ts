// Benchmark: build N copies of the 玉溪 example (a full 2021 package each) as one batch run, the way
// a finance bureau builds a whole city. Reports wall time, time per department and per format.
//   npm run bench -- [departments=40] [jobs=2]
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Builder } from '../src/batch/index.js';
import { checkFile } from '../src/cli/check.js';
import { loadDictionary } from '../src/readers/dictionary.js';
import { buildCharts } from '../src/compose/narrative/charts.js';
import { numberFormats } from '../src/compose/narrative/index.js';
import { resolveProfile } from '../src/compose/profile.js';
import { derive } from '../src/derive/index.js';
import { ChartRasterizer, chartSvg } from '../src/writers/chart.js';

const n = Number(process.argv[2] ?? 40);
const jobs = Number(process.argv[3] ?? 2);
const source = readFileSync(fileURLToPath(new URL('../data/examples/yuxi-gxj-2021.yaml', import.meta.url)), 'utf8');
const inputs = mkdtempSync(join(tmpdir(), 'juesuan-bench-in-'));
const files = Array.from({ length: n }, (_, i) => {
  const f = join(inputs, `dept-${String(i + 1).padStart(3, '0')}.yaml`);
  writeFileSync(f, source.replace('name: 玉溪市工业和信息化局（本级）', `name: 测试市第${i + 1}局（本级）`));
  return f;
});
const dict = await loadDictionary();

let t = performance.now();
for (const f of files.slice(0, 10)) await checkFile(f, dict);
const validateMs = (performance.now() - t) / 10;

for (const formats of [['xlsx'], ['docx'], ['pdf'], ['pdf', 'docx', 'xlsx']] as const) {
  const out = mkdtempSync(join(tmpdir(), 'juesuan-bench-out-'));
  const subset = formats.length === 1 ? files.slice(0, Math.min(10, n)) : files;
  const builder = new Builder(dict, { outDir: out, formats, jobs, createdAt: new Date().toISOString() });
  t = performance.now();
  const results = await builder.buildAll(subset, () => {});
  const seconds = (performance.now() - t) / 1000;
  const failed = results.filter((r) => !r.ok).length;
  console.log(
    `${formats.join('+').padEnd(14)} ${String(subset.length).padStart(4)} departments  ${seconds.toFixed(1).padStart(6)} s  ${((seconds / subset.length) * 1000).toFixed(0).padStart(5)} ms/department  (jobs ${jobs}${failed ? `, ${failed} failed` : ''})`,
  );
}
console.log(`read + validate + complete: ${validateMs.toFixed(0)} ms/department (${n} departments of ${source.split('\n').length} lines)`);

// charts: SVG (ECharts, no browser) for the PDF, PNG (resvg with a font subset) for the DOCX
const dataset = (await checkFile(files[0]!, dict)).dataset!;
const model = derive(dataset, dict);
const charts = [...buildCharts(model, numberFormats(resolveProfile(undefined).settings)).values()].filter((c) => c !== undefined);
t = performance.now();
for (let i = 0; i < 20; i++) for (const c of charts) chartSvg(c, 'Noto Sans SC');
const svgMs = (performance.now() - t) / (20 * charts.length);
const raster = new ChartRasterizer();
t = performance.now();
await raster.prepare(charts);
const subsetMs = performance.now() - t;
t = performance.now();
for (let i = 0; i < 5; i++) for (const c of charts) raster.png(c);
const pngMs = (performance.now() - t) / (5 * charts.length);
raster.close();
console.log(`charts: SVG ${svgMs.toFixed(1)} ms/chart; PNG ${pngMs.toFixed(1)} ms/chart after one font subset per document (${subsetMs.toFixed(0)} ms)`);
