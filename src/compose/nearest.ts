// “是不是 zeroDisplay？”: the allowed name a misspelt one was probably meant to be, for the messages
// about profiles and templates.
import { closest, distance } from 'fastest-levenshtein';

/** The candidate nearest to `word` (ignoring case) when it is near enough to be a typo, or an abbreviation of one. */
export function nearestName(word: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0 || word === '') return undefined;
  const lower = word.toLowerCase();
  const best = closest(lower, candidates.map((c) => c.toLowerCase()));
  // near enough: two edits, or one in three letters of a long word
  const d = distance(lower, best);
  if (d <= 2 || d * 3 <= word.length) return candidates.find((c) => c.toLowerCase() === best);
  return lower.length >= 3 ? candidates.find((c) => c.toLowerCase().startsWith(lower)) : undefined;
}
