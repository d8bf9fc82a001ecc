/**
 * Environment variables the code reads, as settings of kind `config-value`: `process.env.NAME`,
 * `process.env['NAME']`, `os.environ['NAME']`, `os.environ.get('NAME', default)`, `os.getenv('NAME')`,
 * `std::env::var("NAME")` / `env::var_os`, Go's `os.Getenv("NAME")` / `os.LookupEnv`. The first read of a
 * name in a file is its declaration there; a default given in the read is its default. Names must look like
 * environment variables (letters, digits and `_`), so a computed key is not read as one.
 */
import { callArgs, stringValue } from '../call-args.js';
import type { Declaration, Extractor } from '../declaration.js';
import { declared } from '../declaration.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** A read whose name follows directly: `process.env.NAME`. */
const DOTTED = /\bprocess\.env\.([A-Za-z_][A-Za-z0-9_]*)/g;
/** A read by subscript: `process.env['NAME']`, `os.environ["NAME"]`, `environ['NAME']`. */
const SUBSCRIPT = /\b(?:process\.env|(?:os\.)?environ)\s*\[\s*(['"`])([^'"`\n]+)\1\s*\]/g;
/** A read by call: the name is the first argument. */
const CALL =
  /\b(?:(?:os\.)?environ\.(?:get|setdefault|pop)|os\.getenv|getenv|(?:std::)?env::var(?:_os)?|os\.(?:Getenv|LookupEnv))\s*\(/g;

export const envReads: Extractor = {
  name: 'env-reads',
  languages: ['Python', 'JavaScript', 'TypeScript', 'Rust', 'Go'],
  marks: ['process.env', 'environ[', 'environ.', 'getenv(', 'env::var', 'Getenv(', 'LookupEnv('],
  extract(path, text, context) {
    const hash = (context?.languageOf(path) ?? (path.endsWith('.py') ? 'Python' : '')) === 'Python';
    const found = new Map<string, Declaration>();
    const add = (name: string, at: number, dflt = '') => {
      if (!NAME.test(name) || found.has(name)) return;
      found.set(name, declared(path, text, at, { name, kind: 'config-value', via: 'env', default: dflt }));
    };
    for (const m of text.matchAll(DOTTED)) add(m[1]!, m.index! + m[0].length - m[1]!.length);
    for (const m of text.matchAll(SUBSCRIPT)) add(m[2]!, m.index! + m[0].indexOf(m[2]!));
    for (const m of text.matchAll(CALL)) {
      const call = callArgs(text, m.index! + m[0].length - 1, { hashComments: hash, limit: 2000 });
      const first = call?.args[0];
      const name = first && !first.key ? stringValue(first.value) : null;
      if (!first || !name) continue;
      const second = call.args[1];
      add(name, first.at + 1, second && !second.key && call.args.length === 2 ? second.value : '');
    }
    return [...found.values()].sort((a, b) => a.line - b.line);
  },
};
