// The one place where a file-system error (an errno code) becomes a Chinese sentence. Readers, the
// batch and the CLI all describe I/O problems through it, so a finance user never sees `ENOSPC` or a
// stack trace, only what went wrong, on which file, and what to do.

/** What the program was doing when the error happened (the verb of the sentence). */
export type IoAction = '读取' | '写入' | '创建' | '删除' | '打开' | '列出';

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: '文件或文件夹不存在',
  EACCES: '没有权限（请检查文件或文件夹的权限，或换一个有权限的位置）',
  EPERM: '操作系统不允许（请检查文件或文件夹的权限，或文件是否被锁定）',
  ELOOP: '符号链接（快捷方式）形成了循环，指不到真正的文件',
  ENOTDIR: '路径中的某一级不是文件夹',
  EISDIR: '这是文件夹，不是文件',
  ENAMETOOLONG: '文件名或路径太长（请用较短的文件名或较浅的文件夹）',
  ENOSPC: '磁盘已满（请清理磁盘空间后重新生成）',
  EDQUOT: '超出了磁盘配额（请清理空间后重新生成）',
  EROFS: '这是只读文件系统，不能写入（请换一个可写的输出文件夹）',
  EMFILE: '同时打开的文件太多（请减少 --jobs 后重试）',
  ENFILE: '系统同时打开的文件太多（请稍后重试）',
  EIO: '读写磁盘时出错（磁盘或网络盘可能有故障）',
  EBUSY: '文件正被其他程序占用（请关闭打开它的程序后重试）',
  ETXTBSY: '文件正被其他程序占用（请关闭打开它的程序后重试）',
  EEXIST: '已经存在同名的文件或文件夹',
  ENOTEMPTY: '文件夹不是空的',
  EXDEV: '不能跨磁盘移动文件',
  ETIMEDOUT: '网络盘响应超时（请检查网络连接后重试）',
  ESTALE: '网络盘连接已失效（请重新连接网络盘后重试）',
  EINVAL: '文件名中有操作系统不接受的字符',
  ERR_FS_FILE_TOO_LARGE: '文件太大，不像是部门数据文件',
};

/** The errno code of an error thrown by `node:fs`, if it has one. */
export function ioErrorCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Whether `e` is a file-system error (has an errno code), as opposed to a bug. */
export function isIoError(e: unknown): boolean {
  return ioErrorCode(e) !== undefined;
}

/** The reason alone, e.g. “磁盘已满（请清理磁盘空间后重新生成）”. */
export function ioReason(e: unknown): string {
  const code = ioErrorCode(e);
  if (code && REASONS[code]) return REASONS[code];
  return code ? `读写文件出错（系统错误代码 ${code}）` : '读写文件出错';
}

/** One sentence: `无法写入 out/d1/x.pdf：磁盘已满（…）`. */
export function describeIoError(e: unknown, action: IoAction, path: string): string {
  return `无法${action} ${path}：${ioReason(e)}`;
}
