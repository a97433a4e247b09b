// DOCX and XLSX are zip packages whose libraries stamp the clock on every entry (and docx on its core
// properties): the package is written again with the document's own date, so the same document is
// the same file, byte for byte. fflate reads and writes the zip; nothing is recompressed by hand.
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

/** The zip package with every entry dated `iso` and docProps/core.xml dated `iso`, entries in their order. */
export function datePackage(bytes: Uint8Array, iso: string): Uint8Array {
  const entries = unzipSync(bytes);
  const mtime = zipTime(iso);
  const out: Zippable = {};
  for (const [name, data] of Object.entries(entries)) {
    const content = name === 'docProps/core.xml' ? strToU8(coreDates(strFromU8(data), iso)) : data;
    out[name] = [content, { mtime }];
  }
  return zipSync(out, { level: 6 });
}
