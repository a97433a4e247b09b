// Chromium writes the document title into the PDF but no author, subject or keywords. This appends
// an incremental update (PDF 1.7 §7.5.6) with a complete document information dictionary: the
// original bytes stay untouched, and readers take the newest trailer.
import type { DocumentMeta } from '../model/document.js';

/** A PDF text string: UTF-16BE with BOM, as hex (no escaping problems with any character). */
function pdfText(s: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < s.length; i++) hex += s.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return `<${hex}>`;
}

/** D:YYYYMMDDHHmmSSZ */
function pdfDate(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `(D:${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z)`;
}

export function setPdfInfo(pdf: Uint8Array, meta: DocumentMeta): Uint8Array {
  const tail = Buffer.from(pdf.subarray(Math.max(0, pdf.length - 4096))).toString('latin1');
  const trailerAt = tail.lastIndexOf('trailer');
  const start = /startxref\s+(\d+)/.exec(tail.slice(trailerAt));
  const size = /\/Size\s+(\d+)/.exec(tail.slice(trailerAt));
  const root = /\/Root\s+(\d+\s+\d+\s+R)/.exec(tail.slice(trailerAt));
  if (trailerAt < 0 || !start || !size || !root) return pdf; // not the classic xref Chromium writes: leave as is
  const id = Number(size[1]);
  const entries = [
    `/Title ${pdfText(meta.title)}`,
    `/Author ${pdfText(meta.author)}`,
    ...(meta.subject ? [`/Subject ${pdfText(meta.subject)}`] : []),
    ...(meta.keywords?.length ? [`/Keywords ${pdfText(meta.keywords.join(', '))}`] : []),
    `/Creator ${pdfText('juesuan')}`,
    `/CreationDate ${pdfDate(meta.createdAt)}`,
    `/ModDate ${pdfDate(meta.createdAt)}`,
  ];
  const head = pdf[pdf.length - 1] === 0x0a ? '' : '\n';
  const object = `${id} 0 obj\n<<${entries.join('\n')}>>\nendobj\n`;
  const objectOffset = pdf.length + head.length;
  const xrefOffset = objectOffset + Buffer.byteLength(object, 'latin1');
  const update =
    head +
    object +
    `xref\n${id} 1\n${String(objectOffset).padStart(10, '0')} 00000 n \n` +
    `trailer\n<</Size ${id + 1}\n/Root ${root[1]}\n/Info ${id} 0 R\n/Prev ${start[1]}>>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.concat([pdf, Buffer.from(update, 'latin1')]);
}
