// The upload page: checks the choice before sending (no file, too large), sends the form and opens
// the results page; a refusal of the server is shown as it says it. The chosen profile is kept for
// the next visit.
import { byId, megabytes } from './dom.js';

const form = byId<HTMLFormElement>('upload-form');
const files = byId<HTMLInputElement>('files');
const prior = byId<HTMLInputElement>('prior');
const profile = byId<HTMLSelectElement>('profile');
const button = byId<HTMLButtonElement>('upload-button');
const status = byId('upload-status');
const errorBox = byId('upload-error');
const maxBytes = Number(form.dataset.maxBytes);
const maxLabel = form.dataset.maxLabel ?? '';
const PROFILE_KEY = 'juesuan.profile';

// the chosen files, named in Chinese whatever the browser's language
for (const input of [files, prior]) {
  const chosen = byId(`${input.id}-chosen`);
  input.addEventListener('change', () => {
    const list = [...(input.files ?? [])];
    chosen.classList.toggle('has', list.length > 0);
    chosen.textContent = list.length === 0 ? '未选择文件' : list.length === 1 ? list[0]!.name : `已选择 ${list.length} 个文件：${list.map((f) => f.name).join('、')}`;
  });
}

const kept = localStorage.getItem(PROFILE_KEY);
if (kept !== null && [...profile.options].some((o) => o.value === kept)) profile.value = kept;

function showError(text: string, focus?: HTMLElement): void {
  errorBox.textContent = text;
  errorBox.hidden = false;
  (focus ?? errorBox).focus();
}

function chosenBytes(): number {
  return [...(files.files ?? []), ...(prior.files ?? [])].reduce((sum, f) => sum + f.size, 0);
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  errorBox.hidden = true;
  if (!files.files?.length) {
    showError('请先选择部门数据文件（.yaml 文件，或一个市的部门文件夹压缩包 .zip）。', files);
    return;
  }
  const total = chosenBytes();
  if (total > maxBytes) {
    showError(`所选文件共 ${megabytes(total)}，超过一次最多 ${maxLabel} 的上限。一个部门的数据文件通常不到 1 MB，请检查是否选错了文件，或分批上传。`);
    return;
  }
  localStorage.setItem(PROFILE_KEY, profile.value);
  void send();
});

async function send(): Promise<void> {
  button.disabled = true;
  status.textContent = '正在上传，请稍候……';
  try {
    const response = await fetch(form.action, { method: 'POST', body: new FormData(form), headers: { accept: 'application/json' } });
    const body = (await response.json().catch(() => ({}))) as { url?: string; error?: string };
    if (!response.ok || !body.url) throw new Error(body.error ?? `上传失败（服务器返回 ${response.status}），请重试。`);
    status.textContent = '上传完成，正在打开结果页面……';
    location.assign(body.url);
  } catch (e) {
    status.textContent = '';
    button.disabled = false;
    showError(e instanceof TypeError ? '无法连接到本机的 juesuan 服务：请确认运行 juesuan serve 的窗口没有关闭，然后重试。' : (e as Error).message);
  }
}
