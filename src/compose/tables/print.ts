// Which print settings (zero display, 功能分类 rows) a report's 公开表 get. They differ by year
// (2021: zeros blank, 类/款/项; 2024: 0.00, 项 rows only; tables.md §0.2, §3 items 6–7), so the
// year's form carries them in its `print` block. Precedence, weakest first (docs/templates.md):
// templates/default/profile.yaml, the form's `print`, a profile layer that sets the key itself
// (a city printing its zeros its own way) — the same order as the 绩效自评 settings
// (compose/evaluation/settings.ts).
import type { Form } from '../../model/form.js';
import type { Profile, ProfileSettings } from '../profile.js';

/**
 * The profile's settings with zeroDisplay and functionRows resolved for the form: the default
 * profile's value, then the form's `print` block, then the keys the profile's own layers set
 * (`profile.printOwn`). A form without a `print` block leaves the profile's settings as they are.
 */
export function printSettings(profile: Profile, form: Pick<Form, 'print'> | undefined): ProfileSettings {
  const print = form?.print;
  if (!print) return profile.settings;
  const own = profile.printOwn ?? {};
  return {
    ...profile.settings,
    zeroDisplay: own.zeroDisplay ?? print.zeroDisplay ?? profile.settings.zeroDisplay,
    functionRows: own.functionRows ?? print.functionRows ?? profile.settings.functionRows,
  };
}
