// What a file really is, before anyone tries to read it: a YAML text, an Excel workbook (.xlsx, read
// by the Excel reader), or one of what finance staff hand over by mistake — a renamed PDF or ZIP, an
// old .xls, a workbook with an opening password, a CSV renamed .xlsx, a text saved in UTF-16 or GBK
// (Windows hides extensions, Notepad saves “ANSI”). Each refusal is a sentence that names the actual
// problem instead of a syntax error at line 1. File signatures come from `file-type`, encodings from
// `chardet`; this module only decides and words.
import chardet from 'chardet';
import { fileTypeFromBuffer } from 'file-type';

/** A text to read as YAML, an Excel workbook (.xlsx) to read as such, or why the file is refused (one Chinese sentence and a hint). */
export type Sniffed =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'workbook' }
  | { readonly kind: 'refused'; readonly ruleId: 'IN-FILE' | 'IN-ENCODING'; readonly message: string; readonly note?: string };

/** Extensions of the workbooks juesuan reads (Excel 2007 and later). */
export const WORKBOOK_EXTENSIONS: readonly string[] = ['.xlsx', '.xlsm'];

/** Extensions that hold spreadsheets: .xlsx is read, the others are named and asked to be saved as .xlsx. */
export const SPREADSHEET_EXTENSIONS: readonly string[] = ['.xlsx', '.xlsm', '.xls', '.et', '.ods', '.csv'];

/** Extensions a folder of department data may plausibly hold besides YAML: reported, never skipped. */
export const REPORTED_EXTENSIONS: readonly string[] = [...SPREADSHEET_EXTENSIONS, '.json', '.pdf', '.zip', '.rar', '.7z', '.doc', '.docx', '.wps', '.odt'];

const SAVE_AS_XLSX = '在 Excel 或 WPS 中打开，“另存为”选“Excel 工作簿（*.xlsx）”，再用 .xlsx 文件';
const TEMPLATE_NOTE = '部门数据可以是 YAML 文件，也可以是 juesuan template 生成的 Excel 填报表（.xlsx）或公开表工作簿';

/** Bytes of a UTF-16LE name, as a compound file's directory stores its stream names. */
function utf16(name: string): Uint8Array {
  const out = new Uint8Array(name.length * 2);
  for (let i = 0; i < name.length; i++) out[i * 2] = name.charCodeAt(i);
  return out;
}

function contains(bytes: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * A password-protected .xlsx is not a ZIP but an Office compound file holding the streams
 * EncryptionInfo and EncryptedPackage ([MS-OFFCRYPTO]).
 */
function isEncryptedOoxml(bytes: Uint8Array): boolean {
  return contains(bytes, utf16('EncryptionInfo')) || contains(bytes, utf16('EncryptedPackage'));
}

/** Why an Office 97-2003 compound file (or an encrypted workbook) cannot be read, by its extension. */
function refusedCompound(bytes: Uint8Array, ext: string): Sniffed {
  if (isEncryptedOoxml(bytes)) {
    return {
      kind: 'refused',
      ruleId: 'IN-FILE',
      message: '这个 Excel 文件设置了打开密码（已加密），读不了',
      note: '请在 Excel 中取消密码后另存：“文件 → 信息 → 保护工作簿 → 用密码进行加密”，清空密码后保存（工作表保护不影响读取）',
    };
  }
  if (ext === '.et') return { kind: 'refused', ruleId: 'IN-FILE', message: '这是 WPS 表格文件（.et），请在 WPS 中另存为 .xlsx', note: SAVE_AS_XLSX };
  if (ext === '.doc' || ext === '.wps') return { kind: 'refused', ruleId: 'IN-FILE', message: `这是 Word 97-2003 或 WPS 文字文档（${ext}），不是部门数据文件`, note: TEMPLATE_NOTE };
  const renamed = ext === '.xls' || ext === '' ? '' : `（扩展名却是 ${ext}）`;
  return { kind: 'refused', ruleId: 'IN-FILE', message: `这是旧版 Excel 97-2003 文件（.xls）${renamed}，请在 Excel 中另存为 .xlsx`, note: SAVE_AS_XLSX };
}

/** A text that looks like a table saved as CSV: several lines with commas or tabs. */
function looksLikeCsv(text: string): boolean {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '').slice(0, 20);
  return lines.length > 0 && lines.filter((l) => /[,\t]/.test(l)).length * 2 >= lines.length;
}

/** Human names of the file types `file-type` recognises that a finance user may hand us by mistake. */
const TYPE_NAMES: Readonly<Record<string, string>> = {
  pdf: 'PDF 文件',
  zip: 'ZIP 压缩包',
  rar: 'RAR 压缩包',
  '7z': '7z 压缩包',
  gz: 'gzip 压缩包',
  tar: 'tar 压缩包',
  xlsx: 'Excel 文件（.xlsx）',
  xls: 'Excel 97-2003 文件（.xls）',
  ods: 'OpenDocument 表格文件（.ods）',
  docx: 'Word 文档（.docx）',
  doc: 'Word 97-2003 文档（.doc）',
  odt: 'OpenDocument 文本文件（.odt）',
  pptx: 'PowerPoint 文件（.pptx）',
  cfb: 'Office 97-2003 文件（.xls、.doc 或 .et）',
  png: 'PNG 图片',
  jpg: 'JPEG 图片',
  gif: 'GIF 图片',
  bmp: 'BMP 图片',
  tif: 'TIFF 图片',
  webp: 'WebP 图片',
  ofd: 'OFD 版式文件',
  epub: 'EPUB 电子书',
  exe: 'Windows 程序',
  elf: '程序文件',
  sqlite: 'SQLite 数据库文件',
};

/** Encodings people know by another name (Windows Notepad's “ANSI” on a Chinese system is GBK). */
function encodingName(detected: string): string {
  if (/^GB/i.test(detected)) return 'GBK（Windows 记事本所说的“ANSI”）';
  if (/^Big5/i.test(detected)) return 'Big5（繁体中文）';
  if (/^UTF-16/i.test(detected)) return 'UTF-16（Windows 记事本所说的“Unicode”）';
  if (/^UTF-32/i.test(detected)) return 'UTF-32';
  return detected;
}

function refusedEncoding(detected: string | null): Sniffed {
  // single-byte guesses (ISO-8859-x, windows-125x) are unreliable on Chinese text: do not name them
  const known = detected && /^(GB|Big5|UTF-|Shift_JIS|EUC-)/i.test(detected);
  return {
    kind: 'refused',
    ruleId: 'IN-ENCODING',
    message: known ? `文件编码是 ${encodingName(detected)}，请另存为 UTF-8` : '文件不是 UTF-8 编码，请另存为 UTF-8',
    note: '在记事本中“另存为”，编码选“UTF-8”；在 WPS 或 VS Code 中也可以选择以 UTF-8 编码保存',
  };
}

function hasBom(bytes: Uint8Array, ...bom: number[]): boolean {
  return bom.every((b, i) => bytes[i] === b);
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decide whether `bytes` (the content of a file whose extension is `ext`, lower case with its dot)
 * is a UTF-8 text we can read, or what it is instead.
 */
export async function sniff(bytes: Uint8Array, ext: string): Promise<Sniffed> {
  // byte-order marks first: a UTF-16 text can look like an audio file to a signature check
  if (hasBom(bytes, 0xff, 0xfe, 0x00, 0x00) || hasBom(bytes, 0x00, 0x00, 0xfe, 0xff)) return refusedEncoding('UTF-32');
  if (hasBom(bytes, 0xff, 0xfe)) return refusedEncoding('UTF-16LE');
  if (hasBom(bytes, 0xfe, 0xff)) return refusedEncoding('UTF-16BE');
  const type = await fileTypeFromBuffer(bytes).catch(() => undefined);
  const workbookExt = WORKBOOK_EXTENSIONS.includes(ext);
  const yamlExt = ext === '.yaml' || ext === '.yml';
  if (type?.ext === 'xlsx') {
    if (!yamlExt) return { kind: 'workbook' };
    return { kind: 'refused', ruleId: 'IN-FILE', message: `这是 Excel 文件（.xlsx），扩展名却是 ${ext}`, note: '请把文件扩展名改为 .xlsx' };
  }
  if (type?.ext === 'cfb' || type?.ext === 'xls') return refusedCompound(bytes, ext);
  if (type && TYPE_NAMES[type.ext]) {
    const what = TYPE_NAMES[type.ext]!;
    if (type.ext === 'ods') return { kind: 'refused', ruleId: 'IN-FILE', message: `这是 ${what}，请另存为 .xlsx`, note: SAVE_AS_XLSX };
    const renamed = yamlExt || workbookExt || SPREADSHEET_EXTENSIONS.includes(ext) ? `（扩展名却是 ${ext}，可能是改了名的文件）` : '';
    return { kind: 'refused', ruleId: 'IN-FILE', message: `这是 ${what}${renamed}，${workbookExt || SPREADSHEET_EXTENSIONS.includes(ext) ? '不是 Excel 工作簿' : '不是 YAML 文件'}`, note: TEMPLATE_NOTE };
  }
  if (SPREADSHEET_EXTENSIONS.includes(ext)) {
    let decoded: string | undefined;
    try {
      decoded = UTF8.decode(bytes.subarray(0, 65536));
    } catch {
      decoded = undefined;
    }
    const textual = decoded !== undefined ? !decoded.includes('\u0000') : !looksBinary(bytes);
    if (ext === '.csv' || (textual && decoded !== undefined && looksLikeCsv(decoded))) {
      const renamed = ext === '.csv' ? '' : `，扩展名却是 ${ext}`;
      return {
        kind: 'refused',
        ruleId: 'IN-FILE',
        message: `这是 CSV 文本文件${renamed}，不是 Excel 工作簿`,
        note: `CSV 只能保存一张表，没有表样；${SAVE_AS_XLSX}，或把数字填入 juesuan template 生成的填报表`,
      };
    }
    if (textual) return { kind: 'refused', ruleId: 'IN-FILE', message: `这是文本文件，扩展名却是 ${ext}，不是 Excel 工作簿`, note: '如果这是 YAML 格式的部门数据，请把扩展名改为 .yaml' };
    return { kind: 'refused', ruleId: 'IN-FILE', message: `这不是有效的 Excel 文件（${ext}）：文件已损坏或格式不对`, note: SAVE_AS_XLSX };
  }
  let text: string | undefined;
  try {
    text = UTF8.decode(bytes);
  } catch {
    text = undefined;
  }
  if (text !== undefined && !text.includes('\u0000')) return { kind: 'text', text: text.replace(/^\uFEFF/, '') };
  const detected = chardet.detect(bytes);
  if (detected && /^UTF-(16|32)/i.test(detected)) return refusedEncoding(detected);
  const wide = utf16WithoutBom(bytes);
  if (wide) return refusedEncoding(wide);
  if (looksBinary(bytes)) {
    return { kind: 'refused', ruleId: 'IN-FILE', message: '这不是文本文件，不是 YAML 文件', note: '请提供部门数据的 YAML 文件（格式见 docs/input-format.md）' };
  }
  return refusedEncoding(detected);
}

/** UTF-16 saved without a byte-order mark: YAML is mostly ASCII, so every other byte is NUL. */
function utf16WithoutBom(bytes: Uint8Array): string | null {
  const sample = bytes.subarray(0, 8192);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) i % 2 ? odd++ : even++;
  const half = sample.length / 2;
  if (odd > half * 0.3 && even < half * 0.05) return 'UTF-16LE';
  if (even > half * 0.3 && odd < half * 0.05) return 'UTF-16BE';
  return null;
}

/** NUL or many control bytes: not a text in any encoding a person would type in. */
function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  return control > sample.length / 10;
}
