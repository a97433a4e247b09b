// The page's style sheet (served as /assets/app.css). Kept in a module so that the TypeScript build
// carries it into dist/ with the server. Plain, office-like: a dark blue title bar, white panels on
// grey, large obvious buttons, a visible focus ring for keyboard use, readable at 1366×768.

/** The style sheet, served after the web font's rules. */
export const STYLES = `
:root {
  --blue: #1d4f91; --blue-dark: #163d70; --blue-light: #e8f0fa;
  --red: #b42318; --red-light: #fdecea; --amber: #8a5a00; --amber-light: #fff4d6;
  --green: #1e7a3c; --green-light: #e6f4ea; --grey: #5b6573; --line: #d5dbe3; --bg: #f2f4f7;
  --focus: #f0b400;
}
* { box-sizing: border-box; }
html { font-size: 15px; }
body {
  margin: 0; background: var(--bg); color: #1f2933; line-height: 1.6;
  font-family: "Microsoft YaHei", "PingFang SC", "Noto Sans SC", "WenQuanYi Zen Hei", sans-serif;
}
a { color: var(--blue); }
a:hover { color: var(--blue-dark); }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.skip { position: absolute; left: -9999px; top: 0; background: #fff; padding: .5rem 1rem; z-index: 10; }
.skip:focus { left: 1rem; }
[hidden] { display: none !important; }

.topbar { background: var(--blue); color: #fff; }
.topbar .inner { max-width: 1280px; margin: 0 auto; padding: .7rem 1.5rem; display: flex; align-items: baseline; gap: 1.2rem; }
.topbar .brand { color: #fff; text-decoration: none; font-size: 1.35rem; font-weight: 700; letter-spacing: .05em; }
.topbar .sub { color: #cfe0f5; font-size: .95rem; }
main { max-width: 1280px; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
footer { max-width: 1280px; margin: 0 auto; padding: 0 1.5rem 2rem; color: var(--grey); font-size: .85rem; }

h1 { font-size: 1.55rem; margin: .6rem 0 .4rem; }
h2 { font-size: 1.2rem; margin: 0 0 .8rem; padding-left: .6rem; border-left: 4px solid var(--blue); }
h3 { font-size: 1rem; margin: 0 0 .5rem; }
.lead { color: #3e4c59; margin: 0 0 1rem; max-width: 60rem; }
.crumbs { font-size: .9rem; color: var(--grey); margin-top: .3rem; }
.crumbs a { text-decoration: none; }
.muted { color: var(--grey); }
.small { font-size: .85rem; }
code, .mono { font-family: "Cascadia Mono", Consolas, "DejaVu Sans Mono", monospace; font-size: .9em; }

.card { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 1.1rem 1.3rem; margin: 0 0 1rem; }
.grid2 { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
.field { margin: 0 0 .9rem; }
.field > label, .label { display: block; font-weight: 700; margin-bottom: .3rem; }
.help { color: var(--grey); font-size: .88rem; margin: .3rem 0 0; }
/* the file inputs are kept (focusable, keyboard-usable) but drawn by their Chinese label */
.visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); border: 0; }
.chooser { display: flex; align-items: center; gap: .8rem; padding: .6rem; border: 1px dashed #9aa5b1; border-radius: 4px; background: #fafbfc; }
.chooser input:focus-visible + label { outline: 3px solid var(--focus); outline-offset: 2px; }
.chooser .chosen { color: var(--grey); overflow-wrap: anywhere; }
.chooser .chosen.has { color: #1f2933; font-weight: 700; }
select, input[type=number], input[type=text] { font: inherit; padding: .35rem .5rem; border: 1px solid #9aa5b1; border-radius: 4px; background: #fff; min-width: 12rem; }
.check { display: flex; gap: .5rem; align-items: flex-start; }
.check input { margin-top: .35rem; width: 1.05rem; height: 1.05rem; }

.button, button {
  display: inline-block; font: inherit; font-weight: 700; cursor: pointer; text-decoration: none;
  padding: .5rem 1.2rem; border-radius: 4px; border: 1px solid var(--blue); background: #fff; color: var(--blue);
}
.button:hover, button:hover { background: var(--blue-light); color: var(--blue-dark); }
.button.primary, button.primary { background: var(--blue); color: #fff; }
.button.primary:hover, button.primary:hover { background: var(--blue-dark); color: #fff; }
.button.big, button.big { font-size: 1.1rem; padding: .65rem 1.8rem; }
.button.small, button.small { font-size: .85rem; padding: .2rem .6rem; font-weight: 400; }
button:disabled, .button[aria-disabled=true] { opacity: .5; cursor: default; }
.actions { display: flex; align-items: center; gap: 1rem; flex-wrap: wrap; margin: .5rem 0 1rem; }
.downloads { display: flex; gap: .6rem; flex-wrap: wrap; align-items: center; }
.card.compact { padding: .8rem 1.3rem; }
.card.compact h2 { margin: 0 .6rem 0 0; }
.card.compact .help { margin-top: .5rem; }

.alert { border-radius: 6px; padding: .8rem 1rem; margin: 0 0 1rem; border: 1px solid; }
.alert.error { background: var(--red-light); border-color: #f1aeb5; color: var(--red); }
.alert.ok { background: var(--green-light); border-color: #a8d5b5; color: var(--green); }
.alert.info { background: var(--blue-light); border-color: #b7cde8; color: var(--blue-dark); }
.alert.warn { background: var(--amber-light); border-color: #f0d48a; color: var(--amber); }
.alert strong { font-size: 1.05rem; }

table { border-collapse: collapse; width: 100%; background: #fff; }
caption { text-align: left; font-weight: 700; padding: 0 0 .4rem; }
th, td { border: 1px solid var(--line); padding: .4rem .55rem; vertical-align: top; text-align: left; }
thead th { background: #eef2f7; font-weight: 700; white-space: nowrap; }
tbody tr:nth-child(even of :not(.context)) { background: #fafbfd; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.nowrap { white-space: nowrap; }
.badge { display: inline-block; padding: 0 .5rem; border-radius: 10px; font-size: .85rem; font-weight: 700; white-space: nowrap; }
.badge.error, .badge.failed { background: var(--red-light); color: var(--red); }
.badge.warning { background: var(--amber-light); color: var(--amber); }
.badge.built { background: var(--green-light); color: var(--green); }
.badge.queued, .badge.skipped { background: #eceff3; color: var(--grey); }
.badge.building { background: var(--blue-light); color: var(--blue); }
.count-error { color: var(--red); font-weight: 700; }
.count-warning { color: var(--amber); font-weight: 700; }
.rule { font-family: "Cascadia Mono", Consolas, "DejaVu Sans Mono", monospace; font-size: .85rem; white-space: nowrap; }
.note { color: #3e4c59; font-size: .9rem; margin-top: .2rem; }
.path { display: block; color: var(--grey); font-size: .8rem; word-break: break-all; }
button.toggle-context { margin-top: .3rem; display: block; }

.filters { display: flex; gap: 1.2rem; align-items: center; flex-wrap: wrap; margin-bottom: .8rem; }
.filters p { margin: 0; }
.filters label { font-weight: 700; margin-right: .4rem; }
tr.context > td { background: #f7f9fc; padding: .5rem .8rem .8rem; }
.lines { margin: 0; padding: 0; list-style: none; font-family: "Cascadia Mono", Consolas, "DejaVu Sans Mono", monospace; font-size: .85rem; border: 1px solid var(--line); background: #fff; overflow-x: auto; }
.lines li { display: flex; white-space: pre; }
.lines .ln { flex: 0 0 4.5rem; text-align: right; padding: 0 .7rem 0 0; color: var(--grey); background: #f0f2f5; user-select: none; }
.lines .tx { padding-left: .6rem; }
.lines li.current { background: #fff1b8; font-weight: 700; }
.lines li.current .ln { background: #ffd666; color: #000; }
table.sheet { width: auto; font-size: .85rem; }
table.sheet th { background: #eef2f7; text-align: center; min-width: 2.5rem; }
table.sheet td { min-width: 5rem; max-width: 14rem; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
table.sheet td.current { background: #fff1b8; outline: 2px solid #d48806; font-weight: 700; }

progress { width: 100%; height: 1rem; }
.state { font-size: 1.1rem; font-weight: 700; margin: .3rem 0 .6rem; }

.viewer { display: grid; grid-template-columns: 17rem minmax(0, 1fr); gap: 1rem; align-items: start; }
.viewer > div { min-width: 0; }
.outline { border: 1px solid var(--line); border-radius: 4px; max-height: 80vh; overflow-y: auto; position: sticky; top: .5rem; }
.outline h3 { background: #eef2f7; margin: 0; padding: .4rem .7rem; font-size: .95rem; }
.outline ol { list-style: none; margin: 0; padding: .2rem 0; }
.outline li a { display: flex; justify-content: space-between; gap: .5rem; padding: .15rem .7rem; text-decoration: none; color: #1f2933; font-size: .88rem; }
.outline li.level-2 a { padding-left: 1.6rem; color: #3e4c59; }
.outline li a:hover { background: var(--blue-light); }
.outline li a[aria-current=page] { background: var(--blue); color: #fff; }
.outline .pg { color: var(--grey); flex: none; }
.outline li a[aria-current=page] .pg { color: #fff; }
.pager { display: flex; gap: .6rem; align-items: center; flex-wrap: wrap; margin-bottom: .6rem; position: sticky; top: 0; background: #fff; padding: .4rem 0; z-index: 1; }
.pager input { width: 5rem; min-width: 0; }
.page-frame { background: #525659; padding: 1rem; border-radius: 4px; text-align: center; overflow: auto; max-height: 80vh; }
.page-frame img { background: #fff; box-shadow: 0 1px 6px rgba(0,0,0,.45); max-width: 100%; height: auto; }
.page-frame.actual img { max-width: none; }
`;
