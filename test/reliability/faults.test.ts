// Faults during a batch, as a finance bureau meets them the night before the deadline: Chromium
// killed while printing, Chromium missing or broken, Ctrl-C and SIGTERM, a full disk, a read-only
// output, files and folders without permission. For each: the exit code, a Chinese message and no
// stack trace, every package reported as built opens, every other department is built or reported,
// and nothing is left behind (temporary files, temporary folders, processes).
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { fixture } from '../helpers.js';
import { lineOf, mini } from './cases.js';
import { builtPackages, childrenOf, commandLine, expectNoCrash, expectPackageOpens, failedEntries, leftoverFiles, leftoverProcesses, run, sandbox, start, MINI, type Sandbox } from './harness.js';

/** The browser process among the descendants of `pid` (not one of its helper processes). */
function chromiumOf(pid: number): number | undefined {
  for (const child of childrenOf(pid)) {
    const cmd = commandLine(child);
    if (/chromium|chrome/i.test(cmd) && !cmd.includes('--type=')) return child;
    const deeper = chromiumOf(child);
    if (deeper) return deeper;
  }
  return undefined;
}

async function expectNothingLeft(sb: Sandbox): Promise<void> {
  expect(leftoverFiles(sb)).toEqual([]);
  expect(await leftoverProcesses(sb)).toEqual([]);
}

/** Every folder under out is a whole package that opens, or is not there at all. */
async function expectOnlyWholePackages(out: string, built: readonly string[]): Promise<void> {
  const manifests: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name === '.juesuan-manifest.json') manifests.push(d);
    }
  };
  walk(out);
  expect(manifests.sort()).toEqual([...built].sort());
  for (const dir of built) {
    const listed = (JSON.parse(readFileSync(join(dir, '.juesuan-manifest.json'), 'utf8')) as { files: string[] }).files;
    expect((await expectPackageOpens(dir)).sort()).toEqual([...listed].sort());
  }
}

describe('the acceptance batch: 20 departments, 3 broken, a duplicate name, an .xlsx, a symlink loop, Chromium killed during the 5th', () => {
  it('builds the 17 good ones intact and reports every other entry', async () => {
    const sb = sandbox();
    const names = Array.from({ length: 18 }, (_, i) => `d${String(i + 1).padStart(2, '0')}.yaml`);
    for (const n of names) writeFileSync(join(sb.input, n), MINI);
    for (const sub of ['sub1', 'sub2']) {
      mkdirSync(join(sb.input, sub));
      writeFileSync(join(sb.input, sub, 'd19.yaml'), MINI);
    }
    copyFileSync(fixture('broken/t01.yaml'), join(sb.input, 'd03.yaml'));
    writeFileSync(join(sb.input, 'd08.yaml'), mini('  shortName: 市测试局', '\tshortName: 市测试局'));
    writeFileSync(join(sb.input, 'd13.yaml'), mini('  profile: yunnan', '  profile: ../../x/evil'));
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('公开01表');
    await wb.xlsx.writeFile(join(sb.input, '预算表.xlsx'));
    symlinkSync('loop.yaml', join(sb.input, 'loop.yaml'));

    const cli = start(sb, ['build', sb.input, '--out', sb.out, '--format', 'pdf', '--jobs', '2']);
    // four departments built: the next ones are being printed
    await cli.until(/(?:\] ✓ [\s\S]*?){4}/);
    const browser = chromiumOf(cli.child.pid!);
    expect(browser, 'the Chromium of the run').toBeDefined();
    process.kill(browser!, 'SIGKILL');
    const r = await cli.done;
    expectNoCrash(r);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/Chromium 意外退出了 \d+ 次，每次都已重新启动/);
    expect(r.stdout).toContain('共 22 个部门，17 个已生成，5 个未生成');
    const built = builtPackages(r.stdout);
    expect(built.map((b) => b.file).sort()).toEqual(
      [...names.filter((n) => !['d03.yaml', 'd08.yaml', 'd13.yaml'].includes(n)), 'sub1/d19.yaml', 'sub2/d19.yaml'].map((n) => join(sb.input, n)).sort(),
    );
    expect(built.map((b) => b.dir)).toContain(join(sb.out, 'sub1', 'd19'));
    expect(built.map((b) => b.dir)).toContain(join(sb.out, 'sub2', 'd19'));
    const failed = failedEntries(r.stdout);
    expect(failed.sort()).toEqual(['d03.yaml', 'd08.yaml', 'd13.yaml', 'loop.yaml', '预算表.xlsx'].map((n) => join(sb.input, n)).sort());
    expect(r.stdout).toMatch(/d03\.yaml:\d+:\d+  错误 \[T01-INC\]/);
    expect(r.stdout).toContain(`d08.yaml:${lineOf(MINI, 'shortName')}:1  错误 [IN-YAML] 不能用制表符（Tab）缩进`);
    expect(r.stdout).toContain(`d13.yaml:${lineOf(MINI, 'profile: yunnan')}:12  错误 [IN-PROFILE] 模板配置名“../../x/evil”不对`);
    expect(r.stdout).toContain('这个 Excel 工作簿既不是 juesuan 的填报表，也不是公开表');
    expect(r.stdout).toContain('符号链接（快捷方式）形成了循环');
    await expectOnlyWholePackages(sb.out, built.map((b) => b.dir));
    const report = readFileSync(join(sb.out, '生成报告.txt'), 'utf8');
    expect(report).toContain('共 22 个部门，17 个已生成，5 个未生成');
    await expectNothingLeft(sb);
  }, 170_000);
});

describe.each(['SIGINT', 'SIGTERM'] as const)('%s during a batch', (signal) => {
  it('keeps the finished departments, leaves nothing of the unfinished, says which were not built, exit 2', async () => {
    const sb = sandbox();
    for (let i = 1; i <= 8; i++) writeFileSync(join(sb.input, `d${i}.yaml`), MINI);
    const cli = start(sb, ['build', sb.input, '--out', sb.out, '--format', 'pdf,xlsx', '--jobs', '1']);
    await cli.until(/✓ /);
    cli.child.kill(signal);
    const r = await cli.done;
    expectNoCrash(r);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`收到停止信号（${signal}）`);
    const built = builtPackages(r.stdout);
    expect(built.length).toBeGreaterThan(0);
    expect(built.length).toBeLessThan(8);
    expect(r.stdout).toMatch(new RegExp(`共 8 个部门，${built.length} 个已生成，${8 - built.length} 个未生成（其中 \\d+ 个因运行被中断未处理）`));
    expect(r.stdout).toMatch(/未生成的部门：\n {2}.*d\d\.yaml（运行被中断，未处理）/);
    await expectOnlyWholePackages(sb.out, built.map((b) => b.dir));
    expect(readFileSync(join(sb.out, '生成报告.txt'), 'utf8')).toContain('运行被中断');
    await expectNothingLeft(sb);
  }, 120_000);
});

describe('Chromium missing or broken', () => {
  it('is one message per run, exit 2, nothing built; DOCX and XLSX still build without it', async () => {
    const sb = sandbox();
    for (const n of ['a', 'b', 'c']) writeFileSync(join(sb.input, `${n}.yaml`), MINI);
    const env = { CHROMIUM_PATH: join(sb.root, 'no-such-chromium') };
    const r = run(sb, ['build', sb.input, '--out', sb.out, '--format', 'pdf,xlsx'], env);
    expectNoCrash(r);
    expect(r.code).toBe(2);
    expect(r.stderr.match(/找不到 Chromium/g)).toHaveLength(1);
    expect(r.stderr).toContain('--format docx,xlsx');
    expect(builtPackages(r.stdout)).toEqual([]);
    const without = run(sb, ['build', sb.input, '--out', sb.out, '--format', 'docx,xlsx'], env);
    expect(without.code, without.stderr).toBe(0);
    for (const b of builtPackages(without.stdout)) await expectPackageOpens(b.dir);
    expect(builtPackages(without.stdout)).toHaveLength(3);
    await expectNothingLeft(sb);
  }, 120_000);

  it('a Chromium that cannot start stops the run with one message, exit 2, no package, no process', async () => {
    const sb = sandbox();
    for (const n of ['a', 'b', 'c']) writeFileSync(join(sb.input, `${n}.yaml`), MINI);
    const broken = join(sb.root, 'chromium');
    writeFileSync(broken, '#!/bin/sh\necho "error while loading shared libraries" >&2\nexit 127\n');
    chmodSync(broken, 0o755);
    const r = run(sb, ['build', sb.input, '--out', sb.out, '--format', 'pdf'], { CHROMIUM_PATH: broken });
    expectNoCrash(r);
    expect(r.code).toBe(2);
    expect(r.stderr.match(/Chromium 无法启动/g)).toHaveLength(1);
    expect(r.stdout).toMatch(/共 3 个部门，0 个已生成，3 个未生成/);
    await expectOnlyWholePackages(sb.out, []);
    await expectNothingLeft(sb);
  }, 120_000);
});

/** Whether this machine lets us mount a tmpfs (root with CAP_SYS_ADMIN). */
function canMount(): boolean {
  const dir = join(sandbox().root, 'probe');
  mkdirSync(dir);
  const ok = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir]).status === 0;
  if (ok) spawnSync('umount', [dir]);
  return ok;
}
const mountable = canMount();

describe('the output disk', () => {
  it.skipIf(!mountable)(`full: the departments written before are intact, the run stops with “磁盘已满”, exit 2, no temporary file${mountable ? '' : '（跳过：此机器不能挂载 tmpfs）'}`, async () => {
    const sb = sandbox();
    for (let i = 1; i <= 6; i++) writeFileSync(join(sb.input, `d${i}.yaml`), MINI);
    mkdirSync(sb.out);
    expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=600k', 'tmpfs', sb.out]).status).toBe(0);
    try {
      // room for a few packages (about 45 KB each), not for six
      writeFileSync(join(sb.out, 'filler.bin'), Buffer.alloc(450 * 1024));
      const r = run(sb, ['build', sb.input, '--out', sb.out, '--format', 'xlsx', '--jobs', '1']);
      expectNoCrash(r);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('磁盘已满');
      const built = builtPackages(r.stdout);
      expect(built.length).toBeLessThan(6);
      await expectOnlyWholePackages(sb.out, built.map((b) => b.dir));
      expect(leftoverFiles(sb)).toEqual([]);
    } finally {
      spawnSync('umount', [sb.out]);
    }
  }, 120_000);

  it.skipIf(!mountable)(`read-only: exit 2 before any department, with “只读文件系统”${mountable ? '' : '（跳过：此机器不能挂载 tmpfs）'}`, () => {
    const sb = sandbox();
    writeFileSync(join(sb.input, 'd1.yaml'), MINI);
    mkdirSync(sb.out);
    expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m,ro', 'tmpfs', sb.out]).status).toBe(0);
    try {
      const r = run(sb, ['build', sb.input, '--out', sb.out, '--format', 'xlsx']);
      expectNoCrash(r);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('只读文件系统');
      expect(r.stdout).not.toContain('[1/1]');
    } finally {
      spawnSync('umount', [sb.out]);
    }
  }, 60_000);

  it('an --out that is a file: exit 2, one sentence, no stack trace', () => {
    const sb = sandbox();
    writeFileSync(join(sb.input, 'd1.yaml'), MINI);
    writeFileSync(sb.out, 'not a folder');
    const r = run(sb, ['build', sb.input, '--out', join(sb.out, 'x'), '--format', 'xlsx']);
    expectNoCrash(r);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/输出文件夹不可用：无法创建 .*：路径中的某一级不是文件夹|已经存在同名的文件/);
  }, 60_000);
});

/** Root ignores file permissions; without these capabilities it does not, as a user's account would not. */
const unprivileged = ['setpriv', '--bounding-set=-dac_override,-dac_read_search', '--inh-caps=-dac_override,-dac_read_search', '--'];
const canDropPrivileges = spawnSync('setpriv', [...unprivileged.slice(1, -1), '--', 'true']).status === 0;

describe('permissions', () => {
  it.skipIf(!canDropPrivileges)(`an unreadable file and an unreadable folder are reported; the others are built${canDropPrivileges ? '' : '（跳过：没有 setpriv）'}`, async () => {
    const sb = sandbox();
    writeFileSync(join(sb.input, 'good.yaml'), MINI);
    writeFileSync(join(sb.input, 'locked.yaml'), MINI);
    chmodSync(join(sb.input, 'locked.yaml'), 0o000);
    mkdirSync(join(sb.input, 'closed'));
    writeFileSync(join(sb.input, 'closed', 'inside.yaml'), MINI);
    chmodSync(join(sb.input, 'closed'), 0o000);
    const r = run(sb, ['build', sb.input, '--out', sb.out, '--format', 'xlsx'], {}, unprivileged);
    chmodSync(join(sb.input, 'closed'), 0o755);
    expectNoCrash(r);
    expect(r.code, r.stderr).toBe(1);
    expect(builtPackages(r.stdout).map((b) => b.file)).toEqual([join(sb.input, 'good.yaml')]);
    expect(r.stdout).toContain(`无法读取 ${join(sb.input, 'locked.yaml')}：没有权限`);
    expect(r.stdout).toContain(`无法列出 ${join(sb.input, 'closed')}：没有权限`);
    await expectPackageOpens(builtPackages(r.stdout)[0]!.dir);
    await expectNothingLeft(sb);
  }, 60_000);

  it.skipIf(!canDropPrivileges)(`an output folder without write permission: exit 2 before any department${canDropPrivileges ? '' : '（跳过：没有 setpriv）'}`, () => {
    const sb = sandbox();
    writeFileSync(join(sb.input, 'good.yaml'), MINI);
    mkdirSync(sb.out);
    chmodSync(sb.out, 0o555);
    const r = run(sb, ['build', sb.input, '--out', sb.out, '--format', 'xlsx'], {}, unprivileged);
    chmodSync(sb.out, 0o755);
    expectNoCrash(r);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('输出文件夹不可用：无法写入');
    expect(r.stderr).toContain('没有权限');
    expect(existsSync(join(sb.out, 'good'))).toBe(false);
    expect(statSync(sb.out).isDirectory()).toBe(true);
  }, 60_000);
});
