// A profile that prints percentages with one decimal (hubei/suizhou, percentDecimals 1) gets each
// share rounded once, from its exact value: 30.649% prints 30.6%, never 30.65% rounded again to 30.7%.
// The text is the composed narrative, which every writer prints verbatim; derive gets the profile's
// precision as cli/check.ts passes it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { composeNarrative } from '../../src/compose/narrative/index.js';
import { resolveProfile } from '../../src/compose/profile.js';
import { derive, defaultDeriveOptions } from '../../src/derive/index.js';
import type { Paragraph } from '../../src/model/document.js';
import { loadDictionary } from '../../src/readers/dictionary.js';
import { readYaml } from '../../src/readers/index.js';
import { example } from '../helpers.js';

describe('percentages at the profile’s precision', () => {
  it('hubei/suizhou prints an income share of 30.649% as 30.6%', async () => {
    const dict = await loadDictionary();
    const doc = parseDocument(readFileSync(example('suizhou-example-2022.yaml'), 'utf8'));
    // 本年收入 1,000,000.00: 一般公共预算财政拨款收入 306,490.00 (30.649%), 其他收入 693,510.00 (69.351%)
    doc.setIn(['tables', 'T01', 'r1'], '306490.00');
    doc.setIn(['tables', 'T01', 'r8'], '693510.00');
    doc.setIn(['tables', 'T01', 'r27'], '1000000.00');
    const ds = readYaml(doc.toString(), 'suizhou.yaml').dataset!;
    const profile = resolveProfile('hubei/suizhou');
    const precision = { wan: profile.settings.wanDecimals, percent: profile.settings.percentDecimals };
    const model = derive(ds, dict, { ...defaultDeriveOptions, precision });
    const text = composeNarrative(model, dict, profile, [])
      .sections.flatMap((s) => s.blocks)
      .filter((b): b is Paragraph => b.type === 'paragraph')
      .map((p) => p.text)
      .join('\n');
    expect(text).toMatch(/一般公共预算财政拨款收入30\.65万元，占30\.6%/);
    expect(text).toMatch(/其他收入69\.35万元，占69\.4%/);
    expect(text).not.toContain('30.7%');
  });
});
