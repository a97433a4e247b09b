// Hostile inputs, as a table. Each case makes one entry (a file, a link, a folder) in a batch folder
// and says what must become of it: built into which output folder, reported with which rule and
// message (and line), or ignored. The table does not know how the entry reaches juesuan: today the
// CLI builds the whole folder in one run (inputs.test.ts); an Excel reader, web uploads or queue jobs
// can run the same table through their own door and must give the same outcomes.
import { closeSync, mkdirSync, openSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { ROOT } from '../helpers.js';
import { MINI } from './harness.js';

export type Expected =
  | { readonly status: 'built'; readonly outDir: string }
  | { readonly status: 'failed'; readonly rule: string; readonly message: RegExp; readonly line?: number }
  | { readonly status: 'ignored' };

export interface EntryCase {
  /** The entry's path inside the batch folder. */
  readonly entry: string;
  readonly kind: 'malformed' | 'encoding' | 'file-system' | 'content' | 'names' | 'profile' | 'ownership';
  readonly what: string;
  /** Make the entry (and whatever else it needs) under the batch folder. */
  readonly make: (dir: string) => void | Promise<void>;
  readonly expect: Expected;
}

function write(dir: string, rel: string, data: string | Uint8Array): void {
  mkdirSync(dirname(join(dir, rel)), { recursive: true });
  writeFileSync(join(dir, rel), data);
}

/** The mini department with one text replaced (the replacement must happen, or the case is wrong). */
export function mini(from?: string | RegExp, to?: string): string {
  if (from === undefined) return MINI;
  const out = MINI.replace(from, to!);
  if (out === MINI) throw new Error(`fixture text not found: ${String(from)}`);
  return out;
}

/** The line (1-based) of the first line of `text` that contains `needle`. */
export function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`not in fixture: ${needle}`);
  return i + 1;
}

const PDF_BYTES = '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n';

async function zipBytes(): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('部门数据.yaml', MINI);
  return zip.generateAsync({ type: 'uint8array' });
}

async function xlsxBytes(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('公开01表').getCell('A1').value = '收入支出决算总表';
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** An Office 97-2003 compound file (the container of .xls): its signature. */
const CFB_BYTES = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array<number>(1016).fill(0)]);

/** The mini department in its fill-in workbook. */
async function fillInBytes(): Promise<Uint8Array> {
  const { readYaml } = await import('../../src/readers/index.js');
  const { loadDictionary } = await import('../../src/readers/dictionary.js');
  const { convertDataset } = await import('../../src/template/index.js');
  return convertDataset(readYaml(MINI, 'mini.yaml').dataset!, 'xlsx', { dict: await loadDictionary() });
}

const LONG_NAME_71 = '测'.repeat(60) + '市测试局（本级）' + '局局局'; // 71 characters
const LONG_NAME_120 = '测'.repeat(120);

export const ENTRY_CASES: readonly EntryCase[] = [
  // ---- good departments that must be built whatever is around them
  { entry: 'good.yaml', kind: 'content', what: '一个正常的部门', make: (d) => write(d, 'good.yaml', MINI), expect: { status: 'built', outDir: 'good' } },
  { entry: 'good-book.xlsx', kind: 'content', what: '一个正常的部门，填在 Excel 填报表中', make: async (d) => write(d, 'good-book.xlsx', await fillInBytes()), expect: { status: 'built', outDir: 'good-book' } },
  { entry: 'crlf-bom.yaml', kind: 'encoding', what: 'Windows 换行（CRLF）和 UTF-8 BOM', make: (d) => write(d, 'crlf-bom.yaml', `\uFEFF${MINI.replace(/\n/g, '\r\n')}`), expect: { status: 'built', outDir: 'crlf-bom' } },
  { entry: 'a/dup.yaml', kind: 'ownership', what: '两个子文件夹中的同名文件（之一）', make: (d) => write(d, 'a/dup.yaml', MINI), expect: { status: 'built', outDir: 'a/dup' } },
  { entry: 'b/dup.yaml', kind: 'ownership', what: '两个子文件夹中的同名文件（之二）', make: (d) => write(d, 'b/dup.yaml', MINI), expect: { status: 'built', outDir: 'b/dup' } },
  {
    entry: 'alias-text.yaml',
    kind: 'content',
    what: 'YAML 别名用作文字：读作它引用的文字，而不是空',
    make: (d) => write(d, 'alias-text.yaml', mini('  functions: 负责全市测试工作。\n  keyWork: 完成了年度测试任务。', '  functions: &f 负责全市测试工作。\n  keyWork: *f')),
    // were the alias read as blank, the missing 主要工作 would be an error (N-FILL) and nothing built
    expect: { status: 'built', outDir: 'alias-text' },
  },
  {
    entry: 'minus-zero.yaml',
    kind: 'content',
    what: '-0 和 -0.00 是零，不是负数',
    make: (d) => write(d, 'minus-zero.yaml', mini('procurement:\n  goods:', 'procurement:\n  works: -0\n  goods:').replace('r3: 0,', 'r3: -0.00,')),
    expect: { status: 'built', outDir: 'minus-zero' },
  },
  { entry: 'CON.yaml', kind: 'names', what: 'Windows 保留名 CON 作文件名', make: (d) => write(d, 'CON.yaml', MINI), expect: { status: 'built', outDir: '_CON' } },
  { entry: '..yaml', kind: 'names', what: '以点开头的文件（隐藏文件，文件夹中忽略；直接给出时见 ownership.test.ts）', make: (d) => write(d, '..yaml', MINI), expect: { status: 'ignored' } },
  { entry: 'dot-name.yaml', kind: 'names', what: '部门名称是“.”（不能生成隐藏文件）', make: (d) => write(d, 'dot-name.yaml', mini('  name: 测试市测试局（本级）', '  name: "."')), expect: { status: 'built', outDir: 'dot-name' } },
  { entry: 'nul-name.yaml', kind: 'names', what: '部门名称是“NUL”', make: (d) => write(d, 'nul-name.yaml', mini('  name: 测试市测试局（本级）', '  name: NUL')), expect: { status: 'built', outDir: 'nul-name' } },
  { entry: 'long-71.yaml', kind: 'names', what: '71个字的部门名称（文件名接近255字节）', make: (d) => write(d, 'long-71.yaml', mini('  name: 测试市测试局（本级）', `  name: ${LONG_NAME_71}`)), expect: { status: 'built', outDir: 'long-71' } },
  { entry: 'long-120.yaml', kind: 'names', what: '120个字的部门名称（文件名超过255字节，截短）', make: (d) => write(d, 'long-120.yaml', mini('  name: 测试市测试局（本级）', `  name: ${LONG_NAME_120}`)), expect: { status: 'built', outDir: 'long-120' } },
  {
    entry: 'slash-name.yaml',
    kind: 'names',
    what: '部门名称中有路径（../../）',
    make: (d) => write(d, 'slash-name.yaml', mini('  name: 测试市测试局（本级）', '  name: "../../../tmp/evil"')),
    expect: { status: 'built', outDir: 'slash-name' },
  },

  // ---- not department data, or not readable: reported, with what it is
  { entry: 'excel.xlsx', kind: 'malformed', what: '既不是填报表也不是公开表的 Excel 文件', make: async (d) => write(d, 'excel.xlsx', await xlsxBytes()), expect: { status: 'failed', rule: 'IN-FILE', message: /既不是 juesuan 的填报表，也不是公开表/ } },
  { entry: 'old.xls', kind: 'malformed', what: '旧版 Excel 97-2003 文件', make: (d) => write(d, 'old.xls', CFB_BYTES), expect: { status: 'failed', rule: 'IN-FILE', message: /这是旧版 Excel 97-2003 文件（\.xls），请在 Excel 中另存为 \.xlsx/ } },
  { entry: 'table.xlsx', kind: 'malformed', what: '改名为 .xlsx 的 CSV', make: (d) => write(d, 'table.xlsx', '项目,金额\n一般公共预算财政拨款收入,100.00\n'), expect: { status: 'failed', rule: 'IN-FILE', message: /这是 CSV 文本文件，扩展名却是 \.xlsx/ } },
  { entry: 'scan.pdf', kind: 'malformed', what: '文件夹中的 PDF', make: (d) => write(d, 'scan.pdf', PDF_BYTES), expect: { status: 'failed', rule: 'IN-FILE', message: /这是 PDF 文件，不是 YAML 文件/ } },
  { entry: 'data.zip', kind: 'malformed', what: '文件夹中的 ZIP 压缩包', make: async (d) => write(d, 'data.zip', await zipBytes()), expect: { status: 'failed', rule: 'IN-FILE', message: /这是 ZIP 压缩包，不是 YAML 文件/ } },
  { entry: 'renamed-pdf.yaml', kind: 'malformed', what: '改名为 .yaml 的 PDF', make: (d) => write(d, 'renamed-pdf.yaml', PDF_BYTES), expect: { status: 'failed', rule: 'IN-FILE', message: /这是 PDF 文件（扩展名却是 \.yaml/ } },
  { entry: 'renamed-zip.yaml', kind: 'malformed', what: '改名为 .yaml 的 ZIP', make: async (d) => write(d, 'renamed-zip.yaml', await zipBytes()), expect: { status: 'failed', rule: 'IN-FILE', message: /这是 ZIP 压缩包（扩展名却是 \.yaml/ } },
  { entry: 'binary.yaml', kind: 'malformed', what: '二进制内容', make: (d) => write(d, 'binary.yaml', Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)), expect: { status: 'failed', rule: 'IN-FILE', message: /这不是文本文件/ } },
  { entry: '部门.yaml.txt', kind: 'malformed', what: 'Windows 隐藏了 .txt 扩展名', make: (d) => write(d, '部门.yaml.txt', MINI), expect: { status: 'failed', rule: 'IN-FILE', message: /不支持“\.txt”文件/ } },
  { entry: 'empty.yaml', kind: 'malformed', what: '空文件', make: (d) => write(d, 'empty.yaml', ''), expect: { status: 'failed', rule: 'IN-TYPE', message: /空文件/, line: 1 } },
  {
    entry: 'syntax.yaml',
    kind: 'malformed',
    what: 'YAML 语法错误（用 Tab 缩进）',
    make: (d) => write(d, 'syntax.yaml', mini('  shortName: 市测试局', '\tshortName: 市测试局')),
    expect: { status: 'failed', rule: 'IN-YAML', message: /不能用制表符（Tab）缩进/, line: lineOf(MINI, 'shortName') },
  },
  {
    entry: 'huge.yaml',
    kind: 'malformed',
    what: '60 MB 的文件',
    make: (d) => {
      closeSync(openSync(join(d, 'huge.yaml'), 'w'));
      truncateSync(join(d, 'huge.yaml'), 60 * 1024 * 1024);
    },
    expect: { status: 'failed', rule: 'IN-FILE', message: /文件太大/ },
  },
  { entry: 'gbk.yaml', kind: 'encoding', what: 'GBK 编码', make: (d) => write(d, 'gbk.yaml', readFileBytes('test/fixtures/reliability/gbk.yaml')), expect: { status: 'failed', rule: 'IN-ENCODING', message: /文件编码是 GBK.*请另存为 UTF-8/ } },
  { entry: 'utf16.yaml', kind: 'encoding', what: 'UTF-16（带 BOM）', make: (d) => write(d, 'utf16.yaml', Buffer.from(`\uFEFF${MINI}`, 'utf16le')), expect: { status: 'failed', rule: 'IN-ENCODING', message: /文件编码是 UTF-16.*请另存为 UTF-8/ } },
  { entry: 'utf16-nobom.yaml', kind: 'encoding', what: 'UTF-16（不带 BOM）', make: (d) => write(d, 'utf16-nobom.yaml', Buffer.from(MINI, 'utf16le').swap16()), expect: { status: 'failed', rule: 'IN-ENCODING', message: /文件编码是 UTF-16/ } },
  { entry: 'loop.yaml', kind: 'file-system', what: '指向自己的符号链接（循环）', make: (d) => symlinkSync('loop.yaml', join(d, 'loop.yaml')), expect: { status: 'failed', rule: 'IN-FILE', message: /符号链接（快捷方式）形成了循环/ } },
  { entry: 'dangling.yaml', kind: 'file-system', what: '指向不存在文件的符号链接', make: (d) => symlinkSync('nowhere/at-all.yaml', join(d, 'dangling.yaml')), expect: { status: 'failed', rule: 'IN-FILE', message: /指向的文件不存在/ } },
  { entry: 'fifo.yaml', kind: 'file-system', what: '命名管道（读取会一直等待）', make: (d) => execFileSync('mkfifo', [join(d, 'fifo.yaml')]), expect: { status: 'failed', rule: 'IN-FILE', message: /不是普通文件/ } },
  { entry: 'sub/up', kind: 'file-system', what: '指回上级文件夹的链接（不会无限循环）', make: (d) => (mkdirSync(join(d, 'sub'), { recursive: true }), symlinkSync('..', join(d, 'sub/up'))), expect: { status: 'ignored' } },

  // ---- content the package cannot hold
  { entry: 'only-department.yaml', kind: 'content', what: '只有 department 部分', make: (d) => write(d, 'only-department.yaml', MINI.slice(0, MINI.indexOf('overview:'))), expect: { status: 'failed', rule: 'IN-EMPTY', message: /没有可公开的内容/, line: lineOf(MINI, 'department:') } },
  {
    entry: 'digits.yaml',
    kind: 'content',
    what: '超过15位有效数字的金额',
    make: (d) => write(d, 'digits.yaml', mini('    r1: 1,000,000.00', '    r1: 1234567890123456.78')),
    expect: { status: 'failed', rule: 'IN-PRECISION', message: /1234567890123456\.78 有18位有效数字/, line: lineOf(MINI, '    r1: 1,000,000.00') },
  },
  {
    entry: 'long-text.yaml',
    kind: 'content',
    what: '超过 32,767 个字符的文字',
    make: (d) => write(d, 'long-text.yaml', mini('  functions: 负责全市测试工作。', `  functions: ${'测'.repeat(40_000)}`)),
    expect: { status: 'failed', rule: 'IN-LENGTH', message: /overview\.functions 的文字有 40,000 个字符/, line: lineOf(MINI, '  functions:') },
  },
  {
    entry: 'alias-block.yaml',
    kind: 'content',
    what: 'YAML 别名引用一整段内容',
    make: (d) => write(d, 'alias-block.yaml', mini('  organization:\n', '  organization: &org\n').replace('assets:\n  vehicles: { other: 2 }', 'assets:\n  vehicles: *org')),
    expect: { status: 'failed', rule: 'IN-ALIAS', message: /assets\.vehicles 用了 YAML 别名“\*org”引用一整段内容/, line: lineOf(MINI, 'vehicles: { other: 2 }') },
  },

  // ---- profiles stay inside templates/
  {
    entry: 'profile-escape.yaml',
    kind: 'profile',
    what: 'department.profile 指向 templates/ 之外',
    make: (d) => write(d, 'profile-escape.yaml', mini('  profile: yunnan', '  profile: ../../x/evil')),
    expect: { status: 'failed', rule: 'IN-PROFILE', message: /模板配置名“\.\.\/\.\.\/x\/evil”不对/, line: lineOf(MINI, '  profile: yunnan') },
  },
  {
    entry: 'profile-absolute.yaml',
    kind: 'profile',
    what: 'department.profile 是绝对路径',
    make: (d) => write(d, 'profile-absolute.yaml', mini('  profile: yunnan', '  profile: /etc')),
    expect: { status: 'failed', rule: 'IN-PROFILE', message: /模板配置名“\/etc”不对/, line: lineOf(MINI, '  profile: yunnan') },
  },
  {
    entry: 'profile-backslash.yaml',
    kind: 'profile',
    what: 'department.profile 用反斜杠上跳',
    make: (d) => write(d, 'profile-backslash.yaml', mini('  profile: yunnan', '  profile: yunnan\\..\\..\\x')),
    expect: { status: 'failed', rule: 'IN-PROFILE', message: /模板配置名“yunnan\\\.\.\\\.\.\\x”不对/, line: lineOf(MINI, '  profile: yunnan') },
  },

  // ---- two inputs, one output folder
  { entry: 'clash.yaml', kind: 'ownership', what: '同名的 .yaml 和 .yml（输出文件夹相同）', make: (d) => write(d, 'clash.yaml', MINI), expect: { status: 'failed', rule: 'IN-OUTPUT', message: /clash\.yaml 与 .*clash\.yml 的输出文件夹都是/ } },
  { entry: 'clash.yml', kind: 'ownership', what: '同名的 .yml 和 .yaml（输出文件夹相同）', make: (d) => write(d, 'clash.yml', MINI), expect: { status: 'failed', rule: 'IN-OUTPUT', message: /clash\.yml 与 .*clash\.yaml 的输出文件夹都是/ } },

  // ---- ignored: never mentioned, never built
  { entry: 'notes.txt', kind: 'file-system', what: '说明文字 .txt', make: (d) => write(d, 'notes.txt', '备注'), expect: { status: 'ignored' } },
  { entry: '.hidden.yaml', kind: 'file-system', what: '隐藏文件', make: (d) => write(d, '.hidden.yaml', MINI), expect: { status: 'ignored' } },
  { entry: '~$excel.xlsx', kind: 'file-system', what: 'Office 的锁定文件', make: (d) => write(d, '~$excel.xlsx', 'lock'), expect: { status: 'ignored' } },
];

function readFileBytes(rel: string): Uint8Array {
  return readFileSync(join(ROOT, rel));
}
