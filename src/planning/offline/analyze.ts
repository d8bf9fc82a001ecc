import type { WorkType } from '../../domain/plan.js';
import { STOP } from '../../explore/tokenize.js';
import { ADDS_KIND, readRequested } from '../../precedent/requested.js';

/** What a requirement is about, read from its words. Deterministic; no model. */
export interface Analysis {
  workType: WorkType;
  entities: string[];
  operations: string[];
  interfaces: string[];
  integrations: string[];
}

/**
 * Signals of each kind of change, with weights. A requirement is classified by the kind whose signals
 * weigh most (the first line counts three times: it is the issue's title); ties go to the earlier kind. A bug
 * report ("raises", "instead of", "expected … actual", a traceback) is a fix even when it says "add".
 */
const SIGNALS: Array<[WorkType, number, RegExp]> = [
  [
    'ci',
    3,
    /\b(ci|pipeline|github actions|build (is )?(failing|broken|red)|workflow (run|fails|failing))\b/i,
  ],
  ['fix', 3, /traceback \(most recent call last\)|^\s+at .+:\d+:\d+\)?$/im],
  [
    'fix',
    2,
    /\b(bug|regression|broken|breaks|crash(es|ed|ing)?|no longer|stopped working|doesn'?t work|does not work|not working|false positive|false negative)\b/i,
  ],
  [
    'fix',
    2,
    /\b(current|actual|observed) (behaviou?r|result|output)|expected (behaviou?r|result|output)|steps to reproduce|\bto reproduce\b/i,
  ],
  [
    'fix',
    1.5,
    /\b(fix(es|ed)?|fails?|failing|failed|errors?|exceptions?|raises?|raised|throws?|thrown|wrong|incorrect|unexpected(ly)?|invalid|instead of|causes?|(I|[Yy]ou|[Ww]e) (would )?expect(ed)?|[A-Z]\w*(Error|Exception))\b/,
  ],
  ['fix', 1.5, /\b(fix(es|ed)?|fails?|failing|failed|errors?|exceptions?|wrong|incorrect|invalid)\b/i],
  [
    'fix',
    1,
    /\b(should(n'?t| not)?|always|never|since (upgrading|updating|v?\d)|after (upgrading|updating))\b/i,
  ],
  // "an option to …", "a new setting", "a flag for …": an option as the thing asked for; a plural noun
  // after another noun ("qop options", "request options") names a protocol or an API, and weighs little.
  [
    'option',
    2,
    /\b(an?|new|the|this|that) (new )?(option|setting|flag|parameter|argument|kwarg|keyword argument|config(uration)? (key|value|variable)|environment variable|toggle)\b|\b(option|setting|flag|parameter|argument|kwarg)s? (to|for|that|which)\b|^setting\b/im,
  ],
  ['option', 0.3, /\b(option|setting|flag|parameter|argument|kwarg|toggle)s?\b/i],
  [
    'option',
    2,
    /\b(allow|let|able) (users? |callers? |people )?(to )?(disable|enable|turn (off|on)|skip|opt (in|out)|configure|customi[sz]e|override|choose|pass|set)\b|\b(configurable|customi[sz]able|opt-(in|out))\b/i,
  ],
  ['option', 1, /\b(disable|enable|default (value|to)|by default)\b/i],
  [
    'performance',
    2.5,
    /\b(slow(ness|er|ly)?|performance|latency|speed ?up|faster|optimi[sz]e|memory (leak|usage)|n\+1|takes (too )?long|quadratic|throughput)\b/i,
  ],
  [
    'migration',
    2,
    /\b(migrate|migration|upgrade to|port (to|from)|move (to|from)|replace \w+ with|drop support for)\b/i,
  ],
  [
    'refactor',
    2,
    /\b(refactor|clean ?up|restructure|reorgani[sz]e|extract|split\b[^.\n]{0,40}\b(into|up|apart)|rename|simplify|dedupe|decouple|deduplicate)\b/i,
  ],
  // Docs as the thing to change ("document the flag", "a typo in the guide"); "[the docs](…)" as a
  // reference in a bug report weighs little.
  [
    'docs',
    2,
    /\b(document(ing)? (the|how|this|that)|update the (docs|readme|guide)|(in|to) the (docs|documentation|readme|guide)\b(?!\]|\()|docstrings?|typos?|undocumented)\b/i,
  ],
  ['docs', 0.5, /\b(document(ation|ed)?|docs|readme|guide|tutorial)\b/i],
  [
    'feature',
    1.5,
    /\b(add|support|implement|introduce|provide|new)\b|\bfeature request\b|\bit would be (nice|helpful|great|useful)\b|\bwould like\b|^\s*feat(\([^)]*\))?!?:/i,
  ],
];

/**
 * A title that asks to add a named option is an option request, whatever bug words the rest says ("exit
 * after the first failed test", "only when detection fails": its purpose): a flag spelled as one (`--no-diff`)
 * names an option by itself; another name (in backticks) with the word option, flag or setting beside it.
 */
const ASKS_TO_ADD = /^\W*(?:add(?:s|ed)?|support(?:s|ed)?|introduce[sd]?|new|allow(?:s|ed)?)\b/i;
const OPTION_WORD = /\b(?:option|flag|setting|config(?:uration)? value|parameter|argument)s?\b/i;
const FLAG = /(?<![\w-])--[a-z][\w-]*/;
/** Where a title's clause ends: a dash or a colon between words, a semicolon, a sentence's end. */
const CLAUSE = /\s[-–—]\s|[:;]\s|\.\s/;
/** "(fixes #123)", "closes #9": a reference to an issue, not a bug report. */
const ISSUE_REF = /\(?\b(?:fix(?:es|ed)?|close[sd]?|resolve[sd]?|refs?)\s+(?:#|gh-)\d+\)?/gi;
/** A conventional-commit label files the change: `fix:` reports no bug by itself; after `feat:` bug words don't. */
const LABEL = /^\s*(fix|feat)(?:\([^)]*\))?\s*!?\s*:\s*/i;

export function classifyChange(raw: string): { kind: WorkType } {
  const text = raw.replace(ISSUE_REF, ' ');
  const title = text.trim().split('\n')[0] ?? '';
  const asked = title.replace(LABEL, (m, type: string) => (/^fix$/i.test(type) ? '' : m));
  // Or a name the core reads as given beside the kind word ("available hang-closing option").
  const named = () => /`[^`\n]+`/.test(asked) || ADDS_KIND.test(asked) || readRequested(asked)?.given;
  const option = () => FLAG.test(asked) || (OPTION_WORD.test(asked) && named());
  if (ASKS_TO_ADD.test(asked) && option()) return { kind: 'option' };
  // A `fix:` label files the change: what the rest asks for decides when it asks for an option ("fix: allow
  // override of the bind address"); else the label's word counts as a bug word.
  if (asked !== title) {
    const unlabelled = scored(text.replace(LABEL, ''), asked, asked);
    if (unlabelled === 'option') return { kind: unlabelled };
  }
  const kind = scored(text, title, asked);
  // Any clause of the title may be the one that adds ("feat: add a `--x` command", "Fixed issue - adds
  // `x` flag"): the label or a bare "fixed issue" before it says no bug, the clean-up words are its purpose.
  const adds = asked
    .replace(LABEL, '')
    .split(CLAUSE)
    .some((c) => ASKS_TO_ADD.test(c));
  return { kind: kind !== 'feature' && adds && option() ? 'option' : kind };
}

/** The kind whose signals weigh most (the title's three times), ties to the earlier kind. */
function scored(text: string, title: string, asked: string): WorkType {
  const score = new Map<WorkType, number>();
  for (const [kind, w, re] of SIGNALS.filter(([k]) => k !== 'fix' || !LABEL.test(asked)))
    if (re.test(text)) score.set(kind, (score.get(kind) ?? 0) + w * (re.test(title) ? 3 : 1));
  // An option on existing behaviour is a change to that behaviour: it wins over "add" when it is named.
  const order = 'ci fix option performance migration refactor docs feature'.split(' ') as WorkType[];
  let best: WorkType = 'feature';
  let top = 0;
  for (const k of order) {
    const s = score.get(k) ?? 0;
    if (s > top) {
      best = k;
      top = s;
    }
  }
  return best;
}

const OPERATIONS = (
  'add create build implement update edit change delete remove list search filter sort paginate export import ' +
  'upload download send notify reset verify validate approve cancel schedule retry sync cache log track report ' +
  'invite share archive restore login logout register subscribe pay refund charge rename migrate fix refactor'
).split(' ');

const INTERFACES: Array<[string, RegExp]> = [
  ['HTTP API', /\b(api|endpoint|route|rest|graphql|http|webhook|request|response|controller)s?\b/i],
  ['UI', /\b(page|screen|button|form|modal|component|ui|frontend|dashboard|view|dialog|widget)s?\b/i],
  ['CLI', /\b(cli|command[- ]line|subcommand|flag|terminal)\b/i],
  ['background jobs', /\b(cron|schedule[ds]?|background|job|worker|queue|batch|nightly|periodic)s?\b/i],
  ['realtime', /\b(websocket|realtime|real-time|live update|push notification|sse|server-sent)s?\b/i],
  ['AI features', /\b(llm|ai|gpt|claude|embedding|vector|agent|prompt|rag|openai|anthropic)s?\b/i],
];

const INTEGRATIONS: Array<[string, RegExp]> = [
  ['payments', /\b(stripe|payment|checkout|billing|subscription|invoice|paypal|refund)s?\b/i],
  ['email', /\b(e-?mail|smtp|mailgun|sendgrid|ses|newsletter)s?\b/i],
  ['queues', /\b(queue|kafka|rabbitmq|sqs|pub\/?sub|nats|bullmq|celery)s?\b/i],
  ['caches', /\b(cache|caching|redis|memcache[d]?)\b/i],
  ['file storage', /\b(s3|upload|bucket|blob storage|file storage|attachment)s?\b/i],
  ['auth providers', /\b(oauth|sso|saml|oidc|auth0|okta|google login|github login|social login)\b/i],
  ['search', /\b(elasticsearch|opensearch|meilisearch|full[- ]text search|algolia)\b/i],
  ['SMS', /\b(sms|twilio|text message)s?\b/i],
];

/** Words that name no entity: the operations, the tokenizer's stop words, and request filler. */
const NOT_ENTITY = new Set([
  ...OPERATIONS,
  ...STOP,
  ...'users user support allow make via able want need way feature page api endpoint ui his her'.split(' '),
]);

/** Nouns worth naming things after: the words the requirement is about, most telling first. */
function entitiesOf(text: string): string[] {
  const words = (text.toLowerCase().match(/[a-z][a-z0-9]+/g) ?? []).filter(
    (w) => w.length > 2 && !NOT_ENTITY.has(w),
  );
  const counts = new Map<string, number>();
  for (const [i, w] of words.entries()) counts.set(w, (counts.get(w) ?? 0) + 1 + (i < 12 ? 0.5 : 0));
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([w]) => w);
}

export function analyse(text: string, options: { ci?: boolean } = {}): Analysis {
  const workType: WorkType = options.ci ? 'ci' : classifyChange(text).kind;
  const lower = text.toLowerCase();
  const operations = OPERATIONS.filter((op) => new RegExp(`\\b${op}(s|es|ed|ing)?\\b`).test(lower));
  return {
    workType,
    entities: entitiesOf(text),
    operations,
    interfaces: INTERFACES.filter(([, re]) => re.test(text)).map(([n]) => n),
    integrations: INTEGRATIONS.filter(([, re]) => re.test(text)).map(([n]) => n),
  };
}

/**
 * Questions the codebase raises for a requirement: an integration it asks for that the project does not
 * have yet. Nothing generic: risks, security and performance notes that would read the same in any
 * repository are not written.
 */
export function questionsOf(
  a: Analysis,
  profile: { frameworks: Array<{ kind?: string }> },
): Array<{ question: string; why: string }> {
  const out: Array<{ question: string; why: string }> = [];
  const has = (x: string) => a.integrations.includes(x) || a.interfaces.includes(x);
  const found = (kind: string) => profile.frameworks.some((f) => f.kind === kind);
  if (has('email') && !found('email'))
    out.push({
      question: 'Which mail provider (SMTP, SES, SendGrid, …) should send these emails?',
      why: 'The explorer found no mail integration in the codebase.',
    });
  if ((has('background jobs') || has('queues')) && !found('queue'))
    out.push({
      question:
        'Is there a job runner to use (cron, a queue, a scheduler), or should the work run in-process?',
      why: 'The explorer found no queue or scheduler in the codebase.',
    });
  return out;
}
