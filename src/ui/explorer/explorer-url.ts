/**
 * The explorer's state in the query string (format version 1, as the lab's), with the CLI's
 * `sweep` flags as parameter names, so a link and a command line read alike:
 *
 *   view=explorer                    the explorer (no view, or view=lab: the lab)
 *   x=n-syn                          field of the columns: n-syn | n-real | lambda | generations | syn-fraction
 *   x-values=10,100,1000             its values, or
 *   x-range=10:10000:10:log          lo:hi:count, or lo:hi:count:log
 *   y=…, y-values=…, y-range=…       the rows, likewise
 *   <flag>=<value>                   the base spec by CLI flag (n-real=100, learner=gmm), and pts=…
 *                                    for a point set as in the lab
 *   colour=ratio|fd|precision|recall|tv|alive|tailMass what the cells are coloured by (tv, alive, tailMass: words)
 *   workers=N                        Web Workers to use (default: one per core)
 *   embed=1                          without the page chrome
 *
 * Axes and base fields are written only where they differ from the default sweep (`npm run cli --
 * sweep` without flags). Reading never fails: each bad value is named in a notice, through the
 * engine's checkSweep messages where the problem is between fields, and only that part of the
 * sweep falls back to the default, with one notice per distinct problem.
 */
import { type SweepAxis, checkSweep, defaultSweep } from '../../engine/admissibility/sweep';
import { AXIS_PARAMS, decodePoints, queryString, readAxis, readSpecFields, writeAxis, writeSpecFields } from '../../spec/codec';
import { SPEC_KEYS } from '../../spec/schema';
import { show } from '../../spec/validate';
import { linkParams } from '../link-params';
import { linkMessage } from '../messages';
import { URL_VERSION, readSwitch } from '../url-state';
import { COLOUR_BY, type ColourBy, type ExplorerState, MAX_WORKERS, defaultExplorerState } from './explorer-state';

const OTHER_PARAMS = new Set(['v', 'view', 'pts', 'colour', 'workers', 'embed', ...AXIS_PARAMS]);

const forUrl = linkMessage;

/** An axis of the link, or undefined (none given, or a bad one, named in a notice). */
function linkAxis(which: 'x' | 'y', params: Map<string, string>, notices: string[]): SweepAxis | undefined {
  // Words have their own default sweep (the link omits what equals it).
  const read = readAxis(which, (name) => params.get(name), defaultSweep(params.get('data'))[which], (name) => name);
  if (typeof read !== 'string') return read;
  notices.push(`${read}; using the default ${which} axis instead`);
  return undefined;
}

interface SweepInput {
  base: Record<string, unknown>;
  x?: SweepAxis;
  y?: SweepAxis;
}

/**
 * Drops what checkSweep names (a base field, an axis) until the sweep is valid: each part named
 * falls back to its default and every other part is kept. When the part named is already at its
 * default (the x axis clashes with the default y), the axes go back to the default sweep's; only
 * when even that fails does the base follow.
 */
function repair(input: SweepInput, notices: string[]): ExplorerState['sweep'] {
  for (let attempt = 0; attempt <= SPEC_KEYS.length + 4; attempt++) {
    const checked = checkSweep(input);
    if (checked.ok) return checked.value;
    let changed = false;
    const drop = (holder: Record<string, unknown>, key: string) => {
      if (holder[key] !== undefined) changed = true;
      delete holder[key];
    };
    for (const { field, message } of checked.issues) {
      notices.push(`${forUrl(message)}; using the default instead`);
      if (field === 'x' || field === 'y') drop(input as unknown as Record<string, unknown>, field);
      else if (field === 'points' || field === 'data') {
        drop(input.base, 'data');
        drop(input.base, 'points');
      } else if ((SPEC_KEYS as string[]).includes(field)) drop(input.base, field);
    }
    if (changed) continue;
    // A problem of whole cells, or of a part already at its default: the axes and base together.
    if (input.x !== undefined || input.y !== undefined) {
      delete input.x;
      delete input.y;
    } else if (Object.keys(input.base).length > 0) input.base = {};
    else break;
  }
  return defaultSweep();
}

export function readExplorerUrl(search: string): { state: ExplorerState; notices: string[] } {
  const notices: string[] = [];
  const params = linkParams(search, notices);
  const state = defaultExplorerState();
  const version = params.get('v');
  if (version !== undefined && version !== String(URL_VERSION))
    notices.push(`this link is format version ${show(version)}; this page reads version ${URL_VERSION}, so settings were read as version ${URL_VERSION} where possible`);

  const fields = readSpecFields(params);
  const base: Record<string, unknown> = fields.input;
  for (const issue of fields.issues) notices.push(`${forUrl(issue.message)}; using the default instead`);
  for (const [name] of fields.rest)
    if (!OTHER_PARAMS.has(name)) notices.push(`unknown parameter ${show(name)} ignored (the explorer reads ${[...OTHER_PARAMS].join(', ')} and the spec fields)`);
  const pts = params.get('pts');
  if (pts !== undefined) {
    const decoded = decodePoints(pts);
    if (decoded.ok) base.points = decoded.points;
    else notices.push(`${decoded.message}; using the default distribution instead`);
  }
  state.sweep = repair({ base, x: linkAxis('x', params, notices), y: linkAxis('y', params, notices) }, notices);

  const colour = params.get('colour');
  if (colour !== undefined) {
    if ((COLOUR_BY as readonly string[]).includes(colour)) state.colour = colour as ColourBy;
    else notices.push(`colour: ${show(colour)} is not allowed; allowed: ${COLOUR_BY.join(' | ')}`);
  }
  const workers = params.get('workers');
  if (workers !== undefined) {
    const n = Number(workers);
    if (/^\d+$/.test(workers) && n >= 1 && n <= MAX_WORKERS) state.workers = n;
    else notices.push(`workers: ${show(workers)} is not allowed; allowed: an integer 1..${MAX_WORKERS}; using one per core`);
  }
  state.embed = readSwitch(params, 'embed', notices);
  return { state, notices: [...new Set(notices)] };
}

export function writeExplorerUrl(state: ExplorerState): string {
  const { sweep } = state;
  const defaults = defaultSweep(sweep.base.data);
  const pairs: [string, string][] = [
    ['v', String(URL_VERSION)],
    ['view', 'explorer'],
  ];
  for (const which of ['x', 'y'] as const) pairs.push(...writeAxis(which, sweep[which], defaults[which]));
  // The data name the defaults the rest is written against, so they are written unless they are the points default's.
  pairs.push(...writeSpecFields(sweep.base, { ...defaults.base, data: defaultSweep().base.data }));
  if (state.colour !== 'ratio') pairs.push(['colour', state.colour]);
  if (state.workers !== null) pairs.push(['workers', String(state.workers)]);
  if (state.embed) pairs.push(['embed', '1']);
  return queryString(pairs);
}
