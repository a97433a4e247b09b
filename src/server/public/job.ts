// The results page of an upload: each department's progress live (server-sent events), then the
// summary. An upload of one department opens that department's page when it is done.
import { byId, el } from './dom.js';

interface DepartmentRow {
  readonly index: number;
  readonly status: string;
  readonly statusLabel: string;
  readonly errors: number;
  readonly warnings: number;
  readonly href: string;
  readonly outputs: readonly { readonly label: string; readonly href: string }[];
  readonly failure?: string;
}

interface Snapshot {
  readonly status: 'queued' | 'running' | 'done';
  readonly state: string;
  readonly count: number;
  readonly finished: number;
  readonly single: boolean;
  readonly anyBuilt: boolean;
  readonly problem?: string;
  readonly departments: readonly DepartmentRow[];
}

const root = byId('job');
const state = byId('job-state');
const progress = byId<HTMLProgressElement>('job-progress');
const problem = byId('job-problem');
const allZip = byId('all-zip');

function count(n: number, kind: 'error' | 'warning'): Node {
  return n ? el('span', { className: `count-${kind}` }, String(n)) : document.createTextNode(String(n));
}

function update(row: HTMLTableRowElement, d: DepartmentRow): void {
  const cell = (name: string) => row.querySelector<HTMLElement>(`[data-cell="${name}"]`)!;
  cell('status').replaceChildren(el('span', { className: `badge ${d.status}` }, d.statusLabel));
  cell('errors').replaceChildren(count(d.errors, 'error'));
  cell('warnings').replaceChildren(count(d.warnings, 'warning'));
  const files: (Node | string)[] = [];
  d.outputs.forEach((o, i) => {
    if (i) files.push(' · ');
    files.push(el('a', { attrs: { href: o.href, download: '' } }, o.label));
  });
  if (d.failure) files.push(el('span', { className: 'small' }, d.failure));
  cell('files').replaceChildren(...files);
}

function render(s: Snapshot): void {
  state.textContent = s.state;
  progress.max = s.count;
  progress.value = s.finished;
  progress.textContent = `${s.finished} / ${s.count}`;
  problem.textContent = s.problem ?? '';
  problem.hidden = !s.problem;
  allZip.hidden = !s.anyBuilt;
  for (const d of s.departments) {
    const row = root.querySelector<HTMLTableRowElement>(`tr[data-index="${d.index}"]`);
    if (row) update(row, d);
  }
}

const events = new EventSource(`/api/jobs/${root.dataset.job}/events`);
events.addEventListener('message', (e: MessageEvent<string>) => {
  const s = JSON.parse(e.data) as Snapshot;
  render(s);
  if (s.status !== 'done') return;
  events.close();
  // one department: its page is the result
  if (s.single && s.departments[0]) location.replace(s.departments[0].href);
});
events.addEventListener('error', () => {
  if (events.readyState === EventSource.CLOSED) state.textContent = '与本机 juesuan 服务的连接中断：请确认 juesuan serve 仍在运行，然后刷新本页。';
});
