// A form's print settings by year (docs/templates.md, form `print` and a table's `emptyCell`): the
// 2024 example prints zeros as 0.00 (counts 0), only 项 rows in 02/03/05表 and “-” for the zeros of
// 公开12表 (tables.md §0.2, §2.12, §3 items 6–7) under the same yunnan profile whose 2021 package
// keeps blank zeros and 类/款/项; a profile layer that sets zeroDisplay or functionRows itself wins
// over the form, the default profile's value does not.
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compose, resolveProfile } from '../../src/compose/index.js';
import { TEMPLATES_DIR, type Profile } from '../../src/compose/profile.js';
import { printSettings } from '../../src/compose/tables/print.js';
import { derive } from '../../src/derive/index.js';
import { loadForm } from '../../src/forms/load.js';
import type { Table } from '../../src/model/document.js';
import { loadDictionary } from '../../src/readers/dictionary.js';
import { example, loadDataset } from '../helpers.js';

const dict = await loadDictionary();
const model2024 = derive(await loadDataset(example('yunnan-2024-example.yaml')), dict);
const model2021 = derive(await loadDataset(example('yuxi-gxj-2021.yaml')), dict);

function tablesOf(model: typeof model2024, profile: Profile) {
  const doc = compose(model, dict, profile, { createdAt: '2025-06-30T00:00:00Z' });
  const tables = doc.sections.flatMap((s) => s.blocks).filter((b): b is Table => b.type === 'table' && b.id.startsWith('table-'));
  return (n: string) => tables.find((t) => t.caption.number === n)!;
}
const texts = (t: Table) => t.body.map((r) => r.cells.map((c) => c.text));
const codesOf = (t: Table) => t.body.slice(1).map((r) => r.cells[0]!.text);

/** A copy of templates/ with a city profile under yunnan that sets `extra` itself. */
function cityProfile(extra: string): Profile {
  const dir = mkdtempSync(join(tmpdir(), 'juesuan-print-'));
  cpSync(TEMPLATES_DIR, dir, { recursive: true });
  mkdirSync(join(dir, 'yunnan', 'city'));
  writeFileSync(join(dir, 'yunnan', 'city', 'profile.yaml'), `name: yunnan/city\nextends: yunnan\n${extra}\n`);
  return resolveProfile('yunnan/city', dir);
}

describe('the 2024 example under the yunnan profile (the yunnan-2024 form’s print block)', () => {
  const table = tablesOf(model2024, resolveProfile('yunnan/yuxi'));

  it('prints zero amounts as 0.00: the empty 公开09表 and the zero 栏 of 公开08表', () => {
    const t09 = table('公开09表');
    expect(t09.emptyNote).toMatch(/为空表。$/);
    const total = t09.body[0]!.cells;
    expect(total[0]!.text).toBe('合计');
    expect(total.slice(1).map((c) => c.text).every((t) => t === '0.00')).toBe(true);
    const t08 = texts(table('公开08表'));
    // 合计 row: 年初结转和结余 0.00, then 19,500,000.00 received and spent
    expect(t08[0]!.slice(1)).toContain('0.00');
    expect(t08[0]!.slice(1)).toContain('19,500,000.00');
    expect(t08.flat()).not.toContain('');
  });

  it('prints zero counts as 0 in 公开10表 (因公出国（境）团组数)', () => {
    const t10 = texts(table('公开10表'));
    const groups = t10.find((r) => r[0]!.includes('因公出国（境）团组数'))!;
    expect(groups.at(-1)).toBe('0');
  });

  it('lists only 项 rows (7-digit codes) in 02, 03 and 05表, the 合计 still the total of all', () => {
    for (const n of ['公开02表', '公开03表', '公开05表']) {
      const codes = codesOf(table(n));
      expect(codes.length, n).toBeGreaterThan(0);
      expect(codes.every((c) => /^\d{7}$/.test(c)), n).toBe(true);
    }
    expect(table('公开02表').body[0]!.cells[1]!.text).toBe('53,629,163.42');
  });

  it('prints “-” in the zero cells of 公开12表 and the figures elsewhere', () => {
    const row = texts(table('公开12表'))[0]!;
    expect(row.slice(1, 4)).toEqual(['4,700,000.00', '8,100,000.00', '1,000,000.00']);
    // 栏次 10, 11, 14, 15, 18, 19 are zero in the example
    for (const c of [10, 11, 14, 15, 18, 19]) expect(row[c], `栏${c}`).toBe('-');
    expect(row[16]).toBe('300,000.00');
    expect(row).not.toContain('0.00');
  });

  it('keeps the 三公 dash cells as “—”', () => {
    const t10 = texts(table('公开10表'));
    expect(t10.find((r) => r[0]!.includes('国内接待费'))).toContain('—');
  });
});

describe('the 2021 玉溪 example under the same profile (no print block: the defaults)', () => {
  const table = tablesOf(model2021, resolveProfile('yunnan/yuxi'));

  it('leaves zeros blank and lists 类, 款 and 项', () => {
    expect(texts(table('公开01表'))[2]).toEqual(['三、国有资本经营预算财政拨款收入', '3', '', '三、国防支出', '33', '']);
    const codes = codesOf(table('公开02表'));
    expect(codes.some((c) => c.length === 3)).toBe(true);
    expect(codes.some((c) => c.length === 5)).toBe(true);
    expect(codes).toHaveLength(38); // 7 类 + 11 款 + 20 项 (seed 000)
  });
});

describe('precedence: default profile < form print < a profile layer’s own key', () => {
  it('the default profile’s zeroDisplay: blank does not override the form', () => {
    const p = resolveProfile('yunnan');
    expect(p.settings.zeroDisplay).toBe('blank');
    expect(p.printOwn).toBeUndefined();
    const s = printSettings(p, loadForm('yunnan-2024', p.dirs));
    expect([s.zeroDisplay, s.functionRows]).toEqual(['zero', 'leafOnly']);
  });

  it('a city that sets zeroDisplay: blank prints its 2024 zeros blank (functionRows still the form’s)', () => {
    const p = cityProfile('zeroDisplay: blank');
    expect(p.printOwn).toEqual({ zeroDisplay: 'blank' });
    const table = tablesOf(model2024, p);
    expect(table('公开09表').body[0]!.cells.slice(1).every((c) => c.text === '')).toBe(true);
    expect(codesOf(table('公开02表')).every((c) => c.length === 7)).toBe(true);
    // the table's own emptyCell is the form's layout, not the zero display
    expect(texts(table('公开12表'))[0]![10]).toBe('-');
  });

  it('a city that sets functionRows: hierarchy prints 类 and 款 in 2024, and zeroDisplay: zero reaches 2021', () => {
    const p = cityProfile('functionRows: hierarchy\nzeroDisplay: zero');
    const t2024 = tablesOf(model2024, p);
    expect(codesOf(t2024('公开02表')).some((c) => c.length === 3)).toBe(true);
    const t2021 = tablesOf(model2021, p);
    expect(texts(t2021('公开01表'))[2]![2]).toBe('0.00');
  });
});
