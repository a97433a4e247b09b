// Build many departments: read → validate → derive → compose → write, one department after another
// (or `jobs` at a time), sharing one Chromium. A department with errors gets no files and is reported;
// the others are still built. Files are written to a temporary name and renamed, all of a department
// at once, so a folder never holds half a package.
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { checkFile } from '../cli/check.js';
import { fillIns } from '../compose/index.js';
import type { SubjectDictionary } from '../model/dictionary.js';
import type { Document } from '../model/document.js';
import type { Finding } from '../model/finding.js';
import { fontFaceCss, PdfRenderer, setPdfInfo, writeDocx, writeHtml, writeXlsx, defaultDocxOptions, defaultHtmlOptions, type Format } from '../writers/index.js';
import { ChartRasterizer } from '../writers/chart.js';
import type { Chart } from '../model/document.js';

export interface BuildOptions {
  readonly outDir: string;
  readonly formats: readonly Format[];
  /** Overrides the profile named in each department file. */
  readonly profile?: string;
  readonly jobs: number;
  /** Timestamp written into the files' metadata. */
  readonly createdAt: string;
  /** `--draft`: build although text is missing, with placeholders and a 草稿 mark on every page. */
  readonly draft?: boolean;
}

export interface BuildResult {
  readonly file: string;
  readonly ok: boolean;
  readonly findings: readonly Finding[];
  /** Paths written. */
  readonly outputs: readonly string[];
  /** A problem outside the data (profile missing, writer failure). */
  readonly failure?: string;
  /** Files of an earlier build removed because this build failed (so no stale package is left). */
  readonly removedStale?: readonly string[];
  readonly seconds: number;
}

type Writer = (doc: Document) => Promise<Uint8Array>;

function writersFor(pdf: PdfRenderer, charts: ChartRasterizer): Readonly<Record<Format, Writer>> {
  const htmlOptions = { ...defaultHtmlOptions, fontFaceCss: fontFaceCss() };
  return {
    pdf: async (doc) => setPdfInfo(await pdf.render(writeHtml(doc, htmlOptions)), doc.meta),
    docx: async (doc) => {
      await charts.prepare(doc.sections.flatMap((s) => s.blocks).filter((b): b is Chart => b.type === 'chart'));
      return writeDocx(doc, { ...defaultDocxOptions, chartPng: (c) => charts.png(c) });
    },
    xlsx: (doc) => writeXlsx(doc),
  };
}

/** File names inside a department's folder; characters Windows refuses are replaced. */
export function outputName(doc: Document, format: Format): string {
  const base = doc.meta.title.replace(/[\\/:*?"<>|]/g, '_');
  if (format !== 'xlsx' || base.endsWith('审核用')) return `${base}.${format}`;
  return `${base}${base.endsWith('部门决算') ? '公开表' : '表'}.xlsx`;
}

export function departmentDir(outDir: string, file: string): string {
  return join(outDir, basename(file, extname(file)));
}

async function writeAtomically(dir: string, files: readonly { name: string; bytes: Uint8Array }[]): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const temps: string[] = [];
  try {
    for (const f of files) {
      const temp = join(dir, `.juesuan-tmp-${process.pid}-${f.name}`);
      await writeFile(temp, f.bytes);
      temps.push(temp);
    }
    const out: string[] = [];
    for (let i = 0; i < files.length; i++) {
      const target = join(dir, files[i]!.name);
      await rename(temps[i]!, target);
      out.push(target);
    }
    return out;
  } catch (e) {
    await Promise.all(temps.map((t) => rm(t, { force: true })));
    throw e;
  }
}

/** Remove the generated files of an earlier build from a department's folder. */
async function removeStaleOutputs(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const stale = names.filter((n) => /\.(pdf|docx|xlsx)$/.test(n) || n.startsWith('.juesuan-tmp-')).map((n) => join(dir, n));
  await Promise.all(stale.map((f) => rm(f, { force: true })));
  return stale;
}

export class Builder {
  private readonly pdf = new PdfRenderer();
  private readonly charts = new ChartRasterizer();
  private readonly writers = writersFor(this.pdf, this.charts);

  constructor(
    private readonly dict: SubjectDictionary,
    private readonly options: BuildOptions,
  ) {}

  async buildOne(file: string): Promise<BuildResult> {
    const started = performance.now();
    const result = await this.attempt(file);
    const removedStale = result.ok ? [] : await removeStaleOutputs(departmentDir(this.options.outDir, file));
    return { file, ...result, ...(removedStale.length ? { removedStale } : {}), seconds: (performance.now() - started) / 1000 };
  }

  private async attempt(file: string): Promise<Omit<BuildResult, 'seconds' | 'file'>> {
    const checked = await checkFile(file, this.dict, {
      ...(this.options.profile ? { profile: this.options.profile } : {}),
      ...(this.options.draft ? { draft: true } : {}),
      createdAt: this.options.createdAt,
    });
    const doc = checked.document;
    if (!checked.ok || !doc) return { ok: false, findings: checked.findings, outputs: [] };
    try {
      // a published package never carries a placeholder: checkFile made each one an error, so one
      // here is a template that emits a placeholder the findings did not see
      if (!doc.meta.draft && fillIns(doc).length) throw new Error(`材料中仍有待填写的内容：${fillIns(doc).map((f) => f.text).join('；')}`);
      const files = [];
      for (const format of this.options.formats) files.push({ name: outputName(doc, format), bytes: await this.writers[format](doc) });
      // the checking aids (项目支出绩效自评汇总表) go into a file of their own, never into the public package
      if (checked.audit && this.options.formats.includes('xlsx')) files.push({ name: outputName(checked.audit, 'xlsx'), bytes: await this.writers.xlsx(checked.audit) });
      const outputs = await writeAtomically(departmentDir(this.options.outDir, file), files);
      return { ok: true, findings: checked.findings, outputs };
    } catch (e) {
      return { ok: false, findings: checked.findings, outputs: [], failure: (e as Error).message };
    }
  }

  /** Build every file, `jobs` at a time; `onResult` is called as each department finishes. */
  async buildAll(files: readonly string[], onResult: (r: BuildResult, index: number) => void): Promise<BuildResult[]> {
    const results: BuildResult[] = new Array(files.length);
    let next = 0;
    let finished = 0;
    const worker = async () => {
      while (next < files.length) {
        const i = next++;
        results[i] = await this.buildOne(files[i]!);
        onResult(results[i]!, finished++);
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.max(1, Math.min(this.options.jobs, files.length)) }, worker));
    } finally {
      await this.pdf.close();
      this.charts.close();
    }
    return results;
  }
}
