// How many of the amounts printed in seed 000's 公开01–09表 (lines 1–690 of the seed) appear, as
// printed (`56,201,049.73`), in the text of a generated PDF.
//   npx tsx scripts/seed-coverage.ts [generated.pdf]   (default: builds the 玉溪 example first)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SEED_000 = fileURLToPath(new URL('../../shared/seeds/000_947db9ea62b2aa0e.txt', import.meta.url));
const AMOUNT = /\d{1,3}(?:,\d{3})*\.\d{2}/g;

function counts(text: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const a of text.match(AMOUNT) ?? []) m.set(a, (m.get(a) ?? 0) + 1);
  return m;
}

export interface Coverage {
  readonly printed: number;
  readonly found: number;
  readonly missing: readonly { readonly amount: string; readonly inSeed: number; readonly inPdf: number }[];
}

/** Each printed occurrence counts once: an amount printed 5 times must appear 5 times. */
export function amountCoverage(seedTables: string, pdfText: string): Coverage {
  const want = counts(seedTables);
  const have = counts(pdfText);
  let printed = 0;
  let found = 0;
  const missing = [];
  for (const [amount, n] of want) {
    printed += n;
    const got = Math.min(n, have.get(amount) ?? 0);
    found += got;
    if (got < n) missing.push({ amount, inSeed: n, inPdf: have.get(amount) ?? 0 });
  }
  return { printed, found, missing };
}

export function seedTablesText(): string {
  return readFileSync(SEED_000, 'utf8').split('\n').slice(0, 690).join('\n');
}

export function pdfText(pdf: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
}

async function main(): Promise<void> {
  let pdf = process.argv[2];
  if (!pdf) {
    const out = mkdtempSync(join(tmpdir(), 'juesuan-coverage-'));
    execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../src/cli/main.ts', import.meta.url)), 'build', fileURLToPath(new URL('../data/examples/yuxi-gxj-2021.yaml', import.meta.url)), '--out', out, '--format', 'pdf'], { stdio: 'inherit' });
    pdf = join(out, 'yuxi-gxj-2021', '玉溪市工业和信息化局（本级）2021年度部门决算.pdf');
  }
  const c = amountCoverage(seedTablesText(), pdfText(pdf));
  console.log(`seed 000 公开01–09表: ${c.found} of ${c.printed} printed amounts found in ${pdf} (${((c.found / c.printed) * 100).toFixed(2)}%)`);
  for (const m of c.missing) console.log(`  missing ${m.amount}: printed ${m.inSeed}×, generated ${m.inPdf}×`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
