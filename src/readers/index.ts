// readDataset(path): pick the reader by extension. Reading the file is I/O and may throw (the CLI
// maps that to exit 2); everything wrong inside the file is a finding.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { readYaml, type ReadResult } from './yaml.js';

export type { ReadResult } from './yaml.js';
export { readYaml } from './yaml.js';

export const INPUT_EXTENSIONS = ['.yaml', '.yml'] as const;

export async function readDataset(path: string, displayName = path): Promise<ReadResult> {
  const ext = extname(path).toLowerCase();
  if (ext === '.yaml' || ext === '.yml') return readYaml(await readFile(path, 'utf8'), displayName);
  throw new Error(`不支持的文件类型“${ext}”：请使用 .yaml 或 .yml 文件`);
}
