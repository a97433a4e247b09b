// Build many departments: read → validate → derive → compose → write, one department after another
// (or `jobs` at a time), sharing one Chromium. Nothing about one entry stops the others: a department
// with errors, a file that is not department data, a Chromium that dies while printing (it is
// started again and the page printed again), a folder that cannot be written. Each department's
// folder holds, after the run, either its whole new package or nothing of this run (output.ts); a
// department with errors also loses its earlier package, so no stale material is left to be used.
// Problems of the whole run (Chromium cannot start, the disk is full or read-only, the run is
// stopped by Ctrl-C) stop new departments from starting; those not built are reported as such and
// their folders are left as they were.
//
// A department's package is made from its data file, its prior-year file (--prior, prior.ts), its
// profile chain, the dictionary and juesuan itself: their content key (fingerprint.ts) is kept in the
// folder's manifest, and a department whose key and files are as the manifest says is not built again
// (unless `force`). The PDF is printed while the DOCX and XLSX are written: Chromium works in its own
// processes, this one writes the other formats meanwhile.
import { realpath, stat, writeFile } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { checkFile } from '../cli/check.js';
import { fillIns } from '../compose/index.js';
import type { SubjectDictionary } from '../model/dictionary.js';
import type { Document } from '../model/document.js';
import type { Finding } from '../model/finding.js';
import { canonicalTable } from '../forms/canonical.js';
import { fixedRowSpecs } from '../forms/layout.js';
import { describeIoError, ioErrorCode, isIoError } from '../readers/io-errors.js';
// the writers the main thread runs, one by one: the DOCX and XLSX writers (and their libraries) load on the writer thread
import { fontFaceCss } from '../writers/fonts.js';
import { defaultHtmlOptions, writeHtml } from '../writers/html.js';
import type { Format } from '../writers/formats.js';
import { tableBookmarks } from '../writers/pdf-outline.js';
import { BrowserCrashedError, BrowserUnavailableError, PdfRenderer, RendererClosedError } from '../writers/pdf.js';
import { cellLimitProblem } from './limits.js';
import { collisionKey, safeFileName, safeName } from './names.js';
import { commitPackage, foreignOwner, InterruptedError, removePackage } from './output.js';
import { Fingerprints, type KeyInputs } from './fingerprint.js';
import { OUTPUT_MARKER, readManifest, type BuildRecord } from './manifest.js';
import { fileHash, identityOf, type PriorIndex } from './prior.js';
import { summarize, type DepartmentSummary } from './summary.js';
import { WriterThread } from './writer-thread.js';
import type { ThreadFormat } from './writer-worker.js';

/** The options of one build run (the CLI's flags). */
export interface BuildOptions {
  readonly outDir: string;
  readonly formats: readonly Format[];
  /** Overrides the profile named in each department file. */
  readonly profile?: string;
  readonly jobs: number;
  /**
   * When the run was made, recorded in each manifest. The files' own dates never come from it: they
   * are the data's (derive/report-date.ts), so the same inputs give the same bytes.
   */
  readonly createdAt?: string;
  /** `--draft`: build although text is missing, with placeholders and a 草稿 mark on every page. */
  readonly draft?: boolean;
  /** `--prior`: last year's files, paired with each department (prior.ts). */
  readonly prior?: PriorIndex;
  /** `--force`: build every department, also those whose package is up to date. */
  readonly force?: boolean;
}

/** One input to build: the file as the user sees it and its output folder under `outDir`. */
export interface BuildEntry {
  readonly file: string;
  /** Output folder parts under `outDir`, already safe names. */
  readonly outParts: readonly string[];
  /** Problems found before reading (the file could not even be listed): reported, not built. */
  readonly findings?: readonly Finding[];
}

/**
 * built: the whole package is in its folder (made now, or `unchanged` from an earlier run). failed: the
 * department's data or files are at fault. skipped: the run stopped first.
 */
export type BuildStatus = 'built' | 'failed' | 'skipped';

/** What became of one entry. */
export interface BuildResult {
  readonly file: string;
  /** The department's output folder. */
  readonly dir: string;
  readonly status: BuildStatus;
  /** status === 'built'. */
  readonly ok: boolean;
  readonly findings: readonly Finding[];
  /** Paths written. */
  readonly outputs: readonly string[];
  /** Why a department was not built, when it is not (only) its findings: one Chinese sentence. */
  readonly failure?: string;
  /** Files of an earlier build removed: the department failed, or the new package no longer has them. */
  readonly removedStale?: readonly string[];
  /** Chromium died while printing this department; it was started again and the PDF printed again. */
  readonly reprinted?: boolean;
  /** The package in its folder was already made from the same inputs: nothing was written. */
  readonly unchanged?: boolean;
  /** The department's name and key figures, for the city summary (when it was checked without errors). */
  readonly summary?: DepartmentSummary;
  /** The prior-year file the department was paired with (--prior). */
  readonly prior?: string;
  readonly seconds: number;
}

/** File names inside a department's folder, made safe in one place (names.ts). */
export function outputName(doc: Document, format: Format): string {
  const title = doc.meta.title;
  if (format !== 'xlsx' || title.endsWith('审核用')) return safeFileName(title, `.${format}`);
  return safeFileName(title, `${title.endsWith('部门决算') ? '公开表' : '表'}.xlsx`);
}

/**
 * Characters the charts of any department may hold — 01表's row labels (income lines, 支出功能分类 类),
 * the parts of 支出 and 三公, the bars' categories, figures and units — so that the DOCX charts' font is
 * subset once for the run (a chart with a character outside it subsets again).
 */
const CHART_TEXT = `${fixedRowSpecs(canonicalTable('T01')).map((r) => r.label ?? '').join('')}收支总计财政拨款一般公共预算基本项目上缴上级经营对附属单位补助因公出国（境）费公务用车购置及运行维护接待万元年0123456789.%`;

/** Errors after which no other department can be written either. */
const RUN_STOPPING_IO = new Set(['ENOSPC', 'EDQUOT', 'EROFS']);

/**
 * The result of an entry that shares its output folder `dir` with `others` (IN-OUTPUT): neither is built.
 * Used by the local build and by the queue's client alike.
 */
export function collisionResult(entry: BuildEntry, others: readonly BuildEntry[], dir: string): BuildResult {
  const finding: Finding = {
    ruleId: 'IN-OUTPUT',
    severity: 'error',
    message: `${entry.file} 与 ${others.map((o) => o.file).join('、')} 的输出文件夹都是 ${dir}，两个部门不能共用一个文件夹，都未生成`,
    location: { file: entry.file, line: 1, column: 1 },
    related: others.map((o) => ({ file: o.file, line: 1, column: 1 })),
    note: '请改其中一个文件的名字，或把它们放在不同的文件夹中再选上一级文件夹生成',
  };
  return { file: entry.file, dir, status: 'failed', ok: false, findings: [finding], outputs: [], seconds: 0 };
}

/** Builds the entries of one run, sharing one Chromium and one writer thread; `stop` ends the run early. */
export class Builder {
  private readonly pdf = new PdfRenderer();
  /** DOCX and XLSX are written on a thread of their own while Chromium prints. */
  private readonly thread = new WriterThread(CHART_TEXT);
  private readonly htmlOptions = { ...defaultHtmlOptions, fontFaceCss: fontFaceCss() };
  private readonly fingerprints: Fingerprints;
  private stopRequested = false;
  private problem: string | undefined;
  /** Departments whose PDF Chromium died on, and was printed again. */
  private readonly reprinted = new Set<Document>();

  constructor(
    private readonly dict: SubjectDictionary,
    private readonly options: BuildOptions,
  ) {
    this.fingerprints = new Fingerprints(options);
  }

  /** Why the run stopped early (Chromium cannot start, the disk is full …), if it did. */
  get runProblem(): string | undefined {
    return this.problem;
  }

  /** How many times Chromium died during the run and was started again. */
  get chromiumRestarts(): number {
    return this.pdf.restarts;
  }

  /** Whether `stop` was called. */
  get stopped(): boolean {
    return this.stopRequested;
  }

  /** Stop the run (Ctrl-C): no department starts any more, those in hand leave nothing, Chromium is closed. */
  stop(): void {
    if (this.stopRequested) return;
    this.stopRequested = true;
    void this.pdf.close();
    void this.thread.close();
  }

  private halted(): boolean {
    return this.stopRequested || this.problem !== undefined;
  }

  /** The document's PDF; Chromium dying under it (killed, out of memory) is not the department's fault: printed once more by a new Chromium. */
  private async printPdf(doc: Document): Promise<Uint8Array> {
    const html = writeHtml(doc, this.htmlOptions);
    const options = { contentsPageNumbers: true, outline: true, bookmarkTitles: tableBookmarks(doc), meta: doc.meta };
    try {
      return await this.pdf.render(html, options);
    } catch (e) {
      // a second death is the department's failure
      if (!(e instanceof BrowserCrashedError) || this.halted()) throw e;
      this.reprinted.add(doc);
      return this.pdf.render(html, options);
    }
  }

  private dirOf(entry: BuildEntry): string {
    return join(this.options.outDir, ...entry.outParts);
  }

  private skipped(entry: BuildEntry, findings: readonly Finding[] = [], started = performance.now()): BuildResult {
    const failure = this.stopRequested ? '运行被中断，未处理' : `运行中止，未处理：${this.problem ?? ''}`;
    return { file: entry.file, dir: this.dirOf(entry), status: 'skipped', ok: false, findings, outputs: [], failure, seconds: (performance.now() - started) / 1000 };
  }

  /**
   * The package in `dir` when it was made from the same inputs and still holds its files as made:
   * the department need not be built again. Read from the manifest alone, without reading the data.
   */
  private async upToDate(dir: string, input: string, data: string): Promise<{ record: BuildRecord; files: string[] } | undefined> {
    if (this.options.force) return undefined;
    const m = await readManifest(dir);
    const record = m?.build;
    if (!m || !record || m.input !== input || record.inputs.data !== data) return undefined;
    // the same data file is the same department: paired with the prior-year files as they are now
    const paired = this.pairing(record.identity);
    if (this.fingerprints.key({ ...record.inputs, prior: paired }) !== record.key) return undefined;
    const files = m.files.map((n) => join(dir, n));
    const sizes = await Promise.all(files.map((f) => stat(f).then((s) => s.size, () => -1)));
    return m.files.every((n, i) => record.sizes[n] === sizes[i]) ? { record, files } : undefined;
  }

  /** The prior-year file a department is paired with, by its identity (none without --prior or a pair). */
  private pairing(identity: BuildRecord['identity']): KeyInputs['prior'] {
    const paired = this.options.prior?.pair(identity, { file: '', line: 1, column: 1 });
    return paired && 'file' in paired ? { file: paired.file.file, hash: paired.file.hash } : null;
  }

  /** Build one entry; never throws for anything the input or the file system can cause. */
  async buildOne(entry: BuildEntry): Promise<BuildResult> {
    const started = performance.now();
    const dir = this.dirOf(entry);
    const input = await realpath(entry.file).catch(() => resolve(entry.file));
    const done = (status: 'built' | 'failed', findings: readonly Finding[], extra: Partial<BuildResult> = {}): BuildResult => ({
      file: entry.file,
      dir,
      status,
      ok: status === 'built',
      findings,
      outputs: [],
      ...extra,
      seconds: (performance.now() - started) / 1000,
    });
    // a department that failed loses its earlier package (never files it did not make)
    const failed = async (findings: readonly Finding[], failure?: string): Promise<BuildResult> => {
      const removed = await removePackage(dir, input).catch(() => [] as string[]);
      return done('failed', findings, { ...(failure ? { failure } : {}), ...(removed.length ? { removedStale: removed } : {}) });
    };
    if (this.halted()) return this.skipped(entry);
    if (entry.findings?.length) return failed(entry.findings);
    const owner = await foreignOwner(dir, input);
    if (owner) {
      return done('failed', [], { failure: `输出文件夹 ${dir} 中是另一个数据文件 ${owner} 生成的材料，不能用 ${entry.file} 覆盖（请改文件名，或用另一个 --out 输出文件夹）` });
    }
    // the data file's hash (a file that cannot be read, or is no regular file, is reported by the reader below)
    const data = await fileHash(entry.file);
    const current = data ? await this.upToDate(dir, input, data) : undefined;
    if (current) {
      const { record, files } = current;
      return done('built', record.findings, { outputs: files, unchanged: true, summary: record.summary, ...(record.inputs.prior ? { prior: record.inputs.prior.file } : {}) });
    }
    // to be built: Chromium and the writer thread start (once) while the department is read and checked
    if (this.options.formats.includes('pdf')) this.pdf.warm();
    if (this.options.formats.some((f) => f !== 'pdf')) this.thread.warm();
    let findings: readonly Finding[] = [];
    try {
      const checked = await checkFile(entry.file, this.dict, {
        ...(this.options.profile ? { profile: this.options.profile } : {}),
        ...(this.options.draft ? { draft: true } : {}),
        ...(this.options.prior ? { prior: this.options.prior } : {}),
      });
      findings = checked.findings;
      const doc = checked.document;
      if (!checked.ok || !doc || !checked.model) return await failed(findings);
      // a published package never carries a placeholder: checkFile made each one an error, so one
      // here is a template that emits a placeholder the findings did not see
      if (!doc.meta.draft && fillIns(doc).length) return await failed(findings, `材料中仍有待填写的内容：${fillIns(doc).map((f) => f.text).join('；')}`);
      const limit = cellLimitProblem(doc) ?? (checked.audit ? cellLimitProblem(checked.audit) : undefined);
      if (limit) return await failed(findings, limit);
      // all formats at once: the DOCX and XLSX are written while Chromium prints the PDF
      const audit = checked.audit && this.options.formats.includes('xlsx') ? checked.audit : undefined;
      const offThread = this.options.formats.filter((f): f is ThreadFormat => f !== 'pdf');
      const [pdf, written, audited] = await Promise.all([
        this.options.formats.includes('pdf') ? this.printPdf(doc) : undefined,
        this.thread.write(doc, offThread),
        // the checking aids (项目支出绩效自评汇总表) go into a file of their own, never into the public package
        audit ? this.thread.write(audit, ['xlsx']) : [],
      ]);
      const bytesOf = (format: Format) => (format === 'pdf' ? pdf! : written[offThread.indexOf(format)]!);
      const files = [
        ...this.options.formats.map((format) => ({ name: outputName(doc, format), bytes: bytesOf(format) })),
        ...(audit ? [{ name: outputName(audit, 'xlsx'), bytes: audited[0]! }] : []),
      ];
      if (this.halted()) return this.skipped(entry, findings, started);
      const summary = summarize(checked.model);
      const identity = identityOf(checked.dataset!);
      const priorFile = this.pairing(identity);
      const inputs: KeyInputs = { data: data ?? '', prior: priorFile, ...(identity.profile ? { profile: identity.profile } : {}) };
      const key = data ? this.fingerprints.key(inputs) : undefined;
      const build: BuildRecord | undefined = key
        ? { key, inputs, identity, sizes: Object.fromEntries(files.map((f) => [f.name, f.bytes.length])), summary, findings }
        : undefined;
      const { outputs, removed } = await commitPackage(dir, files, { input, builtAt: this.options.createdAt ?? new Date().toISOString(), ...(build ? { build } : {}), aborted: () => this.halted() });
      const reprinted = this.reprinted.delete(doc);
      return done('built', findings, { outputs, summary, ...(priorFile ? { prior: priorFile.file } : {}), ...(removed.length ? { removedStale: removed } : {}), ...(reprinted ? { reprinted } : {}) });
    } catch (e) {
      return this.failure(entry, dir, findings, e, started, failed);
    }
  }

  private async failure(
    entry: BuildEntry,
    dir: string,
    findings: readonly Finding[],
    e: unknown,
    started: number,
    failed: (findings: readonly Finding[], failure?: string) => Promise<BuildResult>,
  ): Promise<BuildResult> {
    if (e instanceof InterruptedError || e instanceof RendererClosedError) return this.skipped(entry, findings, started);
    if (e instanceof BrowserUnavailableError) {
      this.problem ??= e.message;
      return this.skipped(entry, findings, started);
    }
    if (e instanceof BrowserCrashedError) return failed(findings, `${e.message}，重新启动后再次打印仍然失败，该部门未生成（其他部门照常生成）`);
    if (isIoError(e)) {
      const code = ioErrorCode(e)!;
      const path = (e as { path?: string }).path ?? dir;
      const message = describeIoError(e, '写入', path);
      if (RUN_STOPPING_IO.has(code)) {
        this.problem ??= message;
        return this.skipped(entry, findings, started);
      }
      return failed(findings, message);
    }
    return failed(findings, `生成 ${entry.file} 的材料时程序出错（请把这个文件交给维护人员）：${e instanceof Error ? e.message : String(e)}`);
  }

  /** Entries whose output folders would be the same (also on a file system that ignores case): none of them is built. */
  private collisions(entries: readonly BuildEntry[]): Map<BuildEntry, BuildEntry[]> {
    const byKey = new Map<string, BuildEntry[]>();
    for (const e of entries) {
      const key = collisionKey(e.outParts);
      byKey.set(key, [...(byKey.get(key) ?? []), e]);
    }
    const out = new Map<BuildEntry, BuildEntry[]>();
    for (const group of byKey.values()) if (group.length > 1) for (const e of group) out.set(e, group.filter((o) => o !== e));
    return out;
  }

  /**
   * Build every entry, `jobs` at a time; `onResult` is called as each one finishes. Always returns one
   * result per entry. A plain path is an entry whose output folder is its file name without extension.
   */
  async buildAll(inputs: readonly (BuildEntry | string)[], onResult: (r: BuildResult, index: number) => void): Promise<BuildResult[]> {
    const entries = inputs.map((e): BuildEntry => (typeof e === 'string' ? { file: e, outParts: [safeName(basename(e, extname(e)))] } : e));
    // the output folder says it is one: a later run over a folder holding it never takes its files as input
    await writeFile(join(this.options.outDir, OUTPUT_MARKER), '{"generator":"juesuan"}\n').catch(() => undefined);
    const results: BuildResult[] = new Array(entries.length);
    const clashes = this.collisions(entries);
    let next = 0;
    let finished = 0;
    const one = async (entry: BuildEntry): Promise<BuildResult> => {
      const others = clashes.get(entry);
      return others ? collisionResult(entry, others, this.dirOf(entry)) : this.buildOne(entry);
    };
    const worker = async () => {
      while (next < entries.length) {
        const i = next++;
        const entry = entries[i]!;
        // a fault of the program on one department must not stop the others
        results[i] = await one(entry).catch((e: unknown): BuildResult => ({
          file: entry.file,
          dir: this.dirOf(entry),
          status: 'failed',
          ok: false,
          findings: [],
          outputs: [],
          failure: `生成 ${entry.file} 的材料时程序出错（请把这个文件交给维护人员）：${e instanceof Error ? e.message : String(e)}`,
          seconds: 0,
        }));
        onResult(results[i]!, finished++);
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.max(1, Math.min(this.options.jobs, entries.length)) }, worker));
    } finally {
      await Promise.all([this.pdf.close(), this.thread.close()]);
    }
    return results;
  }
}
