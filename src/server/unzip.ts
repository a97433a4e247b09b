// Unpacking an uploaded zip (a city's folder of department files) into the upload's own folder.
// Nothing is written before the whole directory of the zip has been checked: a name that climbs out
// (`../x`) or is absolute (`/etc/x`, `C:\x`) refuses the whole zip, and so does a directory that
// promises more than the unpacked-size limit (a zip bomb) or too many files. While unpacking, the
// bytes really written are counted again (the directory may lie; yauzl also checks each entry
// against its stated size). File names are decoded as Windows writes them for Chinese users (GBK
// when the zip does not say UTF-8), and every part of a path is made safe by batch/names.ts.
// Hidden files and the `__MACOSX` folder of macOS zips are left out, as a folder's hidden files are.
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { basename, join, resolve, sep } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { safeName } from '../batch/names.js';
import { megabytes, Refusal } from './options.js';

/** How much a zip may unpack to. */
export interface UnzipLimits {
  readonly maxUnpackedBytes: number;
  readonly maxEntries: number;
}

/** The files written, as paths relative to the destination (with `/`). */
export interface Unzipped {
  readonly files: readonly string[];
}

const UTF8_FLAG = 0x800;
const UNICODE_PATH_FIELD = 0x7075;
const utf8 = new TextDecoder('utf-8', { fatal: true });
// GB18030 is the superset of GBK, the code page of Chinese Windows
const gbk = new TextDecoder('gb18030', { fatal: true });

/** The entry's name as its author saw it. */
function decodeName(e: yauzl.Entry): string {
  const raw = e.fileNameRaw;
  if (e.generalPurposeBitFlag & UTF8_FLAG || e.extraFields.some((f) => f.id === UNICODE_PATH_FIELD)) {
    return yauzl.getFileNameLowLevel(e.generalPurposeBitFlag, raw, e.extraFields, false);
  }
  // no flag: tools that write UTF-8 anyway, else the Chinese Windows code page, else the spec's CP437
  for (const decoder of [utf8, gbk]) {
    try {
      return decoder.decode(raw).replace(/\\/g, '/');
    } catch {
      // not this encoding
    }
  }
  return yauzl.getFileNameLowLevel(e.generalPurposeBitFlag, raw, e.extraFields, false);
}

type Planned = { readonly kind: 'file' | 'dir'; readonly entry: yauzl.Entry; readonly parts: readonly string[] } | { readonly kind: 'skip' };

function isSymlink(e: yauzl.Entry): boolean {
  return ((e.externalFileAttributes >>> 16) & 0o170000) === 0o120000;
}

/** Where one entry goes, or why the zip is refused. */
function plan(e: yauzl.Entry, zipName: string): Planned {
  const name = decodeName(e);
  const path = name.replace(/\\/g, '/');
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) {
    throw new Refusal(`压缩包“${zipName}”中的“${name}”是绝对路径，会写到压缩包以外的位置，为安全起见整个压缩包未处理；请只把部门数据文件夹打包后重新上传`);
  }
  const parts = path.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) {
    throw new Refusal(`压缩包“${zipName}”中的“${name}”含有“..”，会写到压缩包以外的位置，为安全起见整个压缩包未处理；请只把部门数据文件夹打包后重新上传`);
  }
  if (parts.length === 0 || parts.some((p) => p.startsWith('.') || p === '__MACOSX') || isSymlink(e)) return { kind: 'skip' };
  if (path.endsWith('/')) return { kind: 'dir', entry: e, parts: parts.map((p) => safeName(p)) };
  if (e.isEncrypted()) throw new Refusal(`压缩包“${zipName}”中的“${name}”设有密码，无法解压；请去掉密码后重新打包上传`);
  if (!e.canDecodeFileData()) throw new Refusal(`压缩包“${zipName}”中的“${name}”用了不支持的压缩方式；请用 Windows 的“发送到 → 压缩(zipped)文件夹”或 WinRAR、7-Zip 的 ZIP 格式重新打包`);
  return { kind: 'file', entry: e, parts: parts.map((p) => safeName(p)) };
}

/** Counts the bytes really unpacked, across all entries of one zip. */
class Budget extends Transform {
  constructor(
    private readonly state: { written: number },
    private readonly limit: number,
    private readonly zipName: string,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.state.written += chunk.length;
    if (this.state.written > this.limit) done(tooBig(this.zipName, this.limit));
    else done(null, chunk);
  }
}

function tooBig(zipName: string, limit: number): Refusal {
  return new Refusal(`压缩包“${zipName}”解压后超过 ${megabytes(limit)}，已拒绝（可能是“压缩炸弹”）；一个市的部门数据解压后通常只有几 MB，请检查压缩包的内容`, 413);
}

/**
 * Unpack the zip at `zipPath` into the existing folder `dest`. Throws a Refusal (nothing of the
 * zip is kept by the caller) when the zip is not a zip, or is refused for its names or sizes.
 */
export async function unzipUpload(zipPath: string, dest: string, limits: UnzipLimits, zipName = basename(zipPath)): Promise<Unzipped> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(zipPath, { decodeStrings: false, autoClose: false, validateEntrySizes: true });
  } catch {
    throw new Refusal(`“${zipName}”不是有效的 ZIP 压缩包（可能已损坏，或是 RAR、7z 等其他格式）；请用 ZIP 格式重新打包`);
  }
  try {
    if (zip.entryCount > limits.maxEntries) throw new Refusal(`压缩包“${zipName}”中有 ${zip.entryCount} 个文件，超过 ${limits.maxEntries} 个的上限；请分批上传`, 413);
    // the whole directory first: nothing is written from a zip that is refused
    const planned: Planned[] = [];
    let declared = 0;
    try {
      for await (const entry of zip.eachEntry()) {
        const p = plan(entry, zipName);
        planned.push(p);
        if (p.kind === 'file') declared += p.entry.uncompressedSize;
        if (declared > limits.maxUnpackedBytes) throw tooBig(zipName, limits.maxUnpackedBytes);
      }
    } catch (e) {
      if (e instanceof Refusal) throw e;
      throw new Refusal(`压缩包“${zipName}”已损坏，无法读取其中的文件列表（${(e as Error).message}）；请重新打包上传`);
    }
    const root = resolve(dest);
    const state = { written: 0 };
    const files: string[] = [];
    for (const p of planned) {
      if (p.kind === 'skip') continue;
      const target = resolve(root, ...p.parts);
      // the parts are safe names already; this is the last line of defence
      if (!target.startsWith(root + sep)) throw new Refusal(`压缩包“${zipName}”中有指向压缩包以外的路径，已拒绝`);
      if (p.kind === 'dir') {
        await mkdir(target, { recursive: true });
        continue;
      }
      await mkdir(join(target, '..'), { recursive: true });
      try {
        const stream = await zip.openReadStreamPromise(p.entry);
        // 'wx': two entries that became the same name never overwrite each other (nor follow a link)
        await pipeline(stream, new Budget(state, limits.maxUnpackedBytes, zipName), createWriteStream(target, { flags: 'wx' }));
      } catch (e) {
        if (e instanceof Refusal) throw e;
        if ((e as { code?: string }).code === 'EEXIST') throw new Refusal(`压缩包“${zipName}”中有两个文件的名字相同（或只差大小写、特殊字符）：${p.parts.join('/')}；请改名后重新打包`);
        throw new Refusal(`压缩包“${zipName}”中的“${p.parts.join('/')}”无法解压（${(e as Error).message}），压缩包可能已损坏；请重新打包上传`);
      }
      files.push(p.parts.join('/'));
    }
    return { files };
  } finally {
    zip.close();
  }
}
