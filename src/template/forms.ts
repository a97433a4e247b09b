// Which form a workbook's 公开表 follow: the form of the department's profile for its report year
// (the profile chain and its `forms` list), and for a fill-in workbook the form the data is typed in.
// A form that only prints the tables differently (表一…表九 in 万元, printing some columns of 05表)
// is not one to type into: its workbook is the form it draws from (`identitiesFrom`), whose tables
// are the department's canonical tables in 元.
import { ProfileError, resolveProfile, type Profile } from '../compose/profile.js';
import { isInputTable } from '../forms/layout.js';
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
  return source && source.tables.every(isInputTable) ? source : undefined;
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
