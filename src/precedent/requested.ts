/**
 * The requested thing: from a requirement's words, what is to be added or changed (an option, a flag, a
 * setting, a parameter, …) and its name. A name the requirement spells (`--max-items`, `max_items`, a name
 * in backticks or quotes, "called X") is taken as written; without one, the words that say what the thing
 * does ("an option to skip hidden files") make a descriptive name, marked `named: false`. A requirement
 * that names no kind of thing and no name yields null: nothing is invented.
 */
import type { REQUESTED_KINDS } from '../domain/precedent.js';
import { STOP } from '../explore/tokenize.js';
import { fileStem } from './code-shape.js';
import type { Takes, ValueType } from './values.js';
import { saysMany, typeOfWords, valueOfName } from './values.js';
import { HEDGE_AND_KIND_WORDS, spellingsOf, wordsOf } from './words.js';

export type RequestedKind = (typeof REQUESTED_KINDS)[number];
export type RequestedSide = 'cli' | 'config' | 'env' | null;

export interface Requested {
  kind: RequestedKind;
  /** The name as written (`--max-items`), or words joined with dashes when derived. */
  name: string;
  words: string[];
  spellings: string[];
  /** True when the requirement spells the name; false when it was made from the words that describe it. */
  named: boolean;
  /** The words of the requirement that say what the thing does (for matching help text). */
  purpose: string[];
  /** Whether those words say it turns something off ("do not…", "never…", "to skip…"): `saysNot`. */
  negated?: boolean;
  /** Types the requirement asks the thing to accept ("accept a list", "a float"), normalised. */
  accepts: string[];
  /** Identifiers the requirement writes as code (`send_file`, `Client.get`): functions it may name. */
  targets: string[];
  /** The other names the requirement spells, strongest first. */
  alternatives: string[];
  /**
   * Where the thing goes, as the requirement names it: "the `duration` extension", "the list command",
   * "`flask run`", "in `shelf/cli.py`" (the words of a module, command or file, not the thing's name).
   */
  modules: string[];
  /**
   * Where the requirement says the thing is given: on the command line (a `--name`, "command-line", "CLI",
   * a flag), in configuration ("configuration option", "setting", an ini key), in the environment ("an
   * environment variable"), or null when it does not say ("add an `x` option" is any of them).
   */
  side: RequestedSide;
  /**
   * Where a request that names no side (`side` null, an option or a setting's family) points: configuration
   * when it says "config", "configuration" or "key" in its prose (names left out), else the command line
   * ("an option", "argument", a bare name: a program's options are its command line first, a config file
   * mirrors them). Only the sibling's side follows it (`chooseSibling`); what meets the request does not.
   */
  leans?: 'cli' | 'config';
  /**
   * What a value of the named thing should do, when the requirement says so ("setting `max-jars` to 0
   * should mean no limit", "`--depth=0` must list only the top"): the thing may exist, the behaviour is
   * what is asked.
   */
  valueChange?: string;
  /**
   * What the requirement says of the thing's value: a switch (`none`: "a flag", `--no-x`), one value
   * ("`--limit=N`", "to set the depth"), a list (`many`: "a list of patterns", `--extra-files`); absent
   * when it does not say.
   */
  takes?: Takes;
  /** The kind of value it says (a path, a pattern, a number, a choice), from its words or the name's. */
  value?: ValueType;
  /** Short names the requirement gives it: "-p switch", "-c flag", "`-x`/`--skip-x`". */
  shorts?: string[];
  /**
   * The requirement's words in order, lower case, an empty string where a clause ends (`.`, `,`, `;`, `:`,
   * a bracket): a declaration's name said in prose ("in place") is said within one clause.
   */
  said?: string[];
  /**
   * The requirement gives the thing a name of its own (a `--flag`, a code span, quotes, "called x", a name
   * beside the kind word), not a word shaped like code in its prose (`node_modules`): another name it
   * says in prose is a different thing, never the requested one.
   */
  given?: boolean;
  /**
   * The word "configurable" is the only kind word, and the noun it qualifies ("configurable
   * **timestamps**", "make the **timeout** configurable"): met under another name only by a declaration
   * whose name has that noun.
   */
  configurable?: string;
  /**
   * No kind word and no name, but a command it names (`nyc instrument` "to instrument code in place"):
   * an option of that command only if one is declared and said so; else the request is a behaviour.
   */
  implied?: boolean;
  /**
   * No kind word and no name, but words that ask for a choice the user makes ("make checking email
   * addresses optional", "allow accepting timeouts", "ability to configure locomo cycles", "accept a list
   * of bad idea file patterns to ignore"): an option on a side it does not say, named from the words after
   * (or before) those. Met only by a declaration the words say (`decide`), never a neighbour.
   */
  unkinded?: boolean;
  /**
   * No name and nothing it does, only a place and a plural kind word ("configuration options for the
   * `duration` extension"): the request is for the place's things of that kind, whichever they are; met
   * when the place declares them. Not when it asks for more of them ("more", "new", "other" options).
   */
  several?: boolean;
  /**
   * The table a configuration key is written under, dotted before it (`client` of
   * `client.restart_in_place`): the key may be read by that path where no extractor finds it declared.
   */
  table?: string;
}

/**
 * An option "to skip / ignore / bypass / force …" something, with no value named (no path, pattern,
 * number or choice in the prose), turns a behaviour on or off: a switch. So does a request that opens by
 * allowing the same verb's -ing form ("Allow skipping x", "fix: allow ignoring y"): what it asks for is that
 * switch. Not "`--x` to allow disabling y": the named thing only allows it, and may take a value.
 */
const TOGGLES =
  /\bto\s+(?:(?:always|never|not)\s+)?(?:bypass|skip|ignore|suppress|silence|force|disable|enable|hide|omit|exclude)\b|^\s*(?:\w+:\s*)?allows?\s+(?:bypass|skipp|ignor|suppress|silenc|forc|disabl|enabl|hid|omitt|exclud)ing\b/i;

/** Words that say it takes one value. */
const SAYS_ONE =
  /\b(?:to (?:specify|set|choose|select|give|pass|provide)|sets? the|takes? an?|accepts? an?)\b/i;
/** "to set all sorting options to `false`": it sets a value of its own, it takes none. */
const SETS_FIXED = /\bto set\b[^.\n]*\bto\s+`{0,2}[\w.-]+`{0,2}\s*(?:[.;,)]|$)/i;

/**
 * What the requirement says of the value of the thing named `name`: a value written after it
 * (`--limit=N`, `--limit <n>`), the words around it, its kind ("flag", "switch"), else its name.
 */
function valueOfRequest(
  text: string,
  name: string,
  words: string[],
  kind: RequestedKind,
): Pick<Requested, 'takes' | 'value'> {
  const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // A metavar after the name (`--limit N`), never a capitalised word that says where or what it is
  // ("--quiet-empty CLI flag").
  const written = new RegExp(
    `${esc}\\x60?(?:=|\\s*<|\\s+(?!(?:CLI|API|CLIs)\\b)[A-Z][A-Z_]+\\b(?!\\s+(?:flag|option|switch|argument|parameter|setting)s?\\b))`,
  ).test(text);
  // The prose, without names and code: "the `--exclude` option" says nothing of a value.
  // (An rst literal, ``x``, first: read as two single spans it would take the prose between them.)
  const prose = text
    .replace(/``[^`\n]{1,80}``/g, ' ')
    .replace(CODE_SPAN, ' ')
    .replace(/(?<![\w-])--?\w[\w-]*/g, ' ');
  const byName = valueOfName(words);
  const switchKind = kind === 'flag' || /\b(?:flag|switch)\b/i.test(prose);
  const takes: Takes | undefined =
    saysMany(prose) || byName.takes === 'many'
      ? 'many'
      : written || (SAYS_ONE.test(prose) && !SETS_FIXED.test(text)) || byName.takes === 'one'
        ? 'one'
        : byName.takes === 'none' || switchKind || (TOGGLES.test(prose) && !typeOfWords(prose))
          ? 'none'
          : undefined;
  const value = takes === 'none' ? 'bool' : (typeOfWords(prose) ?? byName.type ?? undefined);
  return { ...(takes ? { takes } : {}), ...(value ? { value } : {}) };
}

/** "<name> (set) to|=|as <value> should|must|would|will <behaviour>", within one sentence. */
function valueChangeOf(text: string, name: string): string | undefined {
  const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(
    String.raw`\x60?${esc}\x60?\s*(?:(?:is\s+)?(?:set\s+)?(?:to|as|of)\s+|=\s*)\x60?([\w."'-]+)\x60?\s+(?:should|must|would|will|shall)\s+([^.\n]{3,120})`,
    'i',
  ).exec(text);
  return m ? `${name} = ${m[1]} should ${m[2]!.trim()}` : undefined;
}

/**
 * "configurable" beside the noun it qualifies, the match being the word itself and the noun its group:
 * after it ("configurable timestamps"), else before it ("make the timeout configurable", "the pager to be
 * configurable"). A word that names nothing ("make it configurable") is no noun: no kind word then.
 */
const CONFIGURABLE = [
  /(?<![\w-])configurable(?=\s+(?!(?:via|by|through|with|from|in|on|per|for|and|or|at|to|as)\b)([a-z][a-z0-9]+)(?:[ \t]+([a-z][a-z0-9]+))?)/i,
  /(?<=\b([a-z][a-z0-9]+)\s+(?:(?:to\s+)?be\s+|(?:is|are)\s+(?:now\s+)?|made\s+)?)configurable(?![\w-])/i,
];
/** A word that says what a thing is about, not how it is said: no stop, hedge, kind or type word. */
const isContent = (w: string | undefined) =>
  w !== undefined && !STOP.has(w.toLowerCase()) && !PURPOSE_STOP.has(w.toLowerCase()) && !TYPE_WORD.test(w);
const configurableAt = {
  exec(prose: string): RegExpExecArray | null {
    for (const re of CONFIGURABLE) {
      const m = re.exec(prose);
      // Of a two-word noun after it the noun is the second, its head ("configurable line endings",
      // "configurable output format"): the first only qualifies it.
      if (m && isContent(m[2])) m[1] = m[2]!;
      if (m && isContent(m[1])) return m;
    }
    return null;
  },
};

/**
 * "field", "property", "attribute" as the kind of the thing, never a word that qualifies the noun after it
 * ("output field delimiter", "field separator" name a value, not a field).
 */
const fieldAt = {
  exec(prose: string): RegExpExecArray | null {
    for (const m of prose.matchAll(/\b(?:fields?|propert(?:y|ies)|attributes?)\b/gi))
      if (!isContent(/^[ \t]+([A-Za-z][a-z0-9]*)\b/.exec(prose.slice(m.index! + m[0].length))?.[1]))
        return m as RegExpExecArray;
    return null;
  },
};

/**
 * A title that asks to specify something ("Specify output field delimiter", "[FEATURE] allow to specify
 * the encoding"), with no kind word: the user gives it a value, an option on a side it does not say.
 */
const SPECIFY =
  /^\W*(?:\[[^\]\n]*\]\s*)?(?:(?:allow|let|enable)s?\s+(?:users?\s+)?(?:to\s+)?|(?:the\s+)?ability\s+to\s+)?specify(?:ing)?\b/i;
/**
 * "Allow setting X", "functionality for setting X": the verb set, said of what the user may set, neither a
 * kind nor a side. After a preposition "setting" is a gerund, a verb with its object after it (a noun
 * "setting" there takes an article or a name: "for the setting", "for setting `x`" is read as a name first).
 */
const SETS =
  /\b(?:allow|allows|allowing|support|supports|supporting|enable|enables|enabling|for|by|of)\s+setting\b(?!s)/gi;

/** Kind words, most specific first; the first that occurs decides the kind. */
const KINDS: Array<[RequestedKind, { exec(s: string): RegExpExecArray | null }]> = [
  ['query-parameter', /\bquery[- ](?:string[- ])?param(?:eter)?s?\b/i],
  ['menu-item', /\bmenu[- ](?:item|entry|option)s?\b/i],
  [
    'config-value',
    /\b(?:config(?:uration)?[- ](?:value|key|variable|entry|setting|option)|ini[- ](?:option|key|setting|value)|environment variable|env(?:ironment)? var)s?\b/i,
  ],
  ['flag', /\bflags?\b|\bswitch(?:es)?\b/i],
  // An rc file's key ("the `x` rc key", "a taskrc key"), or a key said to be in a file ("a key in the rc
  // file"); after a flag ("a `--x` flag and `x` taskrc option" asks for the flag).
  [
    'config-value',
    /\b(?!src\b)[a-z]*rc[- ](?:key|value|setting|option|entry)s?\b|\bkeys?\s+in\s+(?:the|your|an?)\s+(?:[\w.-]+\s+)?file\b/i,
  ],
  ['option', /\b(?:command[- ]line |cli )?options?\b/i],
  // "allow setting the build constraints" asks that the user can set something, on a side it does not say.
  ['option', { exec: (s: string) => new RegExp(SETS.source, 'i').exec(s) }],
  // "setting the colour" is a verb, not a kind.
  ['setting', /\bsettings?\b(?!\s+(?:the|a|an|it|this|that|up|of)\b)|\bconfig(?:uration)?\b/i],
  // "configurable timestamps": something made configurable is an option, when no kind word above says
  // what it is.
  ['option', configurableAt],
  ['parameter', /\b(?:parameters?|params?|arguments?|args?|kwargs?|keyword arguments?)\b/i],
  ['field', fieldAt],
  ['command', /\b(?:sub-?)?commands?\b(?![- ]line)/i],
  ['message', /\b(?:(?:error|warning|log) )?messages?\b/i],
  ['option', SPECIFY],
];

/**
 * An adding verb and its object, a kind word with at most two words before it ("Added a new option",
 * "introduce a boolean flag"): the kind word, of the kinds `ADDED_KINDS` maps.
 */
const ADDED_KIND =
  /\b(?:add(?:s|ed|ing)?|introduce[sd]?|introducing)\s+(?:(?:an?|the)\s+)?(?:new\s+)?(?:[A-Za-z][\w-]*\s+){0,2}?(options?|flags?|switch(?:es)?|settings?|parameters?|arguments?)\b(?![- ]line)/i;
const ADDED_KINDS: Record<string, RequestedKind> = {
  option: 'option',
  flag: 'flag',
  switch: 'flag',
  setting: 'setting',
  parameter: 'parameter',
  argument: 'parameter',
};

/**
 * Words that ask for a choice the user makes, with no kind word: "optional(ly)", "allow(ing) [users to]
 * <verb>", "the ability to configure / customise" (or to override, set, change, specify, choose), "accept a
 * list of". The request is an option (`unkinded`);
 * the words after the match say what it does (before it, for "make … optional"). "allow" followed by a noun
 * ("allow comments in …") asks for a behaviour, not a choice: only a verb after it counts, or a noun of
 * control with its object ("allow override of the bind address").
 */
const UNKINDED =
  /\boptional(?:ly)?\b|\b(?:allow|allows|allowing|let|lets)\b(?=\s+(?:(?:the\s+)?users?\s+)?(?:to\s+[a-z]|[a-z]+ing\b|(?:the\s+|an?\s+)?(?:override|customi[sz]ation|configuration|choice)\s+(?:of|for)\b))|\b(?:(?:the\s+)?(?:ability|possibility)\s+to\s+)?(?:configure|customi[sz]e)\b|\b(?:ability|possibility)\s+to\s+(?=(?:override|set|change|specify|choose)\b)|\baccept(?:s|ing)?\s+(?:an?\s+)?(?:list|lists|multiple|several|any number)\s+of\b/i;

/**
 * A title whose verb adds a thing of an option's kind, its object ("add option to ignore parsing errors",
 * "Add no cache flag for tests", "new setting that …"): an option is asked, whatever bug words its purpose
 * says. The kind word ends the title or a "to", "for", "that" follows it ("add option parsing" is no object).
 */
export const ADDS_KIND =
  /^\W*(?:add(?:s|ed|ing)?|introduce[sd]?|new)\s+(?:(?:an?|the|new)\s+)?(?:[a-z][\w-]*\s+(?:\([^()\n]{1,60}\)\s*)?){0,2}(?:options?|flags?|switch(?:es)?|settings?)(?:\s+(?:to|for|that|which)\b|\s*$)/i;

/** Nouns that make the name before them a place: "the `duration` extension", "the list command". */
const PLACE =
  /(?:\bthe|\bto|\bin|\bof|\bfor)\s+(?:`{1,2}([^`\n]{1,40})`{1,2}|['"]([^'"\n]{1,40})['"]|([A-Za-z][\w.-]*))\s+(extension|module|plugin|(?:sub-?)?command|package|builder|backend|checker|reporter|formatter|directive|cli|tool|script|function|method|class)\b/gi;
/** A file the requirement names: `shelf/cli.py`, `src/index.ts`. */
const FILE =
  /(?<![\w/.-])((?:[\w-]+\/)*[\w-]+\.(?:py|js|mjs|cjs|ts|tsx|go|rs|rb|java|kt|toml|cfg|ini|yaml|yml|json))\b/g;
/** A Python module run as a program: `python -m shelf.report`. */
const RUN_MODULE = /\bpython3?\s+-m\s+([A-Za-z_][\w.]*\w)/g;
/**
 * A short name the thing is given: a dash and one letter beside a kind word ("-p switch", "option -q") or
 * beside a long name ("`-x`/`--skip-x`", "-c, --compact"), or alone in brackets ("(also `-m`)"), never a
 * program's own (`python -m`).
 */
const SHORT =
  /(?<![\w-])`?(-[A-Za-z])`?(?=\s*(?:,|\/|\bor\b)?\s*`?--[a-z]|\s+(?:option|flag|switch|argument)s?\b)|\b(?:option|flag|switch)\s+`?(-[A-Za-z])\b(?!-)|\(\s*(?:(?:also|or|alias(?:ed)?(?:\s+as)?|short(?:\s+form)?)\s*:?\s*)?`?(-[A-Za-z])`?\s*\)/gi;
/** Remarks that say nothing about what the thing does: "(fixes #12)", "(closes owner/repo#3)". */
const REMARK =
  /\([^()\n]*\)|\[[^\]\n]*\]|#\d+|\b(?:fix(?:es|ed)?|close[sd]?|resolve[sd]?|refs?|see|thanks?)\b[^.,;\n]*#[\w/-]*\d*/gi;
/** Words that tell the thing is given on the command line, or in configuration. */
const SAYS_CLI = /\b(?:command[- ]?line|cli|flags?|switch(?:es)?|argv|sub-?commands?)\b/i;
const SAYS_CONFIG =
  /\b(?:config(?:uration)?[- ](?:values?|keys?|variables?|entry|entries|settings?|options?|files?)|settings?|ini|toml|conf\.py|setup\.cfg|pyproject|rc[- ]files?)\b|(?<![\w/])\.[a-z][\w-]*rc\b/i;
/** A key with its table before it, dotted: `client.restart_in_place`, `remote.cache-dir`. */
const DOTTED_KEY = /(?<![\w./-])`?((?:[a-z][a-z0-9]*\.)+([a-z][a-z0-9]*(?:[_-][a-z0-9]+)+))`?(?![\w(./-])/g;
/** A lowerCamelCase name (`ignoreError`): a key of a file or an API's option, as a command line never spells one. */
const LOWER_CAMEL = /^[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+$/;
const SAYS_ENV = /\b(?:environment variables?|env(?:ironment)? vars?)\b/i;
/**
 * A request that names no side may still point at one: "config", "configuration" or a key (one, not a
 * keyboard's: "sort keys" is data) point at configuration; anything else ("option", "argument", a bare
 * name) at the command line.
 */
const LEANS_CONFIG = /\b(?:config(?:uration)?|key(?![- ]?(?:bind|press|stroke|board|map)))\b/i;

/** Words that say what a thing takes or is, never where it is ("a boolean option", "a list setting"). */
const TYPE_WORD =
  /^(?:bool(?:ean)?|int(?:eger)?|str(?:ing)?|list|float|number|path|regex|global|local|optional|required|separate|single|extra|custom|default|hidden|same|other|another|similar|existing)$/i;

// Words joined by dashes, or by underscores as some projects write them (`--ignore_hdus`), or in
// lowerCamelCase as JavaScript option parsers often declare them (`--packageFileDir`).
const FLAG = /(?<![\w-])--[a-z][a-zA-Z0-9]*(?:[-_][a-zA-Z0-9]+)*\b/g;
/** `--highlight-<identifiers|words>`, `--with-{a,b}`: a flag's head and its alternative endings. */
const FLAG_TEMPLATE =
  /(?<![\w-])(--[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*[-_])[<{[]([a-z][a-z0-9_-]*(?:\s*[|,]\s*[a-z][a-z0-9_-]*)+)[>}\]]/g;
/**
 * A single-dash name of several letters beside a kind word ("a -lang flag", "option -tags"), as Go's flag
 * package and other single-dash parsers spell long names.
 */
const SINGLE_DASH =
  /(?<![\w-])`?(-[a-z][a-z0-9]+(?:[-_][a-z0-9]+)*)`?(?=\s+(?:option|flag|switch)s?\b)|\b(?:option|flag|switch)\s+`?(-[a-z][a-z0-9]+(?:[-_][a-z0-9]+)*)\b(?!-)/g;
const CODE_SPAN = /`([^`\n]{1,80})`/g;
/** Words that say the value after them is a default: "default(s) to", "defaulting to", "default of", "default is". */
const DEFAULT_TO = /\bdefault(?:s|ing)?\s+(?:to|of|is|=)\s*$/i;
/**
 * A command the requirement asks for: a code span of plain words right after a verb that adds or an
 * article, before the noun "command" ("add `config show-default` sub-command", "a new `lend` command").
 * The span's last word is the new command, the words before it the commands it goes under (or the
 * program). After "to", "in" or "the" the span is where a thing goes (`PLACE`), not the thing.
 */
const NEW_COMMAND =
  /\b(?:add|adds|added|adding|introduce[sd]?|introducing|implement|implements|implemented|new|an?)\s+(?:new\s+)?`([a-z][a-z0-9_]*(?:-[a-z0-9]+)*(?: [a-z][a-z0-9_]*(?:-[a-z0-9]+)*){0,2})`\s+(?:sub-?)?commands?\b(?![- ]line)/i;
/** A code span that is a program and its sub-command(s), plain lower-case words: `shelf lend`. */
const COMMAND_LINE = /`([a-z][a-z0-9_]*(?:-[a-z0-9]+)*(?: [a-z][a-z0-9_]*(?:-[a-z0-9]+)*){1,2})`/g;
/**
 * The command lines a requirement writes with their program (`shelf lend`, `shelf lend list`): the command
 * the thing goes on, without the noun "command" ("add `--dry-run` to `shelf lend`", "let `shelf lend` …");
 * one written to compare with ("like `git log`") is none. Each with the offset just past its span.
 */
export function commandLines(text: string): Array<{ line: string; end: number }> {
  return [...text.matchAll(COMMAND_LINE)]
    .filter((m) => !/\b(?:like|as|than|unlike)\s*$/i.test(text.slice(0, m.index!)))
    .map((m) => ({ line: m[1]!.trim(), end: m.index! + m[0].length }));
}

/**
 * The command lines of the requirement (`commandLines`) whose command, the last word, some declaration is
 * registered on (`pipx run`): the command the new thing goes on. One it compares with ("like `pipx run`")
 * is none, as for every reader of the command it names.
 */
export function typedCommands(requirement: string, declarations: Array<{ scope?: string }>): string[] {
  const scopes = new Set(declarations.map((d) => d.scope));
  return commandLines(requirement)
    .map((c) => c.line)
    .filter((line) => scopes.has(line.split(' ').at(-1)));
}
/** Verbs of control: "override", "customise", "set", "change", "specify", "choose" in their forms. */
const CONTROL_WORD =
  /^(?:overrid\w*|customi[sz]\w*|configur\w*|set|setting|chang\w*|specif\w*|choos\w*|chose\w*)$/;
/** A doc comment's opening (`///`, `//!`, `//`, `/**`): the request is the comment's text. */
const DOC_COMMENT = /^\s*(?:\/\/[/!]?|\/\*\*?)(?![/*])\s*/;
/**
 * A request that is one identifier and nothing else, of two words or more as code writes one: PascalCase
 * (`ExcludeRegex`), camelCase, snake_case, kebab-case or SCREAMING_CASE.
 */
const LONE =
  /^\s*`?([A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+|[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+|[a-z][a-z0-9]*(?:[_-][a-z0-9]+)+|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)`?\s*\.?\s*$/;
const QUOTED = /(?<![\w])(['"])([A-Za-z][A-Za-z0-9]*(?:[-_.][A-Za-z0-9]+)+)\1/g;
const CALLED = /\b(?:called|named)\s+[`'"]?([A-Za-z][\w-]*)/gi;
/**
 * A bare kebab-case name right beside a kind word is the thing's name, unquoted as commit subjects write it
 * ("New option blame-code-style", "Add invalidation-mode option"); a compound adjective there
 * ("command-line option", "a per-file setting") is not.
 */
const BESIDE_KIND =
  /(?<![\w-])([a-z][a-z0-9]*(?:-[a-z0-9]+)+)\s+(?:option|flag|switch|setting)s?\b|\b(?:option|flag|switch|setting)\s+([a-z][a-z0-9]*(?:-[a-z0-9]+)+)(?![\w-])/gi;
const COMPOUND_ADJECTIVE =
  /^(?:command-line|built-in|opt-in|opt-out|read-only|write-only|top-level|so-called|long-form|short-form|well-known|[\w-]+-(?:based|specific|related|wide|level|like|only|aware|friendly|safe|sensitive|insensitive|defined|facing|compatible)|(?:non|per|multi|self|cross|semi)-[a-z0-9]+)$/i;
/** The title's adding verb and a bare kebab-case word as its object: "add generate-config output". */
const ADDED_NAME =
  /^\W*(?:add(?:s|ed)?|introduce[sd]?)\s+(?:(?:an?|the)\s+)?(?:new\s+)?([a-z][a-z0-9]*(?:-[a-z0-9]+)+)(?=\s|$)/i;
/** A name shaped like code in prose: snake_case, camelCase, SCREAMING_CASE. */
const SHAPED =
  /(?<![\w./-])([a-z]+(?:_[a-z0-9]+)+|[a-z]+(?:[A-Z][a-z0-9]*)+|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)(?![\w(/-])/g;
const TYPES: Array<[string, RegExp]> = [
  ['list', /\b(?:lists?|sequences?|iterables?|tuples?|arrays?|several|multiple|many)\b/i],
  ['callable', /\b(?:callables?|functions?|callbacks?|lambdas?)\b/i],
  ['path', /\b(?:paths?|pathlib|path-like|os\.PathLike)\b/i],
  ['float', /\b(?:floats?|decimals?|fractions?)\b/i],
  ['int', /\b(?:integers?|ints?)\b/i],
  ['str', /\bstrings?\b/i],
  ['bytes', /\bbytes\b/i],
  ['regex', /\b(?:regex(?:es)?|regular expressions?|compiled patterns?)\b/i],
  ['dict', /\b(?:dicts?|dictionar(?:y|ies)|mappings?|objects?)\b/i],
  ['none', /\bNone\b|\bnull\b/],
];

const PURPOSE_STOP = new Set([
  ...STOP,
  ...HEDGE_AND_KIND_WORDS,
  'add',
  'adds',
  'adding',
  'added',
  'introduce',
  'introduced',
  'parameter',
  'parameters',
  'argument',
  'arguments',
  'config',
  'configuration',
  'new',
  'user',
  'users',
  'want',
  'like',
  'would',
  'please',
  'feature',
  'request',
  'way',
  'able',
  'command',
  'line',
  'commandline',
  'cli',
  'currently',
  'possible',
  'need',
  'needs',
  // Kind words say what it is, not what it does.
  'env',
  'var',
  'vars',
  'environment',
  'variable',
  'variables',
  'switch',
  'ini',
  'key',
  'configurable',
]);

const isName = (s: string) => /^-{0,2}[A-Za-z][A-Za-z0-9]*(?:[-_.][A-Za-z0-9]+)*$/.test(s);

/** What the requirement asks for, or null when it names nothing concrete. */
export function readRequested(requirement: string, prefix?: string): Requested | null {
  // A conventional commit's type ("feat:", "fix(cli):") says nothing of the thing.
  const untyped = requirement
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/^\s*(?:feat|fix|feature|chore|perf|refactor)(?:\([^)\n]*\))?!?:\s*/i, '');
  // A doc comment as the request (`/// Display the time in …`): the help a declaration would carry, whose
  // kind words say what the thing does, not what it is.
  const docComment = DOC_COMMENT.test(untyped);
  const text = untyped
    .replace(DOC_COMMENT, '')
    .replace(/\s*\*\/\s*$/, '')
    // A flag written as a template of alternatives (`--color-<auto|never>`, `--with-{a,b}`) is each of
    // its names, spelled out: the requirement asks for all of them.
    .replace(FLAG_TEMPLATE, (_m, head: string, alts: string) =>
      alts
        .split(/\s*[|,]\s*/)
        .map((a) => `${head}${a}`)
        .join(', '),
    );
  // A bare kebab-case name as the object of the title's adding verb ("add generate-config output", "Add
  // force-color flag"): the thing's name, as a command line spells it; a compound adjective is none.
  const addedName = ADDED_NAME.exec(text);
  const bare =
    addedName && !COMPOUND_ADJECTIVE.test(addedName[1]!) && !NO_MODE.test(addedName[1]!)
      ? { name: addedName[1]!, at: addedName.index + addedName[0].length - addedName[1]!.length }
      : undefined;
  // Kind words are read outside names (`--format-options` is no "options"): names blanked, offsets kept.
  const prose = text
    .replace(bare ? new RegExp(`(?<=^.{${bare.at}})${bare.name}`, 's') : /$^/, (m) => ' '.repeat(m.length))
    .replace(CODE_SPAN, (m) => ' '.repeat(m.length))
    .replace(/(?<![\w-])--?\w[\w-]*|\w*_\w+/g, (m) => ' '.repeat(m.length));
  // "configurable" reads the name beside it as its noun ("make `timeout` configurable"): names kept there.
  const named = text.replace(/`/g, ' ');
  const listed = docComment
    ? undefined
    : KINDS.map(([k, re]) => ({
        k,
        m: re.exec(re === configurableAt ? named : prose),
        by: re,
      })).find((x) => x.m);
  // The kind word an adding verb takes as its object ("Added a new option `--x` …") is the thing's, before
  // a later one of the list's order ("… with the `--y` flag"): later sentences speak of things that exist.
  const added = ADDED_KIND.exec(prose);
  const kindAt =
    added && listed && listed.m!.index > added.index + added[0].length
      ? {
          k: ADDED_KINDS[added[1]!.toLowerCase().replace(/(?:e?s)$/, '')] ?? listed.k,
          m: Object.assign([added[1]!], {
            index: added.index + added[0].length - added[1]!.length,
            input: prose,
          }) as unknown as RegExpExecArray,
          by: listed.by,
        }
      : listed;
  const configurable = kindAt?.by === configurableAt ? kindAt.m![1]!.toLowerCase() : undefined;

  // Places the requirement names: their names are where the thing goes, not the thing.
  const modules: string[] = [];
  const placeAt = new Set<number>();
  const placeNouns = new Set<string>();
  for (const m of text.matchAll(PLACE)) {
    const place = (m[1] ?? m[2] ?? m[3])!.trim();
    if (!m[1] && !m[2] && STOP.has(place.toLowerCase())) continue;
    modules.push(place);
    placeNouns.add(m[4]!.toLowerCase());
    placeAt.add(m.index! + m[0].indexOf(place));
  }
  for (const m of text.matchAll(FILE)) modules.push(m[1]!);
  // A module run as a program (`python -m shelf.report`) is where it goes.
  for (const m of text.matchAll(RUN_MODULE)) {
    modules.push(m[1]!);
    placeNouns.add('python');
  }
  // A command line written with its program (`shelf lend`, `shelf lend list`) names the command the thing
  // goes on, without the noun "command" ("add `--dry-run` to `shelf lend`", "let `shelf lend` …"); one
  // written to compare with ("like `git log`") does not.
  // A command asked for (`NEW_COMMAND`): its last word is the thing, the words before it its place.
  const newCommand = NEW_COMMAND.exec(text);
  const parents = newCommand ? newCommand[1]!.split(' ').slice(0, -1).join(' ') : '';
  if (parents) {
    modules.push(parents);
    placeNouns.add('command');
  }
  for (const { line } of commandLines(text))
    if (!modules.includes(line) && line !== newCommand?.[1]) {
      modules.push(line);
      placeNouns.add('command');
    }
  // The word just before the kind word may name a component ("the pyreverse option", "an isort
  // setting"); it counts as a place only where the project has a file or folder of that name (`placeFiles`).
  const before = kindAt
    ? /([A-Za-z][A-Za-z0-9]{2,})\s+$/.exec(prose.slice(0, kindAt.m!.index))?.[1]
    : undefined;
  const weak =
    before && !PURPOSE_STOP.has(before.toLowerCase()) && !TYPE_WORD.test(before) && !modules.includes(before)
      ? [before]
      : [];
  // So may a compound name after "to", "for" or "in" ("add `--no-diff` to shelf-tools").
  for (const m of text.matchAll(/\b(?:to|for|in)\s+`{0,2}([A-Za-z][\w]*[-_][\w-]*)`{0,2}/g))
    if (!m[1]!.startsWith('-') && !modules.includes(m[1]!) && !weak.includes(m[1]!)) weak.push(m[1]!);

  // Names the requirement spells, each with where it stands.
  const names: Array<{ name: string; at: number; weight: number }> = [];
  if (newCommand) {
    const name = newCommand[1]!.split(' ').at(-1)!;
    names.push({ name, at: newCommand.index! + newCommand[0].indexOf(name), weight: 5 });
  }
  for (const m of text.matchAll(FLAG)) names.push({ name: m[0], at: m.index!, weight: 4 });
  for (const m of text.matchAll(SINGLE_DASH)) {
    const name = (m[1] ?? m[2])!;
    names.push({ name, at: m.index! + m[0].indexOf(name), weight: 4 });
  }
  for (const m of text.matchAll(CALLED)) names.push({ name: m[1]!, at: m.index!, weight: 4 });
  for (const m of text.matchAll(CODE_SPAN)) {
    const s = m[1]!.trim().replace(/\(\)$/, '');
    // A span after "default(s) to" is the value the thing takes, not its name ("default to `lf`").
    if (DEFAULT_TO.test(text.slice(0, m.index!))) continue;
    if (isName(s) && !s.includes('.')) names.push({ name: s, at: m.index!, weight: 3 });
  }
  // A configuration key written with its table ("`client.restart_in_place`", "the remote.cache-dir taskrc
  // option"): in a sentence about configuration the last segment, shaped as a key (words joined by `_` or
  // `-`), is the key the code declares; the segments before it are its table. A dotted span is otherwise a
  // module or a function (`Client.get`), never the thing.
  if (SAYS_CONFIG.test(text) || LEANS_CONFIG.test(text))
    for (const m of text.matchAll(DOTTED_KEY))
      names.push({ name: m[2]!, at: m.index! + m[0].lastIndexOf(m[2]!), weight: 3 });
  for (const m of text.matchAll(QUOTED))
    if (!m[2]!.includes('.')) names.push({ name: m[2]!, at: m.index!, weight: 2 });
  for (const m of text.matchAll(BESIDE_KIND)) {
    const name = (m[1] ?? m[2])!;
    if (!COMPOUND_ADJECTIVE.test(name)) names.push({ name, at: m.index! + m[0].indexOf(name), weight: 2 });
  }
  if (bare && !names.some((n) => n.name === bare.name)) names.push({ ...bare, weight: 3 });
  for (const m of text.matchAll(SHAPED)) names.push({ name: m[1]!, at: m.index!, weight: 1 });
  // The whole request one identifier ("ExcludeRegex", "skip_empty"): the thing's own name, as given.
  const lone = LONE.exec(text)?.[1];
  if (lone) names.push({ name: lone, at: text.indexOf(lone), weight: 4 });
  // A name that is a place ("the `duration` extension") is not the thing.
  const isPlace = (n: { name: string; at: number }) =>
    !n.name.startsWith('-') &&
    modules.some((p) => p === n.name) &&
    [...placeAt].some((at) => Math.abs(at - n.at) <= 2);
  for (let k = names.length - 1; k >= 0; k--) if (isPlace(names[k]!)) names.splice(k, 1);

  // Functions and classes named in code: `send_file()`, `Client.get`, `def send_file`.
  const targets = new Set<string>();
  // Any identifier in code may be a function; the caller keeps those the project defines (`retarget`).
  for (const m of text.matchAll(/`([A-Za-z_][\w.]*)(?:\(\))?`|\b([A-Za-z_][\w.]*)\(\)/g))
    targets.add((m[1] ?? m[2])!);

  // What the thing's value is ("accepts a list", "takes a path"); not what it acts on, said with a
  // determiner of inputs that are there already ("takes all given parameter strings and escapes them").
  const acceptsAt =
    /\b(?:accepts?|accepting|takes?|taking|support(?:s|ing)? (?:passing|giving)|allow(?:s|ing)? (?:passing|giving)|be given|pass(?:ing)?|given)\b[^.\n]{0,40}/i.exec(
      text,
    );
  const actsOn =
    acceptsAt && /^(?:\S+\s+){1,2}?(?:all|every|each|its|their|those|these|the given)\b/i.test(acceptsAt[0]);
  const accepts = TYPES.filter(([, re]) => (acceptsAt && !actsOn ? re.test(acceptsAt[0]) : false)).map(
    ([t]) => t,
  );

  const placeWords = new Set([...modules.flatMap((m) => wordsOf(m)), ...placeNouns]);
  // With no kind word and no name, words that ask for a choice stand for the kind word (`UNKINDED`).
  // A doc comment that spells no name is read as a choice whose help it is: its words whole, from the start.
  const choice =
    !kindAt && names.length === 0 && !placeNouns.has('command') && !modeOf(text)
      ? docComment
        ? (Object.assign([''], { index: 0, input: prose }) as unknown as RegExpExecArray)
        : UNKINDED.exec(prose)
      : null;
  const said = purposeWords(
    text.replace(RUN_MODULE, (m) => ' '.repeat(m.length)),
    kindAt?.m ?? choice,
    names.length === 0,
    choice !== null,
  );
  // The words a name is made of keep "line" ("setting line offset" → `line-offset`); the purpose that
  // weighs help texts does not: "line" is the commonest word of a tool's help ("split lines", "per line")
  // and tells no job apart.
  const nameable = said.words.filter((w) => !placeWords.has(w));
  const purpose = lone ? wordsOf(lone) : nameable.filter((w) => w !== 'line');
  const negated = said.negated;
  modules.push(...weak);

  // The name nearest the kind word, else the strongest.
  let chosen: { name: string; at: number; weight: number } | undefined;
  if (names.length) {
    const near = kindAt?.m
      ? names
          .filter((n) => !targets.has(n.name) || n.name.startsWith('-'))
          .map((n) => ({ n, d: Math.abs(n.at - kindAt.m!.index) }))
          .sort((a, b) => b.n.weight - a.n.weight || a.d - b.d)[0]?.n
      : undefined;
    chosen = near ?? [...names].sort((a, b) => b.weight - a.weight || a.at - b.at)[0];
  }
  // No kind word and no name, but a command named: the option of it the requirement says, if declared.
  const implied = !chosen && !kindAt && placeNouns.has('command');
  const mode = !chosen && !kindAt && !implied ? modeOf(text) : null;
  // `choice` holds only with no kind word, no name (so nothing chosen), no command and no mode.
  if (!chosen && !kindAt && !implied && !mode && !choice) return null;
  // The command asked for is the thing, whatever other kind word the sentence has ("with an option to …").
  let kind: RequestedKind = newCommand
    ? 'command'
    : (kindAt?.k ?? (implied || mode || choice ? 'option' : 'behaviour'));
  if (!kindAt && chosen && !newCommand) {
    if (chosen.name.startsWith('--')) kind = 'option';
    else if (/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(chosen.name)) kind = 'config-value';
    // A kebab-case name is no identifier in code (no parameter is spelled so): an option's or a
    // setting's name, on whichever side the project declares it.
    else if (/^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$/.test(chosen.name)) kind = 'option';
    // A request that is only the name says nothing of where it is given: an option on any side.
    else if (chosen.name === lone) kind = 'option';
    else kind = 'parameter';
  }
  // A dashed name is given on the command line: an option, or the flag the requirement says it is (an
  // environment variable it mentions beside is not the thing).
  if (chosen?.name.startsWith('--') && kind !== 'option' && kind !== 'flag')
    kind = /\b(?:flags?|switch(?:es)?)\b/i.test(text) ? 'flag' : 'option';
  const shorts = [...new Set([...text.matchAll(SHORT)].map((m) => (m[1] ?? m[2] ?? m[3])!))];
  // Its words clause by clause, an empty word where one ends: a name said in prose is said in one.
  const spoken = text.split(/[.,;:!?()[\]{}\n]+/).flatMap((c) => [...wordsOf(c), '']);
  const asKind = configurable ? { configurable } : {};
  const side: RequestedSide =
    chosen?.name.startsWith('--') || kind === 'flag' || kind === 'command' || implied
      ? 'cli'
      : SAYS_ENV.test(text)
        ? 'env'
        : kind === 'config-value' || kind === 'setting'
          ? 'config'
          : SAYS_CLI.test(text)
            ? 'cli'
            : SAYS_CONFIG.test(text.replace(SETS, ' '))
              ? 'config'
              : // Nothing says a side, but the name is lowerCamelCase (`ignoreError`): how a file's key or an
                // API's option is spelled, never a command line's flag (dashed words); a flag declared so
                // still meets it (a config request is met by a command-line option).
                chosen && LOWER_CAMEL.test(chosen.name)
                ? 'config'
                : null;
  // A request that is only a PascalCase name (`ExcludeRegex`) spells a struct's field, as a config file's
  // key is declared in code, never a command line's flag.
  const leans =
    side === null
      ? {
          leans:
            LEANS_CONFIG.test(prose) || (lone !== undefined && /^[A-Z][a-z]/.test(lone))
              ? ('config' as const)
              : ('cli' as const),
        }
      : {};
  if (chosen) {
    const words = wordsOf(chosen.name);
    // The requirement gives the thing this name: a flag, "called x", or a name right beside the kind word
    // ("the `x` option", "flag `x`"), at most one word between; a code span elsewhere in the sentence may
    // be what the thing acts on ("turning off `node_modules` default exclude via flag").
    const end = text.indexOf(chosen.name, chosen.at) + chosen.name.length;
    const between = !kindAt?.m
      ? null
      : end <= kindAt.m.index
        ? text.slice(end, kindAt.m.index)
        : text.slice(kindAt.m.index + kindAt.m[0].length, chosen.at);
    const valueChange = valueChangeOf(text, chosen.name);
    // The table a dotted key is written under (`client` of `client.restart_in_place`).
    const table = [...text.matchAll(DOTTED_KEY)]
      .find((m) => m[2] === chosen.name)?.[1]
      ?.slice(0, -(chosen.name.length + 1));
    const given =
      chosen.name.startsWith('-') ||
      chosen.name === bare?.name ||
      chosen.weight >= 4 ||
      (chosen.weight >= 2 && between !== null && /^[\s`'"]*(?:[A-Za-z-]+\s+)?[\s`'"]*$/.test(between));
    return {
      kind,
      name: chosen.name,
      words,
      spellings: spellingsOf(words, prefix),
      named: true,
      purpose,
      negated,
      accepts,
      targets: [...targets],
      alternatives: rankNames(names).filter((n) => n !== chosen.name),
      modules,
      side,
      ...leans,
      shorts,
      said: spoken,
      given,
      ...asKind,
      ...(table ? { table } : {}),
      ...(valueChange ? { valueChange } : {}),
      ...valueOfRequest(text, chosen.name, words, kind),
    };
  }
  // No name: the first few words that say what it does make one ("an option to skip hidden files"), else
  // the place it goes ("configuration options for the `duration` extension").
  const manner = mannerOf(nameable.slice(1, 3));
  // A choice's verb of control ("allow override of the bind address") is how the user makes it: no word
  // of the name made for it.
  // So is one that opens the words after the kind word ("option to specify the ignore file's path"):
  // the name is of what is specified.
  const nameWords = choice
    ? nameable.filter((w) => !CONTROL_WORD.test(w))
    : nameable.length > 1 && CONTROL_WORD.test(nameable[0]!)
      ? nameable.slice(1)
      : nameable;
  const off = kindAt?.m
    ? NO_BEFORE_KIND.exec(text.slice(0, kindAt.m.index).replace(REMARK, (r) => ' '.repeat(r.length)))
    : null;
  const words = mode
    ? wordsOf(mode)
    : off
      ? ['no', ...wordsOf(off[1]!)]
      : manner
        ? [manner]
        : nameWords.length
          ? nameWords.slice(0, 3)
          : wordsOf(modules[0] ?? '').slice(0, 3);
  if (!words.length) return null;
  // A switch named `no-x` turns x off, whatever the words after the kind word say it is for; a gloss in
  // brackets right before the kind word ("no check (dump links only) flag") says what it does instead.
  const gloss = kindAt?.m ? glossBefore(text.slice(0, kindAt.m.index)) : [];
  const offWords = [...(off ? wordsOf(off[1]!) : []), ...gloss].filter(
    (w, i, all) => !purpose.includes(w) && all.indexOf(w) === i,
  );
  const several =
    !nameable.length &&
    modules.length > 0 &&
    /s$/i.test(kindAt?.m?.[0] ?? '') &&
    !/\b(?:more|new|additional|further|extra|other|another|some)\b/i.test(prose.slice(0, kindAt!.m!.index));
  return {
    kind,
    name: words.join('-'),
    words,
    spellings: spellingsOf(words, prefix),
    named: false,
    purpose: [...offWords, ...purpose],
    negated: negated || off !== null,
    accepts,
    targets: [...targets],
    alternatives: [],
    modules,
    side,
    ...leans,
    shorts,
    said: spoken,
    ...asKind,
    ...(implied ? { implied } : {}),
    ...(choice ? { unkinded: true } : {}),
    ...(several ? { several } : {}),
    ...valueOfRequest(text, words.join('-'), words, kind),
  };
}

/**
 * A title that opens with a dashed adjective and names no kind nor thing ("Non-greedy string splitting",
 * "Case-insensitive matching", "Zero-terminated output"): the adjective is the mode asked of what follows,
 * and a program takes a mode as an option spelt by that adjective (`--non-greedy`); the name is made from
 * the requirement's words, not spelled by it. An adjective is told by its ending (-y, -ed, -ive, -able …)
 * or a `non-` before it; a verb's compound ("re-enable", "auto-detect") is none.
 */
const NO_MODE =
  /^(?:command-line|built-in|so-called|well-known|top-level|long-form|short-form|[a-z0-9]+-(?:based|specific|related|wide|level|like|aware|friendly|facing|compatible|defined))$/;
function modeOf(text: string): string | null {
  const m = /^\s*([A-Za-z][a-z0-9]*)-([A-Za-z][a-z0-9]*)\s+[A-Za-z]/.exec(text);
  if (!m) return null;
  const [head, tail] = [m[1]!.toLowerCase(), m[2]!.toLowerCase()];
  if (/^(?:re|de|un|auto|pre|co)$/.test(head) || NO_MODE.test(`${head}-${tail}`)) return null;
  return head === 'non' || /(?:[^e]ed|ive|less|able|ible|[^aeiou]y|al|ic|ous|ful)$/.test(tail)
    ? `${head}-${tail}`
    : null;
}

/**
 * The manner adverb that ends the words saying what the thing does ("to compress **quietly**", "to list
 * files **recursively**"), as its adjective: an option for it is named after the manner (`quiet`,
 * `recursive`), the verb before it being what the program does anyway. Only after the verb, and only the
 * adverbs built on an adjective (`-tly`, `-ely`, `-ally`, `-ically`), not "only", "early", "really".
 */
function mannerOf(words: string[]): string | null {
  const w = words.at(-1);
  if (!w || w.length < 7 || !/(?:[te]|al|ic)ly$/.test(w)) return null;
  return w.replace(/ically$/, 'ic').replace(/ly$/, '');
}

const rankNames = (names: Array<{ name: string; at: number; weight: number }>) => [
  ...new Set([...names].sort((a, b) => b.weight - a.weight || a.at - b.at).map((n) => n.name)),
];

/**
 * A name the requirement spells that the project defines as a function is where the thing goes, not the
 * thing: the thing is then a parameter of that function the requirement mentions ("let `find_books`
 * accept a list of fields"), else the next name it spells, else the words that describe it.
 */
export function retarget(
  r: Requested,
  requirement: string,
  functions: Map<string, string[]>,
  prefix?: string,
): Requested {
  const fn = functions.get(r.name.split('.').pop()!);
  if (!fn || besideKind(requirement, r.name)) return r;
  const lower = requirement.toLowerCase();
  const param = fn.find((p) => new RegExp(`(^|[^\\w])${p.toLowerCase()}($|[^\\w])`).test(lower));
  const next = r.alternatives.find((n) => !functions.has(n.split('.').pop()!));
  const name = param ?? next;
  if (name) {
    const words = wordsOf(name);
    return { ...r, kind: param ? 'parameter' : r.kind, name, words, spellings: spellingsOf(words, prefix) };
  }
  const words = r.purpose.filter((w) => !wordsOf(r.name).includes(w)).slice(0, 3);
  if (!words.length) return r;
  return { ...r, name: words.join('-'), words, spellings: spellingsOf(words, prefix), named: false };
}

/**
 * Whether the requirement writes the name right beside a kind word, as the thing's own name ("add `leaves`
 * option", "the flag `x`"): a function of that name is then what the thing runs, not where it goes.
 * A name called as code (`leaves()`) is a function's.
 */
function besideKind(requirement: string, name: string): boolean {
  const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const kinds = '(?:options?|flags?|switch(?:es)?|settings?|parameters?|arguments?|keys?)';
  return new RegExp(
    `[\`'"]${esc}[\`'"]\\s+${kinds}\\b|\\b${kinds}\\s+[\`'"]${esc}[\`'"](?![\\w(])`,
    'i',
  ).test(requirement);
}

/**
 * "no <word(s)>" right before the kind word ("add no local flag", "a no check flag"): a switch that turns
 * the thing off, named as programs name one, `no-<words>`. At most two words between; remarks blanked first.
 */
const NO_BEFORE_KIND = /(?<![\w-])no[\s-]+([a-z][a-z0-9]*(?:\s+[a-z][a-z0-9]*)?)\s*$/i;

/**
 * The words of a bracketed gloss right before the kind word ("a no check (dump links only) flag"): what
 * the thing does, said beside its name. A remark in brackets (an issue, a reference, a thanks) is none.
 */
function glossBefore(before: string): string[] {
  const m = /\(([^()\n]{1,60})\)\s*$/.exec(before);
  if (
    !m ||
    /[#\d`]|\b(?:fix(?:es|ed)?|close[sd]?|resolve[sd]?|refs?|see|thanks?|by|via|e\.g|i\.e|default)\b/i.test(
      m[1]!,
    )
  )
    return [];
  return wordsOf(m[1]!).filter((w) => w.length > 1 && !PURPOSE_STOP.has(w));
}

/**
 * The content words after the kind word ("an option **to skip hidden files**"), to the clause's end when the
 * thing is unnamed; else, unnamed, the words before it in its clause ("a **code right pad** option and …");
 * else the whole text's.
 */
function purposeWords(
  whole: string,
  kind: RegExpExecArray | null,
  unnamedThing: boolean,
  /** The match is words that ask for a choice (`UNKINDED`): its whole clause is what it is about. */
  choice = false,
): { words: string[]; negated: boolean } {
  // Remarks ("(fixes #12)") are blanked, not cut, so the kind word's offset still holds.
  const text = whole.replace(REMARK, (r) => ' '.repeat(r.length));
  const after = kind ? text.slice(kind.index + kind[0].length) : text;
  // Without "to", "for", "that" … after the kind word, what follows it up to the clause's end: another
  // clause ("a pad option and fixed the docs", "Configurable line endings / default to lf") is another change.
  // After words that ask for a choice, their object is the thing ("accept a list of label patterns to
  // hide"): the clause is read whole.
  // A dot before a word is in a file's name (".gitignore"), no sentence's end.
  const clause =
    (choice
      ? undefined
      : /^\s*(?:\S+\s+){0,2}?(?:to|for|that|which|so|when|called|named)\b((?:[^.\n]|\.(?=\w)){0,160})/i.exec(
          after,
        )?.[1]) ?? (kind && unnamedThing ? after.slice(0, 160).split(CLAUSE_END)[0]! : after.slice(0, 160));
  // "line" is the request's frame only in "the command line"; elsewhere it is what the thing is about
  // ("line offset", "line endings", "the first line"), a word of its name.
  const pick = (s: string) =>
    s
      .replace(/`[^`]*`/g, ' ')
      .replace(/\bcommand[- ]lines?\b/gi, ' ')
      .split(/[^A-Za-z0-9]+/)
      .map((w) => w.toLowerCase())
      .filter((w) => w.length > 1 && (w === 'line' || !PURPOSE_STOP.has(w)) && !/^\d+$/.test(w));
  const words = pick(clause);
  if (words.length) return { words, negated: saysNot(clause) };
  // Nothing after it: the words before the kind word in its clause name the thing ("added a code right pad
  // option and …"), after the article when there is one.
  const before =
    kind && unnamedThing ? (unnamed(text.slice(0, kind.index)).split(CLAUSE_END).at(-1) ?? '') : '';
  const named = pick(before.split(/\b(?:an?|the|new)\s+/i).at(-1)!);
  return named.length
    ? { words: named, negated: saysNot(before) }
    : { words: pick(text), negated: saysNot(text) };
}

/** Where a clause ends: its punctuation, a slash between two titles, "and" before another verb phrase. */
const CLAUSE_END = /[.;!?,](?=\s|$)|\s\/\s|\n|\s(?:and|&)\s/i;
/** Prose without the names it spells (code spans, `--flags`): they are the thing's name, not what it does. */
const unnamed = (s: string) => s.replace(/`[^`\n]*`|(?<![\w-])--?\w[\w-]*/g, ' ');

/**
 * Whether prose says a thing is turned off, left out or not done: an odd count of the words that negate
 * ("not", "never", "without", "don't") or of the verbs that leave out ("skip", "ignore", "disable",
 * "suppress", "hide", "omit", "exclude"), a verb followed by what it names as a noun aside ("ignore files",
 * "exclude patterns"). "Do not respect ignore files" is a no; "do not ignore hidden files" is a yes. Code
 * spans and option names are not read (an option's name is no sentence).
 */
export function saysNot(text: string): boolean {
  const prose = text.replace(/`[^`]*`/g, ' ').replace(/--?[\w-]+/g, ' ');
  const n =
    prose.match(
      /\b(?:not|never|without|don't|doesn't|dont|cannot|can't|no longer|skip(?:s|ping)?|ignor(?:e|es|ing)|disabl(?:e|es|ing)|suppress(?:es|ing)?|silenc(?:e|es|ing)|mut(?:e|es|ing)|hid(?:e|es|ing)|omit(?:s|ting)?|exclud(?:e|es|ing))\b(?!\s+(?:files?|patterns?|rules?|lists?|globs?)\b)/gi,
    )?.length ?? 0;
  return n % 2 === 1;
}

/**
 * The project files of the places a requirement names (`Requested.modules`): a path as written, a file
 * whose name is the place's name (`duration` → `ext/duration.py`), a folder of that name (its files), and
 * for a command written with its program (`shelf list`) the command's own name. Test files are left out.
 */
export function placeFiles(
  r: Requested,
  files: Array<{ path: string; role: string; language: string | null }>,
): string[] {
  if (!r.modules.length) return [];
  const keys = new Set<string>();
  const paths = new Set<string>();
  for (const m of r.modules) {
    if (/\.\w+$/.test(m) && m.includes('.')) paths.add(m.replace(/^\.\//, ''));
    const words = wordsOf(m.replace(/\.\w+$/, ''));
    if (words.length) keys.add(words.join('-'));
    if (words.length > 1) keys.add(words[words.length - 1]!);
  }
  const out: string[] = [];
  for (const f of files) {
    if (f.role === 'test' || f.language === null) continue;
    if (paths.has(f.path) || [...paths].some((p) => f.path.endsWith(`/${p}`))) {
      out.push(f.path);
      continue;
    }
    const parts = f.path.split('/');
    const stem = fileStem(f.path);
    const dir = parts.length > 1 ? parts[parts.length - 2]! : '';
    if (keys.has(wordsOf(stem).join('-')) || (dir && keys.has(wordsOf(dir).join('-')))) out.push(f.path);
  }
  return out.length > 50 ? [] : out;
}

const KIND_WORDS =
  /^(options?|settings?|flags?|parameters?|arguments?|fields?|config|values?|commands?|menus?|items?|messages?|names?)$/;

/**
 * A name not yet used for what a taken name asked: the requested name with the requirement's first noun
 * (`nouns`, in order) that is not in it and names no kind of thing; '' without one.
 */
export function distinctName(name: string, nouns: string[]): string {
  const sep = name.includes('_') ? '_' : '-';
  const extra = nouns.find(
    (x) => !name.toLowerCase().includes(x) && /^[a-z]+$/.test(x) && !KIND_WORDS.test(x),
  );
  return extra ? `${name.replace(/^-+/, '')}${sep}${extra}` : '';
}
