// The pages escape every text that comes from an upload (file names, messages, YAML lines, cells)
// and carry no inline script: whatever a department file holds, it is shown as text.
import { describe, expect, it } from 'vitest';
import type { FindingView } from '../../src/server/findings.js';
import { renderPage } from '../../src/server/views.js';

const HOSTILE = '<img src=x onerror=alert(1)>"\'&';

function department(findings: FindingView[]): string {
  return renderPage(
    'department',
    { jobId: 'j', index: 0, file: `${HOSTILE}.yaml`, title: HOSTILE, pending: false, built: false, statusLabel: '有错误', errors: 1, warnings: 0, findings, tables: [HOSTILE], outputs: [], workbookHref: '/w' },
    { title: HOSTILE, script: 'department', keep: '60 分钟' },
  );
}

describe('pages', () => {
  it('escape what the upload brings, in every place it is shown', () => {
    const html = department([
      {
        severity: 'error',
        severityLabel: '错误',
        ruleId: HOSTILE,
        message: HOSTILE,
        note: HOSTILE,
        where: '公开05表!H12',
        file: HOSTILE,
        table: HOSTILE,
        related: [HOSTILE],
        context: { kind: 'grid', sheet: HOSTILE, columns: ['G', 'H'], rows: [{ number: 12, cells: [{ text: HOSTILE, current: false }, { text: '1,000.00', current: true }] }] },
      },
      { severity: 'error', severityLabel: '错误', ruleId: 'IN-YAML', message: 'm', where: '第3行第1列', table: '文件', related: [], context: { kind: 'lines', first: 2, last: 4, lines: [{ number: 3, text: HOSTILE, current: true }] } },
    ]);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;&quot;&#x27;&amp;');
    // the grid of the sheet marks the cell of the finding
    expect(html).toMatch(/<td class="current" title="1,000.00">1,000.00<\/td>/);
    expect(html).toMatch(/<li class="current" aria-current="true"><span class="ln">3<\/span>/);
  });

  it('load scripts from the app only', () => {
    const html = department([]);
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts).toEqual(['<script type="module" src="/assets/department.js">']);
    expect(html).not.toMatch(/<script\b[^>]*>[^<]+<\/script>/);
    expect(html).not.toMatch(/\son[a-z]+=/);
    expect(html).not.toMatch(/style=/);
  });
});
