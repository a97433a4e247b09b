// DOCX and XLSX written in a worker thread (writer-worker.ts). The build's main thread drives
// Chromium through many small steps (load the page, wait for the fonts, print, print the contents
// again) and reads, checks and composes the next department; a DOCX or XLSX written on the same thread
// would hold all of that up for most of a second. On its own thread it is written while Chromium
// prints, on the other core. A thread that cannot start, or dies, is replaced by writing on the main
// thread: the files are the same either way.
import { rmSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { Chart, Document } from '../model/document.js';
import type { ChartRasterizer } from '../writers/chart.js';
import { InterruptedError } from './output.js';
import type { ThreadFormat, WriteRequest } from './writer-worker.js';

type Pending = { resolve: (files: Uint8Array[]) => void; reject: (e: Error) => void; request: WriteRequest };

/** The worker's module: compiled JavaScript beside this file, or TypeScript run through tsx (development and tests). */
function startWorker(): Worker {
  const url = new URL(`./writer-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);
  if (url.pathname.endsWith('.js')) return new Worker(url);
  return new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })`, { eval: true });
}

/** A thread that writes DOCX and XLSX files; `chartText` as ChartRasterizer.prepare's `likely`. */
export class WriterThread {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private next = 0;
  /** The worker's chart folders, removed here whatever way the worker ended. */
  private readonly folders = new Set<string>();
  /** The worker failed: documents are written on this thread from now on (with this rasterizer). */
  private failed = false;
  private local: ChartRasterizer | undefined;
  private closed = false;

  constructor(private readonly chartText: string) {}

  /** Start the thread now (it loads its libraries while the first department is read and checked). */
  warm(): void {
    // (a thread already running keeps its reference while it has documents in hand)
    if (!this.closed && !this.failed && !this.worker) this.ensureWorker().unref();
  }

  /** The document's files in `formats`, in that order. Rejects with the writer's error, or InterruptedError after `close`. */
  write(doc: Document, formats: readonly ThreadFormat[]): Promise<Uint8Array[]> {
    if (this.closed) return Promise.reject(new InterruptedError());
    if (formats.length === 0) return Promise.resolve([]);
    if (this.failed) return this.writeHere(doc, formats);
    const worker = this.ensureWorker();
    const request: WriteRequest = { id: this.next++, formats, doc, chartText: this.chartText };
    // the thread keeps the process alive only while it has documents in hand
    worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(request.id, { resolve, reject, request });
      worker.postMessage(request);
    });
  }

  /** The writers on this thread: loaded only if the thread fails (the main thread does not need them otherwise). */
  private async writeHere(doc: Document, formats: readonly ThreadFormat[]): Promise<Uint8Array[]> {
    const [{ ChartRasterizer }, { defaultDocxOptions, writeDocx }, { writeXlsx }] = await Promise.all([import('../writers/chart.js'), import('../writers/docx.js'), import('../writers/xlsx.js')]);
    const charts = (this.local ??= new ChartRasterizer());
    return Promise.all(
      formats.map(async (format) => {
        if (format === 'xlsx') return writeXlsx(doc);
        await charts.prepare(doc.sections.flatMap((s) => s.blocks).filter((b): b is Chart => b.type === 'chart'), this.chartText);
        return writeDocx(doc, { ...defaultDocxOptions, chartPng: (c) => charts.png(c) });
      }),
    );
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker();
    this.worker = worker;
    worker.on('message', (m: { dir: string } | { id: number; files: Uint8Array[] } | { id: number; error: string }) => {
      if ('dir' in m) return void this.folders.add(m.dir);
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (this.pending.size === 0) worker.unref();
      if ('files' in m) p.resolve(m.files);
      else p.reject(new Error(m.error));
    });
    // the thread could not start or died (out of memory): what it had in hand is written here instead
    const lost = () => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.removeFolders();
      if (this.closed) return;
      this.failed = true;
      for (const [id, p] of this.pending) {
        this.pending.delete(id);
        this.writeHere(p.request.doc, p.request.formats).then(p.resolve, p.reject);
      }
    };
    worker.on('error', lost);
    worker.on('exit', lost);
    return worker;
  }

  private removeFolders(): void {
    for (const f of this.folders) rmSync(f, { recursive: true, force: true });
    this.folders.clear();
  }

  /** Stop the thread (documents in hand are given up: InterruptedError) and remove its temporary files. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const p of this.pending.values()) p.reject(new InterruptedError());
    this.pending.clear();
    const worker = this.worker;
    if (worker) {
      const ended = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage({ close: true });
      // a thread busy with a large document is not waited for
      const timer = setTimeout(() => void worker.terminate(), 2000);
      await ended;
      clearTimeout(timer);
    }
    this.removeFolders();
    this.local?.close();
  }
}
