// Money is exact: no amount goes through a JS number. The source may turn a Decimal into a number
// only where the value is a count or a date, in the places listed here.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** file → why it may call .toNumber() */
const ALLOWED_TO_NUMBER: Record<string, string> = {
  'src/readers/values.ts': 'counts (whole numbers) after checking isInteger',
  'src/derive/money.ts': 'the count of hundredths still to distribute (a small integer)',
  'src/validate/rules/evaluation.ts': 'an Excel serial day number, to print the date it stands for',
  'src/validate/rules/sanity.ts': 'an Excel serial day number, to print the date it stands for',
  'src/readers/excel.ts': 'counts and years (whole numbers) after checking isInteger; an Excel serial day number, to read the date it stands for',
  'src/readers/excel-tables.ts': 'the counts of the 三公 table (whole numbers) after checking isInteger',
  'src/template/plain.ts': 'the counts of the 三公 table (whole numbers), as the YAML format writes them',
};

describe('no floating point on amounts', () => {
  const files = sources(join(ROOT, 'src')).map((f) => [f.replace(ROOT, ''), readFileSync(f, 'utf8')] as const);

  it('never uses parseFloat or Math rounding where amounts are read, checked, derived or composed', () => {
    // writers compute page geometry (twips, pixels, CSS sizes) with numbers; amounts reach them as text
    const amountStages = files.filter(([file]) => /^src\/(model|readers|validate|derive|compose)\//.test(file));
    expect(amountStages.length).toBeGreaterThan(20);
    for (const [file, text] of amountStages) {
      expect(text, file).not.toMatch(/parseFloat\(/);
      if (file !== 'src/readers/schema-check.ts') expect(text, file).not.toMatch(/Math\.(round|floor|ceil|trunc)\(/); // there: string lengths
    }
    for (const [file, text] of files) expect(text, file).not.toMatch(/Number\([^)]*\.(yuan|wan|amount)\b/);
  });

  it('calls Decimal#toNumber only where a count or a date is meant', () => {
    const offenders = files.filter(([file, text]) => /\.toNumber\(\)/.test(text) && !(file in ALLOWED_TO_NUMBER)).map(([file]) => file);
    expect(offenders).toEqual([]);
  });
});
