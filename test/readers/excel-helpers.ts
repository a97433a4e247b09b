// Helpers of the Excel tests: read a workbook as the CLI does (the form of its profile and year), and
// reduce a dataset to what must survive a conversion (every completed table cell, every other value),
// leaving out where each value came from.
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { completeTables } from '../../src/derive/complete.js';
import type { Dataset } from '../../src/model/dataset.js';
import { readExcel } from '../../src/readers/excel.js';
import { readYaml } from '../../src/readers/index.js';
import { formForProfile } from '../../src/template/forms.js';
import { ROOT } from '../helpers.js';

export const EXAMPLES = ['yuxi-gxj-2021', 'panzhihua-jxj-2020', 'yunnan-gxt-2023-projects', 'suizhou-example-2022'] as const;

export function exampleDataset(name: string): Dataset {
  const file = `data/examples/${name}.yaml`;
  const r = readYaml(readFileSync(`${ROOT}${file}`, 'utf8'), file);
  if (!r.dataset) throw new Error(`cannot read ${file}`);
  return r.dataset;
}

/** Read workbook bytes as `validate` does (the profile's form for the year). */
export async function readWorkbook(bytes: Uint8Array, file = 'book.xlsx', profile?: string) {
  return readExcel(bytes, file, { formFor: (p, y, kind) => formForProfile(profile ?? p, y, kind) });
}

function cellsOf(t: unknown): unknown {
  return JSON.parse(JSON.stringify(t, (_k, v) => (v instanceof Set ? undefined : v)));
}

/** Every completed table cell (names of code rows left out: a workbook shows the dictionary's). */
export function tableCells(ds: Dataset): Record<string, unknown> {
  const t = completeTables(ds);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(t)) {
    const v = value as { rows?: { code: string; cells: unknown[] }[] };
    out[key] = v.rows ? v.rows.map((r) => [r.code, r.cells.map(String)]) : cellsOf(value);
  }
  return out;
}

/**
 * A dataset without its sources, file and tables (compared through tableCells). An empty object is
 * left out: a blank fund row (`other: {}`) reads as no fund row, and both mean the same.
 */
export function otherParts(ds: Dataset): unknown {
  const { sources: _s, file: _f, tables: _t, ...rest } = ds;
  const prune = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(prune);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, child] of Object.entries(v)) {
        const p = prune(child);
        if (p !== undefined) out[k] = p;
      }
      return Object.keys(out).length ? out : undefined;
    }
    return v;
  };
  return prune(JSON.parse(JSON.stringify(rest)));
}

/** A workbook's bytes opened with exceljs. */
export async function openWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

/** A workbook saved by exceljs. */
export async function saveWorkbook(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The first cell of a sheet whose text is `text` (its address), searching the first columns. */
export function findCell(ws: ExcelJS.Worksheet, text: string, maxCol = 30): ExcelJS.Cell | undefined {
  for (let r = 1; r <= ws.rowCount; r++) for (let c = 1; c <= maxCol; c++) {
    const cell = ws.getRow(r).getCell(c);
    if (typeof cell.value === 'string' && cell.value === text) return cell;
  }
  return undefined;
}
