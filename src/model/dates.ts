// Dates as finance staff type them, and Excel serial numbers that leak into tables where a date
// belongs (rules.md S-SERIAL: 44531 printed instead of 2021-12-01).
import type { Decimal } from './decimal.js';

// Excel's 1900 date system: serial 1 = 1900-01-01, with the phantom 1900-02-29 (serial 60).
const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);

/** 44531 → '2021-12-01' (rules.md S-SERIAL). */
export function excelSerialToIso(serial: number): string {
  return new Date(EXCEL_EPOCH_UTC + serial * 86_400_000).toISOString().slice(0, 10);
}

/** Serials from 2000-01-01 to 2099-12-31: the range in which a bare integer is probably a date. */
export function isLikelyExcelSerial(n: Decimal): boolean {
  return n.isInteger() && n.gte(36526) && n.lte(73050);
}

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const CN_DATE = /^(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?(?:底)?(?:前|以前|之前)?$/;

/** A date written as 2021-12-01, 2021/12/01, 2021.12.01 or 2021年12月1日 (or 2021年12月). */
export function parseDate(text: string): string | undefined {
  const t = text.trim().replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[/.]/g, '-');
  const iso = ISO_DATE.exec(t);
  const cn = iso ? undefined : CN_DATE.exec(t);
  const m = iso ?? cn;
  if (!m) return undefined;
  const [y, mo] = [Number(m[1]), Number(m[2])];
  // a month without a day (`2021年12月底前`) is a deadline: the last day of that month
  const d = m[3] === undefined ? new Date(Date.UTC(y, mo, 0)).getUTCDate() : Number(m[3]);
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
