// `juesuan serve`: a local web page for finance staff on the same pipeline as the CLI. Upload one
// department file, several, or a zip of a city's folder; see the findings with their place in the
// file, the PDF page by page, download the package; a city's batch shows each department's progress
// live. Fastify does the HTTP (routing, multipart, static files); the pages are Handlebars templates
// (views.ts) with a few small scripts (public/). Safety: size limits on uploads and on what a zip
// unpacks to, each upload in its own temporary folder removed after a while, no name from an upload
// used as a path unsanitised, every text escaped, a Content-Security-Policy without inline scripts,
// requests for another host name (DNS rebinding) or from another site refused.
import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { PriorIndex } from '../batch/prior.js';
import { expandInputs, UsageError } from '../cli/inputs.js';
import { loadDictionary } from '../readers/dictionary.js';
import { INPUT_EXTENSIONS } from '../readers/index.js';
import { FAVICON, fontDir, fontFaces, script } from './assets.js';
import { zipStream, type ArchiveFile } from './archive.js';
import { convertWorkbook, templateWorkbook, type Workbook } from './fill-in.js';
import { tablesOf, viewFindings } from './findings.js';
import { JOB_ID, Jobs, newJobFolder, type Department, type Job, type OutputFile } from './jobs.js';
import { defaultServeOptions, isLoopback, Refusal, type ServeOptions, megabytes } from './options.js';
import { PreviewError, Previews } from './preview.js';
import { listProfiles } from './profiles.js';
import { STYLES } from './styles.js';
import { arrangeInputs, receiveUpload } from './uploads.js';
import { renderPage, type PageName } from './views.js';

export { defaultServeOptions, isLoopback, type ServeOptions } from './options.js';

/** A server that is listening. */
export interface RunningServer {
  /** `http://127.0.0.1:8080/`. */
  readonly url: string;
  readonly app: FastifyInstance;
  readonly jobs: Jobs;
  /** The folder holding the uploads' folders. */
  readonly root: string;
  /** Stop listening, stop building (Chromium closed) and remove every upload's folder. */
  close(): Promise<void>;
}

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const STATUS_LABELS = { queued: '排队中', building: '正在生成', built: '已生成', failed: '有错误', skipped: '未处理' } as const;
const OUTPUT_LABELS: Record<OutputFile['kind'], { short: string; long: string }> = {
  pdf: { short: 'PDF', long: 'PDF（用于公开）' },
  docx: { short: 'DOCX', long: 'DOCX（便于修改）' },
  xlsx: { short: '公开表 XLSX', long: '公开表 XLSX' },
  audit: { short: '审核用 XLSX', long: '审核用 XLSX（不公开）' },
};

function keepText(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  return minutes >= 120 && minutes % 60 === 0 ? `${minutes / 60} 小时` : `${Math.max(1, minutes)} 分钟`;
}

/** `attachment` with the Chinese file name (RFC 6266/5987) and a plain fallback for old clients. */
export function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

const MIME: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  audit: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/zip',
};

function errorCount(d: Department): number {
  return d.findings.filter((f) => f.severity === 'error').length;
}

function statusLabel(d: Department): string {
  // a department not built without an error of its data (Chromium failed twice …) is 未生成
  if (d.status === 'failed' && errorCount(d) === 0) return '未生成';
  return STATUS_LABELS[d.status];
}

function departmentHref(job: Job, d: Department): string {
  return `/jobs/${job.id}/${d.index}`;
}

function fileHref(job: Job, d: Department, k: number): string {
  return `/jobs/${job.id}/${d.index}/files/${k}`;
}

/** The department's row of the summary table (page and live updates alike). */
function departmentSummary(job: Job, d: Department) {
  return {
    index: d.index,
    number: d.index + 1,
    file: d.file,
    status: d.status,
    statusLabel: statusLabel(d),
    errors: errorCount(d),
    warnings: d.findings.length - errorCount(d),
    href: departmentHref(job, d),
    outputs: d.outputs.map((o, k) => ({ label: OUTPUT_LABELS[o.kind].short, href: fileHref(job, d, k) })),
    ...(d.status !== 'built' && d.failure ? { failure: d.failure } : {}),
  };
}

/** The job as its page and its live updates show it. */
function jobSnapshot(jobs: Jobs, job: Job) {
  const count = job.departments.length;
  const finished = job.departments.filter((d) => d.status !== 'queued' && d.status !== 'building').length;
  const built = job.departments.filter((d) => d.status === 'built').length;
  const skipped = job.departments.filter((d) => d.status === 'skipped').length;
  const notBuilt = finished - built - skipped;
  let state: string;
  if (job.status === 'queued') {
    const ahead = jobs.waitingBefore(job);
    state = `排队中：前面还有 ${ahead} 批上传正在生成，轮到时自动开始，请稍候`;
  } else if (job.status === 'running') {
    state = `正在校验和生成：已完成 ${finished} 个，共 ${count} 个部门`;
  } else {
    state = `全部完成：${built} 个已生成，${notBuilt} 个有错误${skipped ? `，${skipped} 个未处理` : ''}`;
  }
  return {
    id: job.id,
    status: job.status,
    state,
    count,
    finished,
    single: count === 1,
    anyBuilt: built > 0,
    ...(job.problem ? { problem: `生成中止：${job.problem}` } : {}),
    departments: job.departments.map((d) => departmentSummary(job, d)),
  };
}

/** Relative names of the files under `dir`. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'));
}

function wantsJson(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('application/json');
}

/** Start the web server. */
export async function startServer(options: Partial<ServeOptions> = {}, log: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<RunningServer> {
  const opts: ServeOptions = { ...defaultServeOptions, ...options };
  const root = opts.tempRoot ?? (await mkdtemp(join(tmpdir(), 'juesuan-serve-')));
  const dict = await loadDictionary();
  const jobs = new Jobs(dict, root, opts.keepMs, opts.formats, opts.queue);
  const previews = new Previews();
  jobs.on('removed', (job) => previews.forget(job.dir));
  const profiles = listProfiles();
  const keep = keepText(opts.keepMs);
  const unzipLimits = { maxUnpackedBytes: opts.maxUnpackedBytes, maxEntries: opts.maxZipEntries };
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
  await app.register(fastifyMultipart, { throwFileSizeLimit: false });
  // the page's Chinese web font, one small file per subset, cached for good
  await app.register(fastifyStatic, {
    root: fontDir(),
    prefix: '/fonts/',
    decorateReply: true,
    immutable: true,
    maxAge: '365d',
    index: false,
    dotfiles: 'deny',
  });
  let port = opts.port;

  const page = (reply: FastifyReply, name: PageName, title: string, data: Record<string, unknown>, extra: { script?: string; refresh?: boolean } = {}) =>
    reply.type('text/html; charset=utf-8').send(renderPage(name, data, { title, keep, ...extra }));

  const message = (reply: FastifyReply, status: number, heading: string, text: string, kind: 'error' | 'info' | 'warn' = 'error', back = '/', backLabel = '返回上传页面') =>
    page(reply.code(status), 'message', heading, { heading, message: text, kind, back, backLabel });

  // ---- requests this server answers at all
  app.addHook('onRequest', async (request, reply) => {
    // bound to this computer, only this computer's names are served: a web site that points its own
    // name at 127.0.0.1 (DNS rebinding) gets nothing
    if (isLoopback(opts.host)) {
      const host = (request.headers.host ?? '').toLowerCase();
      const allowed = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, ...(port === 80 ? ['127.0.0.1', 'localhost', '[::1]'] : [])];
      if (!allowed.includes(host)) return message(reply, 421, '地址不对', `请在浏览器中打开 http://127.0.0.1:${port}/ 使用本页面`);
    }
    // a form on another web site must not upload into this one
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      const origin = request.headers.origin;
      const site = request.headers['sec-fetch-site'];
      let foreign = site === 'cross-site';
      if (origin && origin !== 'null') {
        try {
          foreign ||= new URL(origin).host !== request.headers.host;
        } catch {
          foreign = true;
        }
      }
      if (foreign) return message(reply, 403, '拒绝访问', '拒绝来自其他网站的请求：请直接在本页面上传文件');
    }
    return undefined;
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('content-security-policy', CSP);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'no-referrer');
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });

  app.setErrorHandler(async (error, request, reply) => {
    if (error instanceof Refusal) {
      if (wantsJson(request)) return reply.code(error.status).send({ error: error.message });
      return message(reply, error.status, '无法处理', error.message);
    }
    log(`juesuan：内部错误：${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    const text = `服务器内部错误（${error instanceof Error ? error.message : String(error)}）；请重试，如仍出错请报告此问题`;
    if (wantsJson(request)) return reply.code(500).send({ error: text });
    return message(reply, 500, '出错了', text);
  });
  app.setNotFoundHandler(async (_request, reply) => message(reply, 404, '找不到页面', '找不到这个页面：地址可能输错了。'));

  /** The job of a URL, or an answer saying it is gone. */
  const findJob = (id: string): Job => {
    const job = JOB_ID.test(id) ? jobs.get(id) : undefined;
    if (job) return job;
    if (jobs.wasRemoved(id)) throw new Refusal(`这次上传的文件已在生成 ${keep}后自动删除；请重新上传`, 410);
    throw new Refusal('找不到这次上传：服务重新启动后，以前上传的文件不再保留；请重新上传', 404);
  };
  const findDepartment = (id: string, n: string): { job: Job; d: Department } => {
    const job = findJob(id);
    const d = /^\d{1,6}$/.test(n) ? job.departments[Number(n)] : undefined;
    if (!d) throw new Refusal('找不到这个部门：地址可能输错了', 404);
    return { job, d };
  };

  // ---- the page's own files
  app.get('/assets/app.css', async (_request, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'no-cache').send(`${await fontFaces()}\n${STYLES}`));
  app.get<{ Params: { name: string } }>('/assets/:name', async (request, reply) => {
    const m = /^([a-z][a-z0-9-]*)\.js$/.exec(request.params.name);
    const js = m ? await script(m[1]!) : undefined;
    if (js === undefined) return message(reply, 404, '找不到页面', '找不到这个文件。');
    return reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(js);
  });
  app.get('/favicon.svg', async (_request, reply) => reply.type('image/svg+xml').header('cache-control', 'max-age=86400').send(FAVICON));
  app.get('/favicon.ico', async (_request, reply) => reply.code(204).send());

  // ---- upload
  app.get('/', async (_request, reply) =>
    page(reply, 'upload', '上传', {
      profiles: profiles.map((p) => ({ ...p, isDefault: p.name === 'yunnan' })),
      maxBytes: opts.maxUploadBytes,
      maxLabel: megabytes(opts.maxUploadBytes),
      excel: (INPUT_EXTENSIONS as readonly string[]).includes('.xlsx'),
      // the chooser offers what the readers read (Excel once its reader is there), and zips
      accept: [...new Set([...INPUT_EXTENSIONS, '.xlsx', '.zip'])].join(','),
      priorUsed: true,
      year: new Date().getFullYear() - 1,
    }, { script: 'upload' }),
  );

  app.post('/api/uploads', async (request, reply) => {
    const { id, dir } = await newJobFolder(root);
    try {
      const received = await receiveUpload(request, join(dir, 'upload'), opts.maxUploadBytes);
      if (received.files.length === 0) throw new Refusal('请先选择部门数据文件（.yaml 文件，或一个市的部门文件夹压缩包 .zip）');
      const profile = received.fields.profile?.trim() || undefined;
      if (profile && !profiles.some((p) => p.name === profile)) throw new Refusal(`没有名为“${profile}”的模板配置，请在列表中选择`);
      const inputDir = join(dir, 'input');
      const priorDir = join(dir, 'prior');
      await arrangeInputs(received.files, inputDir, unzipLimits);
      let priorIndex: PriorIndex | undefined;
      if (received.prior.length) {
        await arrangeInputs(received.prior, priorDir, unzipLimits);
        // paired with each department as `build --prior` does (by department code, else name)
        try {
          priorIndex = await PriorIndex.open([priorDir]);
        } catch (e) {
          if (!(e instanceof UsageError)) throw e;
          throw new Refusal(`上年数据中没有部门数据文件（.yaml）：收到 ${received.prior.map((f) => `“${f.original}”`).join('、')}`);
        }
      }
      let entries;
      try {
        ({ entries } = await expandInputs([inputDir]));
      } catch (e) {
        if (!(e instanceof UsageError)) throw e;
        throw new Refusal(`上传的文件中没有部门数据文件（.yaml）：收到 ${received.files.map((f) => `“${f.original}”`).join('、')}`);
      }
      await rm(join(dir, 'upload'), { recursive: true, force: true });
      const job = jobs.add({ id, dir, inputDir, priorDir, entries, prior: await listFiles(priorDir), ...(priorIndex ? { priorIndex } : {}), draft: received.fields.draft === '1', ...(profile ? { profile } : {}) });
      log(`收到上传：${entries.length} 个部门文件（${received.files.map((f) => f.original).join('、')}）`);
      const url = `/jobs/${job.id}`;
      if (wantsJson(request)) return reply.code(201).send({ url });
      return reply.redirect(url, 303);
    } catch (e) {
      await rm(dir, { recursive: true, force: true });
      throw e;
    }
  });

  // ---- a job: progress, then the summary
  app.get<{ Params: { job: string } }>('/jobs/:job', async (request, reply) => {
    const job = findJob(request.params.job);
    const s = jobSnapshot(jobs, job);
    return page(reply, 'job', '校验和生成结果', {
      ...s,
      created: job.createdAt.toLocaleString('zh-CN', { hour12: false }),
      profile: job.profile ?? '按数据文件中的设置',
      draft: job.draft,
      prior: job.prior.join('、'),
      problem: s.problem,
    }, { script: 'job', refresh: job.status !== 'done' });
  });
  app.get<{ Params: { job: string } }>('/api/jobs/:job', async (request) => jobSnapshot(jobs, findJob(request.params.job)));
  app.get<{ Params: { job: string } }>('/api/jobs/:job/events', async (request, reply) => {
    const job = findJob(request.params.job);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', connection: 'keep-alive' });
    const send = () => res.write(`data: ${JSON.stringify(jobSnapshot(jobs, job))}\n\n`);
    const onChange = (changed: Job) => {
      if (changed !== job) return;
      send();
      if (job.status === 'done') finish();
    };
    const heartbeat = setInterval(() => res.write(': 保持连接\n\n'), 15_000);
    const finish = () => {
      clearInterval(heartbeat);
      jobs.off('change', onChange);
      res.end();
    };
    request.raw.once('close', finish);
    send();
    if (job.status === 'done') finish();
    else jobs.on('change', onChange);
  });

  // ---- one department: findings, preview, downloads
  app.get<{ Params: { job: string; n: string }; Querystring: { page?: string } }>('/jobs/:job/:n', async (request, reply) => {
    const { job, d } = findDepartment(request.params.job, request.params.n);
    const pending = d.status === 'queued' || d.status === 'building';
    const pdf = d.outputs.find((o) => o.kind === 'pdf');
    const views = pending ? [] : await viewFindings(d.findings, job.inputDir);
    const errors = errorCount(d);
    const data: Record<string, unknown> = {
      jobId: job.id,
      index: d.index,
      file: d.file,
      title: pdf ? pdf.name.replace(/\.pdf$/, '') : d.file,
      pending,
      built: d.status === 'built',
      statusLabel: statusLabel(d),
      failure: d.failure,
      prior: d.prior,
      errors,
      warnings: d.findings.length - errors,
      findings: views,
      tables: tablesOf(views),
      outputs: d.outputs.map((o, k) => ({ label: OUTPUT_LABELS[o.kind].long, href: fileHref(job, d, k), primary: o.kind === 'pdf' })),
      packageHref: `/jobs/${job.id}/${d.index}/package.zip`,
      workbookHref: `/jobs/${job.id}/${d.index}/workbook.xlsx`,
    };
    if (pdf && d.status === 'built') {
      data.preview = true;
      try {
        const facts = await previews.about(pdf.path);
        const requested = Number(request.query.page);
        const current = Number.isInteger(requested) ? Math.min(Math.max(1, requested), facts.pages) : 1;
        const outline = [{ title: '封面', page: 1, level: 1 }, ...facts.outline];
        const at = outline.reduce((best, o, i) => (o.page <= current ? i : best), 0);
        Object.assign(data, {
          pages: facts.pages,
          page: current,
          prev: Math.max(1, current - 1),
          next: Math.min(facts.pages, current + 1),
          first: current === 1,
          last: current === facts.pages,
          outline: outline.map((o, i) => ({ ...o, current: i === at })),
          pageBase: `/jobs/${job.id}/${d.index}/pages/`,
          pdfHref: fileHref(job, d, d.outputs.indexOf(pdf)),
        });
      } catch (e) {
        if (!(e instanceof PreviewError)) throw e;
        data.previewError = e.message;
      }
    }
    return page(reply, 'department', data.title as string, data, { script: 'department', refresh: pending });
  });

  app.get<{ Params: { job: string; n: string; file: string } }>('/jobs/:job/:n/pages/:file', async (request, reply) => {
    const { job, d } = findDepartment(request.params.job, request.params.n);
    const pdf = d.outputs.find((o) => o.kind === 'pdf');
    const m = /^(\d{1,5})\.png$/.exec(request.params.file);
    if (!pdf || !m) throw new Refusal('没有这一页', 404);
    const facts = await previews.about(pdf.path);
    const n = Number(m[1]);
    if (n < 1 || n > facts.pages) throw new Refusal(`没有第 ${n} 页：共 ${facts.pages} 页`, 404);
    const cache = join(job.dir, 'pages', String(d.index));
    await previews.page(pdf.path, n, cache);
    return reply.header('cache-control', 'private, max-age=3600').sendFile(`${n}.png`, cache);
  });

  app.get<{ Params: { job: string; n: string; k: string } }>('/jobs/:job/:n/files/:k', async (request, reply) => {
    const { d } = findDepartment(request.params.job, request.params.n);
    const o = /^\d{1,3}$/.test(request.params.k) ? d.outputs[Number(request.params.k)] : undefined;
    if (!o) throw new Refusal('没有这个文件', 404);
    return reply.type(MIME[o.kind]!).header('content-disposition', contentDisposition(o.name)).send(createReadStream(o.path));
  });

  const archive = (reply: FastifyReply, name: string, files: ArchiveFile[]) =>
    reply.type(MIME.zip!).header('content-disposition', contentDisposition(name)).send(zipStream(files));

  app.get<{ Params: { job: string; n: string } }>('/jobs/:job/:n/package.zip', async (request, reply) => {
    const { d } = findDepartment(request.params.job, request.params.n);
    if (d.status !== 'built') throw new Refusal('这个部门没有生成材料', 404);
    const folder = d.entry.outParts[d.entry.outParts.length - 1]!;
    return archive(reply, `${folder}.zip`, d.outputs.map((o) => ({ name: `${folder}/${o.name}`, path: o.path })));
  });

  app.get<{ Params: { job: string } }>('/jobs/:job/all.zip', async (request, reply) => {
    const job = findJob(request.params.job);
    const built = job.departments.filter((d) => d.status === 'built');
    if (built.length === 0) throw new Refusal('这次上传没有已生成的部门', 404);
    const files = built.flatMap((d) => d.outputs.map((o) => ({ name: [...d.entry.outParts.slice(2), o.name].join('/'), path: o.path })));
    return archive(reply, '决算公开材料.zip', files);
  });

  // ---- Excel fill-in workbooks
  const workbook = (reply: FastifyReply, w: Workbook) => reply.type(MIME.xlsx!).header('content-disposition', contentDisposition(w.name)).send(Buffer.from(w.bytes));
  app.get<{ Querystring: { profile?: string; year?: string } }>('/fill-in/template.xlsx', async (request, reply) => {
    const profile = request.query.profile ?? '';
    if (!profiles.some((p) => p.name === profile)) throw new Refusal('请在列表中选择模板配置');
    const year = Number(request.query.year);
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new Refusal('年度应为四位数字，例如 2021');
    return workbook(reply, await templateWorkbook(dict, profile, year));
  });
  app.get<{ Params: { job: string; n: string } }>('/jobs/:job/:n/workbook.xlsx', async (request, reply) => {
    const { d } = findDepartment(request.params.job, request.params.n);
    return workbook(reply, await convertWorkbook(dict, d.entry.file, d.file));
  });

  // a failure while listening (the port is taken) leaves nothing behind
  const cleanup = async () => {
    await jobs.close();
    await rm(root, { recursive: true, force: true }).catch(() => undefined);
  };
  try {
    await app.listen({ host: opts.host, port: opts.port });
  } catch (e) {
    await app.close().catch(() => undefined);
    await cleanup();
    throw e;
  }
  const address = app.server.address();
  port = typeof address === 'object' && address ? address.port : opts.port;
  const shownHost = opts.host.includes(':') && !opts.host.startsWith('[') ? `[${opts.host}]` : opts.host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${port}/`,
    app,
    jobs,
    root,
    close: () =>
      (closing ??= (async () => {
        // event streams are held open by the page: end them so the server can close
        app.server.closeAllConnections();
        await app.close();
        await cleanup();
      })()),
  };
}
