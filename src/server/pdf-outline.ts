// The bookmarks (outline) of a PDF printed by Chromium, with the page each one opens: the contents of
// the page viewer. Chromium writes the catalog, the page tree and the outline as plain objects, each
// item with its title and a destination `[page 0 R /XYZ …]`. Anything else (object streams, named
// destinations) yields fewer items or none: the viewer then simply has no contents list.

/** One bookmark. */
export interface OutlineItem {
  readonly title: string;
  /** 1-based page number. */
  readonly page: number;
  /** 1 = top level. */
  readonly level: number;
}

function objectBodies(pdf: string): Map<number, string> {
  const out = new Map<number, string>();
  const header = /(\d+)\s+0\s+obj\b/g;
  for (let m = header.exec(pdf); m; m = header.exec(pdf)) {
    const start = m.index + m[0].length;
    const end = pdf.indexOf('endobj', start);
    if (end < 0) break;
    // a stream's bytes are skipped whole: they may hold anything
    const body = pdf.slice(start, end);
    const stream = body.indexOf('stream');
    out.set(Number(m[1]), stream < 0 ? body : body.slice(0, stream));
    const after = stream < 0 ? end : pdf.indexOf('endstream', start + stream);
    header.lastIndex = after < 0 ? pdf.length : after;
  }
  return out;
}

function ref(body: string, key: string): number | undefined {
  const m = new RegExp(`/${key}\\s+(\\d+)\\s+0\\s+R`).exec(body);
  return m ? Number(m[1]) : undefined;
}

/** A PDF text string: `<FEFF…>` (UTF-16BE) or `(…)` with escapes. */
export function pdfString(token: string): string {
  if (token.startsWith('<')) {
    const bytes = Buffer.from(token.slice(1, -1).replace(/\s/g, ''), 'hex');
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return bytes.subarray(2).swap16().toString('utf16le');
    return bytes.toString('latin1');
  }
  const body = token.slice(1, -1).replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_, e: string) => {
    const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '(': '(', ')': ')', '\\': '\\' };
    return simple[e] ?? String.fromCharCode(parseInt(e, 8));
  });
  const bytes = Buffer.from(body, 'latin1');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
  return body;
}

/** The outline of `bytes`, top to bottom, at most two levels deep. */
export function readOutline(bytes: Uint8Array, maxLevel = 2): OutlineItem[] {
  const pdf = Buffer.from(bytes).toString('latin1');
  const objects = objectBodies(pdf);
  const catalogId = [...objects].find(([, b]) => /\/Type\s*\/Catalog\b/.test(b))?.[0];
  const catalog = catalogId === undefined ? undefined : objects.get(catalogId);
  if (!catalog) return [];
  // page object id → page number, in page-tree order
  const pageNumber = new Map<number, number>();
  const walk = (id: number, depth: number) => {
    const body = objects.get(id);
    if (!body || depth > 50) return;
    if (/\/Type\s*\/Pages\b/.test(body)) {
      for (const k of (/\/Kids\s*\[([^\]]*)\]/.exec(body)?.[1] ?? '').matchAll(/(\d+)\s+0\s+R/g)) walk(Number(k[1]), depth + 1);
    } else pageNumber.set(id, pageNumber.size + 1);
  };
  const pages = ref(catalog, 'Pages');
  if (pages !== undefined) walk(pages, 0);
  const outlines = ref(catalog, 'Outlines');
  const root = outlines === undefined ? undefined : objects.get(outlines);
  if (!root) return [];
  const items: OutlineItem[] = [];
  const seen = new Set<number>();
  const visit = (first: number | undefined, level: number) => {
    for (let id = first; id !== undefined && !seen.has(id); ) {
      seen.add(id);
      const body = objects.get(id);
      if (!body) return;
      const title = /\/Title\s*(<[0-9A-Fa-f\s]*>|\((?:[^()\\]|\\[\s\S])*\))/.exec(body)?.[1];
      const target = /\/Dest\s*\[\s*(\d+)\s+0\s+R/.exec(body)?.[1];
      const page = target === undefined ? undefined : pageNumber.get(Number(target));
      if (title && page !== undefined) items.push({ title: pdfString(title).replace(/\s+/g, ' ').trim(), page, level });
      if (level < maxLevel) visit(ref(body, 'First'), level + 1);
      id = ref(body, 'Next');
    }
  };
  visit(ref(root, 'First'), 1);
  return items;
}
