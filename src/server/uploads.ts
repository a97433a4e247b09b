// One upload (a multipart form) into its own folder: the department files (YAML, Excel, zips of a
// city's folder), the prior-year files, and the form's choices. The size limit holds for the whole
// upload: past it, the rest of the request is read and dropped (so the browser gets the answer
// instead of a broken connection) and the upload is refused. File names from the browser are only
// used as safe names (batch/names.ts); a zip is unpacked by unzip.ts.
import { createWriteStream } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { safeName } from '../batch/names.js';
import { megabytes, Refusal } from './options.js';
import { unzipUpload, type UnzipLimits } from './unzip.js';

/** A file of the upload, saved under a safe name. */
export interface SavedFile {
  /** The name the browser sent (shown to the user). */
  readonly original: string;
  /** Where it was saved. */
  readonly path: string;
  /** The safe name it was saved under. */
  readonly name: string;
}

/** What the upload form sent. */
export interface Received {
  readonly files: readonly SavedFile[];
  readonly prior: readonly SavedFile[];
  /** The form's text fields (last value of each). */
  readonly fields: Readonly<Record<string, string>>;
}

/** Field names of the upload form. */
export const FILE_FIELDS = { files: 'files', prior: 'prior' } as const;

/** Counts the bytes of the whole upload; past the limit it drops them (the rest is still read). */
class UploadBudget extends Transform {
  constructor(private readonly state: { bytes: number; over: boolean }, private readonly limit: number) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.state.bytes += chunk.length;
    if (this.state.bytes > this.limit) this.state.over = true;
    done(null, this.state.over ? undefined : chunk);
  }
}

/** A name not yet used in `used` (`x.yaml`, `x (2).yaml` …). */
function unique(name: string, used: Set<string>): string {
  const ext = extname(name);
  const stem = name.slice(0, name.length - ext.length);
  let candidate = name;
  for (let i = 2; used.has(candidate.toLowerCase()); i++) candidate = `${stem} (${i})${ext}`;
  used.add(candidate.toLowerCase());
  return candidate;
}

function tooLarge(request: FastifyRequest, limit: number): Refusal {
  const length = Number(request.headers['content-length']);
  const size = Number.isFinite(length) && length > limit ? `（这次约 ${megabytes(length)}）` : '';
  return new Refusal(`上传的文件太大${size}：一次最多上传 ${megabytes(limit)}。一个部门的数据文件通常不到 1 MB，请检查是否选错了文件，或分批上传`, 413);
}

/**
 * Save the multipart upload of `request` under `dir` (`files/` and `prior/`). Throws a Refusal for
 * an upload that is too large or not a form upload; the caller removes `dir` then.
 */
export async function receiveUpload(request: FastifyRequest, dir: string, maxBytes: number): Promise<Received> {
  if (!request.isMultipart()) throw new Refusal('请用页面上的“上传”按钮选择文件后提交');
  const budget = { bytes: 0, over: false };
  const saved: Record<'files' | 'prior', SavedFile[]> = { files: [], prior: [] };
  const used: Record<'files' | 'prior', Set<string>> = { files: new Set(), prior: new Set() };
  const fields: Record<string, string> = {};
  let truncated = false;
  try {
    for await (const part of request.parts({ limits: { fileSize: maxBytes, files: 2000, fields: 20, fieldSize: 10_000 } })) {
      if (part.type === 'field') {
        if (typeof part.value === 'string') fields[part.fieldname] = part.value;
        continue;
      }
      const field = part.fieldname === FILE_FIELDS.prior ? 'prior' : part.fieldname === FILE_FIELDS.files ? 'files' : undefined;
      // an empty file input still sends a part without a name
      if (!field || !part.filename || budget.over) {
        part.file.resume();
        await new Promise((done) => part.file.once('end', done));
        continue;
      }
      // browsers send a base name; anything else is cut to its last part
      const original = part.filename.split(/[\\/]/).pop() || part.filename;
      const folder = join(dir, field);
      await mkdir(folder, { recursive: true });
      const name = unique(safeName(original), used[field]);
      const path = join(folder, name);
      await pipeline(part.file, new UploadBudget(budget, maxBytes), createWriteStream(path, { flags: 'wx' }));
      if (part.file.truncated) {
        truncated = true;
        budget.over = true;
      }
      saved[field].push({ original, path, name });
    }
  } catch (e) {
    if (e instanceof Refusal) throw e;
    const code = (e as { code?: string }).code;
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') throw new Refusal('一次上传的文件太多；请把一个市的部门文件夹打包成一个 ZIP 压缩包再上传', 413);
    throw new Refusal(`上传没有完成（${(e as Error).message}）；请重新上传`);
  }
  if (budget.over || truncated) throw tooLarge(request, maxBytes);
  return { files: saved.files, prior: saved.prior, fields };
}

/** Whether a saved file is a zip to unpack (by its name: a `.yaml` that holds a zip is the reader's to report). */
function isZip(f: SavedFile): boolean {
  return extname(f.name).toLowerCase() === '.zip';
}

/**
 * Put the saved files into `dest` as a folder of inputs: a single zip is unpacked into it, several
 * zips each into a folder of their own name; other files are moved in as they are.
 */
export async function arrangeInputs(files: readonly SavedFile[], dest: string, limits: UnzipLimits): Promise<void> {
  await mkdir(dest, { recursive: true });
  const zips = files.filter(isZip);
  const used = new Set<string>();
  for (const f of files.filter((f) => !isZip(f))) await rename(f.path, join(dest, unique(f.name, used)));
  for (const z of zips) {
    const into = zips.length === 1 && files.length === 1 ? dest : join(dest, unique(safeName(z.name.slice(0, -'.zip'.length)), used));
    await mkdir(into, { recursive: true });
    await unzipUpload(z.path, into, limits, z.original);
  }
}
