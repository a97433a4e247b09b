// Benchmark of a city's build, printed figure by figure and as ratios, in one run (nothing is written
// into the tests). The departments are copies of the 玉溪 example (a full 2021 package each: 55-page
// PDF with 7 charts, DOCX, XLSX), each with its own name and code.
//
//   npm run bench -- [departments=40] [--skip-memory]
//
// 1. validate: read, check, derive (and compose, as `juesuan validate` does) per department, and what
//    dominates; then `juesuan validate` of a folder of 100 as a user runs it.
// 2. the Chromium floor: the same departments' HTML printed once each by Chromium (fonts warm, at the
//    build's concurrency), nothing else — against the full package (PDF + DOCX + XLSX) at --jobs 2.
// 3. cold start: one department from process start to files written (`node dist/cli/main.js build`).
// 4. memory: peak of node plus Chromium (RSS and PSS of the process tree) for 10 and 200 departments
//    at --jobs 2; then the rebuild of the 200 with nothing changed (every department skipped).
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Builder } from '../src/batch/index.js';
import { checkFile, formFinding, validateOptions } from '../src/cli/check.js';
import { completeTables } from '../src/derive/complete.js';
import { derive } from '../src/derive/index.js';
import { resolveProfile } from '../src/compose/profile.js';
import { loadDictionary } from '../src/readers/dictionary.js';
import { readDataset } from '../src/readers/index.js';
import { validate } from '../src/validate/index.js';
import { defaultHtmlOptions, fontFaceCss, PdfRenderer, writeHtml } from '../src/writers/index.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const n = Number(args.find((a) => /^\d+$/.test(a)) ?? 40);
const skipMemory = args.includes('--skip-memory');
const JOBS = 2;

const source = readFileSync(join(ROOT, 'data/examples/yuxi-gxj-2021.yaml'), 'utf8');
const work = mkdtempSync(join(tmpdir(), 'juesuan-bench-'));

/** A folder of `count` departments (copies of the example, each its own name and code). */
function city(name: string, count: number): string[] {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  return Array.from({ length: count }, (_, i) => {
    const f = join(dir, `dept-${String(i + 1).padStart(3, '0')}.yaml`);
    const dept = source.replace('name: 玉溪市工业和信息化局（本级）', `name: 测试市第${i + 1}局（本级）\n  code: "T${String(i + 1).padStart(3, '0')}"`);
    writeFileSync(f, dept);
    return f;
  });
}

const line = (label: string, value: string) => console.log(`${label.padEnd(44)} ${value}`);
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Memory of a process and all its descendants (Chromium's processes), from /proc. */
function treeMemory(pid: number): { rss: number; pss: number } {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // gone meanwhile
    }
  }
  let rss = 0;
  let pss = 0;
  const visit = (p: number) => {
    try {
      rss += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
      pss += Number(/Pss:\s+(\d+)/.exec(readFileSync(`/proc/${p}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
    } catch {
      // gone meanwhile
    }
    for (const c of children.get(p) ?? []) visit(c);
  };
  visit(pid);
  return { rss: rss * 1024, pss: pss * 1024 };
}

/** CPU seconds used so far by the processes under `pid` (Chromium's, for this process), from /proc. */
function childrenCpu(pid: number): number {
  const children = new Map<number, number[]>();
  const cpu = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      children.set(Number(f[1]), [...(children.get(Number(f[1])) ?? []), Number(name)]);
      cpu.set(Number(name), (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / 100);
    } catch {
      // gone meanwhile
    }
  }
  let sum = 0;
  const visit = (p: number) => {
    for (const c of children.get(p) ?? []) {
      sum += cpu.get(c) ?? 0;
      visit(c);
    }
  };
  visit(pid);
  return sum;
}

/**
 * Wall time and CPU time (this process, its threads and Chromium) of `run`, sampled every 100 ms so
 * that a Chromium closed at the end is still counted (the CPU of its last moments is not).
 */
async function measured(run: () => Promise<unknown>): Promise<{ ms: number; cpu: number }> {
  const own = process.cpuUsage();
  const before = childrenCpu(process.pid);
  let chromium = 0;
  const timer = setInterval(() => (chromium = Math.max(chromium, childrenCpu(process.pid) - before)), 100);
  const t = performance.now();
  await run();
  const ms = performance.now() - t;
  clearInterval(timer);
  chromium = Math.max(chromium, childrenCpu(process.pid) - before);
  const u = process.cpuUsage(own);
  return { ms, cpu: (u.user + u.system) / 1e6 + chromium };
}

/** Run the compiled CLI; wall time and the process tree's memory peak (sampled every 100 ms). */
function cli(argv: readonly string[]): Promise<{ ms: number; rss: number; pss: number; code: number | null }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [join(ROOT, 'dist/cli/main.js'), ...argv], { stdio: ['ignore', 'ignore', 'inherit'] });
    let peak = { rss: 0, pss: 0 };
    const timer = setInterval(() => {
      const m = treeMemory(child.pid!);
      peak = { rss: Math.max(peak.rss, m.rss), pss: Math.max(peak.pss, m.pss) };
    }, 100);
    child.on('exit', (code) => {
      clearInterval(timer);
      resolve({ ms: performance.now() - started, ...peak, code });
    });
  });
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

console.log(`juesuan bench: ${n} departments (copies of the 玉溪 example), --jobs ${JOBS}, ${readFileSync('/proc/cpuinfo', 'utf8').match(/^processor/gm)?.length ?? '?'} CPUs, load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
const dict = await loadDictionary();

// ---------------------------------------------------------------- 1. validate
{
  const files = city('validate', 100);
  const profile = resolveProfile('yunnan/yuxi');
  await checkFile(files[0]!, dict); // warm: templates, forms, schema compiled once
  const stage = { read: 0, validate: 0, derive: 0, check: 0 };
  for (const f of files) {
    let t = performance.now();
    const { dataset } = await readDataset(f);
    stage.read += performance.now() - t;
    t = performance.now();
    const tables = completeTables(dataset!);
    validate(dataset!, dict, validateOptions(profile, formFinding(dataset!, profile).form), tables);
    stage.validate += performance.now() - t;
    t = performance.now();
    derive(dataset!, dict, { shareRounding: profile.settings.shareRounding, gradeBands: profile.settings.gradeBands }, tables);
    stage.derive += performance.now() - t;
  }
  let t = performance.now();
  for (const f of files) await checkFile(f, dict);
  stage.check = performance.now() - t;
  const per = (ms: number) => `${(ms / files.length).toFixed(1)} ms/department`;
  line('validate: read (YAML → dataset)', per(stage.read));
  line('validate: complete + check every rule', per(stage.validate));
  line('validate: derive', per(stage.derive));
  const core = stage.read + stage.validate + stage.derive;
  line('validate: read + check + derive', `${per(core)} = ${((files.length / core) * 1000).toFixed(0)} departments/s`);
  line('validate: checkFile (+ compose, for N-REASON/N-FILL)', `${per(stage.check)} = ${((files.length / stage.check) * 1000).toFixed(0)} departments/s`);
}

// ---------------------------------------------------------------- 2. floor and package
const files = city('package', n);
{
  const renderer = new PdfRenderer();
  const htmlOptions = { ...defaultHtmlOptions, fontFaceCss: fontFaceCss() };
  const htmls: string[] = [];
  for (const f of files) htmls.push(writeHtml((await checkFile(f, dict)).document!, htmlOptions));
  await renderer.print(htmls[0]!); // fonts warm
  let next = 0;
  const floor = await measured(() =>
    Promise.all(Array.from({ length: JOBS }, async () => {
      while (next < htmls.length) await renderer.print(htmls[next++]!);
    })),
  );
  await renderer.close();
  const out = mkdtempSync(join(work, 'out-'));
  const builder = new Builder(dict, { outDir: out, formats: ['pdf', 'docx', 'xlsx'], jobs: JOBS });
  let failed = 0;
  const full = await measured(async () => (failed = (await builder.buildAll(files, () => {})).filter((r) => !r.ok).length));
  const per = (m: { ms: number; cpu: number }) => `${(m.ms / n / 1000).toFixed(2)} s/department (CPU ${(m.cpu / n).toFixed(2)} s/department)`;
  line(`Chromium floor: HTML printed once (${n}, ${JOBS} at a time)`, `${secs(floor.ms)} = ${per(floor)}`);
  line(`full package PDF+DOCX+XLSX (--jobs ${JOBS})`, `${secs(full.ms)} = ${per(full)}${failed ? ` (${failed} failed)` : ''}`);
  line('ratio full package / floor', `${(full.ms / floor.ms).toFixed(2)}× wall, ${(full.cpu / floor.cpu).toFixed(2)}× CPU  (target ≤ 1.3×)`);
}

// ---------------------------------------------------------------- 3. cold start (compiled CLI)
execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
{
  const r = await cli(['validate', join(work, 'validate')]);
  line('juesuan validate of a folder of 100 (compiled CLI)', `${secs(r.ms)} = ${((100 / r.ms) * 1000).toFixed(0)} departments/s, process start included`);
}
{
  const one = city('one', 1)[0]!;
  const r = await cli(['build', one, '--out', join(work, 'out-one')]);
  line('cold start: one department, process start to files', `${secs(r.ms)}  (target ≤ 3 s)${r.code ? ` exit ${r.code}` : ''}`);
}

// ---------------------------------------------------------------- 4. memory, throughput at scale, rebuild
if (!skipMemory) {
  for (const count of [10, 200]) {
    city(`m${count}`, count);
    const out = join(work, `out-m${count}`);
    const r = await cli(['build', join(work, `m${count}`), '--out', out, '--jobs', String(JOBS)]);
    line(`peak memory, ${count} departments (node + Chromium)`, `RSS ${mb(r.rss)}, PSS ${mb(r.pss)}  (target ≤ 1.5 GB)  in ${secs(r.ms)} = ${(r.ms / count / 1000).toFixed(2)} s/department${r.code ? ` exit ${r.code}` : ''}`);
    if (count === 200) {
      const again = await cli(['build', join(work, `m${count}`), '--out', out, '--jobs', String(JOBS)]);
      line('rebuild of 200 unchanged departments', `${secs(again.ms)} = ${secs(again.ms / 2)} per 100  (target < 5 s per 100)`);
    }
  }
}

rmSync(work, { recursive: true, force: true });
