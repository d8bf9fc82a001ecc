import { describe, expect, it } from 'vitest';
import { guardOf, refusalOf } from './guard.js';

const linesOf = (s: string) => s.split('\n');

describe('the check that decides whether an effect call runs', () => {
  it('the `if` around the call (Python), else nothing past the function’s header', () => {
    const lines = linesOf(`def link_one(folder, *, force):
    done = []
    if force or not shellrc.present(folder):
        shellrc.append(folder, "lamp")
        done.append(folder)
    return done
`);
    expect(guardOf(lines, 1, 4)).toEqual({
      line: 3,
      text: 'if force or not shellrc.present(folder):',
      exits: false,
    });
    // A call at the function's own depth with no check before it.
    expect(guardOf(linesOf('def f(x):\n    shellrc.append(x)\n'), 1, 2)).toBeNull();
  });

  it('an early exit right before the call wins over the `if` around it (JavaScript)', () => {
    const lines = linesOf(`function link (dir, opts) {
  if (opts.enabled) {
    if (rc.has(dir)) {
      console.log('already there')
      return false
    }
    const tag = 'shelf'
    rc.append(dir, tag)
  }
}
`);
    expect(guardOf(lines, 1, 8)).toEqual({ line: 3, text: 'if (rc.has(dir)) {', exits: true });
  });

  it('an `if` on the call’s own line is its check; an `else` branch has none said', () => {
    expect(guardOf(linesOf('function h (a) {\n  if (a.force) rc.append(a.dir)\n}\n'), 1, 2)).toMatchObject({
      line: 2,
      exits: false,
    });
    const lines = linesOf('def f(x):\n    if x:\n        pass\n    else:\n        rc.append(x)\n');
    expect(guardOf(lines, 1, 5)).toBeNull();
  });
});

describe('a check in a command’s function that refuses what the request asks', () => {
  const HANDLER = linesOf(`exports.handler = function (argv) {
  if (argv.verbose) {
    console.log('packing')
  }
  if (argv.output && argv.output === argv.input) {
    console.error('pack failed: cannot pack files in place, <output> must differ from <input>')
    process.exitCode = 1
    return
  }
  run(argv)
}
`);

  it('its message says two words in a row of the request, one of them not the command’s', () => {
    expect(refusalOf(HANDLER, 1, 11, 'to pack files in place', ['shelf', 'pack'])).toEqual({
      line: 5,
      text: 'if (argv.output && argv.output === argv.input) {',
      exits: true,
      message: 'pack failed: cannot pack files in place, <output> must differ from <input>',
    });
  });

  it('none where the message shares only the command’s word, or the check does not refuse', () => {
    expect(refusalOf(HANDLER, 1, 11, 'to pack faster', ['shelf', 'pack'])).toBeNull();
    const logged = HANDLER.map((l) => (/exitCode|return$/.test(l) ? '' : l));
    expect(refusalOf(logged, 1, 11, 'to pack files in place', ['shelf', 'pack'])).toBeNull();
  });

  it('Python: a raise under the check', () => {
    const lines = linesOf(`def sweep_all(paths, force):
    if not force and any(p == "/" for p in paths):
        raise UsageError("refusing to sweep the root folder")
    for p in paths:
        print(p)
`);
    expect(refusalOf(lines, 1, 5, 'to sweep the root folder too', ['tidy', 'sweep'])).toMatchObject({
      line: 2,
    });
  });
});
