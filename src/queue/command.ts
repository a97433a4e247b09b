// `juesuan worker`: the command line's side of a queue worker. Checks the options, starts the
// worker, says where it takes departments from, and runs until Ctrl-C or SIGTERM: then it takes no
// new department and exits when those in hand are done; a second signal exits at once (the queue
// gives the departments in hand to another worker).
import { existsSync } from 'node:fs';
import { onExit } from 'signal-exit';
import { UsageError } from '../cli/inputs.js';
import { loadDictionary } from '../readers/dictionary.js';
import { chromiumPath } from '../writers/index.js';
import { displayUrl, parseRedisUrl } from './connection.js';
import { startWorker } from './worker.js';

/** The options as commander gives them (strings). */
export interface WorkerCommandOptions {
  readonly redis: string;
  readonly concurrency: string;
  readonly stallSeconds: string;
}

function positiveInteger(value: string, option: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${option} 应为正整数，现为“${value}”`);
  return n;
}

/** Chromium is needed for PDF: without it this worker cannot build a PDF, and says so at once. */
function chromiumProblem(): string | undefined {
  try {
    const path = chromiumPath();
    return existsSync(path) ? undefined : `找不到 Chromium：${path} 不存在`;
  } catch (e) {
    return (e as Error).message;
  }
}

/** Run a worker until stopped; resolves with the exit code. */
export async function runWorker(opts: WorkerCommandOptions): Promise<number> {
  const url = parseRedisUrl(opts.redis, '--redis');
  const concurrency = positiveInteger(opts.concurrency, '--concurrency');
  const stallSeconds = positiveInteger(opts.stallSeconds, '--stall-seconds');
  const dict = await loadDictionary();
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const chromium = chromiumProblem();
  if (chromium) process.stderr.write(`juesuan：警告：${chromium}；这个工作进程生成 PDF 的部门都会失败，交给其他工作进程重试（请安装 Debian 的 chromium 软件包，或设置 CHROMIUM_PATH）\n`);
  const worker = startWorker(dict, { redis: url, concurrency, stallSeconds, log: out });
  out(`juesuan worker 已启动：从 ${displayUrl(url)} 的队列中取部门生成，同时生成 ${concurrency} 个。按 Ctrl-C 停止（正在生成的部门生成完再退出）。`);
  let connected = false;
  void worker.ready.then(() => (connected = true));
  const hint = setTimeout(() => {
    if (!connected) process.stderr.write(`juesuan：暂时连接不上 Redis（${displayUrl(url)}），会一直重试；请检查 Redis 是否在运行、地址和端口是否正确\n`);
  }, 5000);
  hint.unref();
  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = onExit((_code, signal) => {
      if (!signal) return;
      // a second signal ends the program at once
      if (stopping) return;
      stopping = true;
      process.stderr.write(`\njuesuan：收到停止信号（${signal}），不再取新的部门，正在生成的部门生成完后退出……（再按一次 Ctrl-C 立即退出，未完成的部门由其他工作进程重新生成）\n`);
      void worker.close().finally(() => {
        stop();
        resolve();
      });
      return true;
    });
  });
  return 0;
}
