/**
 * The page's state in the query string, so the address bar is always a share link.
 *
 * Format (version 1):
 *   v=1                      format version
 *   view=explorer            the admissibility explorer instead of the lab (explorer/explorer-url.ts)
 *   <flag>=<value>           any spec field by its CLI flag (n-ini=100, lambda=0.7, loop=fresh),
 *                            written only where it differs from the page default (for data=mnist
 *                            the MNIST page defaults: learner pca-gmm and MNIST-sized runs)
 *   pts=x,y;x,y;…            the point set when data=points (2 decimals for drawn points), left
 *                            out when the address would exceed URL_BUDGET
 *   cmp=<run>,<run>,…        the compared runs, each "flag:value;flag:value" or "base" for none
 *   speed=slow|normal|fast|max
 *   preset=<id>              a scenario: its settings are the defaults of every field, and its
 *                            explanation is shown while the settings are its own
 *   embed=1                  compact view without page chrome
 *   theme=projector          large type
 *   hide=<flag>,<section>,…  or <flag>_hide=1: controls and sections a teacher hides
 *   backend=wasm             the neural learners' TensorFlow.js backend; backends=wasm,cpu, the
 *                            ones timed; fail-backend-at=K, a test hook (RUNTIME_PARAMS, read by
 *                            runtime-options.ts, kept as they came)
 *
 * Reading never fails: each bad value is named in a notice (once, however often it occurs) and its
 * field keeps the page default; a repeated parameter is read once, its first value (link-params.ts).
 */
import { type DataKind, type LearnerKind, SPEC_KEYS, type Spec, type SpecKey, specFields } from '../spec/schema';
import { decodePoints, encodeOverrides, overridePairs, queryString, readSpecFields, writeSpecFields } from '../spec/codec';
import { normaliseSpec, parseField, show, type SpecIssue } from '../spec/validate';
import { DEFAULT_RUNS, type LabState, MAX_RUNS, PAGE_DEFAULTS, type RunOverrides, SPEEDS, type Speed, defaultSpeed, pageDefaults, runSpecs, sameOverrides } from './lab-state';
import { linkParams } from './link-params';
import { linkMessage } from './messages';
import { PRESETS, type Preset, presetById } from './presets';
import { heavyRunNotice } from './run-estimate';
import { RUNTIME_PARAMS } from './runtime-options';

export const URL_VERSION = 1;
export const SECTIONS = ['presets', 'compare', 'export', 'data-input', 'tables'] as const;

const OTHER_PARAMS = new Set(['v', 'view', 'pts', 'cmp', 'speed', 'preset', 'embed', 'theme', 'hide', ...RUNTIME_PARAMS]);

function forUrl(issue: SpecIssue): string {
  return linkMessage(issue.message);
}

/** Resets the fields a cross-field rule names to their defaults until the spec is valid. */
function repair(input: Spec, defaults: Spec, notices: string[]): Spec {
  let spec = { ...input };
  for (let attempt = 0; attempt < SPEC_KEYS.length + 1; attempt++) {
    const checked = normaliseSpec(spec);
    if (checked.ok) return checked.value;
    for (const issue of checked.issues) {
      notices.push(`${forUrl(issue)}; using the default instead`);
      if (issue.field === 'points' || issue.field === 'data') spec = { ...spec, data: defaults.data, points: defaults.points };
      else if ((SPEC_KEYS as string[]).includes(issue.field)) spec = { ...spec, [issue.field]: defaults[issue.field as SpecKey] };
      else return defaults;
    }
  }
  return defaults;
}

function parseRun(text: string, base: Spec, index: number, notices: string[]): RunOverrides {
  const { pairs, malformed } = overridePairs(text);
  const fields = readSpecFields(pairs);
  const notPair = (part: string) => notices.push(`compare run ${index + 1}: ${show(part)} is not a field:value pair of a spec field other than data; ignored`);
  for (const part of [...malformed, ...fields.rest.map(([name, value]) => `${name}:${value}`)]) notPair(part);
  for (const issue of fields.issues) notices.push(`compare run ${index + 1}: ${forUrl(issue)}; ignored`);
  // Data is the page's, never a run's own.
  const { data, ...overrides } = fields.input as Record<string, unknown>;
  if (data !== undefined) notPair(`${specFields.data.flag}:${data}`);
  const checked = normaliseSpec({ ...base, ...overrides });
  if (checked.ok) return overrides;
  for (const issue of checked.issues) {
    notices.push(`compare run ${index + 1}: ${forUrl(issue)}; that override is ignored`);
    delete overrides[issue.field];
  }
  return normaliseSpec({ ...base, ...overrides }).ok ? overrides : {};
}

export function readUrl(search: string): { state: LabState; notices: string[] } {
  const notices: string[] = [];
  const params = linkParams(search, notices);
  const version = params.get('v');
  if (version !== undefined && version !== String(URL_VERSION))
    notices.push(`this link is format version ${show(version)}; this page reads version ${URL_VERSION}, so settings were read as version ${URL_VERSION} where possible`);

  // A scenario's link carries only what differs from the scenario, so it is read first.
  const presetId = params.get('preset');
  const scenario = PRESETS.find((p) => p.id === presetId) ?? null;
  if (presetId !== undefined && !scenario) notices.push(`preset: ${show(presetId)} is not a scenario; allowed: ${PRESETS.map((p) => p.id).join(' | ')}`);
  // The data kind and the learner pick the defaults of every other field, so they are read next.
  const data = parseField('data', params.get('data') ?? scenario?.base.data ?? PAGE_DEFAULTS.data);
  const learnerText = params.get('learner');
  const learner = learnerText === undefined ? null : parseField('learner', learnerText);
  const defaults = linkDefaults(scenario, data.ok ? (data.value as DataKind) : PAGE_DEFAULTS.data, learner?.ok ? (learner.value as LearnerKind) : undefined);
  const input: Spec = { ...defaults };
  const hidden = new Set<string>((params.get('hide') ?? '').split(',').filter(Boolean));
  const fields = readSpecFields(params);
  Object.assign(input, fields.input);
  for (const issue of fields.issues) notices.push(`${forUrl(issue)}; using the default instead`);
  for (const [name, value] of fields.rest) {
    if (name.endsWith('_hide')) {
      if (value !== '0' && value !== 'false') hidden.add(name.slice(0, -'_hide'.length));
    } else if (!OTHER_PARAMS.has(name)) notices.push(`unknown parameter ${show(name)} ignored`);
  }
  const pts = params.get('pts');
  if (pts !== undefined) {
    const decoded = decodePoints(pts);
    if (!decoded.ok) notices.push(`${decoded.message}; using the default distribution instead`);
    else if (input.data !== 'points') notices.push(`pts: ignored, because the link's data is ${input.data}; add data=points to use these ${decoded.points.length} points`);
    else input.points = decoded.points;
    // The notice above has said what happens to the distribution: no second one from the repair.
    if (!decoded.ok && input.data === 'points') input.data = defaults.data;
  } else if (input.data === 'points') {
    notices.push('data=points: this link carries no points (pts=…), so the default distribution is used instead; a point set too large for a link travels as a run file instead (Save and load: Whole run, then Load a run)');
    input.data = defaults.data;
  }
  if (input.data !== 'points') input.points = null;
  const base = repair(input, defaults, notices);

  let runs = scenario?.runs ?? DEFAULT_RUNS;
  const cmp = params.get('cmp');
  if (cmp !== undefined) {
    const parts = cmp.split(',').filter(Boolean);
    if (parts.length > MAX_RUNS) notices.push(`cmp: ${parts.length} runs given; allowed: 1..${MAX_RUNS}; the first ${MAX_RUNS} are shown`);
    runs = parts.slice(0, MAX_RUNS).map((text, i) => parseRun(text, base, i, notices));
    if (runs.length === 0) runs = [{}];
  }

  for (const [i, run] of runSpecs({ base, runs }).entries()) {
    const heavy = run.ok ? heavyRunNotice(run.spec, runs.length > 1 ? `run ${i + 1}` : 'this run') : null;
    if (heavy) notices.push(heavy);
  }

  const speedText = params.get('speed');
  let speed: Speed = defaultSpeed();
  if (speedText !== undefined) {
    // Own keys only: `speedText in SPEEDS` also matched toString and constructor.
    if (Object.hasOwn(SPEEDS, speedText)) speed = speedText as Speed;
    else notices.push(`speed: ${show(speedText)} is not allowed; allowed: ${Object.keys(SPEEDS).join(' | ')}`);
  }
  // The scenario's text is shown only while the settings are the scenario's.
  const preset = scenario && specKey(base) === specKey(scenario.base) && sameOverrides(runs, scenario.runs) ? scenario.id : null;
  const knownHides = new Set<string>([...SPEC_KEYS.map((k) => specFields[k].flag), ...SECTIONS]);
  for (const h of hidden)
    if (!knownHides.has(h)) {
      notices.push(`hide: ${show(h)} is not a control or section; allowed: ${[...knownHides].join(', ')}`);
      hidden.delete(h);
    }

  return {
    state: { base, runs, speed, preset, hidden: [...hidden], embed: readSwitch(params, 'embed', notices), projector: readSwitch(params, 'theme', notices) },
    notices: [...new Set(notices)],
  };
}

const SWITCH_ON = { embed: '1', theme: 'projector' } as const;

/** `embed=1`, `theme=projector`: a presentation switch that takes one value; any other is named, not ignored silently. */
export function readSwitch(params: Map<string, string>, name: keyof typeof SWITCH_ON, notices: string[]): boolean {
  const on = SWITCH_ON[name];
  const value = params.get(name);
  if (value === undefined || value === on) return value === on;
  const off = name === 'embed' ? 'shown with the page around it' : 'shown in the normal theme';
  notices.push(`${name}: ${show(value)} is not allowed; allowed: ${name}=${on}, or leave it out; ${off}`);
  return false;
}

/**
 * What a link's missing fields mean: a scenario's own settings, else the page defaults of the data
 * kind (and of the learner, for its training defaults).
 */
function linkDefaults(scenario: Preset | null, data: DataKind, learner?: LearnerKind): Spec {
  if (scenario && data === scenario.base.data && (learner === undefined || learner === scenario.base.learner)) return scenario.base;
  return pageDefaults(data, learner);
}

const specKey = (spec: Spec) => JSON.stringify(SPEC_KEYS.map((k) => spec[k]));

/**
 * The longest address the page writes, origin and path included. Servers and proxies refuse
 * request lines beyond 8 KB (some at 4 KB of headers in all); 6,000 characters leaves room for
 * the rest. A drawn point set costs about 10 characters a point, so a few hundred fit.
 */
export const URL_BUDGET = 6000;

/**
 * The query of the share link for `state`, given the length of what precedes and follows it
 * (origin, path, runtime parameters). A point set that would break the budget is left out (the
 * link then says data=points without pts, which reopens with a notice saying so): such sets
 * travel as run files (Save and load) instead.
 */
export function shareQuery(state: LabState, around: number): { query: string; pointsLeftOut: boolean } {
  const query = writeUrl(state);
  if (around + query.length <= URL_BUDGET || !state.base.points) return { query, pointsLeftOut: false };
  return { query: writeUrl({ ...state, base: { ...state.base, points: null } }), pointsLeftOut: true };
}

export function writeUrl(state: LabState): string {
  const pairs: [string, string][] = [['v', String(URL_VERSION)]];
  const scenario = presetById(state.preset);
  // data itself against the scenario's or the page's default data, the rest against the defaults of that data.
  const dataDefault = scenario?.base.data ?? PAGE_DEFAULTS.data;
  const defaults = { ...linkDefaults(scenario, state.base.data, state.base.learner), data: dataDefault, learner: linkDefaults(scenario, state.base.data).learner };
  pairs.push(...writeSpecFields(state.base, defaults));
  if (!sameOverrides(state.runs, scenario?.runs ?? DEFAULT_RUNS)) pairs.push(['cmp', state.runs.map(encodeOverrides).join(',')]);
  if (state.speed !== defaultSpeed()) pairs.push(['speed', state.speed]);
  if (state.preset) pairs.push(['preset', state.preset]);
  if (state.embed) pairs.push(['embed', '1']);
  if (state.projector) pairs.push(['theme', 'projector']);
  if (state.hidden.length > 0) pairs.push(['hide', state.hidden.join(',')]);
  return queryString(pairs);
}

