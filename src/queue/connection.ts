// Where the queue lives: one Redis, named by a URL on the command line (`--redis`, `--queue`), and
// one BullMQ queue in it. Every connection retries for ever (a worker outlives a Redis restart);
// the client bounds its own wait instead (enqueue.ts), so nothing here can hang a run.
import type { RedisOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { UsageError } from '../cli/inputs.js';

/** The BullMQ queue every client and worker of a province uses. */
export const QUEUE_NAME = 'juesuan-build';

/** A Redis URL checked on the command line: `redis://host:6379`, `rediss://…` (TLS), with an optional password and database. */
export function parseRedisUrl(value: string, option: string): string {
  let url: URL;
  try {
    url = new URL(value.includes('://') ? value : `redis://${value}`);
  } catch {
    throw new UsageError(`${option} 应为 Redis 地址，如 redis://127.0.0.1:6379，现为“${value}”`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new UsageError(`${option} 应以 redis:// 或 rediss:// 开头，如 redis://127.0.0.1:6379，现为“${value}”`);
  if (!url.hostname) throw new UsageError(`${option} 中没有主机名，如 redis://127.0.0.1:6379，现为“${value}”`);
  return url.toString();
}

/** The URL as it may be printed: without its password. */
export function displayUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString().replace(/\/$/, '');
}

/** Options of every connection: commands wait through a reconnection rather than fail mid-run. */
export function connectionOptions(url: string): RedisOptions & { readonly url: string } {
  return {
    url,
    // BullMQ's blocking connections need this; the client's own deadline bounds the wait
    maxRetriesPerRequest: null,
    // reconnect quickly after a restart, never give up
    retryStrategy: (times: number) => Math.min(200 * times, 2000),
  };
}

/** A plain connection of our own (the client reads the event stream's tail and watches reconnections with it). */
export function openRedis(url: string): Redis {
  const { url: _url, ...options } = connectionOptions(url);
  return new Redis(url, options);
}

/** A connection problem as one Chinese sentence. */
export function describeRedisError(url: string, e: unknown): string {
  const code = (e as { code?: string } | null)?.code;
  const where = `Redis（${displayUrl(url)}）`;
  if (code === 'ECONNREFUSED') return `连接不上 ${where}：该地址上没有 Redis 在运行（请先启动 Redis，或检查地址和端口）`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `连接不上 ${where}：找不到这个主机名`;
  if (code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return `连接不上 ${where}：网络不通或被防火墙挡住`;
  const message = e instanceof Error ? e.message : String(e);
  if (/NOAUTH|WRONGPASS|invalid password|invalid username/i.test(message)) return `${where} 拒绝连接：密码不对（地址中的密码写作 redis://:密码@主机:端口）`;
  return `连接 ${where} 出错：${message}`;
}
