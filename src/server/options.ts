// What `juesuan serve` can be told, with the defaults of the command line.
import { FORMATS, type Format } from '../writers/index.js';

/** Settings of one web server. */
export interface ServeOptions {
  /** Address to listen on; anything but loopback lets other computers in (the CLI warns). */
  readonly host: string;
  /** 0 picks a free port (tests). */
  readonly port: number;
  /** Largest upload (all its files together), in bytes. */
  readonly maxUploadBytes: number;
  /** Largest total a zip may unpack to, in bytes (a zip bomb is refused by this). */
  readonly maxUnpackedBytes: number;
  /** Most files a zip may hold. */
  readonly maxZipEntries: number;
  /** How long an upload's folder (inputs, outputs, preview images) is kept after its build, in ms. */
  readonly keepMs: number;
  /** Where the uploads' folders go (a new folder under the system's temporary folder by default). */
  readonly tempRoot?: string;
  /** What each department's package holds (the preview needs the PDF). */
  readonly formats: readonly Format[];
  /** A Redis URL (`--queue`): the departments are built by the queue's workers, who must share `tempRoot`. */
  readonly queue?: string;
}

const MB = 1024 * 1024;

/** The command line's defaults: this computer only, port 8080, 50 MB uploads, kept an hour. */
export const defaultServeOptions: ServeOptions = {
  host: '127.0.0.1',
  port: 8080,
  maxUploadBytes: 50 * MB,
  maxUnpackedBytes: 500 * MB,
  maxZipEntries: 5000,
  keepMs: 60 * 60 * 1000,
  formats: FORMATS,
};

/** Whether `host` only takes connections from this computer. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** `50 MB` for the messages (whole megabytes when it is whole). */
export function megabytes(bytes: number): string {
  const mb = bytes / MB;
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

/** A problem of the user's upload or request: its message is one Chinese sentence shown as is. */
export class Refusal extends Error {
  constructor(
    message: string,
    /** The HTTP status it is answered with. */
    readonly status = 400,
  ) {
    super(message);
  }
}
