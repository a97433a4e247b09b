// The profiles a user can choose on the page: every folder under templates/ with a profile.yaml,
// named as in the CLI (`yunnan/yuxi`) and described by the first sentence of its leading comment
// (`玉溪市`), so that a new city's folder appears without a code change.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isProfileName, TEMPLATES_DIR } from '../compose/profile.js';

/** One choice of the profile list. */
export interface ProfileChoice {
  readonly name: string;
  /** `玉溪市 — yunnan/yuxi`. */
  readonly label: string;
}

/** The first sentence of a comment, cut at a `。` or `：` outside brackets. */
function firstSentence(comment: string): string {
  let depth = 0;
  for (let i = 0; i < comment.length; i++) {
    const ch = comment[i]!;
    if (ch === '（' || ch === '(') depth++;
    else if (ch === '）' || ch === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0 && (ch === '。' || ch === '：' || ch === ':')) return comment.slice(0, i).trim();
  }
  return comment.trim();
}

function describe(file: string): string {
  // the first comment that is not an editor directive (`# yaml-language-server: $schema=…`)
  const first = readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .find((l) => l.trim() !== '' && !/^#\s*yaml-language-server:/.test(l));
  if (!first?.startsWith('#')) return '';
  // a long remark in brackets at the end is for the reader of the file, not for the list
  return firstSentence(first.replace(/^#+/, '')).replace(/（[^（）]{11,}）$/, '');
}

/** Every profile under `dir`, in name order. */
export function listProfiles(dir = TEMPLATES_DIR): ProfileChoice[] {
  const out: ProfileChoice[] = [];
  const walk = (rel: string[]) => {
    const here = join(dir, ...rel);
    if (rel.length && existsSync(join(here, 'profile.yaml'))) {
      const name = rel.join('/');
      const about = describe(join(here, 'profile.yaml'));
      if (isProfileName(name)) out.push({ name, label: about ? `${about} — ${name}` : name });
    }
    for (const d of readdirSync(here, { withFileTypes: true })) if (d.isDirectory() && !d.name.startsWith('.') && rel.length < 4) walk([...rel, d.name]);
  };
  walk([]);
  return out.sort((a, b) => a.name.localeCompare(b.name));
}
