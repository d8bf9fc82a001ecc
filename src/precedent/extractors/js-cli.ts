/**
 * JavaScript/TypeScript command-line options: commander (`.option('-m, --max-items <n>', 'desc',
 * parse, default)`, `.requiredOption`, `new Option(…)`, `.command('name')`) and yargs (`.option('name',
 * { describe, type, default, alias })`, `.options({ name: {…} })`, `.positional`).
 */
import { callArgs, objectKeys, stringValue } from '../call-args.js';
import type { Declaration, Extractor } from '../declaration.js';
import { declared } from '../declaration.js';

const CALL = /(?:\.|\bnew\s+)(option|requiredOption|Option|options|positional|command)\s*\(/g;
const FLAGS = /^(?:(-\w)\s*[,| ]\s*)?(--[\w-]+)(?:\s*[ =]?\s*[<[].*)?$|^(-\w)(?:\s+[<[].*)?$/;

export const jsCli: Extractor = {
  name: 'js-cli',
  languages: ['JavaScript', 'TypeScript'],
  marks: ['.option(', '.requiredOption(', 'new Option(', '.options(', '.positional('],
  extract(path, text) {
    const out: Declaration[] = [];
    for (const m of text.matchAll(CALL)) {
      const open = m.index! + m[0].length - 1;
      const call = callArgs(text, open);
      if (!call?.args.length) continue;
      const [a0, a1] = call.args;
      const what = m[1]!;
      if (what === 'options') {
        if (!a0!.value.startsWith('{')) continue;
        for (const k of objectKeys(text, a0!.at)) {
          if (!k.value.startsWith('{')) continue;
          out.push(yargsOption(path, text, k.key!, k.at - 1, k.value, k.at + 0));
        }
        continue;
      }
      const s0 = stringValue(a0!.value);
      if (s0 === null) continue;
      if (what === 'command') {
        const name = /^[\w:-]+/.exec(s0)?.[0];
        if (name)
          out.push(
            declared(path, text, a0!.at, {
              name,
              kind: 'command',
              via: 'commander',
              help: stringValue(a1?.value ?? '') ?? '',
            }),
          );
        continue;
      }
      if (a1?.value.startsWith('{')) {
        // yargs: .option('name', { … })
        out.push(yargsOption(path, text, s0, a0!.at, a1.value, a1.at, what === 'positional'));
        continue;
      }
      const f = FLAGS.exec(s0.trim());
      if (!f) continue;
      const long = f[2] ?? f[3]!;
      const short = f[2] ? f[1] : undefined;
      const takes = /[<[]/.test(s0);
      const many = /<[^>]*\.\.\.>|\[[^\]]*\.\.\.\]/.test(s0);
      const scope = commandBefore(text, m.index!);
      out.push(
        declared(path, text, a0!.at, {
          name: long,
          aliases: short ? [short] : [],
          kind: takes ? 'option' : 'flag',
          via: 'commander',
          help: stringValue(a1?.value ?? '') ?? '',
          type: takes ? (many ? 'list' : 'string') : 'bool',
          takes: takes ? (many ? 'many' : 'one') : 'none',
          ...(scope ? { scope } : {}),
          default:
            call.args[call.args.length - 1] !== a1 ? (call.args[call.args.length - 1]?.value ?? '') : '',
        }),
      );
    }
    return out;
  },
};

function yargsOption(
  path: string,
  text: string,
  name: string,
  nameAt: number,
  body: string,
  bodyAt: number,
  positional = false,
): Declaration {
  const keys = objectKeys(text, bodyAt);
  const get = (k: string) => keys.find((x) => x.key === k)?.value ?? '';
  const alias = get('alias');
  const type = stringValue(get('type')) ?? (body.includes('array') ? 'array' : '');
  const scope = commandBefore(text, nameAt);
  return declared(path, text, nameAt, {
    name,
    aliases: [...alias.matchAll(/['"]([\w-]+)['"]/g)].map((x) => x[1]!),
    kind: positional ? 'parameter' : /['"]?boolean['"]?/.test(get('type')) ? 'flag' : 'option',
    via: 'yargs',
    help: stringValue(get('describe') || get('description') || get('desc')) ?? '',
    type,
    default: get('default'),
    takes:
      type === 'boolean' || /^true$/.test(get('count'))
        ? 'none'
        : type === 'array' || /^true$/.test(get('array'))
          ? 'many'
          : 'one',
    ...(get('choices') ? { value: 'choice' as const } : {}),
    ...(scope ? { scope } : {}),
  });
}

/**
 * The command an option is chained on or registered inside (`program.command('serve').option(…)`,
 * `.command('serve', 'desc', (y) => y.option(…))`): the last `.command('name')` before it in the same
 * statement (no `;` and no blank line between), else ''.
 */
function commandBefore(text: string, at: number): string {
  const from = Math.max(0, at - 4000);
  let last: RegExpExecArray | null = null;
  const re = /\.command\s*\(\s*(['"`])([\w:-]+)/g;
  re.lastIndex = from;
  for (let m = re.exec(text); m && m.index < at; m = re.exec(text)) last = m;
  if (!last) return '';
  const between = text.slice(last.index, at);
  return /;|\n[ \t]*\n/.test(between) ? '' : last[2]!;
}
