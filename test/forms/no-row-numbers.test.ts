// Issue 10: no TypeScript file names a 行次 or 栏次 of a particular form — rows and columns live in the
// form files (templates/*/forms/*.yaml) and are asked of src/forms/layout.ts or read by figure name.
// This test greps src/ for the ways code used to name them, so they do not come back.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SRC = join(ROOT, 'src');

/** Each pattern, what it catches, and a line of the old code it must catch (so the test can fail). */
const PATTERNS: readonly { readonly re: RegExp; readonly what: string; readonly example: string }[] = [
  { re: /\b(T01|T3G|T06)\??\.?\[\d+\]/, what: 'a canonical table indexed by 行次', example: 'const held = ctx.tables.T3G[15]![2]!;' },
  { re: /\.(left|right)\??\.?\[\d{2,}\]/, what: 'an 04表 行次', example: 'ctx.tables.T04.right[60]?.[2] ?? ZERO' },
  { re: /\b(T01_ROWS|T3G_ROWS|T3G_SUMS|T06_GROUPS|T04_LEFT_ROWS|T04_RIGHT_ROWS|T04_RIGHT_COLUMNS|CODE_TABLE_COLUMNS|CODE_TABLE_WIDTH)\b/, what: 'a deprecated layout constant', example: "import { T3G_ROWS } from '../model/tables.js';" },
  { re: /\bt3g(Cell|Path)\(\s*\d/, what: 'a 三公 cell by number', example: 'path: t3gPath(22, 2),' },
  { re: /'tables\.T3G\.r\d/, what: 'a 三公 input path by number', example: "related: ['tables.T3G.r15.c2']" },
  { re: /===\s*\d+\s*\?\s*'(预算数|决算统计数|全年预算数)'/, what: 'a 三公 column named by its number', example: "col === 1 ? '预算数' : col === 2 ? '决算统计数' : '全年预算数'" },
  { re: /T3G.*\[c \?\? \d\]/, what: 'a default 三公 栏次', example: 'return tables.T3G[rowNumber(ref)]?.[c ?? 2] ?? ZERO;' },
  { re: /\(ctx, \w+, [12]\)/, what: 'a 三公 column passed as a number', example: 'const v = g3(ctx, r, 2);' },
  { re: /'T0[14]\.r\d+(\.c\d+)?'/, what: 'a cell of 01表/04表 written in code', example: "  ['T01.r29', 'T01.r59']," },
  { re: /opening: 'c\d+', closing: 'c\d+'/, what: 'a carry-over 栏次 written in code', example: "  { table: 'T05', opening: 'c1', closing: 'c12' }," },
];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

describe('issue 10: row and column numbers live in the form files', () => {
  it('each pattern catches the code it was written against', () => {
    for (const p of PATTERNS) expect(p.re.test(p.example), p.what).toBe(true);
  });

  it('no file under src/ names a 行次 or 栏次 of a form in code', () => {
    const hits: string[] = [];
    for (const file of files(SRC)) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (/^\s*(\/\/|\*|\/\*)/.test(line)) return; // comments may cite rules.md's cells
          for (const p of PATTERNS) if (p.re.test(line)) hits.push(`${relative(ROOT, file)}:${i + 1} ${p.what}: ${line.trim()}`);
        });
    }
    expect(hits).toEqual([]);
  });
});
