// The writer thread (writer-thread.ts): DOCX and XLSX written off the build's main thread, so that
// Chromium, which the main thread drives step by step, prints while a document's Word and Excel files
// are made. Messages in: { id, format, doc, chartText } or { close: true }; out: { dir } once, then
// { id, bytes } or { id, error } for each document.
import { parentPort } from 'node:worker_threads';
import type { Chart, Document } from '../model/document.js';
import { ChartRasterizer } from '../writers/chart.js';
import { defaultDocxOptions, writeDocx } from '../writers/docx.js';
import { writeXlsx } from '../writers/xlsx.js';

/** A document to write, as the main thread sends it. */
export interface WriteRequest {
  readonly id: number;
  readonly format: 'docx' | 'xlsx';
  readonly doc: Document;
  /** Characters the charts of the run may hold (the font is subset once for them). */
  readonly chartText: string;
}

const port = parentPort!;
const charts = new ChartRasterizer();
// the main thread removes the charts' folder when this thread is gone, however it ends
port.postMessage({ dir: charts.folder });

async function write(r: WriteRequest): Promise<Uint8Array> {
  if (r.format === 'xlsx') return writeXlsx(r.doc);
  await charts.prepare(r.doc.sections.flatMap((s) => s.blocks).filter((b): b is Chart => b.type === 'chart'), r.chartText);
  return writeDocx(r.doc, { ...defaultDocxOptions, chartPng: (c) => charts.png(c) });
}

port.on('message', (m: WriteRequest | { close: true }) => {
  if ('close' in m) {
    charts.close();
    port.close();
    return;
  }
  write(m).then(
    // the bytes' memory is handed over when they own it whole (never a slice of a shared pool)
    (bytes) => port.postMessage({ id: m.id, bytes }, bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? [bytes.buffer as ArrayBuffer] : []),
    (e: unknown) => port.postMessage({ id: m.id, error: e instanceof Error ? e.message : String(e) }),
  );
});
