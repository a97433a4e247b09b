// The pages, as Handlebars templates: every value is escaped by the template engine (only a page
// body rendered by these same templates is inserted raw, into the layout). Scripts are files of
// the app (/assets/*.js, no inline script: the Content-Security-Policy forbids them).
import Handlebars from 'handlebars';

const hbs = Handlebars.create();

const LAYOUT = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{title}} - 决算公开材料生成</title>
<link rel="stylesheet" href="/assets/app.css">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
{{#if script}}<script type="module" src="/assets/{{script}}.js"></script>{{/if}}
{{#if refresh}}<noscript><meta http-equiv="refresh" content="3"></noscript>{{/if}}
</head>
<body>
<a class="skip" href="#main">跳到主要内容</a>
<header class="topbar"><div class="inner"><a class="brand" href="/">决算公开材料生成</a><span class="sub">部门决算公开 · 数据校验 · PDF / DOCX / XLSX</span></div></header>
<main id="main" tabindex="-1">
{{{body}}}
</main>
<footer>本页面在本机运行（juesuan serve），上传的文件只保存在本机的临时文件夹中，{{keep}}后自动删除。</footer>
</body>
</html>`;

const UPLOAD = `
<h1>上传部门数据，校验并生成决算公开材料</h1>
<p class="lead">选择一个部门的数据文件，或一次选择几个部门的文件，或一个市的部门文件夹打包成的 ZIP 压缩包。
程序先逐项核对每一个数字，有错误时列出错误和所在位置；没有错误时生成公开用的 PDF、便于修改的 DOCX 和公开表 XLSX，并可在本页逐页预览。</p>
<form id="upload-form" action="/api/uploads" method="post" enctype="multipart/form-data" data-max-bytes="{{maxBytes}}" data-max-label="{{maxLabel}}">
  <div class="grid2">
    <section class="card" aria-labelledby="step1">
      <h2 id="step1">第一步：选择部门数据</h2>
      <div class="field">
        <span class="label" id="files-label">部门数据文件（必选）</span>
        <div class="chooser">
          <input id="files" name="files" type="file" multiple accept="{{accept}}" class="visually-hidden" aria-labelledby="files-label" aria-describedby="files-chosen files-help">
          <label for="files" class="button">选择文件……</label>
          <span id="files-chosen" class="chosen" aria-live="polite">未选择文件</span>
        </div>
        <p id="files-help" class="help">可选一个或多个部门的 .yaml 文件{{#if excel}}或 Excel 填报表（.xlsx）{{else}}（Excel 填报表 .xlsx 读取功能完成后也可直接上传）{{/if}}；一个市的全部部门请把文件夹打包为 .zip 上传，文件夹结构保持不变。一次最多 {{maxLabel}}。</p>
      </div>
      <div class="field">
        <span class="label" id="prior-label">上年数据（可选）</span>
        <div class="chooser">
          <input id="prior" name="prior" type="file" multiple accept="{{accept}}" class="visually-hidden" aria-labelledby="prior-label" aria-describedby="prior-chosen prior-help">
          <label for="prior" class="button">选择文件……</label>
          <span id="prior-chosen" class="chosen" aria-live="polite">未选择文件</span>
        </div>
        <p id="prior-help" class="help">上一年度的部门数据文件（一个市的可打包为 .zip）。{{#if priorUsed}}按部门编码（没有编码时按部门名称）与本年的部门对应，同比数字取自上年文件，并核对本年年初数与上年年末数是否一致。{{else}}随本次上传一起保存；与上年数据的自动核对尚未提供，目前不影响校验和生成。{{/if}}</p>
      </div>
    </section>
    <section class="card" aria-labelledby="step2">
      <h2 id="step2">第二步：选择模板配置</h2>
      <div class="field">
        <label for="profile">模板配置（各地公开格式）</label>
        <select id="profile" name="profile" aria-describedby="profile-help">
          <option value="">按数据文件中的设置（department.profile）</option>
          {{#each profiles}}<option value="{{name}}">{{label}}</option>{{/each}}
        </select>
        <p id="profile-help" class="help">一般不用改：数据文件里已写明用哪个地方的格式。只有要按另一个地方的格式生成时才选择。</p>
      </div>
      <div class="field check">
        <input type="checkbox" id="draft" name="draft" value="1" aria-describedby="draft-help">
        <div><label for="draft"><strong>生成草稿</strong></label>
        <p id="draft-help" class="help">缺少说明文字时也生成，待填写处醒目标出，每页有“草稿”水印。草稿不能公开。</p></div>
      </div>
    </section>
  </div>
  <div class="actions">
    <button type="submit" class="primary big" id="upload-button">上传并开始校验、生成</button>
    <span id="upload-status" class="muted" role="status" aria-live="polite"></span>
  </div>
  <div id="upload-error" class="alert error" role="alert" tabindex="-1" hidden></div>
</form>

<section class="card" aria-labelledby="fill-in">
  <h2 id="fill-in">Excel 填报模板</h2>
  <p class="help">按所选模板配置和年度生成空白的 Excel 填报表（每张公开表一个工作表，另有说明文字、上年数、绩效自评等工作表），交给各部门填写后可直接上传。</p>
  <form action="/fill-in/template.xlsx" method="get" class="filters">
    <div><label for="t-profile">模板配置</label>
      <select id="t-profile" name="profile">{{#each profiles}}<option value="{{name}}"{{#if isDefault}} selected{{/if}}>{{label}}</option>{{/each}}</select></div>
    <div><label for="t-year">年度</label><input id="t-year" name="year" type="number" min="2015" max="2100" value="{{year}}" required></div>
    <div><button type="submit">下载填报模板</button></div>
  </form>
</section>
`;

const JOB = `
<nav class="crumbs" aria-label="位置"><a href="/">上传</a> › 本次上传</nav>
<h1>校验和生成结果</h1>
<p class="muted">上传于 {{created}} · 共 {{count}} 个部门数据文件 · 模板配置：{{profile}}{{#if draft}} · <strong>草稿</strong>{{/if}}{{#if prior}} · 上年数据：{{prior}}{{/if}}</p>
<div id="job" data-job="{{id}}" data-single="{{single}}">
  <p id="job-state" class="state" role="status" aria-live="polite">{{state}}</p>
  <progress id="job-progress" max="{{count}}" value="{{finished}}" aria-label="完成进度">{{finished}} / {{count}}</progress>
  <p id="job-problem" class="alert error" role="alert"{{#unless problem}} hidden{{/unless}}>{{problem}}</p>
  <table id="departments" class="summary">
    <caption>各部门结果（点击“查看”看问题的位置和 PDF 预览）</caption>
    <thead><tr><th scope="col">序号</th><th scope="col">部门（数据文件）</th><th scope="col">状态</th><th scope="col">错误</th><th scope="col">警告</th><th scope="col">生成的材料</th><th scope="col">问题和预览</th></tr></thead>
    <tbody>
    {{#each departments}}
      <tr data-index="{{index}}">
        <td class="num">{{number}}</td>
        <td>{{file}}</td>
        <td class="nowrap" data-cell="status"><span class="badge {{status}}">{{statusLabel}}</span></td>
        <td class="num" data-cell="errors">{{#if errors}}<span class="count-error">{{errors}}</span>{{else}}{{errors}}{{/if}}</td>
        <td class="num" data-cell="warnings">{{#if warnings}}<span class="count-warning">{{warnings}}</span>{{else}}{{warnings}}{{/if}}</td>
        <td data-cell="files">{{#each outputs}}<a href="{{href}}" download>{{label}}</a>{{#unless @last}} · {{/unless}}{{/each}}{{#if failure}}<span class="small">{{failure}}</span>{{/if}}</td>
        <td class="nowrap" data-cell="link"><a href="{{href}}">查看</a></td>
      </tr>
    {{/each}}
    </tbody>
  </table>
  <div class="actions">
    <a class="button" id="all-zip" href="/jobs/{{id}}/all.zip"{{#unless anyBuilt}} hidden{{/unless}}>下载全部已生成的材料（ZIP）</a>
    <a class="button" href="/">上传其他文件</a>
  </div>
</div>
`;

const DEPARTMENT = `
<nav class="crumbs" aria-label="位置"><a href="/">上传</a> › <a href="/jobs/{{jobId}}">本次上传</a> › {{file}}</nav>
<h1>{{title}}</h1>
<div id="department" data-job="{{jobId}}" data-index="{{index}}" data-pending="{{pending}}">
{{#if pending}}
  <p class="alert info" role="status"><strong>{{statusLabel}}</strong>：完成后本页自动显示结果。</p>
{{else}}
  {{#if built}}
  <div class="alert ok" role="status"><strong>已生成</strong>：{{errors}} 个错误，{{warnings}} 个警告。{{#if warnings}}警告不影响生成，请逐条看一下是否需要修改（<a href="#findings">看问题清单</a>）。{{/if}}{{#if prior}}<br>已与上年文件 {{prior}} 对应。{{/if}}</div>
  <section class="card compact" aria-labelledby="downloads-title">
    <div class="downloads">
      <h2 id="downloads-title">下载</h2>
      {{#each outputs}}<a class="button{{#if primary}} primary{{/if}}" href="{{href}}" download>{{label}}</a>{{/each}}
      <a class="button" href="{{packageHref}}" download>全部材料（ZIP）</a>
      <a class="button" href="{{workbookHref}}" download>转换为 Excel 填报表</a>
    </div>
  </section>
  {{#if preview}}{{> preview}}{{/if}}{{> findings}}
  {{else}}
  <div class="alert error" role="status"><strong>{{statusLabel}}，未生成材料</strong>：{{errors}} 个错误，{{warnings}} 个警告。{{#if failure}}{{failure}}。{{/if}}请按下面列出的位置修改数据文件，然后<a href="/">重新上传</a>。</div>
  {{> findings}}
  <p class="help"><a href="{{workbookHref}}" download>把这个部门的数据转换为 Excel 填报表</a>（在 Excel 中改正后可直接上传）</p>
  {{/if}}
{{/if}}
</div>
`;

const FINDINGS = `
<section class="card" id="findings" aria-labelledby="findings-title">
  <h2 id="findings-title">问题清单（{{errors}} 个错误，{{warnings}} 个警告）</h2>
  {{#if findings.length}}
  <div class="filters" role="group" aria-label="筛选问题">
    <div><label for="filter-severity">类别</label>
      <select id="filter-severity"><option value="">全部</option><option value="error">只看错误</option><option value="warning">只看警告</option></select></div>
    <div><label for="filter-table">所在表</label>
      <select id="filter-table"><option value="">全部</option>{{#each tables}}<option value="{{this}}">{{this}}</option>{{/each}}</select></div>
    <div><button type="button" id="expand-all" class="small">全部展开原文</button></div>
    <p id="filter-count" class="muted" role="status" aria-live="polite">显示 {{findings.length}} 条，共 {{findings.length}} 条</p>
  </div>
  <table id="findings-table">
    <thead><tr><th scope="col">类别</th><th scope="col">规则</th><th scope="col">说明</th><th scope="col">位置</th><th scope="col">应为</th><th scope="col">实为</th><th scope="col">差额</th></tr></thead>
    <tbody>
    {{#each findings}}
      <tr class="finding {{severity}}" data-severity="{{severity}}" data-table="{{table}}">
        <td class="nowrap"><span class="badge {{severity}}">{{severityLabel}}</span></td>
        <td class="rule">{{ruleId}}</td>
        <td>{{message}}{{#if note}}<div class="note">建议：{{note}}</div>{{/if}}{{#if related.length}}<div class="note">相关位置：{{#each related}}{{this}}{{#unless @last}}；{{/unless}}{{/each}}</div>{{/if}}</td>
        <td class="nowrap">{{#if file}}<span class="small">{{file}}</span><br>{{/if}}<strong>{{where}}</strong>{{#if path}}<span class="path">{{path}}</span>{{/if}}
          {{#if context}}<button type="button" class="small toggle-context" aria-expanded="false" aria-controls="ctx-{{@index}}">查看原文</button>{{/if}}</td>
        <td class="num">{{expected}}</td>
        <td class="num">{{actual}}</td>
        <td class="num">{{difference}}</td>
      </tr>
      {{#if context}}
      <tr class="context" id="ctx-{{@index}}" data-severity="{{severity}}" data-table="{{table}}" hidden>
        <td colspan="7">
        {{#if context.lines}}
          <p class="small muted">{{file}} 第 {{context.first}} 至 {{context.last}} 行（黄色为问题所在的行）</p>
          <ol class="lines">{{#each context.lines}}<li{{#if current}} class="current" aria-current="true"{{/if}}><span class="ln">{{number}}</span><span class="tx">{{text}}</span></li>{{/each}}</ol>
        {{else}}
          <p class="small muted">{{file}} 工作表“{{context.sheet}}”（黄色为问题所在的单元格）</p>
          <table class="sheet"><thead><tr><th></th>{{#each context.columns}}<th scope="col">{{this}}</th>{{/each}}</tr></thead>
          <tbody>{{#each context.rows}}<tr><th scope="row">{{number}}</th>{{#each cells}}<td{{#if current}} class="current"{{/if}} title="{{text}}">{{text}}</td>{{/each}}</tr>{{/each}}</tbody></table>
        {{/if}}
        </td>
      </tr>
      {{/if}}
    {{/each}}
    </tbody>
  </table>
  {{else}}
  <p>没有发现问题。</p>
  {{/if}}
</section>
`;

const PREVIEW = `
<section class="card" id="preview" aria-labelledby="preview-title">
  <h2 id="preview-title">PDF 预览</h2>
  {{#if previewError}}
  <p class="alert warn">{{previewError}}</p>
  {{else}}
  <div class="viewer" data-pages="{{pages}}" data-base="{{pageBase}}">
    <nav class="outline" aria-label="PDF 目录">
      <h3>目录</h3>
      <ol>{{#each outline}}<li class="level-{{level}}"><a href="?page={{page}}#preview" data-page="{{page}}"{{#if current}} aria-current="page"{{/if}}><span>{{title}}</span><span class="pg">{{page}}</span></a></li>{{/each}}</ol>
    </nav>
    <div>
      <div class="pager">
        <a class="button" id="page-prev" href="?page={{prev}}#preview" data-page="{{prev}}"{{#if first}} aria-disabled="true"{{/if}}>上一页</a>
        <label for="page-no">第</label><input id="page-no" type="number" min="1" max="{{pages}}" value="{{page}}"><span id="page-of">页，共 {{pages}} 页</span>
        <a class="button" id="page-next" href="?page={{next}}#preview" data-page="{{next}}"{{#if last}} aria-disabled="true"{{/if}}>下一页</a>
        <button type="button" id="page-zoom" aria-pressed="false">放大</button>
        <a class="button" href="{{pdfHref}}" download>下载 PDF</a>
      </div>
      <div class="page-frame" id="page-frame" tabindex="0" aria-label="PDF 页面（可用左右方向键翻页）">
        <img id="page-image" src="{{pageBase}}{{page}}.png" alt="PDF 第 {{page}} 页">
      </div>
    </div>
  </div>
  {{/if}}
</section>
`;

const MESSAGE = `
<nav class="crumbs" aria-label="位置"><a href="/">上传</a></nav>
<h1>{{heading}}</h1>
<p class="alert {{kind}}" role="alert">{{message}}</p>
<p><a class="button primary" href="{{back}}">{{backLabel}}</a></p>
`;

hbs.registerPartial('findings', FINDINGS);
hbs.registerPartial('preview', PREVIEW);

const layout = hbs.compile(LAYOUT, { strict: false });
const templates = {
  upload: hbs.compile(UPLOAD),
  job: hbs.compile(JOB),
  department: hbs.compile(DEPARTMENT),
  message: hbs.compile(MESSAGE),
};

/** The pages there are. */
export type PageName = keyof typeof templates;

/** A whole page: `name`'s template with `data`, in the layout. */
export function renderPage(name: PageName, data: Record<string, unknown>, page: { title: string; script?: string; refresh?: boolean; keep: string }): string {
  return layout({ ...page, body: templates[name](data) });
}
