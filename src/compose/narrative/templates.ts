// The narrative templates of a profile (narrative/*.hbs through its chain), checked like data: a
// Handlebars syntax error, a partial or helper that does not exist, a line that does not start with a
// markup directive, a variable the view does not have, or a helper given the wrong kind of value is a
// TemplateError naming the .hbs file and line, in Chinese — never an empty string or “0万元” in print.
//
// Strictness: templates compile with Handlebars' `strict` option, so `{{name}}` must exist; on top of
// it every path is read through `container.strict` up to its last part, so `{{#if a.b}}` needs `a`
// (optional data is entered with {{#if a}} or {{#with a}} first) while `b` itself may be absent —
// which is what lets `{{#if x}}` test optional data.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import Handlebars from 'handlebars';
import { nearestName } from '../nearest.js';
import type { Profile } from '../profile.js';
import { CHART_IDS } from './charts.js';
import { DIRECTIVES } from './markup.js';

/** A place in a template file: 1-based line and column. */
export interface TemplatePlace {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** A problem of a narrative template, at its line; the message names the file and line. */
export class TemplateError extends Error {
  constructor(
    message: string,
    readonly location: TemplatePlace,
  ) {
    super(message);
  }
}

/** One narrative/*.hbs of a profile chain. */
export interface TemplateSource {
  /** The name partials and the program use: `total` for narrative/total.hbs. */
  readonly name: string;
  readonly file: string;
  /** The file as messages name it: templates/yunnan/narrative/total.hbs. */
  readonly shown: string;
  readonly text: string;
}

/** Every narrative/*.hbs of the chain; a file in a more specific profile replaces the same name further up. */
export function templateSources(profile: Profile, dir: string): Map<string, TemplateSource> {
  const sources = new Map<string, TemplateSource>();
  for (const name of [...profile.chain].reverse()) {
    const folder = join(dir, name, 'narrative');
    if (!existsSync(folder)) continue;
    for (const f of readdirSync(folder).sort()) {
      if (!f.endsWith('.hbs')) continue;
      const file = join(folder, f);
      sources.set(basename(f, '.hbs'), { name: basename(f, '.hbs'), file, shown: `templates/${relative(dir, file).split(sep).join('/')}`, text: readFileSync(file, 'utf8') });
    }
  }
  return sources;
}

/** A template used inside a line (`与上年相比{{> delta}}。`) is one line; others stand on their own lines. */
export function isInline(text: string): boolean {
  return !/\n./.test(text.trimEnd());
}

/** Handlebars' own helpers, usable in every template. */
const BUILTIN_HELPERS = ['if', 'unless', 'each', 'with', 'lookup', 'log'];
/** The @-variables Handlebars provides inside {{#each}}. */
const DATA_VARIABLES = ['index', 'first', 'last', 'key', 'root', 'partial-block'];

type Loc = { readonly start: { readonly line: number; readonly column: number }; readonly end?: { readonly line: number; readonly column: number } };
type Node = { readonly type: string; readonly loc?: Loc } & Record<string, unknown>;

function errorAt(src: TemplateSource, line: number, column: number, what: string): TemplateError {
  return new TemplateError(`模板 ${src.shown} 第${line}行：${what}`, { file: src.file, line, column });
}

/** The template text between two Handlebars locations (columns 0-based), for quoting in a message. */
function spanText(src: TemplateSource, loc: Loc | undefined): string | undefined {
  if (!loc?.end || loc.end.line !== loc.start.line) return undefined;
  return src.text.split('\n')[loc.start.line - 1]?.slice(loc.start.column, loc.end.column);
}

function suggestion(word: string, candidates: readonly string[]): string {
  const near = nearestName(word, candidates);
  return near ? `，是不是“${near}”？` : '';
}

/** Every node of a Handlebars AST, depth first. */
function* nodes(node: unknown): Generator<Node> {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const n of node) yield* nodes(n);
    return;
  }
  const n = node as Node;
  if (typeof n.type !== 'string') return;
  yield n;
  for (const key of ['body', 'program', 'inverse', 'path', 'params', 'hash', 'pairs', 'value', 'name']) if (key in n) yield* nodes(n[key]);
}

/** The Handlebars parser's message in a sentence, with its own text kept for the curious. */
function syntaxError(src: TemplateSource, e: Error & { lineNumber?: number; column?: number }): TemplateError {
  const raw = e.message.replace(/ - \d+:\d+$/, '');
  const line = e.lineNumber ?? Number(/on line (\d+)/.exec(raw)?.[1] ?? 1);
  const doesntMatch = /^(\S+) doesn't match (\S+)$/.exec(raw);
  const what = doesntMatch
    ? `{{#${doesntMatch[1]}}} 与 {{/${doesntMatch[2]}}} 不配对`
    : /got 'EOF'/.test(raw)
      ? '模板在结束前还有没关上的 {{…}} 或 {{#…}}（缺少 }} 或 {{/…}}）'
      : '这里的 {{…}} 写法不对';
  const detail = raw.split('\n').filter((l) => !/^-*\^$/.test(l.trim())).join(' ').replace(/\s+/g, ' ');
  return errorAt(src, line, (e.column ?? 0) + 1, `Handlebars 语法错误：${what}（解析器原文：${detail}）`);
}

/** For a helper whose first argument names something (reason "totalChange"): the problem with a written name, if any. */
export type LiteralCheck = (value: string) => string | undefined;

/**
 * The problems a template has before it is run: its syntax, the partials and helpers it calls (and
 * the names written as their first argument), the @-variables it reads, the charts it names, and
 * the directive of every line it writes itself (a line starting with text must start with H1–H4, P,
 * L, N, C, R, T, S, CHART, TABLES, EVALUATION, CONTENTS or BREAK).
 */
export function checkTemplate(src: TemplateSource, partials: ReadonlySet<string>, helpers: ReadonlySet<string>, literals: Readonly<Record<string, LiteralCheck>> = {}): TemplateError[] {
  let ast: unknown;
  try {
    ast = Handlebars.parse(src.text);
  } catch (e) {
    return [syntaxError(src, e as Error)];
  }
  const problems: TemplateError[] = [];
  const knownHelpers = [...helpers, ...BUILTIN_HELPERS];
  const comments: Loc[] = [];
  for (const n of nodes(ast)) {
    const at = n.loc?.start ?? { line: 1, column: 0 };
    if (n.type === 'CommentStatement' && n.loc) comments.push(n.loc);
    if ((n.type === 'PartialStatement' || n.type === 'PartialBlockStatement') && (n.name as Node).type === 'PathExpression' && !(n.name as { data?: boolean }).data) {
      const name = (n.name as { original: string }).original;
      if (!partials.has(name)) problems.push(errorAt(src, at.line, at.column + 1, `找不到段落模板“${name}”（应有文件 narrative/${name}.hbs）${suggestion(name, [...partials])}`));
    }
    if (n.type === 'MustacheStatement' || n.type === 'BlockStatement' || n.type === 'SubExpression') {
      const path = n.path as Node & { original?: string; data?: boolean };
      const params = (n.params as unknown[]) ?? [];
      const hash = ((n.hash as { pairs?: unknown[] } | undefined)?.pairs ?? []).length;
      const called = n.type === 'SubExpression' || params.length > 0 || hash > 0;
      if (path.type === 'PathExpression' && called && !path.data && !knownHelpers.includes(path.original!)) {
        problems.push(errorAt(src, at.line, at.column + 1, `没有名为“${path.original}”的帮助函数${suggestion(path.original!, knownHelpers)}（可用：${knownHelpers.join('、')}）`));
      }
      // a name written in the template is checked here, whether or not this department reaches it
      const first = params[0] as { type?: string; value?: unknown } | undefined;
      const check = path.type === 'PathExpression' ? literals[path.original!] : undefined;
      const wrong = check && first?.type === 'StringLiteral' ? check(String(first.value)) : undefined;
      if (wrong) problems.push(errorAt(src, at.line, at.column + 1, `${spanText(src, n.loc) ?? path.original}：${wrong}`));
    }
    if (n.type === 'PathExpression' && (n as { data?: boolean }).data) {
      const name = (n.parts as string[])[0]!;
      if (!DATA_VARIABLES.includes(name)) problems.push(errorAt(src, at.line, at.column + 1, `没有变量“@${name}”（可用：${DATA_VARIABLES.map((d) => `@${d}`).join('、')}）`));
    }
  }
  if (!isInline(src.text)) {
    const inComment = (line: number) => comments.some((c) => line >= c.start.line && line <= (c.end?.line ?? c.start.line));
    src.text.split('\n').forEach((text, i) => {
      const line = i + 1;
      const body = text.trimStart();
      if (body === '' || inComment(line)) return;
      if (body.startsWith('{{')) {
        // a line that starts with a value: what it prints must itself start with a directive
        if (/^\{\{~?\s*[\w.@]/.test(body) && !/^\{\{~?\s*else\b/.test(body)) {
          problems.push(errorAt(src, line, text.length - body.length + 1, `这一行以变量开头，输出的行不一定以行指令开头：请先写指令（如“P {{…}}”）（每行应以 ${DIRECTIVES.join('、')} 之一开头）`));
        }
        return;
      }
      const word = /^[^\s{]*/.exec(body)![0];
      const next = body.charAt(word.length);
      if (word === 'CHART' && /^\s/.test(next)) {
        const id = body.slice(word.length).trim();
        if (!id.includes('{{') && !CHART_IDS.includes(id)) problems.push(errorAt(src, line, text.length - body.length + 1, `没有图“${id}”（可用：${CHART_IDS.join('、')}）`));
        return;
      }
      if (DIRECTIVES.includes(word) && (next === '' || /\s/.test(next))) return;
      const what = DIRECTIVES.includes(word) ? `指令“${word}”后面应空一格` : `这一行以“${body.slice(0, 12)}${body.length > 12 ? '…' : ''}”开头，不是行指令${/^[A-Za-z0-9]+$/.test(word) ? suggestion(word.toUpperCase(), DIRECTIVES) : ''}`;
      problems.push(errorAt(src, line, text.length - body.length + 1, `${what}（每行应以 ${DIRECTIVES.join('、')} 之一开头，后面空一格再写内容）`));
    });
  }
  return problems;
}

type CompilerPrototype = {
  options: { strict?: boolean };
  source: { currentLocation?: unknown };
  popStack(): unknown;
  push(expr: unknown): unknown;
  quotedString(s: string): string;
  resolvePath(type: string, parts: readonly string[], i: number, falsy: boolean, strict: boolean): void;
};

/** A Handlebars environment whose strict templates check every part of a path but the last (see the top). */
function strictEnvironment(): typeof Handlebars {
  const hbs = Handlebars.create();
  const Base = (hbs as unknown as { JavaScriptCompiler: { new (): CompilerPrototype; prototype: CompilerPrototype } }).JavaScriptCompiler;
  function Strict(this: CompilerPrototype) {
    Base.call(this);
  }
  Strict.prototype = Object.create(Base.prototype) as CompilerPrototype & { compiler: unknown };
  // the nested programs ({{#if}} … {{/if}}) are compiled by `compiler`, which must be this one too
  Object.assign(Strict.prototype, {
    constructor: Strict,
    compiler: Strict,
    resolvePath(this: CompilerPrototype, type: string, parts: readonly string[], i: number, falsy: boolean, strict: boolean) {
      if (type !== 'context' || !this.options.strict) return Base.prototype.resolvePath.call(this, type, parts, i, falsy, strict);
      const loc = JSON.stringify(this.source.currentLocation ?? null);
      let stack = this.popStack();
      for (; i < parts.length - 1; i++) stack = ['container.strict(', stack, ', ', this.quotedString(parts[i]!), ', ', loc, ')'];
      if (i < parts.length) {
        const name = this.quotedString(parts[i]!);
        stack = strict
          ? ['container.strict(', stack, ', ', name, ', ', loc, ')']
          : ['(function (p) { return p == null ? container.strict(p, ', name, ', ', loc, ') : container.lookupProperty(p, ', name, '); })(', stack, ')'];
      }
      this.push(stack);
    },
  });
  (hbs as unknown as { JavaScriptCompiler: unknown }).JavaScriptCompiler = Strict;
  return hbs;
}

/** The options object Handlebars passes to a helper (only what the checks read). */
export interface HelperCall {
  readonly name?: string;
  readonly loc?: Loc;
}

/** Problems of a template by file, partials, helpers and text. */
const checked = new Map<string, TemplateError[]>();

/**
 * A profile's templates in one strict Handlebars environment: register the helpers, `prepare`, then
 * `render`. A problem anywhere — when preparing or while rendering a partial — is a TemplateError
 * at the template and line where it is.
 */
export class NarrativeTemplates {
  /** The environment; helpers are registered on it before `prepare`. */
  readonly hbs = strictEnvironment();
  readonly sources: ReadonlyMap<string, TemplateSource>;
  private readonly running: TemplateSource[] = [];
  private readonly programs = new Map<string, (context: unknown) => string>();

  /** Where a template no profile of the chain has would be: the chain's root (templates/default/narrative/). */
  private readonly rootFolder: string;

  constructor(profile: Profile, dir: string) {
    this.sources = templateSources(profile, dir);
    this.rootFolder = join(dir, profile.chain[profile.chain.length - 1]!, 'narrative');
  }

  /** A TemplateError for each of `names` the chain has no narrative/<name>.hbs for. */
  missing(names: readonly string[]): TemplateError[] {
    return names.filter((n) => !this.sources.has(n)).map((n) => new TemplateError(`找不到模板 narrative/${n}.hbs：模板配置的继承链中都没有这个文件`, { file: join(this.rootFolder, `${n}.hbs`), line: 1, column: 1 }));
  }

  /** Checks of the names helpers take as their first argument, by helper (registered with the helpers). */
  literals: Readonly<Record<string, LiteralCheck>> = {};

  /** Every problem the templates have before they run (all templates, all problems). */
  problems(): TemplateError[] {
    const partials = new Set(this.sources.keys());
    const helpers = new Set(Object.keys(this.hbs.helpers).filter((h) => h !== 'helperMissing' && h !== 'blockHelperMissing' && !BUILTIN_HELPERS.includes(h)));
    const context = `${[...partials].sort().join(',')}|${[...helpers].sort().join(',')}`;
    return [...this.sources.values()].flatMap((src) => {
      // a document is composed with the same templates as the one before: each is checked once
      const key = `${src.file}\0${context}\0${src.text}`;
      let found = checked.get(key);
      if (!found) {
        found = checkTemplate(src, partials, helpers, this.literals);
        if (checked.size > 500) checked.clear();
        checked.set(key, found);
      }
      return found;
    });
  }

  /** Check every template (throws the first problem) and compile each as a partial and a program. */
  prepare(): void {
    const first = this.problems()[0];
    if (first) throw first;
    for (const src of this.sources.values()) {
      // an inline partial's final newline would break the line it is used in
      const compiled = this.hbs.compile(isInline(src.text) ? src.text.trimEnd() : src.text, { noEscape: true, strict: true });
      const run = (context: unknown, options?: Handlebars.RuntimeOptions) => this.within(src, () => compiled(context, options));
      this.programs.set(src.name, run);
      this.hbs.registerPartial(src.name, run as unknown as Handlebars.Template);
    }
  }

  /** Render narrative/<name>.hbs on `context`. */
  render(name: string, context: unknown): string {
    const program = this.programs.get(name);
    if (!program) throw this.missing([name])[0]!;
    return program(context);
  }

  /** The template being rendered (innermost partial). */
  get current(): TemplateSource | undefined {
    return this.running[this.running.length - 1];
  }

  /** Throw a TemplateError at the helper call `call` in the template being rendered. */
  fail(call: HelperCall | undefined, what: string): never {
    const src = this.current;
    const at = call?.loc?.start;
    if (!src) throw new Error(what);
    const quoted = spanText(src, call?.loc);
    throw errorAt(src, at?.line ?? 1, (at?.column ?? 0) + 1, `${quoted ? `${quoted}：` : ''}${what}`);
  }

  private within(src: TemplateSource, run: () => string): string {
    this.running.push(src);
    try {
      return run();
    } catch (e) {
      throw this.located(src, e);
    } finally {
      this.running.pop();
    }
  }

  /** An error raised while `src` ran, as a TemplateError of `src` (one already located keeps its place). */
  private located(src: TemplateSource, e: unknown): unknown {
    if (e instanceof TemplateError) return e;
    if (!(e instanceof Error)) return e;
    const h = e as Error & { lineNumber?: number; column?: number; endColumn?: number };
    const line = h.lineNumber ?? 1;
    const column = (h.column ?? 0) + 1;
    const strict = /^"(.+)" not defined in (.+?)(?: - \d+:\d+)?$/.exec(e.message);
    if (strict && h.lineNumber !== undefined) {
      const [, name, parent] = strict;
      const path = spanText(src, { start: { line, column: h.column ?? 0 }, end: { line: h.lineNumber, column: h.endColumn ?? 0 } }) ?? name!;
      const what =
        parent === 'undefined' || parent === 'null'
          ? `读取“${path}”时“${name}”之前的部分没有值（这一项可能没有填写：先用 {{#if …}} 或 {{#with …}} 判断它有没有，再读取其中的“${name}”）`
          : `读取了不存在的变量“${path}”（“${name}”不存在：变量名可能写错了，可用的变量见 docs/templates.md）`;
      return errorAt(src, line, column, what);
    }
    if (h.lineNumber !== undefined) return errorAt(src, line, column, e.message.replace(/ - \d+:\d+$/, ''));
    // a program error without a place (a JavaScript TypeError): the template is still named
    return new TemplateError(`模板 ${src.shown} 运行出错：${e.message}`, { file: src.file, line: 1, column: 1 });
  }
}
