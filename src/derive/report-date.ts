// The date written into a department's files (PDF, DOCX and XLSX properties, and the zip entries of
// DOCX and XLSX): a date of the data, never the clock, so the same data builds the same bytes.
import type { Dataset } from '../model/dataset.js';

/**
 * ISO timestamp of the department's files: `SOURCE_DATE_EPOCH` (seconds, the reproducible-builds
 * convention) when given, else `department.reportDate`, else 31 December of the report year; a date
 * is taken at noon Beijing time, so it reads as the same day in UTC and in China.
 */
export function documentDate(ds: Dataset, sourceDateEpoch?: string): string {
  if (sourceDateEpoch !== undefined && /^\d+$/.test(sourceDateEpoch)) return new Date(Number(sourceDateEpoch) * 1000).toISOString();
  const day = ds.department.reportDate ?? `${String(ds.department.year).padStart(4, '0')}-12-31`;
  return new Date(`${day}T12:00:00+08:00`).toISOString();
}
