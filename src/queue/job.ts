// One queue job = one department: what a worker needs to build it (the entry and the run's
// settings, as JSON), its id (the content key of its inputs, so that BullMQ keeps one job per
// department and an unchanged department is not built again), and the way its result comes back
// to the client with the paths the user gave.
import { randomUUID } from 'node:crypto';
import { readFile, realpath } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import type { BuildEntry, BuildOptions, BuildResult } from '../batch/index.js';
import { Fingerprints } from '../batch/fingerprint.js';
import { identityOf, PriorIndex, sha256, type Identity } from '../batch/prior.js';
import { readDataset } from '../readers/index.js';
import type { Format } from '../writers/index.js';

/** The settings of a run that a worker builds with: the build's options as JSON. */
export interface JobSettings {
  /** The shared output folder (absolute in a job). */
  readonly outDir: string;
  readonly formats: readonly Format[];
  /** Overrides the profile named in each department file. */
  readonly profile?: string;
  readonly draft?: boolean;
  /** When the run was made (the manifests record it). */
  readonly createdAt?: string;
  /** Build every department, also those whose package is up to date. */
  readonly force?: boolean;
  /** `--prior` paths (absolute in a job): each worker pairs its departments with these files. */
  readonly prior?: readonly string[];
}

/** A job's data: one department to build. Paths are absolute, on the folder every machine shares. */
export interface DepartmentJob {
  readonly entry: BuildEntry;
  readonly settings: JobSettings;
}

/** The settings with absolute paths (a worker runs in another folder, on another machine). */
export function absoluteSettings(settings: JobSettings): JobSettings {
  return {
    ...settings,
    outDir: resolve(settings.outDir),
    formats: [...settings.formats],
    ...(settings.prior?.length ? { prior: settings.prior.map((p) => resolve(p)) } : {}),
  };
}

/** The settings of a build's options, with the `--prior` paths the workers open themselves. */
export function settingsOf(options: BuildOptions, prior?: readonly string[]): JobSettings {
  return {
    outDir: options.outDir,
    formats: options.formats,
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options.draft ? { draft: true } : {}),
    ...(options.createdAt ? { createdAt: options.createdAt } : {}),
    ...(options.force ? { force: true } : {}),
    ...(prior?.length ? { prior } : {}),
  };
}

/** The build options a worker's Builder gets for a job's settings. */
export async function buildOptionsOf(settings: JobSettings): Promise<BuildOptions> {
  const { prior, ...rest } = settings;
  return { ...rest, jobs: 1, ...(prior?.length ? { prior: await PriorIndex.open(prior) } : {}) };
}

/** The entry with its file as an absolute path. */
export function absoluteEntry(entry: BuildEntry): BuildEntry {
  return isAbsolute(entry.file) ? entry : { ...entry, file: resolve(entry.file) };
}

/** Job ids of one run: the content key of each department's inputs, where it can be known. */
export class JobIds {
  private readonly keys: Fingerprints;
  /** Whether a key needs who the department is (its own profile, its prior-year pair): then its file is read. */
  private readonly identity: boolean;

  constructor(
    settings: JobSettings,
    /** The `--prior` files, to pair each department as the worker will. */
    private readonly prior?: PriorIndex,
  ) {
    this.keys = new Fingerprints({ formats: settings.formats, ...(settings.draft ? { draft: true } : {}), ...(settings.profile ? { profile: settings.profile } : {}) });
    this.identity = !settings.profile || prior !== undefined;
  }

  /**
   * The job id of a department (`entry.file` absolute, `dir` its output folder): the content key
   * of its data file, prior-year file, profile chain, dictionary, juesuan itself and the build's
   * options (batch/fingerprint.ts, as the Builder keys its manifest), with the input and the folder
   * it is built into, so that two copies of one file are two jobs. An entry whose key cannot be
   * known (it could not be read, or its profile does not resolve) gets an id of its own: it is
   * checked again every run, which is cheap, since it is reported rather than built.
   */
  async of(entry: BuildEntry, dir: string): Promise<string> {
    const once = () => `d-${sha256(randomUUID())}`;
    if (entry.findings?.length) return once();
    const bytes = await readFile(entry.file).catch(() => undefined);
    if (!bytes) return once();
    let identity: Identity | undefined;
    if (this.identity) {
      const read = await readDataset(entry.file).catch(() => undefined);
      if (!read?.dataset) return once();
      identity = identityOf(read.dataset);
    }
    const paired = identity && this.prior?.pair(identity, { file: entry.file, line: 1, column: 1 });
    const prior = paired && 'file' in paired ? { file: paired.file.file, hash: paired.file.hash } : null;
    const key = this.keys.key({ data: sha256(bytes), prior, ...(identity?.profile ? { profile: identity.profile } : {}) });
    if (key === undefined) return once();
    const input = await realpath(entry.file).catch(() => entry.file);
    // BullMQ refuses ids that look like integers or hold ':'; a prefix keeps every id valid
    return `d-${sha256(JSON.stringify({ key, input, dir }))}`;
  }
}

/** Every string in a plain JSON value, rewritten by `fn`. */
function mapStrings<T>(value: T, fn: (s: string) => string): T {
  if (typeof value === 'string') return fn(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => mapStrings(v, fn)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, fn)])) as T;
  return value;
}

/**
 * A worker's result with the paths the user gave instead of the absolute ones the worker was
 * sent (in the file, the folder, the outputs and every finding), so that a queued run prints and
 * reports what a local one does.
 */
export function relocate(result: BuildResult, pairs: readonly (readonly [from: string, to: string])[]): BuildResult {
  const swaps = pairs.filter(([from, to]) => from !== to).sort((a, b) => b[0].length - a[0].length);
  if (!swaps.length) return result;
  return mapStrings(result, (s) => swaps.reduce((text, [from, to]) => text.split(from).join(to), s));
}
