// PDF bookmarks that say which table they open. Chromium makes a bookmark of every heading, and a
// table's heading is its printed title: seventeen “项目支出绩效自评表” in a row. The bookmark of each
// table is given its outline text instead (公开12表 <项目名称>, Table.outline), in the PDF's own outline
// tree, through pdf-lib.
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString } from '@cantoo/pdf-lib';
import type { Document } from '../model/document.js';
import { setPdfInfo } from './pdf-info.js';

/** In document order, the printed title of each table that has an outline text, and that text. */
export function tableBookmarks(doc: Document): { readonly title: string; readonly outline: string }[] {
  return doc.sections
    .flatMap((s) => s.blocks)
    .flatMap((b) => (b.type === 'table' && b.outline && b.outline !== b.caption.title ? [{ title: b.caption.title, outline: b.outline }] : []));
}

function titleOf(item: PDFDict): string | undefined {
  const t = item.get(PDFName.of('Title'));
  return t instanceof PDFHexString || t instanceof PDFString ? t.decodeText() : undefined;
}

/**
 * The PDF with the bookmarks of `renames` retitled: walking the outline in document order, the next
 * bookmark whose title is `title` gets `outline`. A PDF without an outline is returned unchanged.
 */
export async function retitleBookmarks(pdf: Uint8Array, renames: readonly { readonly title: string; readonly outline: string }[]): Promise<Uint8Array> {
  if (renames.length === 0) return pdf;
  const doc = await PDFDocument.load(pdf, { updateMetadata: false, forIncrementalUpdate: true });
  const outlines = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  if (!outlines) return pdf;
  // depth-first: a bookmark, then its children, then its next sibling
  const items: { ref: PDFRef; dict: PDFDict }[] = [];
  const visit = (first: unknown) => {
    for (let ref = first; ref instanceof PDFRef; ) {
      const dict = doc.context.lookup(ref, PDFDict);
      items.push({ ref, dict });
      visit(dict.get(PDFName.of('First')));
      ref = dict.get(PDFName.of('Next'));
    }
  };
  visit(outlines.get(PDFName.of('First')));
  const snapshot = doc.takeSnapshot();
  let next = 0;
  for (const { ref, dict } of items) {
    if (next < renames.length && titleOf(dict) === renames[next]!.title) {
      dict.set(PDFName.of('Title'), PDFHexString.fromText(renames[next]!.outline));
      snapshot.markRefForSave(ref);
      next++;
    }
  }
  if (next === 0) return pdf;
  // an incremental update (PDF 1.7 §7.5.6): Chromium's bytes stay as they are, the new titles follow
  const update = await doc.saveIncremental(snapshot, { useObjectStreams: false });
  const out = new Uint8Array(pdf.length + update.length);
  out.set(pdf, 0);
  out.set(update, pdf.length);
  return out;
}

/** Chromium's PDF made ready to publish: bookmarks of the tables retitled, then the document information. */
export async function finishPdf(printed: Uint8Array, doc: Document): Promise<Uint8Array> {
  return setPdfInfo(await retitleBookmarks(printed, tableBookmarks(doc)), doc.meta);
}
