// Which form a workbook's 公开表 follow: the form of the department's profile for its report year
// (the profile chain and its `forms` list), and for a fill-in workbook the form the data is typed in.
// A form that only prints the tables differently (表一…表九 in 万元, printing some columns of 05表)
// is not one to type into: its workbook is the form it draws from (`identitiesFrom`), whose tables
// are the department's canonical tables in 元.
import { ProfileError, resolveProfile, type Profile } from '../compose/profile.js';
import { isInputTable, threePublicColumns } from '../forms/layout.js';
import { FormError, formIdForYear, loadForm } from '../forms/load.js';
import type { Form } from '../model/form.js';
import type { WorkbookKind } from '../readers/excel.js';

/** The profile of that name, or the default profile when the name is missing or cannot be used. */
export function profileOrDefault(name: string | undefined): Profile | undefined {
  try {
    return resolveProfile(name);
  } catch (e) {
    if (!(e instanceof ProfileError)) throw e;
    try {
      return resolveProfile(undefined);
    } catch (again) {
      if (!(again instanceof ProfileError)) throw again;
      return undefined;
    }
  }
}

function load(id: string, profile: Profile): Form | undefined {
  try {
    return loadForm(id, profile.dirs);
  } catch (e) {
    if (!(e instanceof FormError)) throw e;
    return undefined;
  }
}

/** The form a department types its tables in: the form itself, or the canonical form it prints from. */
export function inputForm(form: Form, profile: Profile): Form | undefined {
  if (form.tables.every(isInputTable)) return form;
  const source = form.identitiesFrom ? load(form.identitiesFrom, profile) : undefined;
  if (!source || !source.tables.every(isInputTable)) return undefined;
  // a form with tables of its own (2024: 07/11/12表, 10表 with 全年预算数) cannot be typed in its
  // source's workbook: those figures would be lost (the fill-in workbook does not hold them yet)
  return notFillable(form, source).length === 0 ? source : undefined;
}

/**
 * The tables of `form` whose figures its input form `source` cannot hold (a table key it has not got,
 * or amount columns beyond its table's): the fill-in workbook does not take them yet.
 */
export function notFillable(form: Form, source: Form): readonly Form['tables'][number][] {
  return form.tables.filter((t) => {
    const base = source.tables.find((s) => s.key === (t.source ?? t.key));
    if (!base) return true;
    const held = new Set(threePublicColumns(base));
    return threePublicColumns(t).some((c) => !held.has(c));
  });
}

/** The tables of a profile's form for the year that the fill-in workbook cannot hold (empty when it can). */
export function notFillableForYear(profileName: string | undefined, year: number): readonly Form['tables'][number][] {
  const profile = profileOrDefault(profileName);
  const id = profile ? formIdForYear(profile.settings.forms ?? [], year) : undefined;
  const form = profile && id ? load(id, profile) : undefined;
  const source = form?.identitiesFrom && profile ? load(form.identitiesFrom, profile) : undefined;
  return form && source ? notFillable(form, source) : [];
}

/**
 * The form of a profile's report year: as printed (`published`), or as typed in the fill-in workbook
 * (`fill-in`). Undefined when the year is unknown or the profile has no form for it (the department's
 * check says why, IN-FORM / IN-PROFILE).
 */
export function formForProfile(profileName: string | undefined, year: number | undefined, kind: WorkbookKind): Form | undefined {
  const profile = profileOrDefault(profileName);
  if (!profile || year === undefined) return undefined;
  const id = formIdForYear(profile.settings.forms ?? [], year);
  const form = id ? load(id, profile) : undefined;
  if (!form) return undefined;
  return kind === 'fill-in' ? inputForm(form, profile) : form;
}
