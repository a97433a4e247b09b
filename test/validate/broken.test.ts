// Every rule of the validator fires on a broken copy of a valid department, at the place that was
// broken (rules.md; fixtures in test/fixtures/broken, generated from cases.ts).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveProfile } from '../../src/compose/profile.js';
import { loadForm } from '../../src/forms/load.js';
import { rulesFor } from '../../src/validate/index.js';
import { applyMistakes } from '../fixtures/broken/apply.js';
import { BROKEN_FILES, UNREADABLE_FILES } from '../fixtures/broken/cases.js';
import { check, errors, fixture } from '../helpers.js';

const valid = readFileSync(fixture('mini/valid.yaml'), 'utf8');

describe('the valid department', () => {
  it('has no finding at all', async () => {
    expect(await check(fixture('mini/valid.yaml'))).toEqual([]);
  });
});

describe.each(BROKEN_FILES)('broken/$file ($title)', (spec) => {
  it('is up to date with cases.ts', () => {
    expect(readFileSync(fixture(`broken/${spec.file}`), 'utf8')).toBe(applyMistakes(valid, spec));
  });

  it.each(spec.mistakes.map((m) => [m.rule, m.at] as const))('%s fires at %s', async (rule, at) => {
    const findings = await check(fixture(`broken/${spec.file}`));
    const hit = findings.find((f) => f.ruleId === rule && f.location && 'path' in f.location && f.location.path === at);
    expect(hit, `${rule} at ${at}; got ${findings.map((f) => `${f.ruleId}@${f.location && 'path' in f.location ? f.location.path : ''}`).join(', ')}`).toBeDefined();
    expect(hit!.message).toMatch(/[\u4e00-\u9fff]/);
    expect(hit!.location).toMatchObject({ file: expect.stringContaining(spec.file), line: expect.any(Number), column: expect.any(Number) });
  });

  it('has at least one error, so the CLI exits 1', async () => {
    expect(errors(await check(fixture(`broken/${spec.file}`))).length).toBeGreaterThan(0);
  });
});

describe.each(UNREADABLE_FILES)('broken/$file', (u) => {
  it(`gives ${u.rule} at line ${u.line}`, async () => {
    expect(readFileSync(fixture(`broken/${u.file}`), 'utf8')).toBe(u.text);
    const findings = await check(fixture(`broken/${u.file}`));
    expect(findings.map((f) => f.ruleId)).toEqual([u.rule]);
    expect(findings[0]!.location).toMatchObject({ line: u.line });
  });
});

// the code's rules and the identities of the form the fixtures are checked by
const allRules = rulesFor(loadForm('yunnan-2021', resolveProfile('yunnan').dirs));

describe('coverage of the rules', () => {
  it('every rule of the validator fires on one of the broken files', () => {
    const fired = new Set(BROKEN_FILES.flatMap((s) => s.mistakes.map((m) => m.rule)));
    // the cross-year rules need last year's file beside the department: test/batch/prior.test.ts
    const withPriorFile = new Set(['X-PRIOR-CARRY', 'X-PRIOR-VALUE']);
    // EW24-REQ needs a form with the 2024 绩效自评 layout (the fixtures are 2021): test/compose/evaluation-2024.test.ts
    const with2024Form = new Set(['EW24-REQ']);
    const missing = allRules.map((r) => r.id).filter((id) => !fired.has(id) && !withPriorFile.has(id) && !with2024Form.has(id));
    expect(missing).toEqual([]);
  });

  it('rule ids are unique', () => {
    const ids = allRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
