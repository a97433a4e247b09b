// DOCX and XLSX are zip packages whose libraries stamp the clock on every entry (and docx on its core
// properties): the package is written again with the document's own date, so the same document is
// the same file, byte for byte. docx also numbers bookmarks and drawings from counters that live as
// long as the process, so a document's ids would depend on the documents written before it: they are
// numbered again. An entry whose content does not change keeps its compressed bytes (only its date is
// new); an entry that changes is inflated and deflated again with fflate.
import { crc32 } from 'node:zlib';
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';

/** MS-DOS date and time (local time by definition: the UTC fields of `iso` are written as they are). */
function dosDateTime(iso: string): { time: number; date: number } {
  const d = new Date(iso);
  const year = Math.max(1980, d.getUTCFullYear());
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
    date: ((year - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

/** The core properties' creation and modification dates set to `iso` (W3CDTF, seconds). */
function coreDates(xml: string, iso: string): string {
  const stamp = `${iso.slice(0, 19)}Z`;
  return xml.replace(/(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(<\/dcterms:(?:created|modified)>)/g, `$1${stamp}$2`);
}

/** Ids numbered in order of first appearance, one numbering per kind, shared by every part of the package. */
class Renumbering {
  private readonly kinds = new Map<string, Map<string, number>>();

  private next(kind: string, id: string): number {
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

/** One entry of a zip file as its central directory describes it. */
interface Entry {
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  /** The central directory record's bytes (from its signature to the end of its comment). */
  readonly central: Uint8Array;
  /** The local header's bytes and the compressed data. */
  readonly header: Uint8Array;
  readonly data: Uint8Array;
}

/** The entries of a zip file (no zip64, no encryption: what docx and exceljs write). */
function readEntries(zip: Uint8Array): Entry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = zip.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  if (end < 0) throw new Error('not a zip file');
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error('broken zip central directory');
    const nameLength = view.getUint16(at + 28, true);
    const centralLength = 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    const compressedSize = view.getUint32(at + 20, true);
    const local = view.getUint32(at + 42, true);
    const headerLength = 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    entries.push({
      name: strFromU8(zip.subarray(at + 46, at + 46 + nameLength)),
      flags: view.getUint16(at + 8, true),
      method: view.getUint16(at + 10, true),
      crc: view.getUint32(at + 16, true),
      compressedSize,
      size: view.getUint32(at + 24, true),
      central: zip.subarray(at, at + centralLength),
      header: zip.subarray(local, local + headerLength),
      data: zip.subarray(local + headerLength, local + headerLength + compressedSize),
    });
    at += centralLength;
  }
  return entries;
}

/**
 * The zip package with every entry dated `iso` (unchanged entries keep their compressed bytes) and
 * docProps/core.xml dated `iso`; `renumberWordIds` for a DOCX (the ids of its word/ parts numbered from 1).
 */
export function datePackage(bytes: Uint8Array, iso: string, renumberWordIds = false): Uint8Array {
  const { time, date } = dosDateTime(iso);
  const ids = new Renumbering();
  const parts: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const e of readEntries(bytes)) {
    let edit: ((text: string) => string) | undefined;
    if (e.name === 'docProps/core.xml') edit = (xml) => coreDates(xml, iso);
    else if (renumberWordIds && e.name.startsWith('word/') && e.name.endsWith('.xml')) edit = (xml) => ids.part(xml);
    let { data, crc, compressedSize, size, method } = e;
    if (edit) {
      const plain = e.method === 8 ? inflateSync(e.data, { out: new Uint8Array(e.size) }) : e.data;
      const text = strFromU8(plain);
      const changed = edit(text);
      if (changed !== text) {
        const raw = strToU8(changed);
        data = deflateSync(raw, { level: 6 });
        [crc, compressedSize, size, method] = [crc32(raw), data.length, raw.length, 8];
      }
    }
    // local header: date, time, method, sizes and CRC as now; no data descriptor (flag bit 3 cleared)
    const header = e.header.slice();
    const h = new DataView(header.buffer);
    h.setUint16(6, e.flags & ~0x8, true);
    h.setUint16(8, method, true);
    h.setUint16(10, time, true);
    h.setUint16(12, date, true);
    h.setUint32(14, crc, true);
    h.setUint32(18, compressedSize, true);
    h.setUint32(22, size, true);
    const central = e.central.slice();
    const c = new DataView(central.buffer);
    c.setUint16(8, e.flags & ~0x8, true);
    c.setUint16(10, method, true);
    c.setUint16(12, time, true);
    c.setUint16(14, date, true);
    c.setUint32(16, crc, true);
    c.setUint32(20, compressedSize, true);
    c.setUint32(24, size, true);
    c.setUint32(42, offset, true);
    parts.push(header, data);
    centrals.push(central);
    offset += header.length + data.length;
  }
  const centralSize = centrals.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const v = new DataView(end.buffer);
  v.setUint32(0, 0x06054b50, true);
  v.setUint16(8, centrals.length, true);
  v.setUint16(10, centrals.length, true);
  v.setUint32(12, centralSize, true);
  v.setUint32(16, offset, true);
  return Buffer.concat([...parts, ...centrals, end]);
}
