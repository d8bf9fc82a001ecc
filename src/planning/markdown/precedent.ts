import type { Nodes } from 'mdast';
import type { PlanInput } from '../../domain/plan.js';
import { FOOTPRINT_ROLES, PRECEDENT_VERDICTS, REQUESTED_KINDS } from '../../domain/precedent.js';
import { itemText, labelledItems, labelledLists, nestedTexts, paragraphs, unlabel } from './sections.js';

/**
 * The precedent block plansmith writes ("## Precedent": verdict, spellings, missing, sibling, evidence,
 * footprint, tests, candidates) read back into the plan's `precedent`. Only plansmith fills the field, so
 * only its own form is read; anything else under the heading is left to the not-imported report.
 */
type Precedent = NonNullable<PlanInput['precedent']>;

const unquote = (s: string) => s.replace(/^`|`$/g, '');
const place = (s: string) => {
  const m = /^`([^`:]+)(?::(\d+))?`(.*)$/.exec(s.trim());
  return m ? { file: m[1]!, line: m[2] ? Number(m[2]) : undefined, rest: m[3]!.trim() } : null;
};
const afterDash = (s: string) => s.replace(/^—\s*/, '');
/** A code span whose content is group `n + 1`: "`a`", or holding a backtick, a longer run ("`` a`b ``"). */
const span = (n: number) => `(\`+) ?(.+?) ?\\${n}`;
/**
 * A covering test's model as the block writes it under the file: "model: `name` (lines 84–90) passes `--x`
 * on a command line", a neighbour's test ending "(a test of the neighbour `--y`)".
 */
const MODEL = new RegExp(
  `^model: ${span(1)} \\((?:lines (\\d+)–(\\d+)|line (\\d+))\\)(?: (.*?))?(?: \\(a test of the neighbour ${span(7)}\\))?$`,
);
type Model = NonNullable<NonNullable<Precedent['tests']>[number]['model']>;
function modelOf(texts: string[]): Model | undefined {
  for (const t of texts) {
    const m = MODEL.exec(t.trim());
    if (!m) continue;
    const line = Number(m[3] ?? m[5]);
    // A name is escaped as prose is (`<` as `&lt;`) though it is written in a code span.
    const lt = (x: string) => x.replace(/&lt;/g, '<');
    return {
      name: lt(m[2]!),
      line,
      end: m[4] ? Number(m[4]) : line,
      does: m[6] ?? '',
      ...(m[8] ? { of: lt(m[8]) } : {}),
    };
  }
  return undefined;
}

export function precedentOf(nodes: Nodes[]): Precedent | undefined {
  const paras = paragraphs(nodes);
  const label = (name: string) => {
    const hit = paras.find((p) => new RegExp(`^\\*\\*${name}:\\*\\*`).test(p));
    return hit ? unlabel(hit, name) : undefined;
  };
  const verdict = /^([a-z-]+)(?: — ([a-z-]+) `([^`]+)`)?$/.exec(label('Verdict') ?? '');
  if (!verdict || !(PRECEDENT_VERDICTS as readonly string[]).includes(verdict[1]!)) return undefined;
  const lists = labelledLists(nodes);
  const reason = label('Reason');
  const out: Precedent = {
    verdict: verdict[1] as Precedent['verdict'],
    requested:
      verdict[2] && (REQUESTED_KINDS as readonly string[]).includes(verdict[2])
        ? {
            kind: verdict[2] as NonNullable<Precedent['requested']>['kind'],
            name: verdict[3]!,
            spellings: (label('Spellings') ?? '').split(/,\s*/).filter(Boolean).map(unquote),
          }
        : null,
    missing: label('Missing') ?? '',
    ...(reason ? { reason } : {}),
  };
  const sib = /^`([^`]+)`(?: \((.*?)\))? at `([^`:]+):(\d+)`( \(unsure\b[^)]*\))?$/.exec(
    label('Sibling') ?? '',
  );
  if (sib)
    out.sibling = {
      name: sib[1]!,
      kind: sib[2] ?? '',
      file: sib[3]!,
      line: Number(sib[4]),
      ...(sib[5] ? { tentative: true } : {}),
    };
  const places = (items: string[]) =>
    items
      .map(place)
      .filter((p) => p?.line)
      .map((p) => ({ file: p!.file, line: p!.line!, text: afterDash(p!.rest) }));
  out.evidence = places(lists.get('evidence') ?? []);
  out.candidates = places(lists.get('candidates') ?? []);
  out.footprint = (lists.get('footprint') ?? []).flatMap((s) => {
    const p = place(s);
    const m = p ? /^(?:`([^`]+)` )?— ([a-z]+), ([a-z]+), ([a-z]+)(?:: (.*))?$/.exec(p.rest) : null;
    if (!p || !m || !(FOOTPRINT_ROLES as readonly string[]).includes(m[2]!)) return [];
    return [
      {
        file: p.file,
        ...(p.line ? { line: p.line } : {}),
        ...(m[1] ? { symbol: m[1] } : {}),
        role: m[2] as 'other',
        area: m[3] as 'code',
        source: m[4] as 'occurrence',
        why: m[5] ?? '',
      },
    ];
  });
  out.tests = (labelledItems(nodes).get('tests') ?? []).flatMap((li) => {
    const s = itemText(li).replace(/^\[[ xX]\]\s*/, '');
    const nested = nestedTexts(li).map((t) => t.trim());
    const model = modelOf(nested);
    // Why the file was ranked ("why: 3 tests here use the sibling …") and a driver's data folder ("data: `cases/`").
    const why = nested.find((t) => t.startsWith('why: '))?.slice(5);
    const data = /^data: `([^`]+?)\/?`$/.exec(nested.find((t) => t.startsWith('data: ')) ?? '')?.[1];
    const cases = (nested.find((t) => t.startsWith('cases: ')) ?? '')
      .slice(7)
      .split(/,\s*/)
      .map((c) => /^`([^`]+)`$/.exec(c)?.[1])
      .filter((c): c is string => Boolean(c));
    // How many of its tests use the sibling, last: "(3 tests use the sibling)", "(no test uses the sibling)".
    const u = / \((no|\d+) tests? uses? the sibling\)$/.exec(s.trim());
    const m = /^`([^`]+)`(?: — `([^`]+)`)?(?: selects (.*))?$/.exec(
      u ? s.trim().slice(0, u.index) : s.trim(),
    );
    return m
      ? [
          {
            file: m[1]!,
            command: m[2] ?? '',
            selects: (m[3] ?? '').split(/,\s*/).filter(Boolean).map(unquote),
            ...(why ? { why: why.replace(/&lt;/g, '<') } : {}),
            ...(data ? { data } : {}),
            ...(cases.length ? { cases } : {}),
            ...(u ? { uses: u[1] === 'no' ? 0 : Number(u[1]) } : {}),
            ...(model ? { model } : {}),
          },
        ]
      : [];
  });
  return out;
}
