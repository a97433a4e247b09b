// Expand the CLI's <file|dir> arguments into department files: a directory means every .yaml/.yml
// file in it (recursively), in name order. A missing path is a usage problem (exit 2).
import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { INPUT_EXTENSIONS } from '../readers/index.js';

export class UsageError extends Error {}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const out: string[] = [];
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else if ((INPUT_EXTENSIONS as readonly string[]).includes(extname(e.name).toLowerCase())) out.push(p);
  }
  return out;
}

export async function expandInputs(args: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const a of args) {
    const s = await stat(a).catch(() => undefined);
    if (!s) throw new UsageError(`找不到文件或文件夹：${a}`);
    if (s.isDirectory()) {
      const found = await walk(a);
      if (found.length === 0) throw new UsageError(`文件夹中没有 .yaml 部门数据文件：${a}`);
      files.push(...found);
    } else files.push(a);
  }
  return [...new Set(files)];
}
