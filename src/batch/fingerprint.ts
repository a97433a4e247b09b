// Content keys: what a department's package is made from, as one hash. The same key means the same
// bytes (the files' dates come from the data, derive/report-date.ts), so a rebuild skips a
// department whose key is unchanged. A key covers the data file, the prior-year file it was paired
// with, the profile chain's folders (profile.yaml, forms, narrative templates), the subject
// dictionary, juesuan itself (its code, version and the versions of the libraries that write the
// files) and the build's options (formats, --draft, --profile, SOURCE_DATE_EPOCH).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveProfile } from '../compose/profile.js';
import { DATA_DIR } from '../readers/dictionary.js';
import { sha256 } from './prior.js';

/** Every file under `dir` (not under `skip`), as sorted relative paths with their contents' hashes. */
function treeHash(dir: string, skip: (path: string) => boolean = () => false): string {
  const lines: string[] = [];
  const walk = (d: string, rel: string) => {
    let names: string[];
    try {
      names = readdirSync(d).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const p = join(d, name);
      const r = rel ? `${rel}/${name}` : name;
      const s = statSync(p, { throwIfNoEntry: false });
      if (!s || name.startsWith('.') || name === 'node_modules') continue;
      if (s.isDirectory()) {
        if (!skip(p)) walk(p, r);
      } else lines.push(`${r} ${sha256(readFileSync(p))}`);
    }
  };
  walk(dir, '');
  return sha256(lines.join('\n'));
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);

let program: string | undefined;

/** juesuan itself: its code (src/ or dist/), package.json, and the versions of the libraries it runs on. */
function programHash(): string {
  if (program) return program;
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; dependencies?: Record<string, string> };
  const versions = Object.keys(pkg.dependencies ?? {}).map((name) => {
    try {
      return `${name}@${(JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string }).version}`;
    } catch {
      return `${name}@?`; // a package that does not expose its package.json: its range stands in
    }
  });
  const code = fileURLToPath(new URL('..', import.meta.url));
  program = sha256(JSON.stringify({ version: pkg.version, versions, code: treeHash(code) }));
  return program;
}

/** What a build is asked for, beyond its inputs. */
export interface KeyOptions {
  readonly formats: readonly string[];
  readonly draft?: boolean;
  /** --profile: overrides each department's own. */
  readonly profile?: string;
}

/** The files a department's package is made from, by their hashes. */
export interface KeyInputs {
  /** sha256 of the data file. */
  readonly data: string;
  /** The paired prior-year file and its sha256; null without one. */
  readonly prior: { readonly file: string; readonly hash: string } | null;
  /** The department's own profile (department.profile). */
  readonly profile?: string;
}

/** Content keys of one run: the parts shared by every department are hashed once. */
export class Fingerprints {
  private readonly profiles = new Map<string, string | undefined>();
  private shared: string | undefined;

  constructor(private readonly options: KeyOptions) {}

  private sharedHash(): string {
    this.shared ??= sha256(
      JSON.stringify({
        program: programHash(),
        dictionary: treeHash(join(DATA_DIR, 'dictionary')),
        formats: [...this.options.formats].sort(),
        draft: Boolean(this.options.draft),
        epoch: process.env.SOURCE_DATE_EPOCH ?? null,
      }),
    );
    return this.shared;
  }

  /** The profile chain's folders (each without the folders of the profiles under it); undefined when it does not resolve. */
  private profileHash(name: string): string | undefined {
    if (!this.profiles.has(name)) {
      let hash: string | undefined;
      try {
        const dirs = resolveProfile(name).dirs;
        const isProfile = (p: string) => statSync(join(p, 'profile.yaml'), { throwIfNoEntry: false }) !== undefined;
        hash = sha256(dirs.map((d) => treeHash(d, isProfile)).join('\n'));
      } catch {
        hash = undefined; // a profile with problems never skips: the department reports them
      }
      this.profiles.set(name, hash);
    }
    return this.profiles.get(name);
  }

  /** The content key of a department's package, or undefined when it cannot be known (its profile does not resolve). */
  key(inputs: KeyInputs): string | undefined {
    const profile = this.options.profile ?? inputs.profile ?? 'default';
    const chain = this.profileHash(profile);
    if (chain === undefined) return undefined;
    return sha256(JSON.stringify({ shared: this.sharedHash(), profile, chain, data: inputs.data, prior: inputs.prior?.hash ?? null }));
  }
}
