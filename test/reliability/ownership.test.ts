// Output ownership: every department folder is made by one input and records it (the manifest);
// the build removes its own stale files (a renamed department, a deleted or moved input), never
// files it did not make, never another input's package, and never anything outside its folder
// whatever a manifest says. Leftovers of a killed run are cleaned; two builds into one folder at the
// same time both end with whole packages.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mini } from './cases.js';
import { builtPackages, expectNoCrash, expectPackageOpens, leftoverFiles, leftoverProcesses, MINI, run, sandbox, start } from './harness.js';

const XLSX = ['--format', 'xlsx'];
const MANIFEST = '.juesuan-manifest.json';

/** A process id that is not running (a killed earlier run). */
function deadPid(): number {
  for (let pid = 4_000_000; ; pid--) if (!existsSync(`/proc/${pid}`)) return pid;
}

describe('output ownership', () => {
  it('a renamed department: the new files replace the old ones; the user’s own file stays', () => {
    const sb = sandbox();
    writeFileSync(join(sb.input, 'd1.yaml'), MINI);
    expect(run(sb, ['build', sb.input, '--out', sb.out, ...XLSX]).code).toBe(0);
    const dir = join(sb.out, 'd1');
    const before = readdirSync(dir).filter((n) => n.endsWith('.xlsx'));
    expect(before.length).toBeGreaterThan(0);
    writeFileSync(join(dir, '我的批注.docx'), 'mine');
    writeFileSync(join(sb.input, 'd1.yaml'), mini('  name: 测试市测试局（本级）', '  name: 测试市改名局（本级）'));
    const r = run(sb, ['build', sb.input, '--out', sb.out, ...XLSX]);
    expectNoCrash(r);
    expect(r.code).toBe(0);
    const after = readdirSync(dir);
    for (const old of before) expect(after).not.toContain(old);
    expect(after.filter((n) => n.endsWith('.xlsx')).every((n) => n.startsWith('测试市改名局'))).toBe(true);
    expect(after).toContain('我的批注.docx');
    expect(r.stdout).toContain(`已删除该部门上次生成、这次不再有的 ${before.length} 个文件`);
    const manifest = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as { input: string; files: string[] };
    expect(manifest.input).toBe(join(sb.input, 'd1.yaml'));
    expect(manifest.files.sort()).toEqual(after.filter((n) => n.endsWith('.xlsx')).sort());
  }, 60_000);

  it('a moved or deleted input: its old package goes, folders left empty go, other packages stay', () => {
    const sb = sandbox();
    mkdirSync(join(sb.input, 'a'));
    writeFileSync(join(sb.input, 'a', 'd1.yaml'), MINI);
    writeFileSync(join(sb.input, 'keep.yaml'), MINI);
    // a package of an input elsewhere, not part of this run: not ours to judge
    const elsewhere = join(sb.root, 'elsewhere');
    mkdirSync(elsewhere);
    writeFileSync(join(elsewhere, 'other.yaml'), MINI);
    expect(run(sb, ['build', join(elsewhere, 'other.yaml'), '--out', sb.out, ...XLSX]).code).toBe(0);
    expect(run(sb, ['build', sb.input, '--out', sb.out, ...XLSX]).code).toBe(0);
    mkdirSync(join(sb.input, 'b'));
    renameSync(join(sb.input, 'a', 'd1.yaml'), join(sb.input, 'b', 'd1.yaml'));
    renameSync(join(elsewhere, 'other.yaml'), join(elsewhere, 'moved.yaml'));
    const r = run(sb, ['build', sb.input, '--out', sb.out, ...XLSX]);
    expectNoCrash(r);
    expect(r.code).toBe(0);
    expect(existsSync(join(sb.out, 'a'))).toBe(false);
    expect(r.stdout).toContain(`已删除 ${join(sb.out, 'a', 'd1')}/ 中的旧材料`);
    expect(r.stdout).toContain(`生成它的数据文件 ${join(sb.input, 'a', 'd1.yaml')} 已不存在`);
    expect(readdirSync(join(sb.out, 'b', 'd1'))).toContain(MANIFEST);
    expect(readdirSync(join(sb.out, 'keep'))).toContain(MANIFEST);
    // its input is gone too, but from a folder this run did not read
    expect(readdirSync(join(sb.out, 'other'))).toContain(MANIFEST);
  }, 60_000);

  it('a file beside a folder of the same name: both packages, and removing one leaves the other', async () => {
    const sb = sandbox();
    mkdirSync(join(sb.input, '教育局'));
    writeFileSync(join(sb.input, '教育局.yaml'), MINI);
    writeFileSync(join(sb.input, '教育局', '一中.yaml'), MINI);
    expect(run(sb, ['build', sb.input, '--out', sb.out, ...XLSX]).code).toBe(0);
    renameSync(join(sb.input, '教育局.yaml'), join(sb.root, '教育局.yaml'));
    const r = run(sb, ['build', sb.input, '--out', sb.out, ...XLSX]);
    expectNoCrash(r);
    expect(r.code).toBe(0);
    expect(readdirSync(join(sb.out, '教育局'))).toEqual(['一中']);
    await expectPackageOpens(join(sb.out, '教育局', '一中'));
  }, 60_000);

  it('another input’s package is never overwritten: an error naming both, its files untouched', () => {
    const sb = sandbox();
    for (const d of ['a', 'b']) {
      mkdirSync(join(sb.input, d));
      writeFileSync(join(sb.input, d, 'd1.yaml'), MINI);
    }
    expect(run(sb, ['build', join(sb.input, 'a', 'd1.yaml'), '--out', sb.out, ...XLSX]).code).toBe(0);
    const dir = join(sb.out, 'd1');
    const before = readFileSync(join(dir, MANIFEST), 'utf8');
    const r = run(sb, ['build', join(sb.input, 'b', 'd1.yaml'), '--out', sb.out, ...XLSX]);
    expectNoCrash(r);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`输出文件夹 ${dir} 中是另一个数据文件 ${join(sb.input, 'a', 'd1.yaml')} 生成的材料，不能用 ${join(sb.input, 'b', 'd1.yaml')} 覆盖`);
    expect(readFileSync(join(dir, MANIFEST), 'utf8')).toBe(before);
  }, 60_000);

  it('the same two names given on one command line: both refused before anything is built', () => {
    const sb = sandbox();
    for (const d of ['a', 'b']) {
      mkdirSync(join(sb.input, d));
      writeFileSync(join(sb.input, d, 'd1.yaml'), MINI);
    }
    writeFileSync(join(sb.input, 'other.yaml'), MINI);
    const r = run(sb, ['build', join(sb.input, 'a', 'd1.yaml'), join(sb.input, 'b', 'd1.yaml'), join(sb.input, 'other.yaml'), '--out', sb.out, ...XLSX]);
    expectNoCrash(r);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${join(sb.input, 'a', 'd1.yaml')} 与 ${join(sb.input, 'b', 'd1.yaml')} 的输出文件夹都是 ${join(sb.out, 'd1')}`);
    expect(existsSync(join(sb.out, 'd1'))).toBe(false);
    expect(builtPackages(r.stdout).map((b) => b.file)).toEqual([join(sb.input, 'other.yaml')]);
  }, 60_000);

  it('a manifest that names files outside its folder, or is not JSON, never makes the build delete anything', () => {
    const sb = sandbox();
    writeFileSync(join(sb.input, 'd1.yaml'), MINI);
    writeFileSync(join(sb.input, 'd2.yaml'), MINI);
    const victim = join(sb.root, 'victim.txt');
    writeFileSync(victim, 'precious');
    mkdirSync(join(sb.out, 'd1'), { recursive: true });
    mkdirSync(join(sb.out, 'd2'), { recursive: true });
    writeFileSync(join(sb.out, 'd1', MANIFEST), JSON.stringify({ generator: 'juesuan', version: 1, input: join(sb.input, 'd1.yaml'), files: ['../../victim.txt', '/etc/hostname', '..', MANIFEST], builtAt: '' }));
    writeFileSync(join(sb.out, 'd2', MANIFEST), '{ not json');
    writeFileSync(join(sb.out, 'd2', '旧.xlsx'), 'not made by this input, as far as anyone can tell');
    // both departments now fail: the failing path removes a department's own package
    writeFileSync(join(sb.input, 'd1.yaml'), mini('    r1: 1,000,000.00', '    r1: 1,000,000.01'));
    writeFileSync(join(sb.input, 'd2.yaml'), mini('    r1: 1,000,000.00', '    r1: 1,000,000.01'));
    const r = run(sb, ['build', sb.input, '--out', sb.out, ...XLSX]);
    expectNoCrash(r);
    expect(r.code).toBe(1);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(existsSync('/etc/hostname')).toBe(true);
    expect(readdirSync(join(sb.out, 'd2')).sort()).toEqual([MANIFEST, '旧.xlsx']);
  }, 60_000);

  it('temporary files of a killed run are cleaned; those of a build still running are not', () => {
    const sb = sandbox();
    writeFileSync(join(sb.input, 'd1.yaml'), MINI);
    mkdirSync(join(sb.out, 'd1'), { recursive: true });
    const dead = `.juesuan-tmp-${deadPid()}-0badc0de`;
    const legacy = `.juesuan-tmp-${deadPid()}-测试市测试局（本级）2021年度部门决算.pdf`;
    const alive = `.juesuan-tmp-${process.pid}-feedf00d`;
    for (const n of [dead, legacy, alive]) writeFileSync(join(sb.out, 'd1', n), 'half');
    writeFileSync(join(sb.out, dead), 'half');
    const r = run(sb, ['build', sb.input, '--out', sb.out, ...XLSX]);
    expectNoCrash(r);
    expect(r.code).toBe(0);
    const left = readdirSync(join(sb.out, 'd1'));
    expect(left).not.toContain(dead);
    expect(left).not.toContain(legacy);
    expect(left).toContain(alive);
    expect(readdirSync(sb.out)).not.toContain(dead);
  }, 60_000);

  it('an output folder inside the input folder is never read as input', () => {
    const sb = sandbox();
    writeFileSync(join(sb.input, 'd1.yaml'), MINI);
    const out = join(sb.input, '输出');
    for (let i = 0; i < 2; i++) {
      const r = run(sb, ['build', sb.input, '--out', out, ...XLSX]);
      expectNoCrash(r);
      expect(r.code).toBe(0);
      // (the second run finds the department unchanged)
      expect(r.stdout).toMatch(/共 1 个部门，1 个已生成(（其中 1 个未变化，沿用上次生成的材料）)?，0 个未生成/);
    }
    // nor is a package folder copied in among the inputs
    mkdirSync(join(sb.input, '去年的材料'));
    for (const n of readdirSync(join(out, 'd1'))) writeFileSync(join(sb.input, '去年的材料', n), readFileSync(join(out, 'd1', n)));
    expect(run(sb, ['build', sb.input, '--out', out, ...XLSX]).stdout).toMatch(/共 1 个部门，1 个已生成(（其中 1 个未变化，沿用上次生成的材料）)?，0 个未生成/);
  }, 60_000);

  it('a file whose name is “..yaml”, named on the command line, is built into a visible folder', async () => {
    const sb = sandbox();
    writeFileSync(join(sb.input, '..yaml'), MINI);
    const r = run(sb, ['build', join(sb.input, '..yaml'), '--out', sb.out, ...XLSX]);
    expectNoCrash(r);
    expect(r.code).toBe(0);
    expect(builtPackages(r.stdout)[0]!.dir).toBe(join(sb.out, '_'));
    await expectPackageOpens(join(sb.out, '_'));
    expect(readdirSync(sb.out).sort()).toEqual(['.juesuan-output', '_', 'index.html', '汇总.xlsx', '生成报告.txt']);
  }, 60_000);

  it('two builds into one folder at the same time: both finish, every package whole, no temporary file', async () => {
    const sb = sandbox();
    for (let i = 1; i <= 4; i++) writeFileSync(join(sb.input, `d${i}.yaml`), MINI);
    const args = ['build', sb.input, '--out', sb.out, ...XLSX, '--jobs', '1'];
    const [a, b] = await Promise.all([start(sb, args).done, start(sb, args).done]);
    for (const r of [a, b]) {
      expectNoCrash(r);
      expect(r.code, r.stderr).toBe(0);
    }
    for (let i = 1; i <= 4; i++) {
      const dir = join(sb.out, `d${i}`);
      const files = await expectPackageOpens(dir);
      const manifest = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as { files: string[] };
      expect(manifest.files.sort()).toEqual(files.sort());
    }
    expect(readFileSync(join(sb.out, '生成报告.txt'), 'utf8')).toContain('共 4 个部门，4 个已生成');
    expect(leftoverFiles(sb)).toEqual([]);
    expect(await leftoverProcesses(sb)).toEqual([]);
  }, 90_000);
});
