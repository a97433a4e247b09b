// The page each named destination of a PDF points at. Chromium writes one named destination per
// link target (the contents page links to every heading it lists), so this tells on which page each
// heading landed — used to print real page numbers on the contents page in a second pass.
// Chromium keeps the catalog, the page tree and the /Dests dictionary uncompressed.

function objectBody(pdf: string, id: number): string | undefined {
  const m = new RegExp(`(?:^|\\s)${id} 0 obj\\s*(<<[\\s\\S]*?>>)\\s*endobj`).exec(pdf);
  return m?.[1];
}

export function readDestinations(bytes: Uint8Array): Map<string, number> {
  const pdf = Buffer.from(bytes).toString('latin1');
  const catalog = /\/Type\s*\/Catalog[^]*?>>/.exec(pdf)?.[0] ?? '';
  const pagesRoot = /\/Pages\s+(\d+)\s+0\s+R/.exec(catalog);
  const destsRef = /\/Dests\s+(\d+)\s+0\s+R/.exec(catalog);
  const result = new Map<string, number>();
  if (!pagesRoot || !destsRef) return result;
  const pageNumber = new Map<number, number>();
  const walk = (id: number) => {
    const body = objectBody(pdf, id);
    if (!body) return;
    if (/\/Type\s*\/Pages\b/.test(body)) {
      for (const k of (/\/Kids\s*\[([^\]]*)\]/.exec(body)?.[1] ?? '').matchAll(/(\d+)\s+0\s+R/g)) walk(Number(k[1]));
    } else pageNumber.set(id, pageNumber.size + 1);
  };
  walk(Number(pagesRoot[1]));
  const dests = objectBody(pdf, Number(destsRef[1])) ?? '';
  for (const m of dests.matchAll(/\/([^\s/[\]<>()]+)\s*\[\s*(\d+)\s+0\s+R/g)) {
    const name = m[1]!.replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    const page = pageNumber.get(Number(m[2]));
    if (page !== undefined) result.set(name, page);
  }
  return result;
}
