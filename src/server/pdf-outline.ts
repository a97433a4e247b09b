// The bookmarks (outline) of a PDF, with the page each one opens: the contents of the page viewer
// (the parts of the 部门决算说明 and every table). Read through pdf-lib, as the writers make them.
// A bookmark whose destination cannot be followed is left out; a PDF without an outline gives none.
import { ParseSpeeds, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString } from '@cantoo/pdf-lib';

/** One bookmark. */
export interface OutlineItem {
  readonly title: string;
  /** 1-based page number. */
  readonly page: number;
  /** 1 = top level. */
  readonly level: number;
}

function text(value: unknown): string | undefined {
  return value instanceof PDFHexString || value instanceof PDFString ? value.decodeText() : undefined;
}

/** Named destinations: the catalog's /Dests dictionary and the /Names /Dests tree. */
function namedDestinations(pdf: PDFDocument): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const dests = pdf.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  for (const [k, v] of dests?.entries() ?? []) out.set(k.decodeText(), v);
  const walk = (node: PDFDict | undefined, depth: number) => {
    if (!node || depth > 20) return;
    const names = node.lookupMaybe(PDFName.of('Names'), PDFArray);
    for (let i = 0; names && i + 1 < names.size(); i += 2) {
      const key = text(names.lookup(i));
      if (key !== undefined) out.set(key, names.get(i + 1));
    }
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
    for (let i = 0; kids && i < kids.size(); i++) walk(kids.lookupMaybe(i, PDFDict), depth + 1);
  };
  walk(pdf.catalog.lookupMaybe(PDFName.of('Names'), PDFDict)?.lookupMaybe(PDFName.of('Dests'), PDFDict), 0);
  return out;
}

/** The outline of the PDF `bytes`, top to bottom, at most `maxLevel` levels deep. */
export async function readOutline(bytes: Uint8Array, maxLevel = 2): Promise<OutlineItem[]> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest, ignoreEncryption: true });
  const outlines = pdf.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  if (!outlines) return [];
  const pageOf = new Map(pdf.getPages().map((p, i) => [p.ref.toString(), i + 1]));
  let named: Map<string, unknown> | undefined;
  // a destination: [page …], a name of one, or a dictionary holding it under /D
  const page = (dest: unknown, depth = 0): number | undefined => {
    const d = dest instanceof PDFRef ? pdf.context.lookup(dest) : dest;
    if (depth > 5 || d === undefined) return undefined;
    if (d instanceof PDFArray) {
      const target = d.get(0);
      return target instanceof PDFRef ? pageOf.get(target.toString()) : undefined;
    }
    if (d instanceof PDFDict) return page(d.get(PDFName.of('D')), depth + 1);
    const name = d instanceof PDFName ? d.decodeText() : text(d);
    if (name === undefined) return undefined;
    named ??= namedDestinations(pdf);
    return page(named.get(name), depth + 1);
  };
  const items: OutlineItem[] = [];
  const seen = new Set<string>();
  const visit = (first: unknown, level: number) => {
    for (let ref = first; ref instanceof PDFRef && !seen.has(ref.toString()); ) {
      seen.add(ref.toString());
      const item = pdf.context.lookupMaybe(ref, PDFDict);
      if (!item) return;
      const title = text(item.lookup(PDFName.of('Title')));
      const action = item.lookupMaybe(PDFName.of('A'), PDFDict);
      const at = page(item.get(PDFName.of('Dest')) ?? action?.get(PDFName.of('D')));
      if (title !== undefined && at !== undefined) items.push({ title: title.replace(/\s+/g, ' ').trim(), page: at, level });
      if (level < maxLevel) visit(item.get(PDFName.of('First')), level + 1);
      ref = item.get(PDFName.of('Next'));
    }
  };
  visit(outlines.get(PDFName.of('First')), 1);
  return items;
}
