// The CLI contract of DESIGN.md: findings in Chinese with their location; exit 0 / 1 / 2; --json.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';

describe('juesuan validate', () => {
  it('exits 0 on the examples and prints a line per department', () => {
    const r = runCli(['validate', 'data/examples']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✓ data/examples/yuxi-gxj-2021.yaml：0 个错误');
    expect(r.stdout).toContain('✓ data/examples/suizhou-example-2022.yaml：0 个错误');
    expect(r.stdout).toContain('✓ data/examples/yunnan-2024-example.yaml：0 个错误');
    expect(r.stdout).toContain('共 5 个部门文件：5 个通过，0 个有错误');
  });

  it('exits 1 on a broken copy and names every rule with file:line:column', () => {
    const r = runCli(['validate', 'test/fixtures/broken/t01.yaml']);
    expect(r.code).toBe(1);
    for (const id of ['T01-INC', 'T01-EXP', 'T01-TOTL', 'T01-TOTR', 'T01-BAL', 'T01-BLANK', 'X01-03']) {
      expect(r.stdout).toMatch(new RegExp(`test/fixtures/broken/t01\\.yaml:\\d+:\\d+  错误 \\[${id}\\]`));
    }
    expect(r.stdout).toContain('应为 1,010,000.00元（差额 +1.00元）');
  });

  it('exits 1 on a YAML syntax error and gives its line and column, without a stack trace', () => {
    const r = runCli(['validate', 'test/fixtures/broken/syntax.yaml']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('test/fixtures/broken/syntax.yaml:6:2  错误 [IN-YAML]');
    expect(r.stdout + r.stderr).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it('goes on with the other files when one is broken, and lists the failed ones', () => {
    const r = runCli(['validate', 'data/examples/yuxi-gxj-2021.yaml', 'test/fixtures/broken/syntax.yaml', 'test/fixtures/mini/valid.yaml']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('共 3 个部门文件：2 个通过，1 个有错误（test/fixtures/broken/syntax.yaml）');
  });

  it('prints the findings as JSON with --json', () => {
    const r = runCli(['validate', '--json', 'test/fixtures/broken/t06-t3g.yaml']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { file: string; ok: boolean; findings: { ruleId: string; severity: string; location: { line: number } }[] }[];
    expect(out[0]!.ok).toBe(false);
    const sums = out[0]!.findings.filter((f) => f.ruleId === 'T3G-SUM');
    expect(sums).toContainEqual(expect.objectContaining({ severity: 'error', actual: '50001.00', location: expect.objectContaining({ path: 'tables.T3G.r2.c2', line: expect.any(Number) }) }));
  });

  it('exits 2 for a path that does not exist and for an unknown option', () => {
    const missing = runCli(['validate', 'no/such/file.yaml']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('找不到文件或文件夹：no/such/file.yaml');
    expect(runCli(['validate', '--nope', 'data/examples']).code).toBe(2);
    expect(runCli(['frobnicate']).code).toBe(2);
  });
});
