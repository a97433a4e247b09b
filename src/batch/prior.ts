// Pairing each department with its prior-year file (`build 2021/ --prior 2020/`). Every file under
// the --prior paths is read once for who it is (department code, name, year); a department is
// paired with the file of the year before that has its code, or, when either file has no code, its
// name. A department without a pair, or with two, is a warning that says which files (X-PRIOR-PAIR):
// its year-over-year figures then come from its hand-typed `priorYear`, as without --prior. The
// paired file is read again when the department is checked (nothing of it is kept in between, so a
// city of any size takes the same memory) and linked (derive/prior.ts linkPrior). A prior-year
// workbook is read in the form of its own profile and year, as validate and build read this year's.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { PriorLink } from '../cli/check.js';
import { expandInputs } from '../cli/inputs.js';
import type { Dataset } from '../model/dataset.js';
import type { Finding, SourceRef } from '../model/finding.js';
import { hasErrors } from '../model/finding.js';
import { linkPrior } from '../derive/prior.js';
import { readDataset } from '../readers/index.js';
import { formForProfile } from '../template/forms.js';
import { writeFileAtomically } from './output.js';

/** Who a department file is: what pairing needs to know of it. */
/** Reads a prior-year file: a workbook's 公开表 in the form its profile gives for its year. */
const readPrior = (file: string) => readDataset(file, file, { formFor: formForProfile });

export interface Identity {
  readonly code?: string;
  readonly name: string;
  readonly year: number;
  /** `department.profile`, for the build's content key. */
  readonly profile?: string;
}

/** A prior-year file that can be paired. */
export interface PriorFile extends Identity {
  /** The path as the user sees it. */
  readonly file: string;
  /** sha256 of its bytes. */
  readonly hash: string;
}

/** Identities by the sha256 of a file's bytes: a file read once is not parsed again (kept by the build in its output folder). */
export type IdentityCache = Map<string, Identity>;

/** sha256 (hex) of bytes. */
export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Larger than any department file: such a file is not hashed (its reader says what it is). */
const MAX_HASHED_BYTES = 64 * 1024 * 1024;

/**
 * sha256 of a regular file's bytes; undefined for anything else — a named pipe would never end
 * being read, a folder or device cannot be — or when it cannot be read (its reader reports why).
 */
export async function fileHash(path: string): Promise<string | undefined> {
  const s = await stat(path).catch(() => undefined);
  if (!s?.isFile() || s.size > MAX_HASHED_BYTES) return undefined;
  return readFile(path).then(sha256, () => undefined);
}

/** The identity of a dataset. */
export function identityOf(ds: Dataset): Identity {
  const d = ds.department;
  return { ...(d.code ? { code: d.code } : {}), name: d.name, year: d.year, ...(d.profile ? { profile: d.profile } : {}) };
}

/** The outcome of pairing: the prior file, or a warning saying why there is none. */
export type Pairing = { readonly file: PriorFile } | { readonly finding: Finding };

const list = (files: readonly PriorFile[]) => files.map((f) => f.file).join('、');

/** The prior-year files of a run, by department code and name. */
export class PriorIndex implements PriorLink {
  private constructor(private readonly files: readonly PriorFile[]) {}

  /** Read who every department file under `paths` is; files that cannot be read are left out (they cannot be paired). */
  static async open(paths: readonly string[], cache: IdentityCache = new Map()): Promise<PriorIndex> {
    const { entries } = await expandInputs(paths);
    const files: PriorFile[] = [];
    for (const entry of entries) {
      if (entry.findings) continue;
      const hash = await fileHash(entry.file);
      if (!hash) continue;
      let id = cache.get(hash);
      if (!id) {
        const read = await readPrior(entry.file);
        if (!read.dataset) continue;
        id = identityOf(read.dataset);
        cache.set(hash, id);
      }
      files.push({ ...id, file: entry.file, hash });
    }
    return new PriorIndex(files);
  }

  /** How many prior-year files could be paired. */
  get size(): number {
    return this.files.length;
  }

  /** The sha256 of every prior-year file (what the identity cache keeps). */
  get hashes(): ReadonlySet<string> {
    return new Set(this.files.map((f) => f.hash));
  }

  /** The prior-year file of the department `id` (its file `file`, for the warning's place), or why there is none. */
  pair(id: Identity, at: SourceRef): Pairing {
    const warn = (message: string, note?: string): Pairing => ({ finding: { ruleId: 'X-PRIOR-PAIR', severity: 'warning', message, location: at, ...(note ? { note } : {}) } });
    const year = id.year - 1;
    const pool = this.files.filter((f) => f.year === year);
    const byCode = id.code ? pool.filter((f) => f.code === id.code) : [];
    if (byCode.length === 1) return { file: byCode[0]! };
    if (byCode.length > 1) return warn(`上年文件中有 ${byCode.length} 个文件的部门编码都是 ${id.code}（${list(byCode)}），不知道哪个是本部门的，未关联上年文件`, '每个部门编码只应有一个上年文件');
    // without a code on either side, the name pairs them; two different codes are two departments
    const byName = pool.filter((f) => f.name === id.name);
    const unpaired = byName.filter((f) => f.code && id.code && f.code !== id.code);
    const candidates = byName.filter((f) => !unpaired.includes(f));
    if (candidates.length === 1) return { file: candidates[0]! };
    if (candidates.length > 1) return warn(`上年文件中有 ${candidates.length} 个“${id.name}”（${list(candidates)}），不知道哪个是本部门的，未关联上年文件`, '请在本年和上年文件中填写 department.code（部门编码），按编码关联');
    const who = `${id.code ? `部门编码 ${id.code}、` : ''}名称“${id.name}”`;
    if (unpaired.length) {
      return warn(`上年文件 ${list(unpaired)} 的部门名称与本部门相同，但部门编码为 ${unpaired.map((f) => f.code).join('、')}（本年为 ${id.code}），未关联`, '部门编码每年不变：请核对哪个编码是对的');
    }
    const otherYears = this.files.filter((f) => f.year !== year && ((id.code && f.code === id.code) || f.name === id.name));
    const note = otherYears.length
      ? `找到的同一部门文件是其他年度的：${otherYears.map((f) => `${f.file}（${f.year}年）`).join('、')}`
      : '部门改名后请在两年的文件中填写相同的 department.code（部门编码）；同比数字用本文件中手工填写的 priorYear';
    return warn(`上年文件中没有本部门（${who}）${year}年度的文件，未关联上年文件，不核对跨年数字`, note);
  }

  /** PriorLink: the department linked with its prior-year file, or unchanged with a warning. */
  async link(ds: Dataset): Promise<{ dataset: Dataset; findings: Finding[] }> {
    const at = ds.sources['department.code'] ?? ds.sources['department.name'] ?? ds.sources['department'] ?? { file: ds.file, line: 1, column: 1 };
    const paired = this.pair(identityOf(ds), at);
    if ('finding' in paired) return { dataset: ds, findings: [paired.finding] };
    const read = await readPrior(paired.file.file);
    if (!read.dataset || hasErrors(read.findings)) {
      const errors = read.findings.filter((f) => f.severity === 'error');
      return {
        dataset: ds,
        findings: [
          {
            ruleId: 'X-PRIOR-PAIR',
            severity: 'warning',
            message: `上年文件 ${paired.file.file} 读取时有 ${errors.length} 个错误（${errors[0]?.message ?? ''}），未关联上年文件，不核对跨年数字`,
            location: at,
            related: errors.flatMap((f) => (f.location ? [f.location] : [])).slice(0, 1),
            note: `先用 juesuan validate ${paired.file.file} 改正上年文件`,
          },
        ],
      };
    }
    // last year's figures are read in last year's form (a 2024 file's 三公 决算 is 栏次3)
    const { profile, year } = read.dataset.department;
    return { dataset: linkPrior(ds, read.dataset, formForProfile(profile, year, 'published')), findings: [] };
  }
}

/** The identity cache's file in the output folder (hidden: not part of any package). */
export const IDENTITY_CACHE = '.juesuan-identities.json';

/** The identities kept in `dir` by an earlier run (none when there is no usable file). */
export async function loadIdentityCache(dir: string): Promise<IdentityCache> {
  try {
    const raw = JSON.parse(await readFile(join(dir, IDENTITY_CACHE), 'utf8')) as { version?: number; identities?: Record<string, Identity> };
    if (raw.version !== 1 || !raw.identities) return new Map();
    return new Map(Object.entries(raw.identities).filter(([, id]) => id && typeof id.name === 'string' && typeof id.year === 'number'));
  } catch {
    return new Map();
  }
}

/** Keep the identities of the files read in this run (only those: the cache never grows with old files). */
export async function saveIdentityCache(dir: string, cache: IdentityCache, used: ReadonlySet<string>): Promise<void> {
  const identities = Object.fromEntries([...cache].filter(([hash]) => used.has(hash)));
  await writeFileAtomically(join(dir, IDENTITY_CACHE), `${JSON.stringify({ version: 1, identities })}\n`);
}
