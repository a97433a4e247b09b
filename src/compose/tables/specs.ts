// Typography shared by every form's header grid: the short labels that print letter-spaced
// (tables.md §0.1: 项 目, 栏 次 …). The layouts themselves are data: the `tables` of the form files
// (templates/*/forms/*.yaml, types in src/model/form.ts).

const SPACED = new Set(['项目', '栏次', '收入', '支出', '合计', '行次']);

/** Whether a header label prints letter-spaced. */
export const isSpacedLabel = (text: string) => SPACED.has(text);
