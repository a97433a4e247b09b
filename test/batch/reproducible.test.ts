// Same inputs, same bytes: a department built twice (into two folders, by two runs) gives identical
// PDF, DOCX and XLSX files, dated by its data, not the clock; and a run after nothing changed skips
// every department (its files untouched), while a change to the prior-year file builds again.
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { Builder, type BuildResult } from '../../src/batch/index.js';
import { PriorIndex } from '../../src/batch/prior.js';
import { loadDictionary } from '../../src/readers/dictionary.js';
import { cityDepartment, makeCity, yuan } from '../fixtures/city.js';

const root = mkdtempSync(join(tmpdir(), 'juesuan-repro-'));
const years = makeCity(root);
const inputs = ['d1.yaml', 'd5.yaml'].map((n) => ({ file: join(years[2021]!, n), outParts: [n.replace('.yaml', '')] }));

async function build(out: string): Promise<BuildResult[]> {
  const builder = new Builder(await loadDictionary(), { outDir: out, formats: ['pdf', 'docx', 'xlsx'], jobs: 2, prior: await PriorIndex.open([years[2020]!]) });
  return builder.buildAll(inputs, () => {});
}

/** Every file of the packages (not the manifests), by path under `out`, with its bytes. */
function packageFiles(out: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const dir of readdirSync(out).filter((d) => !d.startsWith('.'))) {
    for (const name of readdirSync(join(out, dir))) if (!name.startsWith('.')) files.set(`${dir}/${name}`, readFileSync(join(out, dir, name)));
  }
  return files;
}

describe('reproducible and incremental builds', () => {
  it('gives the same bytes twice, dated by the data; a third run skips every department; a changed prior file builds again', async () => {
    const [a, b] = [mkdtempSync(join(tmpdir(), 'juesuan-repro-a-')), mkdtempSync(join(tmpdir(), 'juesuan-repro-b-'))];
    const first = await build(a);
    expect(first.map((r) => [r.status, r.unchanged ?? false])).toEqual([['built', false], ['built', false]]);
    await new Promise((resolve) => setTimeout(resolve, 1100)); // a second later: a clock date would differ
    await build(b);
    const [filesA, filesB] = [packageFiles(a), packageFiles(b)];
    expect([...filesA.keys()].sort()).toEqual([...filesB.keys()].sort());
    expect([...filesA.keys()].filter((k) => /\.(pdf|docx|xlsx)$/.test(k)).map((k) => k.split('.').pop()).sort()).toEqual(['docx', 'docx', 'pdf', 'pdf', 'xlsx', 'xlsx', 'xlsx', 'xlsx']);
    for (const [name, bytes] of filesA) expect(bytes.equals(filesB.get(name)!), name).toBe(true);
    // dated 31 December of the report year (no reportDate given), not today
    const pdf = [...filesA.keys()].find((k) => k.endsWith('.pdf'))!;
    expect(execFileSync('pdfinfo', [join(a, pdf)], { encoding: 'utf8' })).toMatch(/CreationDate:\s+Fri Dec 31 04:00:00 2021 UTC/);

    // nothing changed: nothing is built, nothing is written
    const before = new Map([...filesA.keys()].map((k) => [k, statSync(join(a, k)).mtimeMs]));
    const third = await build(a);
    expect(third.map((r) => [r.status, r.unchanged])).toEqual([['built', true], ['built', true]]);
    expect(third[0]!.summary?.figures?.totalIncomeExpenditure).toBe('108.00');
    for (const [k, t] of before) expect(statSync(join(a, k)).mtimeMs, k).toBe(t);

    // last year's file changed (its 三公 budget): the department paired with it is built again, the other is not
    writeFileSync(join(years[2020]!, 'd1.yaml'), cityDepartment(1, 2020, (doc) => doc.setIn(['tables', 'T3G', 'r2', 'c1'], yuan(80_000))));
    const fourth = await build(a);
    expect(fourth.map((r) => r.unchanged ?? false)).toEqual([false, true]);
  }, 300_000);
});
