// `juesuan serve`: the command line's side of the web page. Checks the options, starts the server,
// prints where to open it (and a warning when other computers can reach it), and runs until Ctrl-C
// (or SIGTERM), when it stops building, closes Chromium and removes the uploads' folders. With
// `--queue`, the uploads go into a new folder under `--shared`, which the queue's workers read and
// write, and the departments are built by them.
import { mkdir, mkdtemp } from 'node:fs/promises';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { onExit } from 'signal-exit';
import { UsageError } from '../cli/inputs.js';
import { describeIoError, isIoError } from '../readers/io-errors.js';
import { defaultServeOptions, isLoopback, megabytes } from './options.js';
import { startServer, type RunningServer } from './index.js';

/** The options as commander gives them (strings). */
export interface ServeCommandOptions {
  readonly host: string;
  readonly port: string;
  readonly maxUpload: string;
  readonly keep: string;
  /** Redis URL: build on the queue's workers. */
  readonly queue?: string;
  /** With --queue: a folder every worker can read and write. */
  readonly shared?: string;
}

function positive(value: string, what: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${what}应为正数，现为“${value}”`);
  return n;
}

/** Addresses other computers can use, when listening on every interface. */
function lanUrls(host: string, port: number): string[] {
  if (host !== '0.0.0.0' && host !== '::') return [];
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && a.family === 'IPv4' && !a.internal)
    .map((a) => `http://${a!.address}:${port}/`);
}

/** `--queue` with its folder: a new folder under `--shared` for the uploads (the whole of it is removed when the server stops). */
async function queueOptions(url: string, shared: string | undefined): Promise<{ queue: string; tempRoot: string }> {
  const { parseRedisUrl } = await import('../queue/index.js');
  const queue = parseRedisUrl(url, '--queue');
  if (!shared) throw new UsageError('--queue 时须用 --shared 给出各台机器共用的文件夹（上传的文件和生成的材料放在这里，各台机器上的 juesuan worker 都要能读写）');
  try {
    await mkdir(shared, { recursive: true });
    return { queue, tempRoot: await mkdtemp(join(shared, 'juesuan-serve-')) };
  } catch (e) {
    if (!isIoError(e)) throw e;
    throw new UsageError(`--shared 文件夹不可用：${describeIoError(e, '写入', shared)}`);
  }
}

/** Run the web server until stopped; resolves with the exit code. */
export async function runServe(opts: ServeCommandOptions): Promise<number> {
  const port = Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port 应为 0 至 65535 的整数，现为“${opts.port}”`);
  const maxUploadBytes = Math.round(positive(opts.maxUpload, '--max-upload（MB）') * 1024 * 1024);
  const keepMs = Math.round(positive(opts.keep, '--keep（分钟）') * 60_000);
  const host = opts.host;
  const queue = opts.queue ? await queueOptions(opts.queue, opts.shared) : undefined;
  let server: RunningServer;
  try {
    server = await startServer({ host, port, maxUploadBytes, keepMs, maxUnpackedBytes: Math.max(defaultServeOptions.maxUnpackedBytes, maxUploadBytes * 10), ...(queue ?? {}) });
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'EADDRINUSE') throw new UsageError(`端口 ${port} 已被其他程序占用：请关闭那个程序，或用 --port 换一个端口（如 --port 8081）`);
    if (code === 'EACCES') throw new UsageError(`没有权限使用端口 ${port}：请用 1024 以上的端口（如 --port 8080）`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new UsageError(`本机没有地址 ${host}：--host 请写本机的地址，如 127.0.0.1`);
    throw e;
  }
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`juesuan 网页界面已启动：${server.url}`);
  if (!isLoopback(host)) {
    for (const url of lanUrls(host, Number(new URL(server.url).port))) out(`  局域网中的其他电脑可打开：${url}`);
    process.stderr.write(`juesuan：警告：--host ${host} 让网络中的其他电脑也能打开本页面、上传数据和下载生成的材料；本页面没有登录和密码，只应在可信的内部网络中这样使用。只在本机使用时请去掉 --host。\n`);
  }
  if (queue) out(`各部门放入队列（${(await import('../queue/index.js')).displayUrl(queue.queue)}），由各台机器上的 juesuan worker 生成；上传的文件和生成的材料放在 ${queue.tempRoot}`);
  out(`请在浏览器中打开上面的地址。一次最多上传 ${megabytes(maxUploadBytes)}；上传的文件保存在本机临时文件夹中，生成后 ${opts.keep} 分钟删除。按 Ctrl-C 停止。`);
  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = onExit((_code, signal) => {
      if (!signal) return;
      // a second Ctrl-C ends the program at once
      if (stopping) return;
      stopping = true;
      process.stderr.write(`\njuesuan：收到停止信号（${signal}），正在停止网页服务并删除上传的文件……\n`);
      void server.close().finally(() => {
        stop();
        resolve();
      });
      return true;
    });
  });
  return 0;
}
