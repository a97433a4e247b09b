// The Excel side of the page: the blank fill-in workbook of a profile and year (`juesuan template`)
// and a department's YAML turned into that workbook (`juesuan convert`). Both belong to the Excel
// reader's work; until their functions exist the page says so, in place of a download.

/** A workbook to download, or why there is none. */
export type WorkbookResult =
  | { readonly kind: 'workbook'; readonly name: string; readonly bytes: Uint8Array }
  | { readonly kind: 'unavailable'; readonly message: string };

/** Said where the fill-in workbook would be. */
export const TEMPLATE_UNAVAILABLE = '尚未提供：生成 Excel 填报模板的功能还在开发中。目前请按 YAML 格式填写部门数据（见 docs/input-format.md 和 data/examples/ 中的示例）。';

/** Said where the converted workbook would be. */
export const CONVERT_UNAVAILABLE = '尚未提供：把 YAML 数据转换为 Excel 填报表的功能还在开发中';

/** Whether each function is there (the page shows its notice otherwise). */
export const fillInAvailable = { template: false, convert: false } as const;

/** The blank fill-in workbook of `profile` for the report year `year`. */
export async function templateWorkbook(_profile: string, _year: number): Promise<WorkbookResult> {
  return { kind: 'unavailable', message: TEMPLATE_UNAVAILABLE };
}

/** The department file at `path` as a fill-in workbook. */
export async function convertWorkbook(_path: string): Promise<WorkbookResult> {
  return { kind: 'unavailable', message: CONVERT_UNAVAILABLE };
}
