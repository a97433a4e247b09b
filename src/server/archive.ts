// A department's package (or every package of an upload) as one zip to download, streamed from the
// files on disk. Names are the packages' own safe file names, in a folder per department.
import type { Readable } from 'node:stream';
import yazl from 'yazl';

/** One file to put in the zip. */
export interface ArchiveFile {
  /** Path inside the zip, with `/`. */
  readonly name: string;
  readonly path: string;
}

/** A zip of `files`, as a stream (UTF-8 names, which Windows 10 and later read). */
export function zipStream(files: readonly ArchiveFile[]): Readable {
  const zip = new yazl.ZipFile();
  for (const f of files) zip.addFile(f.path, f.name);
  zip.end();
  return zip.outputStream as Readable;
}
