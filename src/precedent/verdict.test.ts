import { describe, expect, it } from 'vitest';
import type { Declaration } from './declaration.js';
import { readRequested, saysNot } from './requested.js';
import { decide, registersName } from './verdict.js';

const decl = (name: string, kind: Declaration['kind'], file: string, line: number): Declaration => ({
  name,
  aliases: [],
  kind,
  via: kind === 'setting' ? 'settings-table' : 'commander',
  help: '',
  type: '',
  default: '',
  file,
  line,
  text: name,
});

describe('the side of a request that names none', () => {
  // A program that declares each setting twice: a flag, and a key of its config file (more keys than flags).
  const flag = (name: string, line: number): Declaration => ({
    ...decl(name, 'option', 'src/args.rs', line),
    via: 'clap',
    takes: 'one',
  });
  const key = (name: string, line: number): Declaration => ({
    ...decl(name, 'config-value', 'src/config.rs', line),
    via: 'serde',
    takes: 'one',
  });
  const both = [
    key('shelf_width', 10),
    key('shelf_height', 11),
    key('label_colour', 12),
    key('sort_order', 13),
    flag('--shelf_width', 40),
    flag('--sort_order', 41),
  ];

  it('an "option" is copied from the command line, not from the side that declares more', () => {
    const v = decide(readRequested('Add an option to set the position of labels'), both);
    expect(v.verdict).toBe('new');
    // Counted together, the keys' file declares most and its `label_colour` shares a word: it had been followed.
    expect(v.sibling?.file).toBe('src/args.rs');
    expect([v.sibling!, ...v.candidates].every((d) => d.file === 'src/args.rs')).toBe(true);
  });

  it('one said to be in the config is copied from the config keys', () => {
    const v = decide(readRequested('Add an option in the config for the position of labels'), both);
    expect(v.sibling?.file).toBe('src/config.rs');
  });

  it('with nothing on the side it points at, the other side still gives the sibling', () => {
    const v = decide(
      readRequested('Add an option to set the position of labels'),
      both.filter((d) => d.via === 'serde'),
    );
    expect(v.sibling?.file).toBe('src/config.rs');
  });
});

describe('the sibling of a request that shares nothing with the declarations', () => {
  const requested = readRequested('Add a `--trace-warnings` flag');
  it('a named option never follows a positional argument written first in the file, nor one by position with confidence', () => {
    const v = decide(readRequested('Add a `--strip-ansi` option'), [
      decl('FILE', 'option', 'src/cli.rs', 20),
      decl('--language', 'option', 'src/cli.rs', 30),
      decl('--theme', 'option', 'src/cli.rs', 40),
    ]);
    expect(v.verdict).toBe('new');
    // Nothing but their position tells `--language` from `--theme`: the first is followed only as unsure
    // (they share a file, so that is where the change goes), the other is the candidate to weigh.
    expect(v.sibling?.name).toBe('--language');
    expect(v.tentative).toBe(true);
    expect(v.candidates.map((d) => d.name)).toEqual(['--theme']);
    expect(v.reason).toMatch(/which to follow is unsure/);
  });

  it('a command-line flag never follows a config file of settings: unsure, with the candidates', () => {
    const settings = [
      decl('browsers', 'setting', 'runner.conf.js', 10),
      decl('reporters', 'setting', 'runner.conf.js', 12),
      decl('frameworks', 'setting', 'runner.conf.js', 14),
    ];
    const v = decide(requested, settings);
    expect(v.verdict).toBe('unsure');
    expect(v.sibling).toBeUndefined();
    expect(v.candidates.map((d) => d.file)).toEqual(['runner.conf.js']);
  });

  it('with command-line declarations alike but for their position, the one followed is theirs, marked unsure', () => {
    const v = decide(requested, [
      decl('browsers', 'setting', 'runner.conf.js', 10),
      decl('reporters', 'setting', 'runner.conf.js', 12),
      decl('--bail', 'flag', 'bin/cli.js', 5),
      decl('--grep', 'flag', 'bin/cli.js', 6),
    ]);
    expect(v.verdict).toBe('new');
    // Both flags share bin/cli.js: the first, marked unsure; never a setting of the config file.
    expect(v.tentative).toBe(true);
    expect([v.sibling!, ...v.candidates].map((d) => d.file)).toEqual(['bin/cli.js', 'bin/cli.js']);
  });
});

const full = (
  d: Partial<Declaration> & Pick<Declaration, 'name' | 'kind' | 'file' | 'line'>,
): Declaration => ({
  aliases: [],
  via: 'commander',
  help: '',
  type: '',
  default: '',
  text: d.name,
  ...d,
});

describe('the kind requested against the kind declared', () => {
  const env = full({ name: 'SHELF_PAGER', kind: 'config-value', via: 'env', file: 'src/env.js', line: 3 });
  const flags = [
    full({ name: '--limit', kind: 'option', file: 'bin/shelf.js', line: 8, help: 'list at most n entries' }),
    full({ name: '--reverse', kind: 'flag', file: 'bin/shelf.js', line: 9, help: 'newest first' }),
  ];

  it('a flag whose name the project reads only from the environment is partly met: the flag is missing', () => {
    const v = decide(readRequested('Add a `--shelf-pager` option'), [env, ...flags]);
    expect(v.verdict).toBe('partly-met');
    expect(v.evidence).toEqual([env]);
    expect(v.missing).toMatch(/^a command-line option \(`\w+` is an environment variable, /);
    expect(v.sibling?.file).toBe('bin/shelf.js');
  });

  it('an environment variable read through a helper that adds the prefix is named by what the code writes', () => {
    // One read only, so the prefix is no family of names: the helper's `bare` name is what ties it.
    const helper = full({
      name: 'SHELF_LEND_DAYS',
      bare: 'LEND_DAYS',
      kind: 'config-value',
      via: 'env',
      file: 'cmd/lend.go',
      line: 6,
    });
    const v = decide(readRequested('Add a `--lend-days` flag'), [helper, ...flags]);
    expect(v.verdict).toBe('partly-met');
    expect(v.evidence).toEqual([helper]);
    expect(v.missing).toMatch(/^a command-line option \(`\w+` is an environment variable, /);
    // Without it the same read is another name: the flag is new.
    const plain = full({
      name: 'SHELF_LEND_DAYS',
      kind: 'config-value',
      via: 'env',
      file: 'cmd/lend.go',
      line: 6,
    });
    expect(decide(readRequested('Add a `--lend-days` flag'), [plain, ...flags]).verdict).toBe('new');
  });

  it('the same name on the same side is met', () => {
    const v = decide(readRequested('Support the SHELF_PAGER environment variable'), [env, ...flags]);
    expect(v.verdict).toBe('met');
    expect(v.evidence).toEqual([env]);
  });

  it('a synonym on the other side is not the same thing; the sibling is of the requested kind', () => {
    const cap = full({ name: 'MAX_BOOKS', kind: 'config-value', via: 'env', file: 'src/env.js', line: 5 });
    const v = decide(readRequested('Add a `--limit-books` flag'), [cap, ...flags]);
    expect(v.verdict).toBe('new');
    expect(v.sibling?.name).toBe('--limit');
  });

  it('a configuration option follows the config registrations, not the command line', () => {
    const decls = [
      full({ name: '--plugins', kind: 'option', via: 'argparse', file: 'shelf/cmd/build.py', line: 40 }),
      full({ name: '--output-dir', kind: 'option', via: 'argparse', file: 'shelf/cmd/build.py', line: 44 }),
      full({
        name: 'lending_days',
        kind: 'config-value',
        via: 'config-registry',
        file: 'shelf/ext/lending.py',
        line: 70,
      }),
      full({
        name: 'covers_folder',
        kind: 'config-value',
        via: 'config-registry',
        file: 'shelf/ext/covers.py',
        line: 30,
      }),
      // A module that declares two is no nearer for it.
      full({
        name: 'covers_size',
        kind: 'config-value',
        via: 'config-registry',
        file: 'shelf/ext/covers.py',
        line: 31,
      }),
    ];
    const r = readRequested('Add configuration options to the `reminders` plugin');
    const v = decide(r, decls, { files: ['shelf/ext/reminders.py'] });
    expect(v.verdict).toBe('new');
    // The module it names declares none yet; two modules beside it are as near as each other: no sibling
    // is followed with confidence, both are candidates (and no command-line option is).
    expect(v.sibling).toBeUndefined();
    expect(v.candidates.map((d) => d.file).sort()).toEqual(['shelf/ext/covers.py', 'shelf/ext/lending.py']);
    // With one module beside it, that one is the sibling.
    const one = decide(r, decls.slice(0, 3), { files: ['shelf/ext/reminders.py'] });
    expect(one.sibling).toMatchObject({ name: 'lending_days', via: 'config-registry' });
  });
});

describe('the module a request names', () => {
  const decls = [
    full({ name: '--format', kind: 'option', file: 'src/commands/list.js', line: 10, help: 'output format' }),
    full({
      name: '--all',
      kind: 'flag',
      file: 'src/commands/list.js',
      line: 11,
      help: 'include returned books',
    }),
    full({
      name: '--due',
      kind: 'option',
      file: 'src/commands/lend.js',
      line: 7,
      help: 'days until it is due',
    }),
  ];

  it('its declarations come first when it declares any', () => {
    const r = readRequested('Add a `--note` option to the `lend` command');
    expect(r?.modules).toEqual(['lend']);
    const v = decide(r, decls, { files: ['src/commands/lend.js'] });
    expect(v.verdict).toBe('new');
    expect(v.sibling?.name).toBe('--due');
  });

  it('a word of the requested name that is a module name counts too', () => {
    const cfg = [
      full({
        name: 'html_theme',
        kind: 'config-value',
        via: 'config-registry',
        file: 'shelf/config.py',
        line: 5,
      }),
      full({
        name: 'lending_days',
        kind: 'config-value',
        via: 'config-registry',
        file: 'shelf/ext/lending.py',
        line: 70,
      }),
      full({
        name: '--quiet',
        kind: 'flag',
        via: 'argparse',
        file: 'shelf/cmd/build.py',
        line: 12,
        help: 'no output on stop',
      }),
    ];
    const v = decide(
      readRequested('Add the `lending_stop_early` option to stop at the first overdue book'),
      cfg,
    );
    expect(v.verdict).toBe('new');
    expect(v.sibling?.name).toBe('lending_days');
  });
});

describe('environment prefixes and siblings nobody is near', () => {
  const envs = ['SHELF_HOME', 'SHELF_PAGER', 'SHELF_NO_AUTOLOAD'].map((name, k) =>
    full({ name, kind: 'config-value', via: 'env', file: 'src/env.js', line: k + 1 }),
  );
  const flags = [
    full({ name: '--home', kind: 'option', file: 'src/cli/main.js', line: 4, help: 'where the shelf lives' }),
    full({ name: '--pager', kind: 'option', file: 'src/cli/view.js', line: 9, help: 'program to page with' }),
    full({ name: '--width', kind: 'option', file: 'src/cli/print.js', line: 2, help: 'columns to print in' }),
  ];

  it('a flag the project reads as an environment variable under its own prefix is partly met', () => {
    // A table of the environment variables with their help is no command-line sibling.
    const documented = full({
      name: 'SHELF_NO_AUTOLOAD',
      kind: 'setting',
      via: 'option-table',
      file: 'src/help.js',
      line: 12,
      help: 'set to load no plugins at start',
    });
    const v = decide(readRequested('New flag `--no-autoload`, like the environment variable'), [
      ...envs,
      documented,
      ...flags,
    ]);
    expect(v.verdict).toBe('partly-met');
    expect(v.evidence[0]?.name).toBe('SHELF_NO_AUTOLOAD');
    expect(v.sibling?.kind).toBe('option');
  });

  it('new, but no declaration of the kind is near and none of their files holds most: no sibling, the candidates', () => {
    const v = decide(readRequested('Add a `--strict-order` option to refuse unsorted shelves'), [
      ...envs,
      ...flags,
    ]);
    expect(v.verdict).toBe('new');
    expect(v.sibling).toBeUndefined();
    expect(v.candidates.map((d) => d.file).sort()).toEqual([
      'src/cli/main.js',
      'src/cli/print.js',
      'src/cli/view.js',
    ]);
  });
});

describe('name taken needs strong evidence', () => {
  const depth = full({
    name: '--max-depth',
    kind: 'option',
    via: 'argparse',
    file: 'shelf/cli.py',
    line: 30,
    help: 'Descend at most this many levels of nested shelves',
  });

  it('a short changelog line whose few words the help does not repeat: met', () => {
    const v = decide(readRequested('Add --max-depth option to keep diagrams small'), [depth]);
    expect(v.verdict).toBe('met');
  });

  it('a requirement that says at length what it does, sharing nothing with the help: taken', () => {
    const v = decide(
      readRequested('Add a --max-depth option that sets the printed label font weight for bookmarks'),
      [depth],
    );
    expect(v.verdict).toBe('name-taken');
  });

  it('a word of the request in another form (a negating prefix, another ending) is shared: met', () => {
    const inspect = full({
      name: '--inspect',
      kind: 'flag',
      via: 'click',
      file: 'shelf/main.py',
      line: 12,
      help: 'Inspect your labelling file.',
    });
    const v = decide(readRequested('Add `--inspect` mode to list unlabelled fresh shelves.'), [inspect]);
    expect(v.verdict).toBe('met');
    // Nothing shared in any form: still taken.
    const other = { ...inspect, help: 'Inspect the bell before ringing it.' };
    expect(
      decide(readRequested('Add `--inspect` mode to list unlabelled fresh shelves.'), [other]).verdict,
    ).toBe('name-taken');
  });
});

describe('a command asked, a switch of its name declared', () => {
  const dump = full({
    name: '--dump-labels',
    kind: 'flag',
    via: 'argparse',
    file: 'shelf/cli.py',
    line: 14,
    takes: 'none',
    help: 'print every label and exit',
  });
  const width = full({ name: '--width', kind: 'option', via: 'argparse', file: 'shelf/cli.py', line: 15 });
  it('in a program that declares no command: met as that flag, and the reason says so', () => {
    const v = decide(readRequested('add `dump-labels` command to the CLI'), [width, dump]);
    expect(v.verdict).toBe('met');
    expect(v.evidence[0]?.name).toBe('--dump-labels');
    expect(v.reason).toContain('exists as a flag');
  });
  it('in a program that has commands, or where the option takes a value: not met', () => {
    const list = full({ name: 'list', kind: 'command', via: 'argparse', file: 'shelf/cli.py', line: 30 });
    expect(
      decide(readRequested('add `dump-labels` command to the CLI'), [width, dump, list]).verdict,
    ).not.toBe('met');
    const valued = {
      ...dump,
      kind: 'option' as const,
      takes: 'one' as const,
      help: 'write the labels to this file',
    };
    expect(decide(readRequested('add `dump-labels` command to the CLI'), [width, valued]).verdict).not.toBe(
      'met',
    );
  });
});

describe('ties between siblings', () => {
  it('go to the file that declares more of the kind, not a script beside the project', () => {
    const decls = [
      full({ name: '--version', kind: 'flag', file: 'demo/demo.py', line: 3, via: 'argparse' }),
      full({ name: '--target-version', kind: 'option', file: 'src/shelf/cli.py', line: 20, via: 'click' }),
      full({ name: '--line-width', kind: 'option', file: 'src/shelf/cli.py', line: 30, via: 'click' }),
    ];
    const v = decide(readRequested('Add `--pinned-version` to refuse to run under another release'), decls);
    expect(v.verdict).toBe('new');
    // One shared word ("version") is a tie-break, not a reason to follow: the candidates, the project's
    // registry first.
    expect(v.sibling).toBeUndefined();
    expect(v.candidates[0]).toMatchObject({ name: '--target-version', file: 'src/shelf/cli.py' });
  });
});

describe('a name registered where no extractor reads', () => {
  it('knows the shapes of a registration or a hand-written parser', () => {
    expect(registersName(`  .option('-w, --watch-dir <dir>', 'folder to watch')`, '--watch-dir')).toBe(true);
    expect(registersName(`parser.add_argument("-q", "--quiet", action="store_true")`, '--quiet')).toBe(true);
    expect(registersName(`      case '--inspect-wait':`, '--inspect-wait')).toBe(true);
    expect(registersName(`        .long("strip-colour")`, '--strip-colour')).toBe(true);
    // Passed along to another program, named in a longer flag, or only printed: not a registration.
    expect(registersName(`run(["git", "--no-pager", "log"])`, '--no-pager')).toBe(false);
    expect(registersName(`  .option('--watch-dir-depth <n>', 'how deep')`, '--watch-dir')).toBe(false);
    expect(registersName(`console.log('use --watch-dir to follow a folder')`, '--watch-dir')).toBe(false);
  });

  it('candidates when nothing is near: the nearest by name and help first', () => {
    const decls = [
      full({ name: '--verbose', kind: 'flag', file: 'src/main.js', line: 3, help: 'say more' }),
      full({
        name: '--no-summary',
        kind: 'flag',
        file: 'src/report.js',
        line: 8,
        help: 'leave out the summary',
      }),
      full({ name: '--width', kind: 'option', file: 'src/print.js', line: 2, help: 'columns' }),
      full({ name: '--pager', kind: 'option', file: 'src/view.js', line: 5, help: 'program to page with' }),
    ];
    const v = decide(
      readRequested(
        'Add a `--force-brief-summary` option to print a condensed summary whatever the verbosity',
      ),
      decls,
    );
    expect(v.verdict).toBe('new');
    expect(v.sibling).toBeUndefined();
    expect(v.candidates[0]?.name).toBe('--no-summary');
    expect(v.candidates.map((d) => d.name)).not.toContain('--width');
  });
});

describe('a value of an option that exists', () => {
  it('is partly met: the option is there, what the value should do is the change', () => {
    const declared = [decl('--depth', 'option', 'bin/cli.js', 8), decl('--bail', 'flag', 'bin/cli.js', 9)];
    const v = decide(readRequested('Setting `--depth` to 0 should list only the top folder'), declared);
    expect(v.verdict).toBe('partly-met');
    expect(v.sibling?.name).toBe('--depth');
    expect(v.missing).toMatch(/--depth = 0 should list only the top folder/);
    // Without a value, the same request for the option is met.
    expect(decide(readRequested('Add a `--depth` option'), declared).verdict).toBe('met');
  });
});

describe('a named request whose name only contains an existing one', () => {
  const formatted = (help: string) =>
    full({
      name: 'ignore-long-lines',
      kind: 'setting',
      via: 'settings-table',
      file: 'lint/format.py',
      line: 40,
      help,
    });
  it("is not met by the shorter name, whose help repeats the name's words: new, following it", () => {
    const v = decide(readRequested('Add ``ignore-pattern-in-long-lines`` configuration option'), [
      formatted('Regexp for a line that is allowed to be longer than the limit.'),
      full({
        name: 'max-line-length',
        kind: 'setting',
        via: 'settings-table',
        file: 'lint/format.py',
        line: 30,
      }),
    ]);
    expect(v.verdict).toBe('new');
    expect(v.sibling?.name).toBe('ignore-long-lines');
  });

  it('the same name in one word, or the same job said in its help, is still met', () => {
    const v = decide(readRequested('Add ``ignorelonglines`` configuration option'), [
      formatted('Regexp for a line that is allowed to be longer than the limit.'),
    ]);
    expect(v.verdict).toBe('met');
  });
});

describe('a help that says the same job the other way round', () => {
  const vcs = (help: string) =>
    full({ name: '--no-vcs-ignores', kind: 'flag', via: 'clap', file: 'src/cli.rs', line: 12, help });
  it('is the opposite job, not met: "always respect" against "do not respect"', () => {
    const requested = readRequested(
      'Add flag `--no-need-repo` to always respect ignore files outside a repository',
    );
    expect(requested?.negated).toBe(false);
    const v = decide(requested, [vcs('Do not respect ignore files outside a repository')]);
    expect(v.verdict).toBe('new');
    expect(v.sibling?.name).toBe('--no-vcs-ignores');
  });

  it('said the same way round, it is met', () => {
    const requested = readRequested(
      'Add flag `--skip-repo-ignores` to never respect ignore files outside a repository',
    );
    expect(requested?.negated).toBe(true);
    const v = decide(requested, [vcs('Do not respect ignore files outside a repository')]);
    expect(v.verdict).toBe('met');
  });

  it('reads the negation words and the verbs that leave out by their count', () => {
    expect(saysNot('do not respect the ignore files')).toBe(true);
    expect(saysNot('do not ignore hidden files')).toBe(false);
    expect(saysNot('skip folders when restarting')).toBe(true);
    expect(saysNot('also restart when files change')).toBe(false);
    expect(saysNot('like `--no-ignore` does')).toBe(false);
  });
});

describe('the sibling is the same kind of thing, not the one sharing a word or standing first', () => {
  const scan = (d: Partial<Declaration> & Pick<Declaration, 'name' | 'kind' | 'line'>) =>
    full({ via: 'click', file: 'shelf/cli.py', ...d });

  it('a list of patterns on a named command follows the list of paths registered on that command', () => {
    const decls = [
      scan({ name: '--root', kind: 'option', line: 10, takes: 'one', value: 'path', scope: 'scan' }),
      scan({ name: '--verbose', kind: 'flag', line: 11, scope: 'scan', help: 'say more while scanning' }),
      scan({
        name: '--watch-paths',
        kind: 'option',
        line: 12,
        takes: 'many',
        value: 'path',
        scope: 'scan',
        help: 'folders to watch for new books',
      }),
      scan({
        name: '--skip-hidden',
        kind: 'flag',
        line: 30,
        scope: 'list',
        help: 'leave hidden shelves out',
      }),
    ];
    const v = decide(readRequested('Add a `--skip-globs` option to the `shelf scan` command'), decls);
    expect(v.verdict).toBe('new');
    expect(v.sibling?.name).toBe('--watch-paths');
    expect(v.reason).toMatch(/takes a list too/);
    expect(v.reason).toMatch(/registered on `scan`/);
  });

  it('the command the requirement names outweighs a shared name word', () => {
    const decls = [
      scan({ name: '--max-size', kind: 'option', line: 5, takes: 'one', value: 'int', scope: 'list' }),
      scan({ name: '--keep', kind: 'option', line: 40, takes: 'one', value: 'int', scope: 'prune' }),
    ];
    const v = decide(readRequested('Add a `--max-age` option to the `shelf prune` command'), decls);
    expect(v.sibling?.name).toBe('--keep');
  });

  it('the command the requirement names is a place: its flags are the pool, whatever help on another command says', () => {
    const decls = [
      scan({
        name: '--force',
        kind: 'flag',
        line: 5,
        scope: 'shelve',
        help: 'reports the folders it made on the way',
      }),
      scan({ name: '--append', kind: 'flag', line: 30, scope: 'catalogue', help: 'add at the end' }),
      scan({ name: '--sorted', kind: 'flag', line: 31, scope: 'catalogue', help: 'keep it in order' }),
    ];
    const v = decide(
      readRequested(
        'Add a `--dry-run` flag to `shelf catalogue` that reports which folders would be created',
      ),
      decls,
    );
    expect([v.sibling, ...v.candidates].map((d) => d?.name)).toEqual(['--append', '--sorted']);
    expect(v.tentative).toBe(true);
    // Named nowhere, the help decides as before.
    const free = decide(
      readRequested('Add a `--dry-run` flag that reports which folders would be created'),
      decls,
    );
    expect(free.sibling?.name).toBe('--force');
  });

  it('the same option registered again on a sub-command is the same sibling, not a rival', () => {
    const twice = (file: string, line: number) =>
      full({ name: 'show-due-list', kind: 'flag', via: 'yargs', file, line, help: 'print the loans due' });
    const decls = [
      twice('lib/options.js', 40),
      twice('lib/commands/report.js', 12),
      full({ name: 'cache', kind: 'flag', via: 'yargs', file: 'lib/options.js', line: 30 }),
    ];
    const v = decide(readRequested('feat: add `--build-due-list` feature'), decls);
    expect(v.verdict).toBe('new');
    expect(v.tentative).toBeFalsy();
    // The registry's own first (the file declaring most), the other registration never a candidate.
    expect(v.sibling).toMatchObject({ name: 'show-due-list', file: 'lib/options.js' });
    expect(v.candidates.map((d) => d.name)).not.toContain('show-due-list');
  });

  it('help that says what the requirement does beyond its name outweighs a shared name word', () => {
    const decls = [
      scan({ name: '--strip-covers', kind: 'flag', line: 5, help: 'leave covers out of the export' }),
      scan({ name: '--clean-notes', kind: 'flag', line: 9, help: 'remove pencil notes before the export' }),
    ];
    const v = decide(
      readRequested('Add a `--strip-marks` flag to remove pencil notes from scanned pages'),
      decls,
    );
    expect(v.sibling?.name).toBe('--clean-notes');
  });

  it('one shared word among switches alike is no confident sibling: new, followed only as unsure, with the candidates', () => {
    const decls = [
      scan({ name: '--colour', kind: 'flag', line: 3 }),
      scan({ name: '--full-trace', kind: 'flag', line: 4 }),
      scan({ name: '--due-date', kind: 'option', line: 5, takes: 'one' }),
    ];
    const v = decide(readRequested('Add `--trace-loans` flag'), decls);
    expect(v.verdict).toBe('new');
    // Followed only as unsure (the one sharing a word first), the other switch to weigh beside it.
    expect(v.tentative).toBe(true);
    expect(v.sibling?.name).toBe('--full-trace');
    expect(v.candidates.map((d) => d.name)).toEqual(['--colour']);
    expect(v.reason).toMatch(/which to follow is unsure, so `--full-trace`/);
  });

  it("in the project's registry (three alike or more in one file), the first is followed, marked unsure, with the others to weigh", () => {
    const decls = [
      scan({ name: '--colour', kind: 'flag', line: 3 }),
      scan({ name: '--full-trace', kind: 'flag', line: 4 }),
      scan({ name: '--quiet-loans', kind: 'flag', line: 5 }),
      scan({ name: '--due-date', kind: 'option', line: 6, takes: 'one' }),
    ];
    const v = decide(readRequested('Add `--trace-loans` flag'), decls);
    expect(v.verdict).toBe('new');
    expect(v.tentative).toBe(true);
    expect(v.sibling?.file).toBe(decls[0]!.file);
    expect(v.candidates.length).toBeGreaterThanOrEqual(2);
    expect(v.candidates).not.toContain(v.sibling);
    expect(v.reason).toMatch(/which to follow is unsure, so `--[a-z-]+` .* is followed as the first of them/);
  });

  it('two shared words, more than any rival has, are enough among switches alike', () => {
    const decls = [
      scan({ name: '--hidden', kind: 'flag', line: 3 }),
      scan({ name: '--no-colour', kind: 'flag', line: 4 }),
      scan({ name: '--no-ignore-dust', kind: 'flag', line: 5 }),
    ];
    const v = decide(readRequested('Add `--no-ignore-shelves` flag'), decls);
    expect(v.sibling?.name).toBe('--no-ignore-dust');
  });
});

describe('help as evidence', () => {
  it("a help that repeats the declaration's own name word is not what the requirement does", () => {
    const decls = [
      full({
        name: '--code',
        kind: 'option',
        file: 'shelf/cli.py',
        line: 4,
        help: 'Shelve the code given as text.',
      }),
      full({
        name: '--title',
        kind: 'option',
        file: 'shelf/cli.py',
        line: 5,
        help: 'Title shown above the list.',
      }),
    ];
    const v = decide(
      readRequested('Add a `--skip-preface` option to ignore the preface of source code'),
      decls,
    );
    expect(v.sibling === undefined || v.tentative).toBe(true);
  });
});

describe('a lone declaration', () => {
  it('is followed only as unsure when nothing but being the only one points to it', () => {
    const lone = full({
      name: 'page_width',
      kind: 'setting',
      via: 'settings-table',
      file: 'shelf/conf.py',
      line: 3,
    });
    const v = decide(readRequested('Add a `cover-art` configuration option to print covers'), [lone]);
    expect(v.verdict).toBe('new');
    // The only settings table is where a setting goes; followed, but marked unsure.
    expect(v.sibling).toEqual(lone);
    expect(v.tentative).toBe(true);
    expect(v.candidates).toEqual([]);
  });
});

describe('the same job outweighs the same shape (sibling-job.ts)', () => {
  const pages = (d: Partial<Declaration> & Pick<Declaration, 'name' | 'kind' | 'line'>) =>
    full({ via: 'clap', file: 'src/shelf_cli.rs', ...d });
  // A switch that folds blank pages, and an option that takes a number like the requested one.
  const foldBlank = pages({
    name: '--fold-blank',
    kind: 'flag',
    line: 10,
    takes: 'none',
    value: 'bool',
    help: 'Fold runs of blank pages into a single page.',
  });
  const margin = pages({
    name: '--margin',
    kind: 'option',
    line: 20,
    takes: 'one',
    value: 'int',
    help: 'Width of the margin in columns.',
  });

  it('help that says two ideas of the requirement beats an option that only takes a number too', () => {
    const v = decide(readRequested('Add `--max-run` option to set how many blank pages are kept in a row'), [
      margin,
      foldBlank,
    ]);
    expect(v.verdict).toBe('new');
    expect(v.sibling?.name).toBe('--fold-blank');
    expect(v.tentative).toBeUndefined();
    expect(v.reason).toMatch(/its help shares "blank", "pages" with the requirement/);
  });

  it('a requested name built on an existing one whose help agrees follows that one, the option it limits', () => {
    const v = decide(readRequested('Add `--fold-blank-limit` to set the most blank pages kept in a row'), [
      margin,
      foldBlank,
    ]);
    expect(v.sibling?.name).toBe('--fold-blank');
    expect(v.reason).toMatch(/`--fold-blank-limit` is its name and more, and its help agrees/);
  });

  it('a name built on an existing one whose help does not agree is no evidence: the shape decides', () => {
    const fold = pages({
      name: '--fold',
      kind: 'flag',
      line: 10,
      takes: 'none',
      value: 'bool',
      help: 'Fold long titles.',
    });
    const v = decide(readRequested('Add `--fold-width` option to set the column count of the index'), [
      fold,
      margin,
    ]);
    expect(v.sibling?.name).toBe('--margin');
    expect(v.reason).not.toMatch(/its name and more/);
  });

  it('the option the requirement names is the one the new one sets: it outweighs the shape', () => {
    const columns = pages({
      name: '--columns',
      kind: 'option',
      line: 30,
      takes: 'many',
      value: 'str',
      help: '',
    });
    const verbose = pages({
      name: '--verbose',
      kind: 'flag',
      line: 40,
      takes: 'none',
      value: 'bool',
      help: 'Say more while listing.',
    });
    const v = decide(
      readRequested('Add `--brief` flag as a shortcut that sets `--columns` to the title only'),
      [verbose, columns],
    );
    expect(v.sibling?.name).toBe('--columns');
    expect(v.tentative).toBeUndefined();
    expect(v.reason).toMatch(/the requirement names it/);
  });

  it('without any evidence of the job, the shape still decides', () => {
    const v = decide(readRequested('Add `--max-shelves` option'), [foldBlank, margin]);
    expect(v.sibling?.name).toBe('--margin');
    expect(v.reason).toMatch(/takes a value too; its value is a number/);
  });

  it('two helps that say as many ideas of the requirement stay tied: unsure, the other listed', () => {
    const trimBlank = pages({
      name: '--trim-edges',
      kind: 'flag',
      line: 50,
      takes: 'none',
      value: 'bool',
      help: 'Trim blank pages at the start and end of a book, keeping the rest.',
    });
    const v = decide(readRequested('Add `--max-run` option to set how many blank pages are kept in a row'), [
      margin,
      foldBlank,
      trimBlank,
    ]);
    expect(v.verdict).toBe('new');
    expect(v.tentative).toBe(true);
    expect([v.sibling!, ...v.candidates].map((d) => d.name)).toEqual(
      expect.arrayContaining(['--fold-blank', '--trim-edges']),
    );
    expect(v.reason).toMatch(/which to follow is unsure/);
  });
});

describe("the requested name's family (sibling-job.ts)", () => {
  const cli = (d: Partial<Declaration> & Pick<Declaration, 'name' | 'kind' | 'line'>) =>
    full({ via: 'click', file: 'shelf/cli.py', ...d });
  const exclude = cli({
    name: '--exclude',
    kind: 'option',
    line: 30,
    takes: 'one',
    value: 'pattern',
    help: 'A pattern of files to leave out.',
  });
  const skipCase = cli({
    name: '--skip-title-case',
    kind: 'flag',
    line: 10,
    help: 'Keep titles as written.',
  });
  const skipDust = cli({ name: '--skip-dust-check', kind: 'flag', line: 12, help: 'Do not look for dust.' });
  const margin = cli({ name: '--margin', kind: 'option', line: 40, takes: 'one', value: 'int' });

  it('a `--skip-…` request follows the skip switches, not an option whose idea it shares: unsure which of them', () => {
    const v = decide(readRequested('Add `--skip-first-page` option to ignore the first page of a scan'), [
      exclude,
      skipCase,
      skipDust,
      margin,
    ]);
    expect(v.verdict).toBe('new');
    expect(v.sibling?.name).toBe('--skip-title-case');
    expect(v.tentative).toBe(true);
    expect(v.candidates.map((d) => d.name)).toEqual(['--skip-dust-check']);
  });

  it('a shared last word is a family too, when no first word is', () => {
    const extra = cli({ name: '--force-exclude', kind: 'option', line: 32, takes: 'one', value: 'pattern' });
    const v = decide(readRequested('Add `--extend-exclude` option'), [skipCase, exclude, extra, margin]);
    // Alike by kind and by the one word they share: the one named in two words, as the request is, is
    // followed (a one-word name's footprint is also the word's ordinary use), the other beside it.
    expect([v.sibling?.name, ...v.candidates.map((d) => d.name)]).toEqual(['--force-exclude', '--exclude']);
    expect(v.tentative).toBe(true);
    expect(v.reason).toMatch(/2 declarations of the project's `…-exclude` family/);
  });

  it("a family is one file's: names alike in two programs are no family", () => {
    const other = full({
      name: '--skip-tests',
      kind: 'flag',
      line: 5,
      via: 'argparse',
      file: 'tools/release.py',
    });
    const v = decide(readRequested('Add `--skip-first-page` option to ignore the first page of a scan'), [
      exclude,
      skipCase,
      other,
      margin,
    ]);
    expect(v.reason).not.toMatch(/family/);
  });

  it('a name sharing two words or more is nearer kin than a family by one word', () => {
    const ignoreA = cli({ name: 'ignore-paths', kind: 'option', line: 5, takes: 'many', value: 'pattern' });
    const ignoreB = cli({ name: 'ignore-modules', kind: 'option', line: 6, takes: 'many', value: 'str' });
    const longTitles = full({
      name: 'ignore-long-titles',
      kind: 'option',
      line: 50,
      via: 'click',
      file: 'shelf/titles.py',
      takes: 'one',
      value: 'pattern',
      help: 'Regular expression of titles allowed to be long.',
    });
    const v = decide(readRequested('Add `--ignore-pattern-in-long-titles` option'), [
      ignoreA,
      ignoreB,
      longTitles,
    ]);
    expect(v.sibling?.name).toBe('ignore-long-titles');
    expect(v.tentative).toBeUndefined();
  });
});

describe('the shape of the requested name orders candidates alike in everything else (sibling-job.ts)', () => {
  const cli = (name: string, line: number, help = '') =>
    full({ name, kind: 'flag', via: 'argparse', file: 'shelf/cli.py', line, help });
  const oneWord = [cli('--json', 10, 'Print JSON.'), cli('--form', 12), cli('--quiet', 14)];
  const twoWords = cli('--skip-covers', 20);
  const threeWords = cli('--lend-to-friends', 30);

  it('a multi-word request never follows a one-word name written first when a multi-word one is as near', () => {
    const v = decide(readRequested('Add `--keep-raw-path` flag'), [...oneWord, twoWords, threeWords]);
    expect(v.verdict).toBe('new');
    // The first multi-word one by position: how many more words is no nearer.
    expect(v.sibling?.name).toBe('--skip-covers');
    // Still unsure: the shape is no evidence of the job, the others are the candidates to weigh.
    expect(v.tentative).toBe(true);
    expect(v.candidates.map((d) => d.name)).toContain('--lend-to-friends');
    expect(v.reason).toMatch(/named in more than one word, as `--keep-raw-path` is,/);
  });

  it('a shared word of the name still comes before the shape', () => {
    const v = decide(readRequested('Add `--keep-raw-path` flag'), [...oneWord, cli('--path', 16), twoWords]);
    expect(v.sibling?.name).toBe('--path');
  });

  it('a one-word name that shares a word of another name the requirement spells comes before the shape', () => {
    const v = decide(readRequested('Add `--spare-shelf`/`--spare-room` flag'), [twoWords, cli('--room', 40)]);
    expect(v.sibling?.name).toBe('--room');
  });

  it('with only one-word names, the first is followed as before, unsure', () => {
    const v = decide(readRequested('Add `--keep-raw-path` flag'), oneWord);
    expect(v.sibling?.name).toBe('--json');
    expect(v.tentative).toBe(true);
    expect(v.reason).not.toMatch(/named in/);
  });
});

describe("the requested name's subject in a tied candidate's help orders them (sibling-job.ts)", () => {
  const cli = (name: string, line: number, help = '') =>
    full({ name, kind: 'flag', via: 'commander', file: 'bin/shelf.js', line, help });
  const switches = [
    cli('--no-colours', 10, 'never paint the shelves'),
    cli('--no-dust', 12, 'hide dust notices'),
    cli('--no-exit', 14, 'wait for the last loan to close'),
    cli('--wrap', 16, 'wrap long titles'),
  ];

  it('a `--no-x` request follows the switch whose help speaks of x, not the first by position, still unsure', () => {
    const v = decide(readRequested('Add `--no-notices` flag'), switches);
    expect(v.verdict).toBe('new');
    expect(v.sibling?.name).toBe('--no-dust');
    // One shared word is no evidence of the job: the others stay the candidates to weigh.
    expect(v.tentative).toBe(true);
    expect(v.candidates.map((d) => d.name)).toContain('--no-colours');
    expect(v.reason).toMatch(/whose help speaks of "notices"/);
  });

  it('a shared word of the name still comes before the help', () => {
    const v = decide(readRequested('Add `--wrap-notices` flag'), switches);
    expect(v.sibling?.name).toBe('--wrap');
  });

  it('with no help that speaks of it, the first by position as before, saying nothing of help', () => {
    const v = decide(readRequested('Add `--no-stamps` flag'), switches);
    expect(v.sibling?.name).toBe('--no-colours');
    expect(v.reason).not.toMatch(/speaks of/);
  });
});

describe('a requested `--x` against rows of an option table, written without their dashes', () => {
  const row = (name: string, line: number, aliases: string[] = []) =>
    full({
      name,
      aliases,
      kind: 'setting',
      via: 'option-table',
      file: 'shelf/checkers/order.py',
      line,
      help: 'Force a shelf group.',
    });

  it('follows the row whose name shares two words, not only the rows that have a short dashed alias', () => {
    const v = decide(readRequested('Add support for the sorter option `--known-local-shelf`'), [
      full({
        name: '--batch',
        kind: 'option',
        via: 'argparse',
        file: 'tools/batch.py',
        line: 5,
        takes: 'one',
      }),
      row('output-style', 10, ['-o']),
      row('known-remote-shelf', 20),
      row('known-base-books', 30),
    ]);
    expect(v.verdict).toBe('new');
    expect(v.sibling).toMatchObject({ name: 'known-remote-shelf', file: 'shelf/checkers/order.py' });
    expect(v.tentative).toBeUndefined();
  });
});

describe('a flag the project reads only from the environment', () => {
  const env = full({
    name: 'NO_COVERS',
    kind: 'config-value',
    via: 'env',
    file: 'src/env.js',
    line: 3,
  });
  const cli = (d: Partial<Declaration> & Pick<Declaration, 'name' | 'kind' | 'line'>) =>
    full({ file: 'bin/shelf.js', ...d });

  it('follows a switch on the missing side, not a value option that shares a name word', () => {
    const v = decide(readRequested('Add a `--no-covers` flag'), [
      env,
      cli({ name: '--covers-dir', kind: 'option', line: 8, takes: 'one', value: 'path' }),
      cli({ name: '--quiet', kind: 'flag', line: 9, help: 'say less' }),
      cli({ name: '--colour', kind: 'flag', line: 10, help: 'paint the shelves' }),
    ]);
    expect(v.verdict).toBe('partly-met');
    expect(v.missing).toMatch(/^a command-line option \(`\w+` is an environment variable, /);
    expect(['--quiet', '--colour']).toContain(v.sibling?.name);
    // Nothing tells the two switches apart: followed as unsure, the other one to weigh.
    expect(v.tentative).toBe(true);
    expect(v.candidates.map((d) => d.name)).not.toContain(v.sibling?.name);
  });
});

describe('configuration asked of a project that declares none', () => {
  const cli = (d: Partial<Declaration> & Pick<Declaration, 'name' | 'kind' | 'line'>) =>
    full({ file: 'src/cli.rs', via: 'clap', ...d });
  const flags = [
    cli({ name: '--verbose', kind: 'flag', line: 4, help: 'say more' }),
    cli({ name: '--remove_unasked', kind: 'flag', line: 9, help: 'Remove a shelf without asking' }),
  ];

  it('is met by the flag that does it: what users set is on the sides the project has', () => {
    const v = decide(readRequested('Add a new config to remove a shelf without asking.'), flags);
    expect(v.verdict).toBe('met');
    expect(v.evidence[0]?.name).toBe('--remove_unasked');
  });

  it('still reads configuration from the configuration side when the project has one', () => {
    const key = full({
      name: 'colour',
      kind: 'setting',
      via: 'settings-table',
      file: 'src/conf.rs',
      line: 2,
    });
    const v = decide(readRequested('Add a new config to remove a shelf without asking.'), [...flags, key]);
    expect(v.verdict).not.toBe('met');
  });
});

describe('a name that says its value is text', () => {
  const cli = (d: Partial<Declaration> & Pick<Declaration, 'name' | 'kind' | 'line'>) =>
    full({ via: 'cobra', file: 'cmd/main.go', ...d });

  it('a `…-separator` asked as a "flag" takes one string: the string separator is followed, not a switch', () => {
    const r = readRequested('Add --table-row-separator flag for a customizable table output');
    expect(r?.takes).toBe('one');
    expect(r?.value).toBe('str');
    const v = decide(r, [
      cli({ name: 'grid-lines', kind: 'flag', line: 10, help: 'draw the output as a grid' }),
      cli({
        name: 'ini-separator',
        kind: 'option',
        line: 12,
        type: 'string',
        help: 'text between a key and its value',
      }),
      cli({ name: 'verbose', kind: 'flag', line: 14, help: 'say more' }),
    ]);
    expect(v.verdict).toBe('new');
    expect(v.sibling?.name).toBe('ini-separator');
    expect(v.tentative).toBeFalsy();
  });

  it('a switch asked by its name (`--no-…`) stays a switch', () => {
    expect(readRequested('Add a `--no-prefix` flag')?.takes).toBe('none');
  });
});

describe("the value's job before its type (sibling-job.ts)", () => {
  const shelf = (d: Partial<Declaration> & Pick<Declaration, 'name' | 'kind' | 'line'>) =>
    full({ via: 'clap', file: 'src/shelf_cli.rs', ...d });
  const maxLoans = shelf({
    name: '--max-loans',
    kind: 'option',
    line: 10,
    takes: 'one',
    value: 'int',
    help: 'Most loans one reader may hold.',
  });
  const settle = shelf({
    name: '--settle',
    kind: 'option',
    line: 20,
    takes: 'one',
    help: 'Quiet time after a change before the next lend, in milliseconds.',
  });
  const scanEvery = shelf({
    name: '--scan-every',
    kind: 'option',
    line: 30,
    takes: 'one',
    type: 'Duration',
    help: 'Rescan the shelves on this interval.',
  });

  it('a requested delay follows a duration, not an option that only takes a number too', () => {
    const v = decide(readRequested('Add `--delay-lend`'), [maxLoans, settle]);
    expect(v.sibling?.name).toBe('--settle');
    expect(v.tentative).toBeUndefined();
    expect(v.reason).toMatch(/its value is a duration too/);
  });

  it("among durations, the one whose help says the name's other word comes first, still unsure", () => {
    const v = decide(readRequested('Add `--delay-lend`'), [maxLoans, scanEvery, settle]);
    expect(v.sibling?.name).toBe('--settle');
    expect(v.tentative).toBe(true);
    expect(v.candidates.map((d) => d.name)).toEqual(['--scan-every']);
    expect(v.reason).toMatch(/whose help speaks of "lend"/);
  });

  it('a verbosity switch follows the switches that say how much is printed, not the first option', () => {
    const root = shelf({
      name: '--root',
      kind: 'option',
      line: 5,
      takes: 'one',
      type: 'path',
      help: 'Shelf folder.',
    });
    const verbose = shelf({ name: '--verbose', kind: 'flag', line: 15, takes: 'none', help: 'More output.' });
    const silent = shelf({ name: '--silent', kind: 'flag', line: 25, takes: 'none', help: 'Print nothing.' });
    const v = decide(readRequested('Add --debug option'), [root, verbose, silent]);
    expect([v.sibling!, ...v.candidates].map((d) => d.name)).toEqual(['--verbose', '--silent']);
    expect(v.reason).not.toMatch(/--root/);
  });

  it("a style follows the project's styles, not its name's family of other values", () => {
    const spineWidth = shelf({ name: '--spine-width', kind: 'option', line: 5, takes: 'one', value: 'int' });
    const spineFont = shelf({ name: '--spine-font', kind: 'option', line: 6, takes: 'one', value: 'str' });
    const coverStyle = shelf({
      name: '--cover-style',
      kind: 'option',
      line: 40,
      takes: 'one',
      value: 'int',
      help: 'How cover lines are painted.',
    });
    const v = decide(readRequested('New option spine-title-style'), [spineWidth, spineFont, coverStyle]);
    expect(v.sibling?.name).toBe('--cover-style');
    expect(v.reason).toMatch(/its value is a style too/);
  });

  it("among styles alike, the one nearest the requested name's family, where the new one is registered", () => {
    const spineWidth = shelf({ name: '--spine-width', kind: 'option', line: 50, takes: 'one', value: 'int' });
    const spineFont = shelf({ name: '--spine-font', kind: 'option', line: 52, takes: 'one', value: 'str' });
    const style = (name: string, line: number) =>
      shelf({ name, kind: 'option', line, takes: 'one', help: 'Style string for these lines.' });
    const v = decide(readRequested('New option spine-title-style'), [
      style('--cover-style', 10),
      spineWidth,
      spineFont,
      style('--label-style', 54),
    ]);
    expect(v.sibling?.name).toBe('--label-style');
    expect(v.tentative).toBe(true);
    expect(v.reason).toMatch(/the nearest the project's `spine-…` options/);
  });
});

describe('the module a requested name’s first word names', () => {
  const value = (name: string, file: string, line: number, help: string): Declaration => ({
    ...decl(name, 'config-value', file, line),
    via: 'addini',
    help,
  });
  const declared = [
    value('page_colour_style', 'shelf/page.py', 12, 'the style the page colour is drawn in'),
    value('margin_width', 'shelf/margin/__init__.py', 20, 'columns left blank beside the text'),
    value('margin_rule', 'shelf/margin/__init__.py', 26, 'the character the margin is ruled with'),
  ];

  it('is where the new one goes: its declarations are the candidates, not a style declared elsewhere', () => {
    const v = decide(readRequested('Added the `margin_note_style` configuration option'), declared);
    expect(v.verdict).toBe('new');
    expect(v.sibling?.file).toBe('shelf/margin/__init__.py');
    expect(v.reason).toMatch(/the module named by `margin`,? \(?the first word of `margin_note_style`/);
  });

  it('a first word that names no module leaves the style job to choose', () => {
    const v = decide(readRequested('Added the `note_colour_style` configuration option'), declared);
    expect(v.sibling?.name).toBe('page_colour_style');
    expect(v.reason).not.toMatch(/the first word of/);
  });
});

describe('met under another name needs strong evidence', () => {
  const shelf = (d: Partial<Declaration> & Pick<Declaration, 'name' | 'kind' | 'line'>) =>
    full({ via: 'argparse', file: 'shelf/cli.py', ...d });
  const decls = [
    shelf({ name: '--skip-label', kind: 'option', line: 10, help: 'Leave out books with this label' }),
    shelf({ name: '--sort-by', kind: 'option', line: 12, help: 'Order the listing by title or author' }),
    shelf({ name: '--wrap', kind: 'flag', line: 14, help: 'Wrap long titles' }),
  ];

  it('a given name that is an existing one in another form (a plural) is new, beside it, and says so', () => {
    const v = decide(readRequested('Add `--skip-labels` option'), decls);
    expect(v.verdict).toBe('new');
    expect(v.sibling?.name).toBe('--skip-label');
    expect(v.reason).toMatch(/`--skip-label` \(shelf\/cli\.py:10\) is the same words in another form/);
  });

  it('the same words joined otherwise are still the same name', () => {
    const v = decide(readRequested('Add `--skiplabel` option'), decls);
    expect(v.verdict).toBe('met');
  });

  it('a given name with a synonym of each word is met only when the help says the same job', () => {
    // "omit" is "skip"'s synonym, "tag" is no synonym of "label": by name alone, no.
    expect(decide(readRequested('Add `--omit-label` option'), decls).verdict).toBe('new');
    const v = decide(
      readRequested('Add `--omit-label` option to leave out the books carrying this label'),
      decls,
    );
    expect(v.verdict).toBe('met');
    expect(v.evidence[0]?.name).toBe('--skip-label');
  });

  it('a given name that is an existing one and one more word is a neighbour, not met, even when its help has the word', () => {
    const wrap = shelf({ name: '--wrap', kind: 'option', line: 14, help: 'Wrap long titles at a width' });
    const v = decide(readRequested('Add `--wrap-width` option'), [wrap]);
    expect(v.verdict).toBe('new');
    expect(v.sibling?.name).toBe('--wrap');
  });

  it('a given name none of whose ideas the other one says is new, however much of the context its help shares', () => {
    // "for batch mode" is where the flag applies, not what it is: `--totals-only` says nothing of reversing
    // or ordering.
    const totals = shelf({
      name: '--totals-only',
      kind: 'flag',
      line: 16,
      help: 'Print only the totals in batch mode',
    });
    const v = decide(readRequested('Add `--reverse-order` flag to print in batch mode'), [totals]);
    expect(v.verdict).toBe('new');
  });

  it('with no name, a declaration sharing its words by name only is not met; its help saying them too is', () => {
    const bare = shelf({
      name: '--label-hide',
      kind: 'flag',
      line: 20,
      help: 'Print every word capitalised',
    });
    expect(decide(readRequested('Add an option to hide the shelf label'), [bare]).verdict).toBe('new');
    const said = shelf({
      name: '--label-hide',
      kind: 'flag',
      line: 20,
      help: 'Hide the label of each shelf',
    });
    const v = decide(readRequested('Add an option to hide the shelf label'), [said]);
    expect(v.verdict).toBe('met');
  });
});

describe('a two-word name said as one closed compound', () => {
  it('is said: "a shelfmark" names `--shelf-mark`; the two words apart in other clauses do not', () => {
    const mark = full({
      name: '--shelf-mark',
      kind: 'option',
      via: 'clap',
      file: 'src/cli.rs',
      line: 12,
      help: 'Pick which mark to print',
    });
    expect(decide(readRequested('Add an option to force a given shelfmark'), [mark]).verdict).toBe('met');
    expect(decide(readRequested('Add an option to mark each book, by shelf'), [mark]).verdict).toBe('new');
  });
});

describe('print and show, min and minimal: one idea each', () => {
  it('a request to print a minimum is met by a switch that shows the minimal one, said in its help', () => {
    const gap = full({
      name: '--print-minimal-gap',
      kind: 'flag',
      via: 'clap',
      file: 'src/cli.rs',
      line: 30,
      help: 'Only show the optimized minimal gap',
    });
    const v = decide(readRequested('Add hidden option to print G_min after sorting'), [gap]);
    expect(v.verdict).toBe('met');
    const other = { ...gap, help: 'Ring a bell when done' };
    expect(decide(readRequested('Add hidden option to print G_min after sorting'), [other]).verdict).toBe(
      'new',
    );
  });
});

describe('options of a place the requirement names, no name and nothing they do', () => {
  const ext = (name: string, line: number, file = 'shelf/ext/timing.py') =>
    full({ name, kind: 'config-value', via: 'config-registry', file, line });

  it('met by the options its own file declares, each cited; new where it declares none', () => {
    const files = { files: ['shelf/ext/timing.py'] };
    const requested = readRequested('Add configuration options to the ``timing`` extension');
    expect(requested?.several).toBe(true);
    const v = decide(
      requested,
      [ext('timing_limit', 30), ext('timing_show_total', 31), ext('html_theme', 5, 'shelf/config.py')],
      files,
    );
    expect(v.verdict).toBe('met');
    expect(v.evidence.map((d) => d.name)).toEqual(['timing_limit', 'timing_show_total']);
    expect(decide(requested, [ext('html_theme', 5, 'shelf/config.py')], files).verdict).toBe('new');
  });

  it('more of them is not a request for those that exist', () => {
    expect(
      readRequested('Add more configuration options to the ``timing`` extension')?.several,
    ).toBeUndefined();
    expect(readRequested('Add a configuration option to the ``timing`` extension')?.several).toBeUndefined();
  });
});

describe('a name registered on another command than the one the requirement names', () => {
  const opt = (name: string, scope: string, line: number) =>
    full({ name, kind: 'flag', via: 'click', file: 'shelf/cli.py', line, scope });
  const decls = [opt('--dry-run', 'lend', 10), opt('--force', 'lend', 11), opt('--all', 'prune', 20)];

  it('is partly met: the option on the named command is missing, copied from the one that exists', () => {
    const v = decide(readRequested('Add a `--dry-run` flag to the prune command'), decls);
    expect(v.verdict).toBe('partly-met');
    expect(v.sibling?.name).toBe('--dry-run');
    expect(v.missing).toMatch(/^`--dry-run` on `prune` \(it is registered on `lend`, shelf\/cli\.py:10\)/);
  });

  it('registered on the named command, it is met', () => {
    expect(decide(readRequested('Add a `--dry-run` flag to the lend command'), decls).verdict).toBe('met');
  });

  it('a command the project registers nothing on says nothing of where it is', () => {
    expect(decide(readRequested('Add a `--dry-run` flag to the audit command'), decls).verdict).toBe('met');
  });
});

describe('help that says the same job, for a given name', () => {
  it('is not met when a word of the given name is nowhere in the declaration', () => {
    const exclude = full({
      name: '--exclude',
      kind: 'option',
      via: 'argparse',
      file: 'shelf/cli.py',
      line: 8,
      help: 'Exclude files matching a pattern',
    });
    const v = decide(readRequested('Add `--exclude-dirs` option to exclude directories matching a pattern'), [
      exclude,
    ]);
    expect(v.verdict).toBe('new');
    expect(v.sibling?.name).toBe('--exclude');
  });
});

describe('met under the words of the request (held-out-7 mechanisms, in our own words)', () => {
  const full = (over: Partial<Declaration> & { name: string }): Declaration => ({
    ...decl(over.name, over.kind ?? 'flag', over.file ?? 'shelf/cli.py', over.line ?? 10),
    ...over,
  });
  it('check, validate and verify are one idea: a help that says "validate" is not something else', () => {
    const d = full({ name: '--no-verify', help: 'do not validate that the printed labels are consistent' });
    expect(decide(readRequested('add: `--no-verify` option to skip label safety check'), [d]).verdict).toBe(
      'met',
    );
    // A purpose about something else, which help and name share nothing of, still says the name is taken.
    const other = { ...d, help: 'do not ring the bell at the end' };
    expect(
      decide(readRequested('add: `--no-verify` option to keep jars sorted by weight'), [other]).verdict,
    ).toBe('name-taken');
  });
  it('"of" in a name carries no idea: `--end-of-shelf` is the "shelf end" asked', () => {
    const d = full({ name: '--end-of-shelf', kind: 'option', help: 'what marks the last jar' });
    const v = decide(readRequested('Configurable shelf ends / default to `dash`'), [d]);
    expect(v.verdict).toBe('met');
  });
  it('an unnamed request is not met by a name said in another clause of the requirement', () => {
    const width = full({ name: '--label-width', kind: 'option', help: 'Width of each label' });
    const v = decide(
      readRequested('feat: added a code right margin option and fixed the docs for label-width'),
      [width],
    );
    expect(v.verdict).toBe('new');
  });
});

describe('another name the request gives the same thing', () => {
  const colourMode = { ...decl('--colour-mode', 'option', 'src/cli.rs', 12), aliases: ['-m'] };
  const others = [decl('--sort', 'option', 'src/cli.rs', 20), decl('--depth', 'option', 'src/cli.rs', 24)];
  it('an environment variable under the program’s prefix names the fuller declaration: met under it', () => {
    const v = decide(readRequested('add --mode option, add PAINT_COLOUR_MODE'), [colourMode, ...others]);
    expect([v.verdict, v.evidence[0]?.name, v.said]).toEqual(['met', '--colour-mode', true]);
  });
  it('so does a short name the request gives it, one the declaration has', () => {
    const v = decide(readRequested('Add a `--mode` option (also `-m`) to pick the terminal colours'), [
      colourMode,
      ...others,
    ]);
    expect([v.verdict, v.evidence[0]?.name]).toEqual(['met', '--colour-mode']);
  });
  it('a declaration without every word of the requested name, or one no other name points at, is not it', () => {
    const plain = decide(readRequested('add --mode option'), [colourMode, ...others]);
    expect(plain.verdict).toBe('new');
    const v = decide(readRequested('add --shade-mode option, add PAINT_COLOUR_MODE'), [
      colourMode,
      ...others,
    ]);
    expect(v.evidence.map((d) => d.name)).not.toContain('--colour-mode');
  });
});

describe('a configuration key named with its table, in a project that reads no configuration', () => {
  it('is not met by a flag that shares some of its words: the key is new beside it', () => {
    const flag = { ...decl('--in-order', 'flag', 'shelf/cli.rs', 30), help: 'Restock the shelves in order.' };
    const v = decide(readRequested('Support `shelf.restock_in_order` default config'), [
      flag,
      decl('--all', 'flag', 'shelf/cli.rs', 34),
    ]);
    expect(v.verdict).toBe('new');
  });
});

describe('another form of the name (session 14, matching)', () => {
  const sw = (
    name: string,
    help: string,
    line: number,
    takes: Declaration['takes'] = 'none',
  ): Declaration => ({
    ...decl(name, 'option', 'src/cli.rs', line),
    via: 'clap',
    help,
    takes,
  });

  it('a name linked otherwise ("if one fails", "on fail") is the same name; its stem alone is not', () => {
    const req = readRequested('Add new stop-siblings-if-one-fails option');
    const met = decide(req, [
      sw('--stop-siblings', 'stop the other jobs when one ends', 10),
      sw('--stop-siblings-on-fail', 'stop the other jobs when one ends badly', 11),
    ]);
    expect(met.verdict).toBe('met');
    expect(met.sibling?.name).toBe('--stop-siblings-on-fail');
    // Said otherwise by the requirement: the thing is named as the code names it.
    expect(met.said).toBe(true);
    const before = decide(req, [sw('--stop-siblings', 'stop the other jobs when one ends', 10)]);
    expect(before.verdict).toBe('new');
  });

  it('a made name in another form of its words, or a skipping verb for `no-`, is met by the code’s name', () => {
    const req = readRequested('add flag for skipping compression');
    const met = decide(req, [sw('verbose', 'say more', 1), sw('no-compress', 'turn off compression', 2)]);
    expect(met.verdict).toBe('met');
    expect(met.sibling?.name).toBe('no-compress');
    expect(decide(req, [sw('verbose', 'say more', 1), sw('no-color', 'plain output', 2)]).verdict).toBe(
      'new',
    );
  });

  it('a made name whose words hold a declaration’s whole name is met when its help says the rest', () => {
    const req = readRequested('Added flag to draw plainer line-based borders');
    const met = decide(req, [
      sw('--width', 'width of the frame', 1, 'one'),
      sw('--plain-borders', 'Draws line characters instead of box glyphs', 2),
    ]);
    expect(met.verdict).toBe('met');
    expect(met.sibling?.name).toBe('--plain-borders');
    // Help that says nothing of the rest: a neighbour, not the thing.
    const near = decide(req, [
      sw('--width', 'width of the frame', 1, 'one'),
      sw('--plain-borders', 'No colour', 2),
    ]);
    expect(near.verdict).toBe('new');
  });

  it('a given name that is an existing one forced is met when its help says the rest, never for a content word', () => {
    const met = decide(readRequested('add cli option --force-path-unix for path display'), [
      sw('--depth', 'how deep to look', 1, 'one'),
      sw('--unix-path', 'Display each path in unix form', 2),
    ]);
    expect(met.verdict).toBe('met');
    expect(met.sibling?.name).toBe('--unix-path');
    // A word that names something more (`limit`) is the change itself.
    const more = decide(readRequested('add cli option --unix-path-limit for path display'), [
      sw('--depth', 'how deep to look', 1, 'one'),
      sw('--unix-path', 'Display each path in unix form', 2),
    ]);
    expect(more.verdict).toBe('new');
    // Help that does not say what the request says beyond the name: not proven.
    const silent = decide(readRequested('add cli option --force-path-unix for path display'), [
      sw('--depth', 'how deep to look', 1, 'one'),
      sw('--unix-path', 'Use slashes', 2),
    ]);
    expect(silent.verdict).toBe('new');
  });

  it('a flag written as a template of alternatives asks for each name: met where one is declared', () => {
    const req = readRequested("feat: Add '--mark-<nouns|verbs>' flags");
    expect([req!.name, ...req!.alternatives].sort()).toEqual(['--mark-nouns', '--mark-verbs']);
    expect(decide(req, [sw('--nouns', 'list nouns', 1), sw('--mark-verbs', 'mark verbs', 2)]).verdict).toBe(
      'met',
    );
    expect(decide(req, [sw('--nouns', 'list nouns', 1), sw('--verbs', 'list verbs', 2)]).verdict).toBe('new');
  });
});

describe('a request that names no kind nor thing, only a choice ("optional", "allow", "configure")', () => {
  const flag = (name: string, line: number, help: string): Declaration => ({
    ...decl(name, 'option', 'shelf/cli.rs', line),
    via: 'clap',
    help,
  });
  const before = [
    flag('--hide', 20, 'Hide labels matching these comma-separated patterns'),
    flag('--skip-private', 24, 'Skip private shelf addresses from listing'),
    flag('--depth', 28, 'How deep to walk, in shelves'),
  ];
  it('is met by a declaration whose name the words say, or whose help says all they say', () => {
    const byName = decide(readRequested('Accept a list of faded label patterns to hide'), [
      ...before,
      flag('--hide-faded-labels', 32, 'Hide faded labels matching these patterns'),
    ]);
    expect([byName.verdict, byName.evidence[0]?.name]).toEqual(['met', '--hide-faded-labels']);
    // "addresses" in the help is the request's "addresses" (a plural in -es, not only its `s`).
    const byHelp = decide(readRequested('Make listing lending addresses optional'), [
      ...before,
      flag('--with-lenders', 36, 'Also list lending addresses'),
    ]);
    expect([byHelp.verdict, byHelp.evidence[0]?.name]).toEqual(['met', '--with-lenders']);
  });
  it('is met either way round: a switch that turns the thing on makes turning it off optional', () => {
    const v = decide(readRequested('Optionally disable the lone-label warning for empty shelves'), [
      ...before,
      flag('--warn-lone-labels', 40, 'Let the lone-label warning be raised for shelves that are empty'),
    ]);
    expect([v.verdict, v.evidence[0]?.name]).toEqual(['met', '--warn-lone-labels']);
    const near = decide(readRequested('Optionally disable the lone-label warning for empty shelves'), [
      ...before,
      flag('--warn-empty', 40, 'Warn when a shelf is empty'),
    ]);
    expect(near.verdict).toBe('new');
  });
  it('is new beside a neighbour that has only some of its words', () => {
    expect(decide(readRequested('Accept a list of faded label patterns to hide'), before).verdict).toBe(
      'new',
    );
    expect(decide(readRequested('Make listing lending addresses optional'), before).verdict).toBe('new');
    expect(decide(readRequested('add ability to configure shelf depth limit'), before).verdict).not.toBe(
      'met',
    );
  });
  it('leaves out its verb of control, and reads a location and the folder it is of as one path', () => {
    const loan = flag(
      '--loan-server-port',
      44,
      'The port the loan server listens on (binds to localhost only)',
    );
    const cache = flag('--label-cache-path', 48, 'The path where printed labels are cached');
    const request = 'Allow to override location of label cache dir';
    const met = decide(readRequested(request), [...before, loan, cache]);
    expect([met.verdict, met.evidence[0]?.name]).toEqual(['met', '--label-cache-path']);
    // A path of another thing's cache does not say "label".
    const other = flag('--loan-cache-path', 48, 'The path where the loan server keeps its cache');
    expect(decide(readRequested(request), [...before, loan, other]).verdict).toBe('new');
    // A name with a word the request does not say (`port` for "bind address") is a neighbour, however much
    // of the rest its help says.
    const bind = decide(readRequested('fix: allow override of loan server bind address'), [...before, loan]);
    expect(bind.verdict).toBe('new');
    const addr = flag('--loan-server-addr', 52, 'The address the loan server binds to');
    const v = decide(readRequested('fix: allow override of loan server bind address'), [
      ...before,
      loan,
      addr,
    ]);
    expect([v.verdict, v.evidence[0]?.name]).toEqual(['met', '--loan-server-addr']);
  });
  it('read from a doc comment, is met by the declaration whose help says it, on each command that has it', () => {
    const help = 'Show the lending date in another calendar than the configured one';
    const list = { ...flag('--calendar', 60, help), scope: 'list' };
    const last = { ...flag('--calendar', 70, help), scope: 'last' };
    const v = decide(readRequested(`/// ${help}.`), [...before, list, last]);
    expect(v.verdict).toBe('met');
    expect(v.evidence.map((d) => d.line)).toEqual([60, 70]);
    expect(decide(readRequested(`/// ${help}.`), before).verdict).toBe('new');
  });
});

describe('a key beside a table of keys', () => {
  // A config file decoded into a struct: one key holds a table (its type declares the keys below), the
  // other keys are leaves of that table.
  const key = (name: string, line: number, type: string, scope: string): Declaration => ({
    ...decl(name, 'config-value', 'conf/file.go', line),
    via: 'go-struct-tag',
    type,
    scope,
  });
  const keys = [
    key('shelves', 4, '*shelfTable', 'fileConfig'),
    key('shelf_path', 9, 'string', 'shelfTable'),
    key('quiet_lending', 10, 'string', 'shelfTable'),
  ];

  it('a new key follows a key of the table, not the key that holds the table', () => {
    const v = decide(readRequested('Add a config value for the reader name'), keys);
    expect(v.verdict).toBe('new');
    expect(v.sibling?.name).toBe('shelf_path');
    expect(v.tentative).toBe(true);
  });
});

describe('a declaration whose name says the whole request (near)', () => {
  const opt = (name: string, help: string, line: number): Declaration => ({
    ...decl(name, 'option', 'shelf/cli.py', line),
    via: 'argparse',
    help,
    takes: 'none',
  });
  const neighbours = [
    opt('--verbose', 'show the titles of shelves while sorting', 10),
    opt('--quiet', 'say nothing', 12),
  ];

  it('a no- switch whose words are the made name in other forms is met there', () => {
    const no = opt(
      '--no-indent-labels',
      'Do not indent the labels of shelves. Labels are indented by default; this switch disables that.',
      14,
    );
    const v = decide(readRequested('add an option to disable indentation of labels'), [...neighbours, no]);
    expect(v.verdict).toBe('met');
    expect(v.sibling?.name).toBe('--no-indent-labels');
  });

  it('a name spelled as a run of the request, a dotted file name written closed, is met there', () => {
    const path = {
      ...opt('shelf-ignore-path', 'where the list of ignored shelves is', 16),
      takes: 'one' as const,
    };
    const v = decide(readRequested('Added option to specify .shelfignore path'), [...neighbours, path]);
    expect(v.verdict).toBe('met');
    expect(v.sibling?.name).toBe('shelf-ignore-path');
  });

  it('a given name of two words is not met by a declaration that says one of them', () => {
    const v = decide(
      readRequested('Add the `--show-moved` flag to show the titles of shelves moved while sorting'),
      neighbours,
    );
    expect(v.verdict).toBe('new');
  });
});
