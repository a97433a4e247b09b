// A template that cannot print a department is a finding of that department (IN-TEMPLATE), at the
// .hbs file and line — never a program fault or a stack trace — and the department gets no document.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

// the profiles come from a templates folder of the test's own: the shipped default and a city whose
// total.hbs reads a variable that does not exist
const dir = vi.hoisted(() => ({ path: '' }));
vi.mock('../../src/compose/profile.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/compose/profile.js')>();
  const root = `${mkdtempSync(join(tmpdir(), 'juesuan-template-finding-'))}/`;
  cpSync(join(real.TEMPLATES_DIR, 'default'), join(root, 'default'), { recursive: true });
  mkdirSync(join(root, 'city', 'narrative'), { recursive: true });
  writeFileSync(join(root, 'city', 'profile.yaml'), 'name: city\nextends: default\n');
  const total = readFileSync(join(real.TEMPLATES_DIR, 'default', 'narrative', 'total.hbs'), 'utf8');
  writeFileSync(join(root, 'city', 'narrative', 'total.hbs'), total.replace('P {{year}}年度', 'P {{yaer}}年度'));
  dir.path = root;
  return { ...real, TEMPLATES_DIR: root, resolveProfile: (name: string | undefined, d: string = root) => real.resolveProfile(name, d) };
});

const { checkFile } = await import('../../src/cli/check.js');
const { loadDictionary } = await import('../../src/readers/dictionary.js');
const { fixture } = await import('../helpers.js');

describe('a template error of the profile', () => {
  it('is an IN-TEMPLATE error of the department at the template’s line, with the department’s profile line related', async () => {
    const r = await checkFile(fixture('mini/valid.yaml'), await loadDictionary(), { profile: 'city' });
    const hit = r.findings.filter((f) => f.ruleId === 'IN-TEMPLATE');
    expect(hit).toHaveLength(1);
    expect(hit[0]).toMatchObject({
      severity: 'error',
      message: '模板 templates/city/narrative/total.hbs 第2行：读取了不存在的变量“yaer”（“yaer”不存在：变量名可能写错了，可用的变量见 docs/templates.md）',
      location: { file: join(dir.path, 'city', 'narrative', 'total.hbs'), line: 2, column: 5 },
      related: [{ path: 'department.profile' }],
    });
    expect(r.ok).toBe(false);
    expect(r.document).toBeUndefined();
  });
});
