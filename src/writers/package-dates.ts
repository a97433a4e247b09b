// DOCX and XLSX are zip packages whose libraries stamp the clock on every entry (and docx on its core
// properties): the package is written again with the document's own date, so the same document is
// the same file, byte for byte. fflate reads and writes the zip; nothing is recompressed by hand.
// docx also numbers bookmarks and drawings from counters that live as long as the process, so a
// document's ids would depend on the documents written before it: they are numbered again.
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';

/** The DOS date of a zip entry is local time: a Date whose local fields are the UTC fields of `iso`. */
function zipTime(iso: string): Date {
  const d = new Date(iso);
  return new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
}

/** The core properties' creation and modification dates set to `iso` (W3CDTF, seconds). */
function coreDates(xml: string, iso: string): string {
  const stamp = `${iso.slice(0, 19)}Z`;
  return xml.replace(/(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(<\/dcterms:(?:created|modified)>)/g, `$1${stamp}$2`);
}

/** Ids numbered in order of first appearance, one numbering per kind, shared by every part of the package. */
class Renumbering {
  private readonly kinds = new Map<string, Map<string, number>>();

  next(kind: string, id: string): number {
    let ids = this.kinds.get(kind);
    if (!ids) this.kinds.set(kind, (ids = new Map()));
    if (!ids.has(id)) ids.set(id, ids.size + 1);
    return ids.get(id)!;
  }

  /** A WordprocessingML part with its bookmark ids (start and end alike), _Toc bookmark names and drawing ids renumbered. */
  part(xml: string): string {
    return xml
      .replace(/(<w:bookmark(?:Start|End)\b[^>]*?\bw:id=")(\d+)"/g, (_, head: string, id: string) => `${head}${this.next('bookmark', id)}"`)
      .replace(/\b_Toc(\d+)\b/g, (_, id: string) => `_Toc${this.next('toc', id)}`)
      .replace(/(<wp:docPr\b[^>]*?\bid=")(\d+)"/g, (_, head: string, id: string) => `${head}${this.next('drawing', id)}"`);
  }
}

/**
 * The zip package with every entry dated `iso` and docProps/core.xml dated `iso`, entries in their
 * order; `renumberWordIds` for a DOCX (the ids of its word/ parts numbered from 1).
 */
export function datePackage(bytes: Uint8Array, iso: string, renumberWordIds = false): Uint8Array {
  const entries = unzipSync(bytes);
  const mtime = zipTime(iso);
  const ids = new Renumbering();
  const out: Zippable = {};
  for (const [name, data] of Object.entries(entries)) {
    let content = data;
    if (name === 'docProps/core.xml') content = strToU8(coreDates(strFromU8(data), iso));
    else if (renumberWordIds && name.startsWith('word/') && name.endsWith('.xml')) content = strToU8(ids.part(strFromU8(data)));
    out[name] = [content, { mtime }];
  }
  return zipSync(out, { level: 6 });
}
