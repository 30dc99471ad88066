/**
 * A link's query parameters, each name read once. URLSearchParams keeps every repeat, and its
 * get() returns the first while a loop over it ends on the last: a repeated name would then mean
 * two things at once. Here the first value is the one read, everywhere, and each repeated name is
 * named once in a notice (the CLI refuses repeats outright; a link is repaired instead).
 */
import { show } from '../spec/validate';

export function linkParams(search: string, notices: string[]): Map<string, string> {
  const params = new Map<string, string>();
  const repeats = new Map<string, string[]>();
  for (const [name, value] of new URLSearchParams(search)) {
    if (!params.has(name)) params.set(name, value);
    else repeats.set(name, [...(repeats.get(name) ?? []), value]);
  }
  for (const [name, later] of repeats)
    notices.push(`${show(name)} is given ${later.length + 1} times; the first value, ${show(params.get(name))}, is read and the later ${later.length === 1 ? 'one is' : 'ones are'} ignored`);
  return params;
}
