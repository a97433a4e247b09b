// A department's page: the findings filtered by kind and table, each with its place in the file
// shown on demand; the PDF page by page (buttons, page number, the PDF's own contents, arrow keys).
// While the department is still being built, the page waits for it and then shows the result.
import { byId } from './dom.js';

const root = byId('department');

// ---- still building: wait for this department, then show its result
if (root.dataset.pending === 'true') {
  const events = new EventSource(`/api/jobs/${root.dataset.job}/events`);
  events.addEventListener('message', (e: MessageEvent<string>) => {
    const s = JSON.parse(e.data) as { departments: { index: number; status: string }[] };
    const d = s.departments.find((x) => String(x.index) === root.dataset.index);
    if (d && d.status !== 'queued' && d.status !== 'building') {
      events.close();
      location.reload();
    }
  });
}

// ---- findings
const severity = document.getElementById('filter-severity') as HTMLSelectElement | null;
const table = document.getElementById('filter-table') as HTMLSelectElement | null;
const shown = document.getElementById('filter-count');
const rows = [...document.querySelectorAll<HTMLTableRowElement>('tr.finding')];

function contextOf(row: HTMLTableRowElement): { button: HTMLButtonElement; context: HTMLTableRowElement } | undefined {
  const button = row.querySelector<HTMLButtonElement>('button.toggle-context');
  const context = button ? document.getElementById(button.getAttribute('aria-controls') ?? '') : null;
  return button && context ? { button, context: context as HTMLTableRowElement } : undefined;
}

function setOpen(row: HTMLTableRowElement, open: boolean): void {
  const c = contextOf(row);
  if (!c) return;
  c.button.setAttribute('aria-expanded', String(open));
  c.button.textContent = open ? '收起原文' : '查看原文';
  c.context.hidden = !open || row.hidden;
}

function applyFilters(): void {
  let visible = 0;
  for (const row of rows) {
    const match = (!severity?.value || row.dataset.severity === severity.value) && (!table?.value || row.dataset.table === table.value);
    row.hidden = !match;
    if (match) visible++;
    const c = contextOf(row);
    if (c) c.context.hidden = !match || c.button.getAttribute('aria-expanded') !== 'true';
  }
  if (shown) shown.textContent = `显示 ${visible} 条，共 ${rows.length} 条`;
}

severity?.addEventListener('change', applyFilters);
table?.addEventListener('change', applyFilters);
for (const row of rows) {
  const c = contextOf(row);
  c?.button.addEventListener('click', () => setOpen(row, c.button.getAttribute('aria-expanded') !== 'true'));
}
const expandAll = document.getElementById('expand-all');
expandAll?.addEventListener('click', () => {
  const open = expandAll.getAttribute('aria-pressed') !== 'true';
  expandAll.setAttribute('aria-pressed', String(open));
  expandAll.textContent = open ? '全部收起原文' : '全部展开原文';
  for (const row of rows) setOpen(row, open);
});

// ---- PDF preview
const viewer = document.querySelector<HTMLElement>('.viewer');
if (viewer) {
  const pages = Number(viewer.dataset.pages);
  const base = viewer.dataset.base ?? '';
  const image = byId<HTMLImageElement>('page-image');
  const number = byId<HTMLInputElement>('page-no');
  const prev = byId<HTMLAnchorElement>('page-prev');
  const next = byId<HTMLAnchorElement>('page-next');
  const zoom = byId<HTMLButtonElement>('page-zoom');
  const frame = byId('page-frame');
  const links = [...viewer.querySelectorAll<HTMLAnchorElement>('.outline a[data-page]')];
  let current = Number(number.value) || 1;
  const outline = viewer.querySelector<HTMLElement>('.outline');

  /** Scroll the contents list (not the page) so that its entry for the current page is in sight. */
  const showInOutline = (a: HTMLElement) => {
    if (!outline) return;
    const top = a.offsetTop;
    if (top < outline.scrollTop || top + a.offsetHeight > outline.scrollTop + outline.clientHeight) outline.scrollTop = top - outline.clientHeight / 3;
  };
  const initial = viewer.querySelector<HTMLElement>('.outline a[aria-current=page]');
  if (initial) showInOutline(initial);

  const go = (page: number) => {
    const p = Math.min(Math.max(1, Math.trunc(page) || 1), pages);
    current = p;
    image.src = `${base}${p}.png`;
    image.alt = `PDF 第 ${p} 页`;
    number.value = String(p);
    for (const [a, target, edge] of [[prev, p - 1, p === 1], [next, p + 1, p === pages]] as const) {
      a.dataset.page = String(Math.min(Math.max(1, target), pages));
      a.href = `?page=${a.dataset.page}#preview`;
      if (edge) a.setAttribute('aria-disabled', 'true');
      else a.removeAttribute('aria-disabled');
    }
    // the contents entry of the part this page belongs to
    let at = 0;
    links.forEach((a, i) => {
      if (Number(a.dataset.page) <= p) at = i;
    });
    links.forEach((a, i) => (i === at ? a.setAttribute('aria-current', 'page') : a.removeAttribute('aria-current')));
    if (links[at]) showInOutline(links[at]!);
    history.replaceState(null, '', `?page=${p}#preview`);
    frame.scrollTop = 0;
    // the next page is drawn while this one is read
    if (p < pages) new Image().src = `${base}${p + 1}.png`;
  };

  viewer.addEventListener('click', (e) => {
    const a = (e.target as HTMLElement).closest<HTMLAnchorElement>('a[data-page]');
    if (!a) return;
    e.preventDefault();
    go(Number(a.dataset.page));
  });
  number.addEventListener('change', () => go(Number(number.value)));
  number.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') go(Number(number.value));
  });
  viewer.addEventListener('keydown', (e) => {
    if (e.target instanceof HTMLInputElement) return;
    if (e.key === 'ArrowRight' || e.key === 'PageDown') go(current + 1);
    else if (e.key === 'ArrowLeft' || e.key === 'PageUp') go(current - 1);
    else return;
    e.preventDefault();
  });
  zoom.addEventListener('click', () => {
    const actual = frame.classList.toggle('actual');
    zoom.setAttribute('aria-pressed', String(actual));
    zoom.textContent = actual ? '缩小到页宽' : '放大';
  });
  image.addEventListener('error', () => {
    image.alt = `第 ${current} 页的预览图生成失败，请下载 PDF 查看`;
  });
  if (current < pages) new Image().src = `${base}${current + 1}.png`;
}
