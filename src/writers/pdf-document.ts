// The PDF work after Chromium, through pdf-lib (@cantoo/pdf-lib): the page each heading landed on
// (Chromium writes a named destination for every link target), the contents pages printed again
// with their page numbers put in place of the first print's, the bookmarks (one per heading, nested
// by level), and the document information with dates from the data and an ID from the content, so
// that the same document always gives the same bytes.
import { createHash } from 'node:crypto';
import { ParseSpeeds, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFStream, PDFString } from '@cantoo/pdf-lib';
import type { DocumentMeta } from '../model/document.js';

/** A heading as printed: its anchor, level (h1 = 1) and bookmark text. */
export interface Bookmark {
  readonly id: string;
  readonly level: number;
  readonly title: string;
}

/** Load a PDF in one go (pdf-lib otherwise pauses every hundred objects). */
export function loadPdf(bytes: Uint8Array): Promise<PDFDocument> {
  return PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
}

/** The bytes of a PDF, written in one go. */
export function savePdf(pdf: PDFDocument): Promise<Uint8Array> {
  return pdf.save({ useObjectStreams: false, objectsPerTick: Infinity, addDefaultPage: false, updateFieldAppearances: false });
}

/** A named destination: the page it is on (0-based) and its explicit destination array. */
export interface Destination {
  readonly page: number;
  readonly dest: PDFArray;
}

/** Every named destination of the PDF (the catalog's /Dests dictionary, or the /Names tree). */
export function destinations(pdf: PDFDocument): Map<string, Destination> {
  const pageIndex = new Map(pdf.getPages().map((p, i) => [p.ref.toString(), i]));
  const out = new Map<string, Destination>();
  const add = (name: string, value: unknown) => {
    const resolved = value instanceof PDFRef ? pdf.context.lookup(value) : value;
    const dest = resolved instanceof PDFDict ? resolved.lookupMaybe(PDFName.of('D'), PDFArray) : resolved instanceof PDFArray ? resolved : undefined;
    const page = dest?.get(0);
    const index = page instanceof PDFRef ? pageIndex.get(page.toString()) : undefined;
    if (dest && index !== undefined) out.set(name, { page: index, dest });
  };
  const dests = pdf.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  for (const [key, value] of dests?.entries() ?? []) add(key.decodeText(), value);
  // the PDF 1.2 form: a name tree of strings under /Names /Dests
  const walk = (node: PDFDict | undefined) => {
    if (!node) return;
    const names = node.lookupMaybe(PDFName.of('Names'), PDFArray);
    for (let i = 0; names && i + 1 < names.size(); i += 2) {
      const key = names.lookup(i);
      if (key instanceof PDFHexString || key instanceof PDFString) add(key.decodeText(), names.get(i + 1));
    }
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
    for (let i = 0; kids && i < kids.size(); i++) walk(kids.lookupMaybe(i, PDFDict));
  };
  walk(pdf.catalog.lookupMaybe(PDFName.of('Names'), PDFDict)?.lookupMaybe(PDFName.of('Dests'), PDFDict));
  return out;
}

/**
 * Put the content of `front`'s pages onto the first pages of `pdf`: the same pages printed again with
 * other text (the contents with its page numbers). The pages themselves stay, with their links and
 * the destinations that point at them.
 */
export async function replaceFrontPages(pdf: PDFDocument, front: PDFDocument): Promise<void> {
  const count = Math.min(front.getPageCount(), pdf.getPageCount());
  const copied = await pdf.copyPages(front, Array.from({ length: count }, (_, i) => i));
  copied.forEach((page, i) => {
    const target = pdf.getPage(i).node;
    for (const key of ['Contents', 'Resources'] as const) {
      const value = page.node.get(PDFName.of(key));
      if (value) target.set(PDFName.of(key), value);
    }
    // the copied page object itself is not kept
    pdf.context.delete(page.ref);
  });
}

/** Bookmarks, nested by heading level, each opening its heading's destination. */
export function setOutline(pdf: PDFDocument, bookmarks: readonly Bookmark[], dests: ReadonlyMap<string, Destination>): void {
  const placed = bookmarks.filter((b) => dests.has(b.id));
  if (placed.length === 0) return;
  const ctx = pdf.context;
  const root = ctx.nextRef();
  interface Node {
    readonly ref: PDFRef;
    readonly dict: PDFDict;
    readonly level: number;
    readonly children: Node[];
  }
  const top: Node = { ref: root, dict: ctx.obj({ Type: 'Outlines' }), level: 0, children: [] };
  const stack: Node[] = [top];
  for (const b of placed) {
    while (stack.length > 1 && stack[stack.length - 1]!.level >= b.level) stack.pop();
    const parent = stack[stack.length - 1]!;
    const node: Node = { ref: ctx.nextRef(), dict: ctx.obj({ Title: PDFHexString.fromText(b.title), Parent: parent.ref, Dest: dests.get(b.id)!.dest }), level: b.level, children: [] };
    parent.children.push(node);
    stack.push(node);
  }
  // links between siblings and to the first and last child, and how many items are open below
  const link = (node: Node): number => {
    let open = 0;
    node.children.forEach((child, i) => {
      if (i > 0) child.dict.set(PDFName.of('Prev'), node.children[i - 1]!.ref);
      if (i + 1 < node.children.length) child.dict.set(PDFName.of('Next'), node.children[i + 1]!.ref);
      open += 1 + link(child);
    });
    if (node.children.length) {
      node.dict.set(PDFName.of('First'), node.children[0]!.ref);
      node.dict.set(PDFName.of('Last'), node.children[node.children.length - 1]!.ref);
      node.dict.set(PDFName.of('Count'), PDFNumber.of(open));
    }
    ctx.assign(node.ref, node.dict);
    return open;
  };
  link(top);
  pdf.catalog.set(PDFName.of('Outlines'), root);
  pdf.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}

/** The bytes of every page's content, in order: what the document shows. */
function contentBytes(pdf: PDFDocument): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const page of pdf.getPages()) {
    const contents = page.node.get(PDFName.of('Contents'));
    const refs = contents instanceof PDFArray ? contents.asArray() : [contents];
    for (const r of refs) {
      const stream = r instanceof PDFRef ? pdf.context.lookup(r) : r;
      if (stream instanceof PDFRawStream) out.push(stream.contents);
      else if (stream instanceof PDFStream) out.push(stream.getContents());
    }
  }
  return out;
}

/**
 * The document information (title, author, subject, keywords, creator, and both dates from
 * `meta.createdAt`, never the clock) and a file ID made from the content and the information, so the
 * same document is the same file, byte for byte.
 */
export function setDocumentInfo(pdf: PDFDocument, meta: DocumentMeta): void {
  const date = new Date(meta.createdAt);
  pdf.setTitle(meta.title, { showInWindowTitleBar: true });
  pdf.setAuthor(meta.author);
  if (meta.subject) pdf.setSubject(meta.subject);
  if (meta.keywords?.length) pdf.setKeywords([meta.keywords.join(', ')]);
  pdf.setCreator('juesuan');
  pdf.setCreationDate(date);
  pdf.setModificationDate(date);
  pdf.setLanguage(meta.lang);
  const hash = createHash('sha256');
  for (const bytes of contentBytes(pdf)) hash.update(bytes);
  hash.update(JSON.stringify(meta));
  const id = PDFHexString.of(hash.digest('hex').slice(0, 32).toUpperCase());
  pdf.context.trailerInfo.ID = pdf.context.obj([id, id]);
}

/** Chromium's bytes with the document information set (setDocumentInfo). */
export async function setPdfInfo(bytes: Uint8Array, meta: DocumentMeta): Promise<Uint8Array> {
  const pdf = await loadPdf(bytes);
  setDocumentInfo(pdf, meta);
  return savePdf(pdf);
}
