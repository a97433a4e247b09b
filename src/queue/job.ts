// One queue job = one department: what a worker needs to build it (the entry and the run's
// settings, as JSON), its id (the content key of its inputs, so that BullMQ keeps one job per
// department and an unchanged department is not built again), and the way its result comes back
// to the client with the paths the user gave.
import { randomUUID } from 'node:crypto';
import { readFile, realpath } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import type { BuildEntry, BuildOptions, BuildResult } from '../batch/index.js';
import { Fingerprints } from '../batch/fingerprint.js';
import { PriorIndex, sha256 } from '../batch/prior.js';
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

/** Job ids of one run: the content key of each department's data file under the run's settings. */
export class JobIds {
  private readonly keys: Fingerprints;

  constructor(private readonly settings: JobSettings) {
    this.keys = new Fingerprints({ formats: settings.formats, ...(settings.draft ? { draft: true } : {}), ...(settings.profile ? { profile: settings.profile } : {}) });
  }

  /**
   * The job id of a department (`entry.file` absolute, `dir` its output folder): the content key of
   * its data file with juesuan itself, the dictionary and the run's options (batch/fingerprint.ts),
   * the `--prior` paths, the input and the folder it is built into (two copies of one file are two
   * jobs). The file is hashed, not read: at province scale the client would otherwise spend as long
   * reading the departments as the workers building them. What else a package depends on (the
   * department's own profile chain, its prior-year file) the worker checks against the manifest
   * (batch/index.ts), so a job put in again after a change is built again. An entry that cannot
   * be read gets an id of its own (it is reported, not built, which is cheap to do again).
   */
  async of(entry: BuildEntry, dir: string): Promise<string> {
    const bytes = entry.findings?.length ? undefined : await readFile(entry.file).catch(() => undefined);
    const key = bytes ? this.keys.key({ data: sha256(bytes), prior: null }) : undefined;
    if (key === undefined) return `d-${sha256(randomUUID())}`;
    const input = await realpath(entry.file).catch(() => entry.file);
    // BullMQ refuses ids that look like integers or hold ':'; a prefix keeps every id valid
    return `d-${sha256(JSON.stringify({ key, prior: this.settings.prior ?? [], input, dir }))}`;
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
