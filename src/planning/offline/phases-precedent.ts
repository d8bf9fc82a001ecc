/**
 * A feature or an option, planned from the precedent (`src/precedent/`): the plan's shape follows the
 * verdict. met: say so with the evidence and plan only the gap; partly-met: what is missing, at the
 * footprint; name-taken: an open question and a distinct name; new: one edit point per footprint entry, as
 * the sibling does it; unsure: the candidates and a question, no place to edit. A requirement that names
 * nothing the code has gets the question, not a design. Every sentence quotes what the engine found.
 */
import type { EditPoint, Step } from '../../domain/plan.js';
import type { Precedent } from '../../domain/precedent.js';
import { codeRoleOf } from '../../explore/conventions.js';
import { projectFiles } from '../../files/project-files.js';
import { commonSibling, followedEntries, judged, MAX_FILES, notFollowed } from '../../precedent/followed.js';
import { lackText } from '../../precedent/gap.js';
import { decoratedBy } from '../../precedent/lines.js';
import { COMPLETION, handlerPlace } from '../../precedent/places.js';
import { distinctName } from '../../precedent/requested.js';
import { formNote } from '../../precedent/sibling-job.js';
import { modelAdvice, SNAPSHOT } from '../../precedent/tests.js';
import { runnerRule } from '../checks.js';
import type { FileOutline } from './edit-points.js';
import { asPoint, pointedAt, readOutline } from './edit-points.js';
import {
  cap,
  changeSteps,
  code,
  type Draft,
  docsPhase,
  est,
  names,
  phase,
  step,
  testStep,
  testsPhase,
} from './phase-parts.js';
import { lowerFirst } from './placement.js';
import type { Work } from './work.js';

type Entry = Precedent['footprint'][number];
type Place = { file: string; line?: number };

const plain = (s: string) => s.replace(/`/g, '');
export const where = (p: Place) => (p.line ? `${p.file}:${p.line}` : p.file);

/** What each role of a footprint entry asks for, in the order a step names them. */
const VERB: Record<Entry['role'], string> = {
  registration: 'Register',
  default: 'Set the default of',
  type: 'Declare the type of',
  read: 'Read',
  serialization: 'Add to the list',
  other: 'Change',
  docs: 'Document',
  test: 'Test',
  changelog: 'Note',
};

/** What the engine read of a file: its outline (null: none, or the file is not readable: `null` itself). */
type Read = { outline: FileOutline | null } | null;
const READ = new WeakMap<Work, Map<string, Read>>();
function readOf(w: Work, file: string): Read {
  const cache = READ.get(w) ?? new Map<string, Read>();
  READ.set(w, cache);
  if (!cache.has(file)) {
    const outline = readOutline(w.ctx.root, file);
    cache.set(file, outline || projectFiles(w.ctx.root).readEvidence(file) != null ? { outline } : null);
  }
  return cache.get(file) ?? null;
}

/** A place with the line the core read there (`text`, trimmed), cut to a readable length. */
const quoted = (p: Place & { text: string }) => {
  const l = p.text.length > 100 ? `${p.text.slice(0, 97)}…` : p.text;
  return l && p.line ? `${where(p)} (${code(l)})` : where(p);
};

/** The outline item an entry lies in (by its symbol if it has one, else the narrowest around its line). */
function pointFor(w: Work, e: Place & { symbol?: string }, why: string): EditPoint | null {
  const o = readOf(w, e.file)?.outline;
  const items = o?.items ?? [];
  const around = (i: (typeof items)[number]) => !e.line || (i.start_line <= e.line && i.end_line >= e.line);
  const item =
    (e.symbol
      ? items.find((i) => (i.qualified === e.symbol || i.name === e.symbol) && around(i))
      : undefined) ??
    // The function a decorator's line belongs to (`@click.option(…)` over `def main`), from the core.
    (o && e.line ? decoratedBy(o.lines, o.items, e.line) : undefined) ??
    (e.line
      ? items.filter(around).sort((a, b) => a.end_line - a.start_line - (b.end_line - b.start_line))[0]
      : undefined);
  return item ? asPoint(item, why) : null;
}

/** The entry's line names the sibling (a page of its own), not only its kind or its command; a man page's `\-\-x` too. */
const namesSibling = (p: Precedent, e: Entry) =>
  Boolean(p.sibling) &&
  e.text.replace(/\\-/g, '-').toLowerCase().includes(p.sibling!.name.replace(/^-+/, '').toLowerCase());

/** One step per file of the footprint's code entries, one edit point per entry, each "as the sibling does". */
function footprintSteps(w: Work, p: Precedent, name: string, area: Entry['area'][]): Step[] {
  const sib = p.sibling;
  // An unsure sibling is a model only where the new one works the same: each step says so.
  const as = !sib
    ? `as the ${area.includes('docs') ? 'page' : 'code'} does`
    : sib.tentative
      ? `like ${code(sib.name)}, if it works the same,`
      : `as ${code(sib.name)} does`;
  const form = formNote(w.req.requirement, p); // for lines that spell the form: a switch, or with a value
  const byFile = new Map<string, Entry[]>();
  for (const e of followedEntries(p, area)) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  const out: Step[] = [];
  for (const [file, entries] of byFile) {
    if (!readOf(w, file)) continue;
    const points: EditPoint[] = [];
    const said: string[] = [];
    const listed = COMPLETION.test(file); // a completion script lists options, whatever a line's role
    for (const e of entries) {
      // Why, where no copy of the sibling: history, its kind's or command's page, another side's model, a reader.
      const page = (e.area === 'docs' && !namesSibling(p, e)) || Boolean(e.of);
      const read = p.evidence.some((x) => x.file === e.file && x.line === e.line);
      const from = e.source === 'history' || page || read ? ` (${e.why})` : '';
      const why = plain(`${e.role}: ${from ? e.why : `${as} at ${where(e)}`}`);
      const pt = pointFor(w, e, why);
      if (pt && !points.some((x) => x.symbol === pt.symbol)) points.push(pt);
      const what =
        page && sib ? label(p, name) : from && e.symbol ? code(e.symbol) : `${label(p, name)} ${as}`;
      const spelt = form && (listed || e.area === 'docs' || e.role === 'registration') ? ` (${form})` : '';
      said.push(`${listed ? 'List' : VERB[e.role]} ${what} at ${quoted(e)}${from}${spelt}`);
    }
    const roles = (Object.keys(VERB) as Entry['role'][])
      .filter((r) => entries.some((e) => e.role === r))
      .map((r) => (listed ? 'list' : VERB[r].toLowerCase()))
      .filter((r, i, all) => all.indexOf(r) === i);
    const verbs = roles.length > 1 ? `${roles.slice(0, -1).join(', ')} and ${roles.at(-1)}` : roles[0]!;
    out.push(
      step(
        `${verbs.replace(/^./, (c) => c.toUpperCase())} ${label(p, name)} in ${code(file)}`,
        `${said.join('; ')}.`,
        [],
        [
          {
            path: file,
            why: entries.some((e) => namesSibling(p, e))
              ? `${sib!.name} is here (${entries.map((e) => e.role).join(', ')})`
              : plain(entries[0]!.why),
            ...(points.length ? { edit_points: points } : {}),
          },
        ],
      ),
    );
  }
  return out;
}

/** A behaviour, an endpoint or a command: it follows a registered unit, not an option's declarations. */
const isUnit = (p: Precedent) => p.sibling?.kind === 'route' || p.sibling?.kind === 'command';

/** The requested behaviour in prose: its words when the request spelled no name, else its name as code. */
const label = (p: Precedent, name: string) =>
  p.requested?.named === false ? `the ${name.replace(/-/g, ' ')}` : p.requested ? code(name) : name;

/**
 * The steps of a behaviour that follows a registered unit: register it beside the sibling (where their
 * group is mounted said, not edited), then the method the sibling's handler calls, with what the request
 * needs that the code already does (the function that sends mail) named as the thing to call.
 */
function unitSteps(w: Work, p: Precedent, name: string): Step[] {
  const sib = p.sibling!;
  const what = label(p, name);
  const code_ = followedEntries(p, ['code']).filter((e) => readOf(w, e.file));
  const reg = code_.find((e) => e.role === 'registration' && e.file === sib.file);
  const mounts = code_.filter((e) => e.role === 'registration' && e !== reg);
  const calls = code_.filter((e) => e.role === 'other' && e.symbol);
  const uses = p.uses.map((u) => `${code(u.symbol ?? u.text)} at ${quoted(u)} ${u.why}`);
  const out: Step[] = [];
  if (reg) {
    const mounted = mounts.length
      ? ` Its group is mounted at ${mounts.map((m) => quoted(m)).join('; ')}.`
      : '';
    // A decorated handler (`@router.get(…)` over `def get_order`) is found by its name: the decorator's
    // line lies above the function's own.
    const pt = pointFor(
      w,
      reg.symbol ? { ...reg, line: undefined } : reg,
      `registration: as ${sib.name} does at ${where(reg)}`,
    );
    out.push(
      step(
        `Register ${what} beside ${code(sib.name)} in ${code(sib.file)}`,
        `Register it as ${code(sib.name)} is registered at ${quoted(reg)}.${mounted}`,
        [],
        [
          {
            path: sib.file,
            why: `${sib.name} is registered here`,
            ...(pt ? { edit_points: [pt] } : {}),
          },
        ],
      ),
    );
  }
  for (const c of calls) {
    const cls = c.symbol!.includes('.') ? c.symbol!.slice(0, c.symbol!.lastIndexOf('.')) : '';
    const items = readOf(w, c.file)?.outline?.items ?? [];
    const owner = items.find((i) => i.qualified === cls);
    const pt = owner
      ? asPoint(owner, handlerPlace(sib.name, c, where(c), c.symbol))
      : pointFor(w, c, handlerPlace(sib.name, c, where(c)));
    out.push(
      step(
        `Implement ${what} beside ${code(c.symbol!)} in ${code(c.file)}`,
        `${handlerPlace(code(sib.name), c, quoted(c), code(c.symbol!), true)}.${
          uses.length ? ` Call what the code already has: ${uses.join('; ')}.` : ''
        }`,
        [],
        [{ path: c.file, why: `${c.symbol} is here`, ...(pt ? { edit_points: [pt] } : {}) }],
      ),
    );
  }
  if (!calls.length && uses.length && out[0])
    out[0] = { ...out[0], detail: `${out[0].detail} Call what the code already has: ${uses.join('; ')}.` };
  return out;
}

/**
 * The tests phase: every file the precedent ranked as exercising the sibling (its reason and its tests
 * named; a table-driven layout as its driver and data folder), else the file that tests its neighbours or
 * imports its module, said as such; a new file only where nothing is (no name invented for it).
 */
function testsOf(w: Work, p: Precedent, name: string): Draft {
  // A snapshot the runner records that lists the sibling changes with it: regenerated, after the tests.
  const snap = (t: Precedent['tests'][number]) => SNAPSHOT.test(t.file);
  const d = testsOfCode(w, { ...p, tests: p.tests.filter((t) => !snap(t)) }, name);
  const regen = p.tests
    .filter((t) => snap(t) && readOf(w, t.file))
    .map((t) =>
      step(
        `Regenerate ${code(t.file)}`,
        `${code(t.file)} ${t.why}.`,
        [],
        [{ path: t.file, why: plain(t.why) }],
      ),
    );
  return { ...d, steps: [...d.steps, ...regen] };
}

function testsOfCode(w: Work, p: Precedent, name: string): Draft {
  const fromFootprint = p.footprint.find((e) => e.area === 'test');
  // A unit's tests may exercise the service it calls rather than the unit: say what they exercise.
  const exercised =
    isUnit(p) && fromFootprint?.why.startsWith('exercises ') ? fromFootprint.why.slice(10) : '';
  const sib = exercised ? code(exercised) : p.sibling ? code(p.sibling.name) : 'the existing code';
  // Every ranked file, a test that uses the sibling first: dropping one would say no test exercises it.
  const covering = p.tests.filter((t) => readOf(w, t.file));
  // A unit's covering tests are the ones that name the class its handler calls: say so, not "uses the sibling".
  const whyOf = (t: Precedent['tests'][number]) => (exercised ? `exercises ${sib}` : t.why);
  if (covering.length) {
    const steps = covering.map((t) =>
      t.data
        ? step(
            `Add a case to ${code(`${t.data}/`)}, read by ${code(t.file)}`,
            `${code(t.file)} ${whyOf(t)}: add a data file for ${label(p, name)} there, in the format of the ones for ${sib}${t.cases?.length ? ` (${names(t.cases, 4)}), or set it in the case that sets ${sib}` : ''}.`,
            [],
            [
              { path: t.file, why: plain(whyOf(t)) },
              ...(t.cases ?? [])
                .filter((c) => readOf(w, c))
                .map((c) => ({ path: c, why: `a case for ${plain(sib)}` })),
            ],
          )
        : step(
            `Add the cases to ${code(t.file)}`,
            `${code(t.file)}: ${whyOf(t)}${t.selects.length ? ` (${names(t.selects, 3)})` : ''}. ${modelAdvice(t, name, p.sibling?.name, w.checks.selecting(t.file, t.model ? [t.model.name] : [])[0]?.command)?.sentence ?? `Add the cases for ${label(p, name)} beside them.`}`,
            [],
            [{ path: t.file, why: plain(whyOf(t)) }],
          ),
    );
    const checks = covering.flatMap((t) => w.checks.selecting(t.file, []));
    // A file that tests only the sibling's neighbours (or imports its module) is not said to test it.
    const using = covering.filter((t) => t.uses !== 0).map((t) => t.file);
    const goal = using.length
      ? `${cap(label(p, name))} is tested where ${sib} is: ${names(using)}.`
      : `${p.sibling ? `No test names ${sib} yet: t` : 'T'}he cases for ${label(p, name)} go into ${code(covering[0]!.file)} (${plain(covering[0]!.why)}).`;
    const phase = testsPhase(w, { step: steps[0]!, checks }, goal, 30);
    return { ...phase, steps, estimate_minutes: 15 + 15 * steps.length };
  }
  const runner = w.profile.testRunner;
  const suite = w.checks.test[0]?.command;
  const detail = `No test names ${sib}, tests its neighbours or imports its module: ${
    runner
      ? `write the tests where ${runnerRule(runner)}.`
      : suite
        ? `write the tests beside the project's own, run by ${code(suite)}.`
        : 'the project has no test runner the explorer could find.'
  }`;
  return testsPhase(w, { step: step('Write the tests', detail, [], []), checks: [] }, detail, 30);
}

export function precedentPhases(w: Work): Draft[] {
  const p = w.precedent;
  const name = p?.requested?.name;
  if (!p || !name) return nothingRequested(w);
  const evidence = p.evidence.map((e) => quoted(e));
  switch (p.verdict) {
    case 'met': {
      // Only the gap beside its declared neighbours (`precedent/gap.ts`), each lack as a neighbour has it.
      const { lacks = [], renamed, help, untested } = p.gap ?? {};
      if (renamed && p.evidence[0])
        w.questions.push({
          question: `The request calls it ${code(name)}; the code has it at ${where(p.evidence[0])}. Add ${code(name)} as an alias, or document the existing name?`,
          why: 'The behaviour exists under another name: only the name is the gap.',
        });
      // A test the neighbours have, or with none to compare, one when nothing exercises it (the core's).
      const test = lacks.some((l) => l.aspect === 'test') || Boolean(untested);
      const note = lacks.some((l) => l.aspect === 'changelog') ? docsPhase(w) : null;
      const add = (l: (typeof lacks)[number]) =>
        l.generated
          ? step(`Regenerate ${code(l.file)}`, `${cap(lackText(l))}; ${l.generated}.`, [], [])
          : step(
              `Add ${code(name)} to ${code(l.file)}`,
              `${cap(lackText(l))}: ${code(l.text)}.`,
              [],
              [{ path: l.file, why: l.name }],
            );
      const gap = [
        ...lacks.filter((l) => l.aspect !== 'test' && !(l.aspect === 'changelog' && note)).map(add),
        ...(note?.steps ?? []),
      ];
      w.conclusion = `Already met: ${code(name)} exists (${p.evidence.map(where).join(', ')}); ${lacks.length ? `it lacks ${lacks.map(lackText).join('; ')}: the plan adds only that` : test || renamed ? 'the plan covers only the gap' : 'it lacks nothing its neighbours have: no code change'}.`;
      const confirm = step(`Confirm ${code(name)}`, `The code has it: ${evidence.join('; ')}.`, [], []);
      // The tests that pin it, else the project's suite; its `--help` where the declaring file is a script.
      const pinned = p.tests[0] ? w.checks.selecting(p.tests[0].file, p.tests[0].selects) : [];
      const checks = pinned.length ? pinned : w.checks.test;
      const [title, kind] = gap.length ? ['The gap', 'docs' as const] : ['Already met', 'research' as const];
      const manual = help ? [`Run \`${help}\`: it lists ${code(name)}.`] : [];
      const phases = [phase(title, `${code(name)} exists.`, kind, [confirm, ...gap], checks, 15, manual)];
      return test ? [...phases, testsOf(w, p, name)] : phases;
    }
    case 'unsure':
      return unsure(w, p, name);
    case 'name-taken': {
      const other = distinctName(name, w.a.entities);
      w.conclusion = `The name ${code(name)} is taken (${p.evidence.map(where).join(', ')}): see the open question.`;
      w.questions.push({
        question: `${code(name)} is already taken at ${evidence[0] ?? 'the code'}; sharing the name would change what it does today. Use a distinct name${other ? ` such as ${code(other)}` : ''}?`,
        why: 'The requested name exists for something else.',
      });
      return buildLike(w, p, other || name);
    }
    default:
      return buildLike(w, p, name);
  }
}

/** new and partly-met: the code footprint as edit points, then the tests and the docs. */
function buildLike(w: Work, p: Precedent, name: string): Draft[] {
  // A one-word sibling named in too many source files: only its own file is followed (`commonSibling`).
  const common = commonSibling(p);
  const own = common?.own ?? null;
  if (own)
    w.facts.push(
      `The nearest sibling, ${code(p.sibling!.name)} (${where(p.sibling!)}), is named in ${common!.spread} source files: too common a name to follow beyond ${code(own)}.`,
    );
  if (p.sibling?.tentative)
    w.facts.push(
      `Which sibling to follow is unsure: ${code(p.sibling.name)} (${where(p.sibling)}) is followed as the first of those as near as each other${p.candidates.length ? `; weigh ${names(p.candidates.map((c) => `${c.file}:${c.line}`))} before copying it` : ''}.`,
    );
  const steps = isUnit(p)
    ? unitSteps(w, p, name)
    : footprintSteps(
        w,
        own ? { ...p, footprint: p.footprint.filter((e) => e.file === own || e.source === 'history') } : p,
        name,
        ['code'],
      );
  // Partly met with nothing to copy (its value read nowhere): where it takes effect is the change.
  if (p.verdict === 'partly-met' && !p.footprint.length) steps.push(...effectSteps(w, p, name));
  if (!steps.length) return p.candidates.length ? unsure(w, p, name) : nothingRequested(w);
  if (p.verdict !== 'partly-met' || p.footprint.length) steps.push(...effectSteps(w, p, name));
  // Every code file of the footprint is a step, or said not to be.
  const stepped = (f: string) => steps.some((s) => s.files_to_modify.some((m) => m.path === f));
  // Files of the introducing commit nothing today ties to the sibling: named as history, no step.
  const incidental = [...new Set(p.footprint.filter((e) => e.incidental).map((e) => e.file))].filter(
    (f) => !stepped(f) && !p.footprint.some((e) => e.file === f && !e.incidental),
  );
  if (incidental.length)
    w.facts.push(
      `Also changed with ${code(p.sibling?.name ?? name)} by the commit that introduced it, with no step here: nothing today ties ${incidental.length === 1 ? 'it' : 'them'} to ${code(p.sibling?.name ?? name)} (history): ${names(incidental, 6)}.`,
    );
  // Files not written by hand that name the sibling: regenerated at the end, one step per command.
  const regen = new Map<string, string[]>();
  for (const e of p.footprint.filter((x) => x.generated && !stepped(x.file)))
    regen.set(e.generated!, [...new Set([...(regen.get(e.generated!) ?? []), e.file])]);
  const left = [...new Set(p.footprint.filter(judged).map((e) => e.file))].filter(
    (f) => !stepped(f) && !incidental.includes(f) && ![...regen.values()].flat().includes(f),
  );
  // Each with its reason: the first of its lines' reasons, else the common name, else why no step was made.
  const why = (f: string) =>
    p.footprint
      .filter((e) => e.file === f && judged(e))
      .map((e) => notFollowed(p, e))
      .find(Boolean) ??
    (own && f !== own
      ? `past ${MAX_FILES} files`
      : !readOf(w, f)
        ? 'not readable'
        : isUnit(p)
          ? `the ${p.sibling?.kind ?? 'unit'} is added beside its sibling instead`
          : 'not followed');
  const reasons = new Map<string, string[]>();
  for (const f of left) {
    const r = why(f);
    reasons.set(r, [...(reasons.get(r) ?? []), f]);
  }
  if (left.length)
    w.facts.push(
      `Not planned, though the footprint names ${code(p.sibling?.name ?? name)} there: ${[...reasons].map(([r, fs]) => `${names(fs, 6)} (${r})`).join('; ')}.`,
    );
  const sib = p.sibling;
  // Files, not steps: where it takes effect may be a second step in a file already planned.
  const files = new Set(steps.flatMap((s) => s.files_to_modify.map((f) => f.path))).size;
  if (!w.conclusion)
    w.conclusion =
      p.verdict === 'partly-met'
        ? `Partly met (${p.evidence.map(where).join(', ')}): missing ${p.missing || 'what the footprint lists'}.`
        : isUnit(p)
          ? `New: ${label(p, name)}, a ${sib!.kind} beside ${code(sib!.name)} (${where(sib!)})${p.uses.length ? `, calling ${names(p.uses.map((u) => u.symbol ?? u.text))} (${p.uses.map(where).join(', ')})` : ''}.`
          : `New: ${code(name)}, added in ${files} code file${files === 1 ? '' : 's'} where ${sib ? `${code(sib.name)} (${where(sib)})` : 'the precedent'} is.`;
  const done = p.effect?.at.find((x) => x.sure && readOf(w, x.file));
  // What it does in the request's words (none when only its name says it), where the code does it if sure.
  if (p.effect && p.effect.says !== p.requested?.name)
    w.conclusion += ` What it does, in the request's words: "${p.effect.says}"${done ? `; the code does that in ${code(done.symbol)} (${where(done)})` : ''}.`;
  const phases: Draft[] = [
    {
      title: sib && sib.name !== name ? `${cap(label(p, name))} like ${code(sib.name)}` : code(name),
      goal:
        p.verdict === 'partly-met'
          ? `Part of it exists (${p.evidence.map((e) => where(e)).join(', ')}); missing: ${p.missing || 'see the precedent'}.`
          : sib
            ? `${cap(label(p, name))} is added where ${code(sib.name)} (${where(sib)}) lives.`
            : `${code(name)} at the places the precedent found.`,
      kind: 'implement',
      steps,
      automated_checks: [...w.checks.static],
      manual_checks: [],
      estimate_minutes: est(steps),
    },
    testsOf(w, p, name),
  ];
  // The docs are where the sibling is documented (the footprint's ranked pages), never a page that only
  // shares the requirement's words.
  const docSteps = footprintSteps(w, p, name, ['docs']);
  if (sib && !docSteps.length && !p.footprint.some((e) => e.area === 'docs'))
    w.facts.push(`The footprint of ${code(sib.name)} holds no docs page: the plan changes no docs page.`);
  const docs = docsPhase(w);
  // Pages that do not name the sibling (the reference page of its kind, the page of its command) are said
  // as the pages the precedent found, never as where the sibling is documented.
  const docEntries = p.footprint.filter((e) => e.area === 'docs');
  const planned = new Set(docSteps.flatMap((s) => s.files_to_modify.map((f) => f.path)));
  const named = new Set(docEntries.filter((e) => namesSibling(p, e)).map((e) => e.file));
  const found = [...planned].filter((f) => !named.has(f));
  const foundText = `${names(found)}, the page${found.length > 1 ? 's' : ''} the precedent found`;
  // A sentence that spells it as written (`--json`, not a `field:=json` cell) is where it is mentioned.
  const prose = docEntries.find((e) => / in prose$/.test(e.why) && sib && e.text.includes(sib.name));
  const regenerate = [...regen].map(([g, fs]) =>
    step(`Regenerate ${names(fs)}`, `${names(fs)}: ${g}.`, [], []),
  );
  if (docSteps.length || docs || regenerate.length)
    phases.push(
      phase(
        docs ? 'Docs and release note' : 'Docs',
        docSteps.length && !named.size
          ? `Documented on ${foundText} (no page documents ${sib ? code(sib.name) : 'a sibling'}).`
          : found.length
            ? `Documented where ${code(sib!.name)} is documented, and on ${foundText} for its kind.`
            : `Documented where ${sib ? code(sib.name) : 'the code'} is ${prose ? `mentioned in prose (${where(prose)}; no page defines it)` : 'documented'}.`,
        'docs',
        [...docSteps, ...(docs?.steps ?? []), ...regenerate],
        [],
        15,
      ),
    );
  return phases;
}

/** Where it takes effect (`precedent/effect.ts`): a sure place is an edit point, the others named, hedged. */
function effectSteps(w: Work, p: Precedent, name: string): Step[] {
  const at = (p.effect?.at ?? []).filter((x) => readOf(w, x.file));
  const hedge = (x: (typeof at)[number]) => (x.sure ? '' : ' (unsure: read it before editing)');
  const said = at.map((x) => `${code(x.symbol)} at ${quoted(x)}: ${x.why}${hedge(x)}`);
  const sure = at.filter((x) => x.sure);
  const files = [...new Set(sure.map((x) => x.file))].map((path) => ({
    path,
    why: plain(sure.find((x) => x.file === path)!.why),
    edit_points: sure.flatMap((x) => (x.file === path && pointFor(w, x, plain(x.why))) || []),
  }));
  const says = `${p.effect?.says === p.requested?.name ? `Its name says what it does: ${code(name)}` : `What it does, in the request's words: "${p.effect?.says}"`}. ${sure.length ? 'The code that does that' : 'Perhaps where the code does that'}`;
  return at.length
    ? [step(`Where ${label(p, name)} takes effect`, `${says}: ${said.join('; ')}.`, [], files)]
    : [];
}

/** The engine cannot settle it: the candidates it weighed, and the question; no place to edit. */
function unsure(w: Work, p: Precedent, name: string): Draft[] {
  const cands = p.candidates.map((c) => quoted(c));
  return ask(
    w,
    `Unsure where ${label(p, name)} belongs: ${cands.length ? `${cands.length} candidates, in the open question` : 'nothing in the code is like it'}.`,
    `Where does ${label(p, name)} belong? ${cands.length ? `The engine found no sibling to follow; the places it weighed: ${cands.slice(0, 6).join('; ')}.` : 'Nothing in the code is like it.'}`,
    'The precedent analysis found no single sibling to follow.',
  );
}

/** The engine cannot say where: its conclusion, the question, and one step that answers it; no place to edit. */
function ask(w: Work, conclusion: string, question: string, why: string): Draft[] {
  w.conclusion = conclusion;
  w.questions.push({ question, why });
  const s = step('Answer the open question', question, [], []);
  // Open place; the release note, reference page, a named place's tests (`namedPlaceTests`) are not.
  const p = w.precedent;
  const pages = p ? footprintSteps(w, p, p.requested?.name ?? '', ['docs']) : [];
  const docs = docsPhase(w, pages);
  return [
    phase('Decide where it belongs', 'Answer the open question before any edit.', 'research', [s], [], 15),
  ].concat(p?.tests.length ? [testsOf(w, p, p.requested?.name ?? 'the change')] : [], docs ?? []);
}

/**
 * Nothing requested the code has a precedent for: the places the requirement names itself (a function, a
 * traceback frame, a link), else the question.
 */
function nothingRequested(w: Work): Draft[] {
  // The places the requirement names: a command's module (`commandEffect`, sure), a function it names.
  const named = [
    ...(w.precedent?.effect?.at ?? [])
      .filter((x) => x.sure && readOf(w, x.file))
      .map((x) => ({ path: x.file, why: plain(x.why), edit_points: [pointFor(w, x, plain(x.why))!] })),
    ...w.targets.map((t) => ({ ...t, edit_points: (t.edit_points ?? []).filter(pointedAt) })),
  ].filter((t) => t.edit_points[0] && codeRoleOf(t.path) !== 'test');
  if (named.length) {
    w.conclusion =
      'No declaration like the requested thing: the plan changes the code the requirement names.';
    const steps = changeSteps(named.slice(0, 3), 'Change');
    const goal = `The requirement points at ${names(named.flatMap((t) => t.edit_points.map((e) => e.symbol)))}.`;
    // The core's tests (a named command's, the code's it names: `namedCodeTests`); else the covering test
    // the engine found where there is no precedent; no file named after the requirement's words.
    const p = w.precedent;
    return [
      phase('Change the named code', goal, 'implement', steps, [...w.checks.static], est(steps)),
      p?.tests.length
        ? testsOf(w, p, p.requested?.name ?? 'the change')
        : testsPhase(
            w,
            testStep({ ...w, newTest: null }, w.covering ? '' : 'No existing test names the named code.'),
            w.covering ? `Tested in ${code(w.covering.path)}, which names it.` : 'Tests of the named code.',
            30,
          ),
    ];
  }
  const asked = w.precedent?.requested?.name;
  const none = asked
    ? `The engine found no declaration like ${code(asked)} and no sibling, and the requirement names no function the code has`
    : // What was looked for, not more: a name the code has of another kind (a message id) may be there.
      'The requirement names no option, setting, parameter, file or function the engine found in the code';
  // The explorer's ranking shares words with the requirement: candidates to weigh, never places to edit.
  const ranked = w.targets.slice(0, 4).map((t) => `${code(t.path)} (${t.why})`);
  return ask(
    w,
    `${none}: see the open question.`,
    ranked.length
      ? `Which part of the code should change for ${lowerFirst(w.title)}? ${none}; the files that share its words are ${ranked.join('; ')}.`
      : `Which part of the code should change for ${lowerFirst(w.title)}? ${none}.`,
    'No declaration like the requested thing, and no file or function named in the requirement.',
  );
}
