// One figure, one value, everywhere (rules.md §8.1): every 万元 amount and share that the PDF prints
// next to a subject's name — in a sentence or a chart label — is roundHalfUp of that subject's own
// table amount (元 / 10000) and of its own exact ratio. The expectations are computed here from the
// completed tables, independently of derive; the text is read back from the PDF with pdftotext.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFile } from '../../src/cli/check.js';
import { completeTables } from '../../src/derive/complete.js';
import { Decimal } from '../../src/model/decimal.js';
import { functionalName, type SubjectDictionary } from '../../src/model/dictionary.js';
import { canonicalTable } from '../../src/forms/canonical.js';
import { fixedRowSpecs } from '../../src/forms/layout.js';
import { loadDictionary } from '../../src/readers/dictionary.js';
import { defaultHtmlOptions, finishPdf, fontFaceCss, PdfRenderer, writeHtml } from '../../src/writers/index.js';
import { pdfText } from '../../scripts/seed-coverage.js';
import { example } from '../helpers.js';

const out = mkdtempSync(join(tmpdir(), 'juesuan-figures-'));
const renderer = new PdfRenderer();
afterAll(() => renderer.close());

interface Subject {
  /** The words printed before the figure (一般公共服务（类）, 公务接待费 …). */
  readonly label: string;
  readonly yuan: Decimal;
  /** The whole the share is of (元); none where the text prints no share. */
  readonly of?: Decimal;
}

const wan = (yuan: Decimal) => yuan.div(10000).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
const share = (part: Decimal, whole: Decimal) => part.div(whole).times(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

/** The subjects the 部门决算说明 names with a figure, from the completed tables. */
function subjects(file: string, ds: NonNullable<Awaited<ReturnType<typeof checkFile>>['dataset']>, dict: SubjectDictionary): Subject[] {
  const t = completeTables(ds);
  const name = (code: string) => t.T05.byCode.get(code)?.name ?? functionalName(dict.functional.get(code)!, ds.department.year);
  const list: Subject[] = [];
  const gpb = t.T05.total.cells[7]!;
  for (const r of t.T05.rows) {
    if (r.cells[7]!.isZero()) continue;
    if (r.level === 'class') list.push({ label: `${name(r.code).replace(/支出$/, '')}（类）`, yuan: r.cells[7]!, of: gpb });
    if (r.level === 'item') list.push({ label: `${name(r.code.slice(0, 3)).replace(/支出$/, '')}（类）${name(r.code.slice(0, 5))}（款）${name(r.code)}（项）`, yuan: r.cells[7]! });
  }
  for (const r of [1, 2, 3, 4, 5, 6, 7, 8]) if (!t.T01[r]!.isZero()) list.push({ label: fixedRowSpecs(canonicalTable('T01')).find((x) => x.r === r)!.label!.replace(/^[一二三四五六七八]、/, ''), yuan: t.T01[r]!, of: t.T01[27]! });
  const g3 = (r: number) => t.T3G[r]?.[2] ?? new Decimal(0);
  for (const [r, label] of [[3, '因公出国（境）费'], [4, '公务用车购置及运行维护费'], [7, '公务接待费']] as const) list.push({ label, yuan: g3(r), of: g3(2) });
  void file;
  return list;
}

/**
 * Every figure printed right after a subject's label: `label [（类）支出|支出决算|：支出决算为] X万元 [，占|] P%`.
 * A label followed directly by an amount counts only when a share follows too (a chart label or a
 * list sentence), so that a budget figure named after the same item (预算 公务接待费9.00万元) is not
 * taken for its spending.
 */
function printedFigures(text: string, s: Subject): { amount: string; share?: string }[] {
  const esc = s.label.replace(/[.*+?^${}()|[\]\\]/g, (c) => `\\${c}`);
  const re = new RegExp(`${esc}(支出决算为|支出决算|支出|：支出决算为)?(\\d+\\.\\d{2})万元(?:，?占)?(\\d+(?:\\.\\d{2})?%)?`, 'gu');
  const found: { amount: string; share?: string }[] = [];
  for (const m of text.matchAll(re)) {
    if (!m[1] && !m[3]) continue;
    found.push({ amount: m[2]!, ...(m[3] ? { share: m[3] } : {}) });
  }
  return found;
}

describe.each(['yuxi-gxj-2021.yaml', 'panzhihua-jxj-2020.yaml'])('%s: every 万元 figure and share printed beside a subject', (name) => {
  let text = '';
  let list: Subject[] = [];
  let dropZeros = false;

  beforeAll(async () => {
    const dict = await loadDictionary();
    const checked = await checkFile(example(name), dict);
    expect(checked.ok, JSON.stringify(checked.findings.filter((f) => f.severity === 'error'))).toBe(true);
    const html = writeHtml(checked.document!, { ...defaultHtmlOptions, fontFaceCss: fontFaceCss() });
    const pdf = join(out, name.replace('.yaml', '.pdf'));
    writeFileSync(pdf, await finishPdf(await renderer.render(html), checked.document!));
    text = pdfText(pdf).replace(/\s+/g, '');
    list = subjects(name, checked.dataset!, dict);
    dropZeros = checked.profile!.settings.dropDotZeroZero;
  }, 120_000);

  it('equals the rounding of the subject’s own table amount and own ratio', () => {
    const wrong: string[] = [];
    let checkedFigures = 0;
    for (const s of list) {
      for (const f of printedFigures(text, s)) {
        checkedFigures++;
        if (f.amount !== wan(s.yuan)) wrong.push(`${s.label}: printed ${f.amount}万元, table ${wan(s.yuan)}`);
        if (f.share && s.of && !s.of.isZero()) {
          const exact = share(s.yuan, s.of).toFixed(2);
          const expected = dropZeros && exact.endsWith('.00') ? exact.slice(0, -3) : exact;
          if (f.share !== `${expected}%`) wrong.push(`${s.label}: printed ${f.share}, own ratio ${expected}%`);
        }
      }
    }
    expect(wrong).toEqual([]);
    // the walk found the sentences and the chart labels, so it can fail
    expect(checkedFigures).toBeGreaterThan(name.startsWith('yuxi') ? 35 : 40);
  });

  it('prints no placeholder: a published package is complete', () => {
    expect(text).not.toContain('请填写');
    expect(text).not.toContain('草稿');
  });
});
