import { describe, expect, it } from 'vitest';
import { callArgs, stringValue } from './call-args.js';
import { readRequested, retarget, typedCommands } from './requested.js';
import { ideaOf, sameIdea } from './synonyms.js';
import { keyOf, spellingsOf, wordsOf } from './words.js';

describe('words and spellings', () => {
  it('reads a name in any spelling as the same words', () => {
    for (const n of ['--max-items', 'max_items', 'maxItems', 'MAX_ITEMS', 'MaxItems'])
      expect(keyOf(n)).toBe('max-items');
    expect(wordsOf('parseHTTPDate')).toEqual(['parse', 'http', 'date']);
    expect(spellingsOf(['max', 'items'], 'shelf')).toEqual([
      '--max-items',
      'max-items',
      'max_items',
      'maxItems',
      'MaxItems',
      'MAX_ITEMS',
      'SHELF_MAX_ITEMS',
      'maxitems',
    ]);
  });

  it('knows the usual synonyms and inflections, and keeps different ideas apart', () => {
    expect(sameIdea('exclude', 'ignore')).toBe(true);
    expect(sameIdea('cap', 'limit')).toBe(true);
    expect(sameIdea('fnmatch', 'glob')).toBe(true);
    expect(ideaOf('failures')).toBe(ideaOf('failing'));
    expect(ideaOf('files')).toBe('file');
    expect(sameIdea('hide', 'show')).toBe(false);
    expect(sameIdea('print', 'show')).toBe(true);
    expect(sameIdea('min', 'minimal')).toBe(true);
    expect(sameIdea('verbose', 'debug')).toBe(false);
  });

  it('reads a word and its plural as one idea when only the plural is in a group', () => {
    expect(ideaOf('link')).toBe(ideaOf('links'));
    expect(ideaOf('thread')).toBe(ideaOf('threads'));
    expect(ideaOf('column')).toBe(ideaOf('columns'));
  });
});

describe('readRequested', () => {
  it('takes a lowerCamelCase long flag as written, with a value after it', () => {
    expect(readRequested('Add --outputFolder .')).toMatchObject({
      kind: 'option',
      name: '--outputFolder',
      words: ['output', 'folder'],
      named: true,
      side: 'cli',
    });
  });

  it('keeps a name written beside its kind word when a function of that name exists', () => {
    const text = 'Add `roots` option to list the modules nothing imports';
    const r = readRequested(text)!;
    expect(retarget(r, text, new Map([['roots', []]]))).toMatchObject({ name: 'roots', named: true });
    // A name written as the place it goes is still retargeted to the parameter the requirement says.
    const call = 'Let `find_books` accept a list of fields';
    expect(retarget(readRequested(call)!, call, new Map([['find_books', ['fields']]]))).toMatchObject({
      name: 'fields',
      kind: 'parameter',
    });
  });

  it('names a "no X" switch before the kind word `no-x`, turning X off, with a gloss in brackets', () => {
    expect(readRequested('add no cache flag for quicker trials')).toMatchObject({
      kind: 'flag',
      name: 'no-cache',
      named: false,
      negated: true,
      takes: 'none',
    });
    const glossed = readRequested('Add no upload (print the archive only) flag');
    expect(glossed).toMatchObject({ name: 'no-upload', negated: true });
    expect(glossed!.purpose).toEqual(expect.arrayContaining(['upload', 'print', 'archive']));
    // A remark in brackets is no gloss.
    expect(readRequested('Add no upload (fixes #4) flag')!.purpose).not.toContain('fixes');
  });
  it('takes the name as written, with its kind', () => {
    expect(readRequested('Add a `--max-items` flag to the list command')).toMatchObject({
      kind: 'flag',
      name: '--max-items',
      named: true,
    });
    expect(readRequested('Support a SHELF_HOME environment variable')).toMatchObject({
      kind: 'config-value',
      name: 'SHELF_HOME',
    });
    expect(readRequested('Add a query parameter called `page_size` to /books')).toMatchObject({
      kind: 'query-parameter',
      name: 'page_size',
    });
    // No kind word: a kebab-case name is an option's or a setting's (no parameter is spelled so), on no
    // side yet; a snake_case one may be a parameter.
    expect(readRequested('Support ``skip-empty-shelves`` to leave out shelves with no books')).toMatchObject({
      kind: 'option',
      name: 'skip-empty-shelves',
      side: null,
    });
    expect(readRequested('Let `shelf_width` be given')).toMatchObject({ kind: 'parameter' });
    // A single-dash long name beside the kind word, as Go's flag package spells it.
    expect(readRequested('add a -shelf flag, with a default from the main catalogue')).toMatchObject({
      kind: 'flag',
      name: '-shelf',
      named: true,
      side: 'cli',
    });
    expect(readRequested('Accept option -tags for the list command')).toMatchObject({ name: '-tags' });
    expect(readRequested('Add a -v flag')).not.toMatchObject({ name: '-v' });
    // "allow setting X": a thing the user sets, on no side yet; "a setting" stays the kind.
    expect(readRequested('Allow setting shelf labels')).toMatchObject({
      kind: 'option',
      named: false,
      side: null,
    });
    expect(readRequested('Add a setting for shelf labels')).toMatchObject({ kind: 'setting' });
    // "for setting X" is the verb too, and "line" is a word of the name there (only "the command line" is
    // the request's frame).
    expect(readRequested('added support for setting shelf line spacing')).toMatchObject({
      kind: 'option',
      name: 'shelf-line-spacing',
      named: false,
      side: null,
    });
    expect(readRequested('Add an option to list shelves on the command line')).toMatchObject({
      name: 'list-shelves',
    });
  });

  it('reads a title that opens with a dashed adjective as the mode asked, an option named by it', () => {
    expect(readRequested('Case-insensitive Shelf Lookup')).toMatchObject({
      kind: 'option',
      name: 'case-insensitive',
      named: false,
      side: null,
    });
    expect(readRequested('Non-empty shelves first')).toMatchObject({ name: 'non-empty', named: false });
    // A verb's compound, or a dashed word that is no adjective, names nothing.
    expect(readRequested('Re-enable the shelf cache')).toBeNull();
    expect(readRequested('Built-in shelf themes')).toBeNull();
    expect(readRequested('Shelf-wide lookups')).toBeNull();
  });

  it('reads words that ask for a choice, with no kind word and no name, as an option named by what follows', () => {
    expect(readRequested('Make sorting shelf labels optional')).toMatchObject({
      kind: 'option',
      name: 'sorting-shelf-labels',
      named: false,
      unkinded: true,
    });
    expect(readRequested('feat: allow skipping empty shelves')).toMatchObject({
      kind: 'option',
      name: 'skipping-empty-shelves',
      unkinded: true,
    });
    expect(readRequested('add ability to configure shelf depth')?.words).toEqual(['shelf', 'depth']);
    const list = readRequested('Accept a list of label patterns to hide');
    expect([list?.name, list?.takes]).toEqual(['label-patterns-hide', 'many']);
    // "allow" before a noun asks for a behaviour, not a choice; nor does a sentence with no such words.
    expect(readRequested('Allow comments in shelf files')).toBeNull();
    expect(readRequested('Sort shelves by height')).toBeNull();
  });

  it('reads a noun or verb of control after "allow" or "ability to" as a choice, its verb no word of the name', () => {
    expect(readRequested('fix: allow override of shelf label font')).toMatchObject({
      kind: 'option',
      name: 'shelf-label-font',
      named: false,
      unkinded: true,
    });
    expect(readRequested('Allow to override location of label cache dir')?.name).toBe('location-label-cache');
    expect(readRequested('Add the ability to set shelf height')).toMatchObject({
      name: 'shelf-height',
      unkinded: true,
    });
    // Another noun after "allow" is still a behaviour.
    expect(readRequested('Allow overrides in shelf files')).toBeNull();
  });

  it('reads a doc comment as the help of a choice: its kind words say what it does', () => {
    const r = readRequested('/// Show the lending date in another calendar than the configured one.');
    expect(r).toMatchObject({ kind: 'option', named: false, unkinded: true });
    expect(r?.purpose).toEqual(expect.arrayContaining(['lending', 'date', 'calendar']));
    // "command" in it is no kind word.
    expect(readRequested('/// Print the command label in colour')).toMatchObject({ kind: 'option' });
    // A name it spells is the name.
    expect(readRequested('/// Use `--shelf-width` to set the width')?.name).toBe('--shelf-width');
  });

  it('reads a request that is one identifier as that name, given, on any side', () => {
    expect(readRequested('ExcludeRegex')).toMatchObject({
      kind: 'option',
      name: 'ExcludeRegex',
      named: true,
      given: true,
      side: null,
      leans: 'config',
      words: ['exclude', 'regex'],
    });
    expect(readRequested('skip_empty_shelves')).toMatchObject({ kind: 'option', name: 'skip_empty_shelves' });
    // One plain word is no identifier.
    expect(readRequested('Refactor')).toBeNull();
  });

  it('makes a descriptive name from the words when none is spelled, and says so', () => {
    const r = readRequested('Add an option to skip hidden files when walking');
    expect(r).toMatchObject({ kind: 'option', named: false });
    expect(r!.words).toEqual(['skip', 'hidden', 'files']);
  });

  it('takes a bare kebab-case name beside the kind word as the name, never a compound adjective', () => {
    expect(readRequested('New option shelf-label-style for the list view')).toMatchObject({
      kind: 'option',
      name: 'shelf-label-style',
      named: true,
    });
    expect(readRequested('Add lent-books-first option: by date or title')).toMatchObject({
      name: 'lent-books-first',
      named: true,
    });
    expect(readRequested('Add a command-line option to skip hidden files')).toMatchObject({ named: false });
    expect(readRequested('Add a per-shelf setting to hide lent books')).toMatchObject({ named: false });
  });

  it('reads what the thing should accept', () => {
    expect(readRequested('Let `timeout` accept a float')!.accepts).toEqual(['float']);
    // What a switch acts on, inputs there already, is no value of its own.
    expect(
      readRequested(
        '`--quote` flag on `pack`, which takes all given label strings and quotes special characters',
      )!.accepts,
    ).toEqual([]);
    expect(readRequested('Add a `--labels` option that takes a list of strings')!.accepts).toEqual([
      'list',
      'str',
    ]);
    // A dotted key's table is kept.
    expect(readRequested('Support the client.sort_by_title default config')).toMatchObject({
      name: 'sort_by_title',
      table: 'client',
    });
  });

  it('names nothing: null', () => {
    expect(readRequested('It would be great if this were faster and nicer.')).toBeNull();
  });
});

describe('call arguments', () => {
  it('splits at top-level commas, keeps keywords, skips strings and comments', () => {
    const text = `add_argument("--a, b", # note (\n  type=int, help="x)" "y")`;
    const call = callArgs(text, text.indexOf('('), { hashComments: true })!;
    expect(call.args.map((a) => a.key ?? '')).toEqual(['', 'type', 'help']);
    expect(stringValue(call.args[0]!.value)).toBe('--a, b');
    expect(stringValue(call.args[2]!.value)).toBe('x)y');
  });
});

describe('readRequested: kinds, places and remarks', () => {
  it('a configuration option is a config value; "on the command line" is no command', () => {
    expect(readRequested('Add a `page_margin` configuration option')).toMatchObject({
      kind: 'config-value',
      side: 'config',
    });
    expect(readRequested('Read the pager from a `SHELF_PAGER` environment variable')?.side).toBe('env');
    expect(readRequested('Support `--read-only` on command-line')).toMatchObject({
      kind: 'option',
      name: '--read-only',
      side: 'cli',
    });
    // A kind word inside a name is not the kind ("options" of `--shelf-options`).
    expect(
      readRequested('Added `--lend-as` shortcut for setting the lending `--shelf-options`.'),
    ).toMatchObject({ name: '--lend-as', kind: 'option' });
    // Neither command line nor configuration said: either.
    expect(readRequested('Add the `page_margin` option')?.side).toBeNull();
    // A lowerCamelCase name is a file's key or an API's option, never spelled so on a command line; a
    // flag said is still the command line.
    expect(readRequested('add pageMargin option')).toMatchObject({ name: 'pageMargin', side: 'config' });
    expect(readRequested('Add a `pageMargin` flag')?.side).toBe('cli');
    expect(readRequested('Add the `pagemargin` option')?.side).toBeNull();
  });

  it('a request that names no side leans to the side its words point at, the command line when none does', () => {
    // "option" alone points nowhere firmer than the command line; "config" or a key points at configuration
    // (a name's own words are not read: `shelf_config_dir` says nothing of the side).
    expect(readRequested('Add an option to set the shelf order')).toMatchObject({ side: null, leans: 'cli' });
    expect(readRequested('Support the `shelf_config_dir` option')).toMatchObject({
      side: null,
      leans: 'cli',
    });
    expect(readRequested('Add the `shelf_order` option to the config')).toMatchObject({
      side: null,
      leans: 'config',
    });
    // A keyboard's key is no configuration key, nor are the keys of the data.
    expect(readRequested('Add an option for key bindings in the list view')?.leans).toBe('cli');
    expect(readRequested('Add an option to sort keys of the output')?.leans).toBe('cli');
    expect(readRequested('Add a shelf order option, a key of the shelf file')?.leans).toBe('config');
    // A side said is the side; there is nothing to lean on.
    expect(readRequested('Add a `--shelf-order` option')?.leans).toBeUndefined();
    // "commandline" in one word is the command line, and no word of what the thing does.
    const r = readRequested('Adding compact shelves option to commandline and config');
    expect(r).toMatchObject({ side: 'cli' });
    expect(r!.purpose).not.toContain('commandline');
  });

  it("an rc file's key, a key in a file, a setting in the config file, a name in a dotfile: the config side", () => {
    for (const r of [
      'Add the `page_margin` rc key',
      'Add a `page_margin` key in the rc file',
      'A shelfrc key `page_margin`',
    ])
      expect(readRequested(r)).toMatchObject({ kind: 'config-value', name: 'page_margin', side: 'config' });
    expect(readRequested('Add a `page-margin` setting in the config file')?.side).toBe('config');
    expect(readRequested('Support `page-margin` in `.shelfrc`')).toMatchObject({
      name: 'page-margin',
      side: 'config',
    });
    // A flag given with its rc key is still the flag; a source folder is no rc file.
    expect(readRequested('Add a `--page-margin` flag (with `page-margin` rc key)')).toMatchObject({
      kind: 'flag',
      side: 'cli',
    });
    expect(readRequested('Add the `page_margin` src option')?.side).toBeNull();
  });

  it('a name that is a place is where the thing goes, not the thing', () => {
    const r = readRequested('Add configuration options to the `reminders` plugin');
    expect(r).toMatchObject({ kind: 'config-value', named: false, modules: ['reminders'] });
    expect(readRequested('Add a `--note` option to the lend command')).toMatchObject({
      name: '--note',
      modules: ['lend'],
    });
  });

  it('a command line written with its program names the command, without the word "command"', () => {
    expect(readRequested('Add a `--late-fee` flag to `shelf return`.')).toMatchObject({
      name: '--late-fee',
      modules: ['shelf return'],
    });
    expect(readRequested('Let `shelf lend list` show the due date with `--due`')?.modules).toEqual([
      'shelf lend list',
    ]);
    // One written to compare with is not where it goes; nor is one word, or a flag's usage.
    expect(readRequested('Add `--oneline` to print each book like `git log` does')?.modules).toEqual([]);
    expect(readRequested('Add `--due` to `shelf`')?.modules).toEqual([]);
    expect(readRequested('Document `--days 3` in the README')?.modules).toEqual([]);
  });

  it('a command line whose command some option is registered on is the command typed (one reader)', () => {
    const lend = [{ scope: 'lend' }, { scope: 'return' }, {}];
    expect(typedCommands('Add a `--note` option to `shelf lend`', lend)).toEqual(['shelf lend']);
    // Its sub-command: the last word is the command the options are registered on.
    expect(typedCommands('Let `shelf lend list` show the due date', [{ scope: 'list' }])).toEqual([
      'shelf lend list',
    ]);
    // No option on that command, a compared command, an unquoted one: none.
    expect(typedCommands('Add a `--note` option to `shelf shelve`', lend)).toEqual([]);
    expect(typedCommands('Add `--note` to `shelf return`, as `shelf lend` has it', lend)).toEqual([
      'shelf return',
    ]);
    expect(typedCommands('Add `--note` to `shelf return` like `shelf lend`', lend)).toEqual(['shelf return']);
    expect(typedCommands('Add a `--note` option to shelf lend', lend)).toEqual([]);
  });

  it('the word before the kind word may name a component; it stays a purpose word too', () => {
    const r = readRequested('Add a Lending option to skip holidays');
    expect(r?.modules).toEqual(['Lending']);
    expect(readRequested('Add a boolean option to skip holidays')?.modules).toEqual([]);
    expect(readRequested('Add a verbose option')).toMatchObject({
      modules: ['verbose'],
      purpose: ['verbose'],
    });
    expect(readRequested('Add `--dry-run` to shelf-tools so nothing is written')?.modules).toEqual([
      'shelf-tools',
    ]);
  });

  it('remarks such as "(fixes #12)" say nothing about what the thing does', () => {
    expect(readRequested('Add --no-cover option (fixes someone/shelf#12)')!.purpose).toEqual(['cover']);
  });
});

describe('a value of an existing thing', () => {
  it('reads what a value should do as the change, and nothing from a plain request', () => {
    expect(readRequested('Setting `max-jars` to 0 should mean a shelf without a limit')?.valueChange).toBe(
      'max-jars = 0 should mean a shelf without a limit',
    );
    expect(readRequested('`--depth=1` must list only the top folder')?.valueChange).toBe(
      '--depth = 1 must list only the top folder'.replace(' must ', ' should '),
    );
    expect(readRequested('Add a `--max-depth` option to limit recursion')?.valueChange).toBeUndefined();
  });
});

describe('what a requirement says of the value', () => {
  const facts = (s: string) => {
    const r = readRequested(s);
    return [r?.takes, r?.value];
  };
  it('a list of patterns, by the name or the words', () => {
    expect(facts('Add an `--exclude-globs` option to the `shelf scan` command')).toEqual(['many', 'pattern']);
    expect(facts('Add a `--lenders` option that takes a comma-separated list of names')).toEqual([
      'many',
      undefined,
    ]);
  });
  it('one value: written after the name, or a number by its words', () => {
    expect(facts('Add `--max-loans` to cap the books one reader may hold')).toEqual(['one', 'int']);
    expect(facts('Support `--due-in=DAYS` on the lend command')).toEqual(['one', undefined]);
  });
  it('a switch: "flag", or a name that starts with no-', () => {
    expect(facts('Add a `--skip-lent` flag')).toEqual(['none', 'bool']);
    expect(facts('Add `--no-covers` to print without cover images')).toEqual(['none', 'bool']);
  });
  it('nothing said: nothing assumed', () => {
    expect(facts('Add a `--reader-notes` option')).toEqual([undefined, undefined]);
  });
  it('a capitalised word that says where it goes is no value after the name', () => {
    expect(facts('feat: add --quiet-shelves CLI flag')).toEqual(['none', 'bool']);
    expect(facts('Add --due-in DAYS to the lend command')).toEqual(['one', undefined]);
  });
  it("a value's noun ends the name's head; one elsewhere names something else", () => {
    expect(facts('Add `ignore-pattern-in-titles` setting')).toEqual(['one', 'pattern']);
    expect(facts('Add `--max-results` option')).toEqual(['one', 'int']);
    expect(facts('Add `--path-kept` option')).toEqual([undefined, undefined]);
  });
  it('an option to skip, ignore or bypass something, with no value named, is a switch', () => {
    expect(facts('Add ``--title-as-is`` to bypass title case (``a`` or ``b``) folding.')).toEqual([
      'none',
      'bool',
    ]);
    expect(facts('Add `--skip-first-page` option to ignore the first page of a scan')).toEqual([
      'none',
      'bool',
    ]);
    // A value named in the prose is what it takes, whatever the verb.
    expect(facts('Add `--hide-shelves` option to hide shelves matching a glob')[0]).not.toBe('none');
  });
  it('a request to allow skipping, ignoring or hiding something asks for a switch', () => {
    expect(facts('Allow skipping `covers.txt` autoload')).toEqual(['none', 'bool']);
    expect(facts('fix: allow ignoring lent shelves')).toEqual(['none', 'bool']);
    // A named thing that allows it may take a value: nothing assumed.
    expect(facts('Added ``--shelf-options`` to allow disabling sorting')[0]).toBeUndefined();
    // Allowing a thing, not a verb's -ing form, says nothing of a value.
    expect(facts('Allow long shelf names')[0]).toBeUndefined();
  });
  it('a shortcut that sets another option to a value of its own takes none', () => {
    expect(
      facts('Added ``--unlisted`` shortcut to set all listing ``--view-options`` to ``false``.'),
    ).toEqual([undefined, undefined]);
    expect(facts('Add `--shelf-width` to set the width of a shelf')[0]).toBe('one');
  });
});

describe('a thing named by its words, when the requirement spells no name', () => {
  const read = (text: string) => {
    const r = readRequested(text);
    return r && { kind: r.kind, name: r.name, named: r.named, configurable: r.configurable };
  };
  it('a value after "default to" is no name; the noun "configurable" qualifies is the head of two', () => {
    expect(read('ENH: Configurable Shelf Endings / Default to `crlf` on old systems')).toEqual({
      kind: 'option',
      name: 'shelf-endings',
      named: false,
      configurable: 'endings',
    });
    // One noun: that one.
    expect(read('configurable timestamps for the lend log')?.configurable).toBe('timestamps');
  });
  it('"field" before the noun it qualifies is no kind; "specify" at the head of a title asks an option', () => {
    expect(read('[FEATURE] specify output field delimiter')).toEqual({
      kind: 'option',
      name: 'output-field-delimiter',
      named: false,
      configurable: undefined,
    });
    expect(read('Add a field to the shelf record')?.kind).toBe('field');
  });
  it('the words before the kind word, when what follows it is another clause, not what it does', () => {
    expect(read('feat: added a code right margin option and fixed the docs for label-width')?.name).toBe(
      'code-right-margin',
    );
    // What follows it, when it says what it does, as before.
    expect(read('Add an option to skip hidden shelves')?.name).toBe('skip-hidden-shelves');
  });
  it('a manner adverb that ends what it does names the option after its adjective', () => {
    expect(read('add cli option to (un)pack quietly')?.name).toBe('quiet');
    expect(read('Add an option to list shelves recursively')?.name).toBe('recursive');
    expect(read('Add an option to sort labels numerically')?.name).toBe('numeric');
    // Not an adverb of that kind ("only"), nor one before the verb.
    expect(read('Add an option to list shelves only')?.name).toBe('list-shelves');
    expect(read('Add an option to silently drop labels')?.name).toBe('silently-drop-labels');
  });
});

describe('a configuration key written with its table', () => {
  it('names the key, bare or in a code span, when the sentence is about configuration', () => {
    for (const text of [
      'feature: Support shelf.sort_by_weight default config',
      'Support `shelf.sort_by_weight` default config',
      'Add the `display.max-rows` setting',
    ]) {
      const r = readRequested(text)!;
      expect([r.named, r.side]).toEqual([true, 'config']);
      expect(r.name).toMatch(/^(sort_by_weight|max-rows)$/);
    }
  });
  it('a dotted span elsewhere is a module or a function, not the thing', () => {
    expect(readRequested('Add a `--depth` flag to `shelf.list_jars()`')?.name).toBe('--depth');
  });
});

describe('stems of a doubled consonant (session 14)', () => {
  it('reads `skipping` as `skip` and `wrapped` as `wrap`, but keeps `filling` and `passed` whole', async () => {
    const { stemOf } = await import('./synonyms.js');
    expect(stemOf('skipping')).toBe('skip');
    expect(stemOf('wrapped')).toBe('wrap');
    expect(stemOf('filling')).toBe('fill');
    expect(stemOf('passed')).toBe('pass');
    expect(stemOf('adding')).toBe('add');
  });
});

describe('the name the request gives (named)', () => {
  it('the kind word an adding verb takes is the thing, not a later kind word of another sentence', () => {
    const r = readRequested(
      'Added a new option `--strict-labels` to make the shelf fail when a label is missing. When combined with the `--no-sort` flag, the jars keep their order.',
    )!;
    expect([r.name, r.kind, r.given]).toEqual(['--strict-labels', 'option', true]);
  });
  it('a bare kebab-case name the title adds is the name, a compound adjective is not', () => {
    const r = readRequested('feat: add print-labels output for plain/fancy shelves')!;
    expect([r.name, r.named, r.given, r.kind]).toEqual(['print-labels', true, true, 'option']);
    expect(readRequested('Add multi-shelf support')?.name).not.toBe('multi-shelf');
  });
  it('a prefixed compound of three words beside the kind word is a name', () => {
    const r = readRequested('Allow configurable shelf per-jar-label setting')!;
    expect([r.name, r.given]).toEqual(['per-jar-label', true]);
    expect(readRequested('Add a per-shelf setting to hide lent books')?.named).toBe(false);
  });
  it('a made name leaves out the control verb and reads a dotted file name whole', () => {
    expect(readRequested('Added option to specify .shelfignore path')?.name).toBe('shelfignore-path');
  });
});
