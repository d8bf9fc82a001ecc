/**
 * The precedent analysis, a pure core over the project's files: the requested thing → the declarations of
 * its kind → a verdict with evidence → the sibling's footprint (occurrences, and the commit that introduced
 * it) → the tests that exercise the sibling. The offline engine, `draft_plan`, `explore_codebase` and the
 * LLM engine's tool all read this one result (`domain/precedent.ts`).
 */
import { basename } from 'node:path';
import type { Precedent } from '../domain/precedent.js';
import { precedentSchema } from '../domain/precedent.js';
import type { Inventory } from '../explore/inventory.js';
import { isCodeLanguage } from '../explore/languages.js';
import type { CodebaseProfile } from '../explore/profile.js';
import type { ProjectFiles } from '../files/project-files.js';
import { behaviourPrecedent, behaviourRequested } from './behaviour.js';
import type { Declaration } from './declaration.js';
import { collectDeclarations } from './declarations.js';
import { commandEffect, effectOf } from './effect.js';
import { existingField, fieldSibling, fieldVerdictText, withoutNewField } from './field.js';
import type { FootprintEntry } from './footprint.js';
import { footprintOf, identifiersOf } from './footprint.js';
import { type Gap, gapOf, lackText, neighboursOf } from './gap.js';
import { definersOf, historyEntries, introducedBy, markIncidental } from './history.js';
import { libraryCalls } from './library-call.js';
import {
  asEvidence,
  describe,
  forwardedFlags,
  forwardedSibling,
  type Passthrough,
  passthroughFor,
} from './passthrough.js';
import { areaOf, Enclosing, markGenerated } from './places.js';
import { componentPages, definedOn, namedModules, referencePages, withPages } from './reference-page.js';
import { changelogAtRelease } from './release-notes.js';
import {
  commandLines,
  placeFiles,
  type Requested,
  readRequested,
  retarget,
  typedCommands,
} from './requested.js';
import { contains, fileOf, languageOf, TreeSearch } from './search.js';
import { configSide, documentedAt, gateOf, ofSide, otherSides, sidesMet, tableOf } from './sides.js';
import { signatureParameters } from './signatures.js';
import type { CoveringTest } from './tests.js';
import {
  counterpartTests,
  coveringTests,
  namedCodeTests,
  namedPlaceTests,
  snapshotsOf,
  withEffectTests,
} from './tests.js';
import { type Unread, unreadText, unreadValue } from './unread.js';
import {
  decide,
  metAt,
  metByRead,
  missingShorts,
  readKeyLine,
  registeredLine,
  SIDE_WORDS,
  sideOf,
} from './verdict.js';
import { enumBody, formatChoice, wordedOption } from './worded.js';
import { keyOf, spellingsOf, wordsOf } from './words.js';

export type { Declaration } from './declaration.js';
export type { Requested } from './requested.js';

export interface PrecedentInput {
  requirement: string;
  root: string;
  files: ProjectFiles;
  inventory: Inventory;
  profile: CodebaseProfile;
  /** Read the git history for the commit that introduced the sibling (default true). */
  history?: boolean;
}

const HISTORY_FILES = 20;
/** The request a title that names nothing is read as, once a flag of its words is found. */
const EMPTY_REQUEST: Requested = {
  kind: 'flag',
  name: '',
  words: [],
  spellings: [],
  named: true,
  purpose: [],
  accepts: [],
  targets: [],
  alternatives: [],
  modules: [],
  side: 'cli',
};
const CONFIG_KINDS = new Set(['config-value', 'setting']);
const OPTION_KINDS = new Set(['option', 'flag', 'config-value', 'setting']);

export async function analyzePrecedent(input: PrecedentInput): Promise<Precedent> {
  const search = new TreeSearch(input.root, input.files, input.inventory);
  // The environment prefix matters only for configuration; finding it costs a search of the tree.
  const first = readRequested(input.requirement);
  const prefix = first && CONFIG_KINDS.has(first.kind) ? envPrefix(search, input.root) : undefined;
  let requested = prefix ? readRequested(input.requirement, prefix) : first;
  const declarations: Declaration[] = requested ? collectDeclarations(search) : [];
  if (requested?.targets.length) {
    const { parameters, functions } = signatureParameters(search, requested.targets);
    declarations.push(...parameters);
    requested = retarget(requested, input.requirement, functions, prefix);
  }
  let v = decide(requested, declarations, {
    files: requested ? placeFiles(requested, input.inventory.files) : [],
    // A flag for another program ("for node") joins the flags the project hands on to it.
    forwarded:
      requested?.named && /^--[a-z]/i.test(requested.name) ? forwardedFlags(search, input.requirement) : null,
  });
  // A behaviour, or nothing named, met by a flag made of the request's own words (`worded.ts`).
  if ((!requested || requested.kind === 'behaviour') && v.verdict !== 'met') {
    if (!requested) declarations.push(...collectDeclarations(search));
    const worded = wordedOption(input.requirement, declarations);
    const byWords = worded.length > 0;
    if (!byWords)
      worded.push(
        ...formatChoice(input.requirement, declarations, (type) =>
          enumBody(search.lines([`enum ${type}`], { maxTotal: 5 }), type, (f) => search.read(f)),
        ),
      );
    const d = worded[0];
    if (d) {
      const words = wordsOf(d.name);
      requested = {
        ...(requested ?? behaviourRequested(input.requirement) ?? EMPTY_REQUEST),
        kind: d.kind,
        name: d.name,
        words,
        spellings: spellingsOf(words, prefix),
        named: true,
        side: 'cli',
      };
      v = {
        verdict: 'met',
        evidence: worded,
        missing: '',
        sibling: d,
        candidates: [],
        reason: `\`${d.name}\` (${d.file}:${d.line}) ${byWords ? "is named by the requirement's own words" : 'offers the format the requirement asks for'}: the feature exists as that option${d.help ? `: "${d.help}"` : ''}`,
      };
    }
  }
  // Met by a declaration the requirement says otherwise ("-p switch", "in place"), or under another name
  // when the requirement spells none: the thing is that one, named and spelled as the code names it,
  // never by the words made up for it.
  const metBy =
    v.said || (v.verdict === 'met' && !requested?.named && !requested?.several) ? v.evidence[0] : undefined;
  if (requested && metBy) {
    const words = wordsOf(metBy.name);
    requested = { ...requested, name: metBy.name, words, spellings: spellingsOf(words, prefix), named: true };
  }
  // A command's option the requirement only implies, and none of it said: the request is a behaviour.
  if (requested?.implied && v.verdict !== 'met') {
    requested = null;
    v = decide(null, []);
  }
  if (requested?.named && (v.verdict === 'new' || v.verdict === 'unsure')) {
    const line = registeredLine(search, requested.name);
    if (line) v = metAt(requested, line);
  }
  // A dotted key no extractor found declared, read by its path in the project's code: met there.
  if (requested?.table && (v.verdict === 'new' || v.verdict === 'unsure')) {
    const read = readKeyLine(search, requested.table, requested.name);
    if (read) v = metByRead(requested, read);
  }
  // Met, but without the short name the requirement gives it ("add option -m for merge" where `--merge`
  // has none): the short name is what is missing.
  const shortGap =
    requested && v.verdict === 'met' && v.evidence[0]
      ? missingShorts(requested, v.evidence[0], search.read(v.evidence[0].file), declarations)
      : [];
  if (shortGap.length) {
    const d = v.evidence[0]!;
    const held = shortGap
      .filter((g) => g.heldBy)
      .map((g) => `; \`${g.short}\` is held by \`${g.heldBy!.name}\` (${g.heldBy!.file}:${g.heldBy!.line})`)
      .join('');
    const shorts = shortGap.map((g) => `\`${g.short}\``).join(', ');
    v = {
      ...v,
      verdict: 'partly-met',
      evidence: [d],
      sibling: d,
      missing: `the short name ${shorts} of \`${d.name}\` (declared at ${d.file}:${d.line} without it${held})`,
      reason: `\`${d.name}\` exists (${d.file}:${d.line}) but not as ${shorts}`,
    };
  }
  // Met, and named on other sides too ("`--x` flag with `X` env var and `x` taskrc key"): each side the
  // requirement names that declares it is evidence as well.
  if (requested && v.verdict === 'met')
    v = {
      ...v,
      evidence: [...v.evidence, ...sidesMet(requested, input.requirement, declarations, v.evidence)],
    };
  // Met, but its value is stored in a field nothing reads (`unread.ts`): partly met, the read is the gap.
  const unread =
    requested && v.verdict === 'met' && v.evidence[0]
      ? unreadValue(search, v.evidence[0], (f) => {
          const file = fileOf(search, f);
          return file?.role !== 'test' && areaOf(file, f, input.profile) === 'code';
        })
      : null;
  if (unread) {
    const d = v.evidence[0]!;
    const at = (h: { file: string; line: number; text: string }) =>
      ({ ...h, name: unread.field }) as Declaration;
    v = {
      ...v,
      verdict: 'partly-met',
      evidence: [d, at(unread.set), at(unread.declared)],
      sibling: d,
      candidates: [],
      ...unreadText(unread, d.name),
    };
  }
  // Declared on another side (an environment variable where the flag is missing): what exists.
  const other = v.verdict === 'partly-met' && v.evidence[0] !== v.sibling ? v.evidence[0] : undefined;
  // A flag a catch-all passthrough already hands on to another program exists in part: never new.
  const pass =
    v.verdict === 'new' || v.verdict === 'unsure'
      ? passthroughFor(search, requested, input.requirement)
      : null;
  if (pass && requested)
    v = {
      ...v,
      verdict: 'partly-met',
      evidence: [asEvidence(requested, pass)],
      sibling: forwardedSibling(pass, requested, declarations) ?? v.sibling,
      reason: describe(requested.name, pass),
    };
  // Not an option: a behaviour, an endpoint or a command follows a registered unit of its kind.
  const asBehaviour =
    !v.sibling &&
    v.verdict !== 'met' &&
    (!requested || requested.kind === 'behaviour' || requested.kind === 'command')
      ? (requested ?? behaviourRequested(input.requirement))
      : null;
  const behaviour = asBehaviour
    ? behaviourPrecedent(input.requirement, asBehaviour, search, input.profile)
    : null;
  if (behaviour) {
    const b = behaviour;
    markGenerated(input.files, b.footprint);
    const tests = coveringTests(search, b.footprint);
    const placesOnly = !b.sibling && !b.candidates.length && !b.footprint.some((e) => e.area === 'code');
    return precedentSchema.parse({
      requested: {
        kind: b.requested.kind,
        name: b.requested.name,
        spellings: b.requested.spellings,
        named: b.requested.named,
      },
      verdict: b.verdict,
      evidence: b.evidence,
      ...(b.sibling ? { sibling: b.sibling } : {}),
      footprint: b.footprint,
      tests: !tests.length && placesOnly ? namedCodeTests(search, input.requirement) : tests,
      candidates: b.candidates,
      uses: b.uses,
    });
  }
  // The sibling's footprint: its occurrences, and the files of the commit that introduced it.
  const footprintFor = (sibling: Declaration | undefined): FootprintEntry[] => {
    if (!sibling) return [];
    const out = footprintOf(search, input.profile, sibling, declarations);
    if (input.history === false || input.inventory.source !== 'git') return out;
    const id = identifiersOf(sibling).ids[0];
    // A commit that changed many files (an import of the code, a mass rename) is no precedent to follow.
    const intro = introducedBy(input.root, sibling, HISTORY_FILES);
    if (intro) {
      const known = new Set(out.map((e) => e.file));
      const only = intro.files.filter((f) => !known.has(f) && fileOf(search, f));
      const files = only.map((f) => ({
        path: f,
        language: languageOf(search, f),
        area: areaOf(fileOf(search, f), f, input.profile),
      }));
      const history = historyEntries(input.root, intro, id ?? sibling.name, files, (f) => search.read(f));
      const kind = declarations.filter((d) => d.kind === sibling.kind);
      markIncidental(
        history,
        out,
        (f) => search.read(f),
        (f) => languageOf(search, f),
        (page) => definedOn(search, page, kind),
        [sibling.name, ...(sibling.aliases ?? [])],
        (name) => definersOf(search, name),
      );
      out.push(...history);
    }
    return out;
  };
  let footprint = unread ? [] : footprintFor(v.sibling);
  // Partly met on another side: the existing reader is where the missing sides feed in (a step there), and
  // each further side the requirement names that nothing declares (`x` taskrc) is missing too.
  if (other && requested) {
    const lacking = otherSides(requested, input.requirement).filter(
      (o) =>
        o.side !== sideOf(other) &&
        !declarations.some(
          (d) => sideOf(d) === o.side && wordsOf(d.name).join(' ') === wordsOf(o.name).join(' '),
        ),
    );
    const named = [
      `\`${requested.name}\``,
      ...lacking.map((o) => `\`${o.name}\`${o.place ? ` ${o.place}` : ''}`),
    ];
    if (lacking.length)
      v = {
        ...v,
        missing: `${v.missing}; ${lacking.map((o) => `${SIDE_WORDS[o.side]} (${named[lacking.indexOf(o) + 1]})`).join(', ')} too`,
      };
    const text = search.read(other.file)?.split('\n')[other.line - 1]?.trim();
    const symbol = new Enclosing((f) => search.read(f)).symbolAt(
      other.file,
      languageOf(search, other.file),
      other.line,
    );
    if (text !== undefined && !footprint.some((e) => e.file === other.file && e.line === other.line))
      footprint.unshift({
        file: other.file,
        line: other.line,
        ...(symbol ? { symbol } : {}),
        role: 'read',
        area: 'code',
        source: 'occurrence',
        why: `reads \`${other.name}\` today: ${named.join(' and ')} must feed the value read here`,
        text,
      });
  }
  // Nothing declares it, but a field of its name exists (`field.ts`): partly met, the option that sets it
  // missing. The sibling is an option that sets another field of the same struct or class, when one does;
  // its own field is not copied beside the existing one.
  const side = requested?.side ?? null;
  const onSide = declarations.filter(
    (d) => d.kind !== 'parameter' && (!side || sideOf(d) === side || sideOf(d) === 'both'),
  );
  const field =
    requested?.named &&
    !pass &&
    (v.verdict === 'new' || v.verdict === 'unsure') &&
    requested.kind !== 'parameter'
      ? existingField(search, requested.words, {
          optionFiles: [
            ...onSide.map((d) => d.file),
            ...footprint.filter((e) => e.area === 'code' && e.line).map((e) => e.file),
          ],
          options: onSide,
        })
      : null;
  if (field && !(field.deserialized && side === 'config')) {
    const text = fieldVerdictText(field, requested!.name, side ? SIDE_WORDS[side] : 'an option');
    const at = (h: { file: string; line: number; text: string }) =>
      ({ ...h, name: field.name }) as Declaration;
    v = { ...v, verdict: 'partly-met', evidence: [field, ...field.reads].map(at), ...text };
    const by = fieldSibling(search, field, requested!.name, onSide);
    if (by && by.d !== v.sibling) {
      const { tentative: _, ...rest } = v;
      v = { ...rest, sibling: by.d, candidates: [], reason: `${v.reason}; the sibling is ${by.why}` };
      footprint = footprintFor(by.d);
    }
    footprint = withoutNewField(footprint, field);
    // No option to follow: the options declared where the container is built come first among the
    // candidates to weigh.
    if (!v.sibling) {
      const at = onSide.filter((d) => field.builtIn.includes(d.file));
      const first = at.filter((d, k) => at.findIndex((x) => x.file === d.file) === k).slice(0, 3);
      v.candidates = [...first, ...v.candidates.filter((d) => !first.includes(d))].slice(0, 4);
    }
  }
  // A sibling registered only behind a feature gate (an experiment's block) is said so: a new thing goes
  // outside that block unless it belongs to that feature.
  const gate = v.sibling && v.verdict !== 'met' ? gateOf(search, v.sibling) : null;
  if (gate)
    v = {
      ...v,
      reason: `${v.reason}; \`${v.sibling!.name}\` is registered only behind a feature gate, \`${gate.text}\` (${v.sibling!.file}:${gate.line}): a new one goes outside that block unless it belongs to that feature`,
    };
  // The other sides the requirement names it on. A configuration side nothing declares (`temp-dir`
  // taskrc) is declared beside a key of the table it goes in, as that key is (`sides.ts` `configSide`).
  const building = !unread && ['new', 'unsure', 'partly-met'].includes(v.verdict);
  const sides =
    requested && OPTION_KINDS.has(requested.kind) && building ? otherSides(requested, input.requirement) : [];
  const config = sides.map((o) => configSide(search, requested!, o, declarations, v.sibling)).find(Boolean);
  if (config)
    footprint.push(
      ...config.entries.filter((e) => !footprint.some((x) => x.file === e.file && x.line === e.line)),
    );
  // The page that defines most declarations of its kind is where a new one is documented: with no sibling
  // to follow it is the docs place; beside a sibling documented elsewhere (a topic page, none) a place too.
  // Partly met on another side too: the side requested is still to be documented.
  if (requested && OPTION_KINDS.has(requested.kind) && building) {
    const pages = referencePages(search, input.profile, onSide, v.sibling ? [v.sibling] : v.candidates);
    footprint = v.sibling ? withPages(footprint, pages) : pages;
    // The requirement names it on another side too (`--x`, "with `APP_X` env var and `x` in the config
    // file"): that side's reference page is a docs place as well. The side that exists is documented
    // already: the page's entry of it is part of what exists, no place to add it again.
    for (const o of sides) {
      if (other && sideOf(other) === o.side) {
        const isDocs = (f: string) => areaOf(fileOf(search, f), f, input.profile) === 'docs';
        const doc = documentedAt(search, other, isDocs);
        if (doc) v = { ...v, evidence: [...v.evidence, { ...other, ...doc }] };
        continue;
      }
      // The word after the name places it ("`x` taskrc"): the declarations of a file named so.
      const { all: kind, home } = ofSide(o, declarations);
      const at = tableOf(
        home.filter((d) => d.file === home[0]!.file),
        o.name,
      );
      const scope = at.length ? at : kind;
      footprint = withPages(footprint, referencePages(search, input.profile, scope, at.slice(0, 1)));
    }
  }
  // The command (`pipx run`) and the module (the `duration` extension) the requirement names as where the
  // thing goes, read once: their page and their tests. A met thing's tests are the ones that pin it.
  const named =
    v.verdict === 'met' || unread
      ? { commands: [], modules: [] }
      : {
          // Nothing requested, no declarations read: the command lines it writes (`nyc instrument`).
          commands: requested
            ? typedCommands(input.requirement, declarations)
            : commandLines(input.requirement).map((l) => l.line),
          modules: namedModules(search, input.profile, input.requirement),
        };
  // No page defines the sibling nor its kind: the page of the command or module it goes on is.
  if (requested && OPTION_KINDS.has(requested.kind) && building && !footprint.some((e) => e.area === 'docs'))
    footprint.push(...componentPages(search, input.profile, named));
  markGenerated(input.files, footprint);
  // The tests of the command or module the requirement names first, whichever sibling is followed.
  const placeTests = namedPlaceTests(search, named.commands, named.modules, declarations);
  const covering = withTestsOf(search, other, coveringTests(search, footprint, v.sibling, declarations));
  // A named place's file whose tests use the sibling keeps that stronger entry.
  const listed = [
    ...placeTests.map((n) => covering.find((c) => c.file === n.file && c.uses > 0) ?? n),
    ...covering.filter((t) => !placeTests.some((n) => n.file === t.file)),
  ];
  // The tests of the configuration side's keys, where a test of the new key goes, after the first two.
  const sideTests = (config?.tests ?? []).filter((t) => !listed.some((l) => l.file === t.file));
  const tests = [
    ...counterpartTests(
      search,
      [...listed.slice(0, 2), ...sideTests, ...listed.slice(2)],
      v.sibling,
      requested?.named ? requested.name : undefined,
    ).slice(0, 3),
    ...snapshotsOf(search, v.sibling),
  ];
  const gap = gapFor(search, input.profile, v, declarations, pass, requested);
  // A changelog the project writes at release, or whose unreleased entries name it already, is nothing a
  // change lacks (`release-notes.ts`).
  const history = input.history !== false && input.inventory.source === 'git';
  if (
    gap?.lacks.some((l) => l.aspect === 'changelog') &&
    changelogAtRelease(input.root, input.profile, (f) => search.read(f), history, requested?.spellings)
  )
    gap.lacks = gap.lacks.filter((l) => l.aspect !== 'changelog');
  // A lack whose neighbour's place is generated is regenerated, not written by hand.
  if (gap) markGenerated(input.files, gap.lacks);
  if (pass && gap) {
    // Forwarded, and lacking nothing its declared neighbours have: met, with the passthrough as evidence,
    // when the line spells the flag (a list of them). A prefix or a catch-all spells no name: the flag goes
    // through unchecked, its own declaration (the help lists it, the parser knows it) is what is missing.
    if (!gap.lacks.length && pass.form === 'list') v = { ...v, verdict: 'met' };
    else if (!gap.lacks.length)
      v.missing = `a declaration of its own (${describe(requested!.name, pass)}, which spells no name)`;
    else v.missing = `${gap.lacks.map(lackText).join('; ')} (${describe(requested!.name, pass)})`;
  }
  const place = (d: Declaration) => ({ file: d.file, line: d.line, text: d.text });
  let candidates = v.candidates.map(place);
  if (requested && (v.verdict === 'unsure' || (v.verdict === 'new' && !v.sibling && !candidates.length))) {
    // Nothing this analysis can inventory, or nothing near to follow: the places that spell the name are
    // what there is to weigh. Without any, the declarations it weighed stay the candidates.
    const spelled = requested.spellings.filter((s) => !s.startsWith('--') && s.length > 3);
    const lines = search
      .lines(spelled, { word: true, maxPerFile: 2, maxTotal: 8 })
      .map((h) => ({ file: h.file, line: h.line, text: h.text.trim() }));
    if (lines.length) candidates = lines;
  }
  // What it does and where the project already does that: for a thing to build, not one that exists.
  // A field read already takes effect there: its reads are the evidence.
  const effect = unread
    ? unreadEffect(unread, requested!.name)
    : requested && v.verdict !== 'met' && !field?.reads.length
      ? effectOf(search, input.requirement, requested, {
          sibling: v.sibling?.name,
          lines: footprint.filter((e) => e.area === 'code'),
          registered: declarations,
        })
      : requested
        ? null
        : commandEffect(search, input.requirement);
  const ranked = withEffectTests(search, tests, effect?.at ?? [], v.sibling?.file);
  // Nothing requested, or nothing to follow (no sibling, candidate, code footprint or place where it takes
  // effect): the plan changes the code the requirement names, whose tests are where a case goes.
  const placesOnly =
    !requested ||
    (['new', 'partly-met', 'name-taken'].includes(v.verdict) &&
      !v.sibling &&
      !candidates.length &&
      !effect?.at.length &&
      !footprint.some((e) => e.area === 'code'));
  const byLines = !ranked.length && placesOnly ? namedCodeTests(search, input.requirement) : ranked;
  // No test file by its lines, but the commit that added the sibling changed a test file: its cases went
  // there then (an API test that passes it under its own spelling), so a new one's go there too. Said as
  // that history (`uses` 0), never as a test that exercises it.
  const found = byLines.length
    ? byLines
    : footprint
        // Test code, not a snapshot or a data file it changed (`tests/snapshots/…`): cases go in code.
        .filter(
          (e) =>
            v.sibling &&
            e.area === 'test' &&
            e.source === 'history' &&
            isCodeLanguage(languageOf(search, e.file)),
        )
        .slice(0, 1)
        .map((e) => ({ file: e.file, command: '', selects: [], why: e.why, uses: 0 }));
  // Met with no neighbour to compare with, and nothing exercises it (no test uses it, no test line names
  // it): a test is what it lacks, whatever a neighbour would have shown.
  if (
    gap &&
    v.verdict === 'met' &&
    !gap.neighbours.length &&
    !found.some((t) => t.uses !== 0) &&
    !footprint.some((e) => e.area === 'test')
  )
    gap.untested = true;
  // A new option modelled on a sibling a library's call takes: the library must take the new one too.
  const library =
    v.sibling && v.verdict !== 'met' ? libraryCalls(search, footprint, identifiersOf(v.sibling).ids) : [];
  return precedentSchema.parse({
    requested: requested
      ? {
          kind: requested.kind,
          name: requested.name,
          spellings:
            codeNamed(v, requested) || unread ? spelledInTree(search, requested) : requested.spellings,
          named: requested.named,
        }
      : null,
    verdict: v.verdict,
    evidence: v.evidence.map(place),
    missing: v.missing,
    reason: v.reason,
    ...(v.sibling
      ? {
          sibling: {
            name: v.sibling.name,
            kind: v.sibling.kind,
            file: v.sibling.file,
            line: v.sibling.line,
            ...(v.tentative ? { tentative: true } : {}),
          },
        }
      : {}),
    footprint,
    tests: found,
    candidates,
    ...(gap ? { gap } : {}),
    ...(effect ? { effect } : {}),
    library,
  });
}

/** Where an unread value would take effect: the calls its name says it switches; none known, no effect. */
const unreadEffect = (u: Unread, name: string) => (u.effect.length ? { says: name, at: u.effect } : null);

/**
 * The tests of what exists on another side come first: they exercise the behaviour the missing side will
 * set (`PYTEST_X` tested in `test_config.py`, where a test of `--x` goes too). Only files whose tests use
 * it, said as such; none of them uses the sibling (`uses` 0), and the sibling's files follow, three in all.
 */
function withTestsOf(search: TreeSearch, other: Declaration | undefined, tests: CoveringTest[]) {
  if (!other) return tests;
  const own = coveringTests(search, [], other)
    .filter((t) => t.uses > 0 && !t.data)
    .map((t) => ({
      ...t,
      why: `${t.uses === 1 ? 'one test here uses' : `${t.uses} tests here use`} \`${other.name}\`, which exists (${t.why.replace(/^.*?\(|\)$/g, '')})`,
      uses: 0,
    }));
  const rest = tests.filter((t) => !own.some((o) => o.file === t.file));
  return [...own, ...rest].slice(0, 3);
}

/**
 * The gap of a met or forwarded thing against its nearest declared neighbours (`gap.ts`): for met, the
 * declaration that meets it and the others in its file; for a passthrough, the sibling and its neighbours,
 * the requested name being only forwarded (no declaration of its own).
 */
function gapFor(
  search: TreeSearch,
  profile: CodebaseProfile,
  v: { verdict: string; evidence: Declaration[]; sibling?: Declaration },
  declarations: Declaration[],
  pass: Passthrough | null,
  requested: Requested | null,
): Gap | null {
  const d = v.evidence[0];
  if (!d) return null;
  if (pass) {
    const s = v.sibling;
    const neighbours = s ? [s, ...neighboursOf(s, declarations)].slice(0, 4) : [];
    return gapOf(search, profile, { names: [d.name], at: d, declared: false }, neighbours);
  }
  if (v.verdict !== 'met') return null;
  const names = [d.name, ...d.aliases.filter((a) => a.replace(/^-+/, '').length > 1)];
  // Spelled as requested (any spelling, or the flag's bare name in a table row), or met under another name.
  const asked = (requested?.spellings ?? []).flatMap((x) => [x, `--${x.replace(/^-+/, '')}`]);
  const text = `${d.text} ${names.join(' ')}`;
  const spelled = !requested?.named || asked.some((x) => text.includes(x)) || text.includes(requested.name);
  return gapOf(
    search,
    profile,
    { names, at: d, declared: true, renamed: !spelled },
    neighboursOf(d, declarations),
  );
}

/**
 * The project's environment prefix (`SHELF` for `SHELF_MAX_ITEMS`): the folder's name, kept only when the
 * project already writes names with it.
 */
function envPrefix(search: TreeSearch, root: string): string | undefined {
  const name = basename(root)
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_');
  if (!/^[A-Z][A-Z0-9_]{1,30}$/.test(name)) return undefined;
  return search.filesWith([`${name}_`]).length ? name : undefined;
}

/** Met under the requested name (as asked, or the name the requirement said otherwise): the code's name. */
const codeNamed = (v: { verdict: string; evidence: Declaration[] }, requested: Requested) =>
  v.verdict === 'met' && v.evidence[0] !== undefined && keyOf(v.evidence[0].name) === keyOf(requested.name);

/**
 * The spellings of a thing met under the code's name that the project's files have (one search): the
 * code's own, never one the ecosystem would use but the code does not (`blameTimestampOutputFormat` for a
 * Rust field). A thing met under another name keeps the requested name's: they say what is asked.
 */
function spelledInTree(search: TreeSearch, requested: Requested): string[] {
  const hits = search.lines(requested.spellings, { word: true, maxPerFile: 5, maxTotal: 400 });
  return requested.spellings.filter(
    (s) => s === requested.name || hits.some((h) => contains(h.text, s, true)),
  );
}
