import { describe, expect, it } from 'vitest';
import type { Declaration } from './declaration.js';
import {
  declarationJob,
  formNote,
  nameFamilyOf,
  nameFamilyText,
  otherNameWords,
  requestedJob,
  shapeGap,
  subjectInHelp,
} from './sibling-job.js';

const opt = (name: string, line: number, file = 'src/shelf.rs'): Declaration => ({
  name,
  aliases: [],
  kind: 'flag',
  via: 'clap',
  help: '',
  type: '',
  default: '',
  file,
  line,
  text: name,
});

describe('the family a requested name joins', () => {
  const pool = [opt('--show-covers', 1), opt('--show-notes', 2), opt('--trace', 3), opt('--trace-loans', 4)];

  it('by its first word, the word alone among them', () => {
    const f = nameFamilyOf({ name: '--trace-returns', named: true }, pool);
    expect(f && [...f.members].map((d) => d.name)).toEqual(['--trace-loans', '--trace']);
    expect(f && nameFamilyText({ name: '--trace-returns' }, f)).toBe('--trace-…');
  });

  it('by its last word when no first word is shared', () => {
    const f = nameFamilyOf({ name: '--hide-notes', named: true }, [...pool, opt('--lend-notes', 5)]);
    expect(f?.at).toBe('last');
    expect(f && nameFamilyText({ name: 'hide_notes' }, f)).toBe('…_notes');
  });

  it('none for one word, one member, a name made from the words, or a family that is every candidate', () => {
    expect(nameFamilyOf({ name: '--show', named: true }, pool)).toBeNull();
    expect(
      nameFamilyOf({ name: '--lend-covers', named: true }, [opt('--show-covers', 1), opt('--x', 2)]),
    ).toBeNull();
    expect(nameFamilyOf({ name: 'show-dust', named: false }, pool)).toBeNull();
    expect(nameFamilyOf({ name: '--show-dust', named: true }, pool.slice(0, 2))).toBeNull();
  });

  it('a first word that only makes a switch is a form, not a family', () => {
    const negations = [opt('--no-covers', 1), opt('--no-notes', 2), opt('--inline-dust', 3)];
    expect(nameFamilyOf({ name: '--no-dust', named: true }, negations)).toBeNull();
  });

  it("one file's: two programs' names alike are no family", () => {
    const spread = [opt('--show-covers', 1), opt('--show-notes', 2, 'tools/sync.py'), opt('--x', 3)];
    expect(nameFamilyOf({ name: '--show-dust', named: true }, spread)).toBeNull();
  });
});

describe('the form a completion or man page line writes', () => {
  const sib = (kind: string) => ({ name: '--margin', kind, file: 'src/shelf.rs', line: 4 });
  const asked = { kind: 'flag' as const, name: '--quiet-shelves', spellings: [], named: true };

  it('a switch asked, a sibling that takes a value: without its value', () => {
    expect(formNote('Add a `--quiet-shelves` flag', { requested: asked, sibling: sib('option') })).toBe(
      '`--quiet-shelves` is a switch: without the value `--margin` takes',
    );
  });

  it('a value asked, a switch followed: with its value', () => {
    const limit = { ...asked, name: '--fold-limit' };
    expect(
      formNote('Add `--fold-limit` to set the most blank pages kept', {
        requested: limit,
        sibling: sib('flag'),
      }),
    ).toMatch(/takes a value, which `--margin` does not/);
  });

  it('nothing when they agree or the request does not say', () => {
    expect(formNote('Add a `--quiet-shelves` flag', { requested: asked, sibling: sib('flag') })).toBeNull();
    expect(
      formNote('Add a `--reader-notes` option', { requested: asked, sibling: sib('option') }),
    ).toBeNull();
    expect(
      formNote('Add a `--quiet-shelves` flag', { requested: asked, sibling: sib('setting') }),
    ).toBeNull();
  });
});

describe("a name's shape beside the requested one", () => {
  const asked = { named: true, words: ['keep', 'raw', 'path'] };
  it('a name of more than one word fits a multi-word request, a one-word name does not, however long', () => {
    expect(shapeGap(asked, opt('--skip-cover-scan', 1))).toBe(0);
    expect(shapeGap(asked, opt('--lend-notes', 2))).toBe(0);
    expect(shapeGap(asked, opt('--lend-notes-to-friends', 3))).toBe(0);
    expect(shapeGap(asked, opt('--json', 4))).toBe(1);
  });
  it('a one-word request fits a one-word name; a request spelling no name has no shape', () => {
    expect(shapeGap({ named: true, words: ['ciphers'] }, opt('--json', 1))).toBe(0);
    expect(shapeGap({ named: true, words: ['ciphers'] }, opt('--lend-notes', 1))).toBe(1);
    expect(shapeGap({ named: false, words: ['keep', 'raw'] }, opt('--json', 1))).toBeNull();
  });
  it("the other names the requirement spells count their own words, not the requested name's", () => {
    const req = { words: ['spare', 'shelf'], alternatives: ['--spare-room', 'catalogue'] };
    expect(otherNameWords(req, opt('--room', 1))).toBe(1);
    expect(otherNameWords(req, opt('--shelf', 2))).toBe(0);
    expect(otherNameWords(req, opt('--catalogue', 3))).toBe(0);
  });
});

describe("the requested name's subject a help speaks of", () => {
  const said = (name: string, help: string) => ({ ...opt(name, 1), help });
  const asked = (words: string[]) => ({ named: true, words });

  it('the words past a switch head, found in the help by idea, never its own name words', () => {
    expect(subjectInHelp(asked(['no', 'notices']), said('--no-dust', 'hide dust notice lines'))).toEqual([
      'notices',
    ]);
    expect(subjectInHelp(asked(['no', 'dust']), said('--no-dust', 'hide dust notices'))).toEqual([]);
    expect(subjectInHelp(asked(['no', 'notices']), said('--no-exit', 'no notices: wait'))).toEqual([
      'notices',
    ]);
  });

  it('all of the subject or nothing: part of it is a shared common word', () => {
    const wrap = said('--wrap', 'wrap long lines of a shelf label');
    expect(subjectInHelp(asked(['skip', 'first', 'line']), wrap)).toEqual([]);
    expect(subjectInHelp(asked(['wrap', 'lines']), wrap)).toEqual(['lines']);
  });

  it('none for a request that spells no name, or short words', () => {
    expect(subjectInHelp({ named: false, words: ['notices'] }, said('--x', 'notices'))).toEqual([]);
    expect(subjectInHelp(asked(['no', 'ab']), said('--x', 'ab'))).toEqual([]);
  });
});

describe("a value's job", () => {
  it("the requested name's words say it, never a word naming where it goes", () => {
    expect(requestedJob({ words: ['delay', 'run'] })).toBe('duration');
    expect(requestedJob({ words: ['delay', 'total'], modules: ['delay'] })).toBeNull();
    expect(requestedJob({ words: ['debug'] })).toBe('verbosity');
    expect(requestedJob({ words: ['spine', 'style'] })).toBe('style');
    expect(requestedJob({ words: ['log', 'file'] })).toBeNull();
  });

  it("a declaration's names, its type, else its help; a switch is no duration, an option's help no verbosity", () => {
    const d = (name: string, more: Partial<Declaration>): Declaration => ({ ...opt(name, 1), ...more });
    expect(declarationJob(d('--settle', { takes: 'one', type: 'Duration' }))).toBe('duration');
    expect(declarationJob(d('--settle', { takes: 'one', help: 'wait this many ms' }))).toBe('duration');
    expect(declarationJob(d('--no-timeout', { takes: 'none' }))).toBeNull();
    expect(declarationJob(d('--trace', { takes: 'none', help: 'print debugging messages' }))).toBe(
      'verbosity',
    );
    expect(
      declarationJob(d('--dump', { takes: 'one', help: 'write debugging output to this file' })),
    ).toBeNull();
  });
});
