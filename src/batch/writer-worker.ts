// The writer thread (writer-thread.ts): DOCX and XLSX written off the build's main thread, so that
// Chromium, which the main thread drives step by step, prints while a document's Word and Excel files
// are made. Messages in: { id, formats, doc, chartText } or { close: true }; out: { dir } once, then
// { id, files } (in the order of `formats`) or { id, error } for each document.
import { parentPort } from 'node:worker_threads';
import type { Chart, Document } from '../model/document.js';
import { ChartRasterizer } from '../writers/chart.js';
import { defaultDocxOptions, writeDocx } from '../writers/docx.js';
import { writeXlsx } from '../writers/xlsx.js';

/** The formats written on the thread. */
export type ThreadFormat = 'docx' | 'xlsx';

/** A document to write, in one or more formats (sent once: copying a document to the thread takes time). */
export interface WriteRequest {
  readonly id: number;
  readonly formats: readonly ThreadFormat[];
  readonly doc: Document;
  /** Characters the charts of the run may hold (the font is subset once for them). */
  readonly chartText: string;
}

const port = parentPort!;
const charts = new ChartRasterizer();
// the main thread removes the charts' folder when this thread is gone, however it ends
port.postMessage({ dir: charts.folder });

async function write(doc: Document, format: ThreadFormat, chartText: string): Promise<Uint8Array> {
  if (format === 'xlsx') return writeXlsx(doc);
  await charts.prepare(doc.sections.flatMap((s) => s.blocks).filter((b): b is Chart => b.type === 'chart'), chartText);
  return writeDocx(doc, { ...defaultDocxOptions, chartPng: (c) => charts.png(c) });
}

/** Whether the bytes own their memory whole (then it is handed over, never a slice of a shared pool). */
const owns = (b: Uint8Array) => b.byteOffset === 0 && b.byteLength === b.buffer.byteLength;

port.on('message', (m: WriteRequest | { close: true }) => {
  if ('close' in m) {
    charts.close();
    port.close();
    return;
  }
  Promise.all(m.formats.map((f) => write(m.doc, f, m.chartText))).then(
    (files) => port.postMessage({ id: m.id, files }, files.filter(owns).map((b) => b.buffer as ArrayBuffer)),
    (e: unknown) => port.postMessage({ id: m.id, error: e instanceof Error ? e.message : String(e) }),
  );
});
