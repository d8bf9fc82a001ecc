import { existsSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import type { AppContext } from '../context.js';
import { InputError } from '../domain/errors.js';
import { LIMITS } from '../domain/limits.js';
import { FileAccessError, readUserFile } from '../files/project-files.js';
import { escapeTerminal } from './format.js';

export interface GlobalOptions {
  json?: boolean;
  debug?: boolean;
  db?: string;
  cwd?: string;
}

export interface Io {
  out(text: string): void;
  err(text: string): void;
  isTTY: boolean;
}

/** Every line goes through {@link escapeTerminal}: stored text never reaches the terminal as control codes. */
export const processIo: Io = {
  out: (t) => process.stdout.write(escapeTerminal(t.endsWith('\n') ? t : `${t}\n`)),
  err: (t) => process.stderr.write(escapeTerminal(t.endsWith('\n') ? t : `${t}\n`)),
  isTTY: Boolean(process.stdout.isTTY),
};

export interface ActionEnv {
  ctx: AppContext;
  json: boolean;
  io: Io;
  /** Prints one result: JSON under --json, else the text. */
  emit(value: unknown, text: () => string): void;
}

/**
 * Wraps a command handler: builds the context lazily, prints the result, and turns errors into one
 * clear message on stderr and a non-zero exit code. Under --json, stdout is always exactly one JSON
 * document, errors included.
 */
export function action<A extends unknown[]>(
  handler: (env: ActionEnv, ...args: A) => Promise<void>,
): (...args: unknown[]) => Promise<void> {
  return async (...raw: unknown[]) => {
    const cmd = raw[raw.length - 1] as Command;
    const globals = cmd.optsWithGlobals() as GlobalOptions;
    const json = Boolean(globals.json);
    const io = processIo;
    const { createContext } = await import('../context.js');
    const ctx = createContext({ root: globals.cwd ? resolve(globals.cwd) : undefined, db: globals.db });
    const env: ActionEnv = {
      ctx,
      json,
      io,
      emit(value, text) {
        io.out(json ? JSON.stringify(value, null, 2) : text());
      },
    };
    try {
      await handler(env, ...(raw.slice(0, -1) as A));
    } catch (e) {
      process.exitCode = reportError(
        e,
        json,
        io,
        Boolean(globals.debug) || Boolean(process.env.PLANSMITH_DEBUG),
      );
    } finally {
      await ctx.close().catch(() => {});
    }
  };
}

/**
 * Prints an error as one line a person can act on. A plansmith error is its message; anything else (a bug,
 * or a system error nobody turned into one) is its first line and how to see more: the stack only with
 * `--debug` (or PLANSMITH_DEBUG=1).
 */
export function reportError(e: unknown, json: boolean, io: Io, debug = false): number {
  const err = e as { code?: string; message?: string; stack?: string; toJSON?: () => unknown };
  const known = typeof err?.toJSON === 'function' && typeof err.code === 'string';
  if (json)
    io.out(
      JSON.stringify(
        { error: known ? err.toJSON!() : { code: 'INTERNAL', message: String(err?.message ?? e) } },
        null,
        2,
      ),
    );
  const first = String(err?.message ?? e).split('\n')[0];
  if (known) io.err(`plansmith: ${err.message}`);
  else if (debug) io.err(`plansmith: unexpected error: ${err?.stack ?? String(e)}`);
  else io.err(`plansmith: unexpected error: ${first} (run again with --debug for the details)`);
  // 3: a planning run ended without a plan (nothing written); 1: any other refusal; 70: a bug.
  if (known && err.code === 'NO_PLAN') return 3;
  return known ? 1 : 70;
}

/** Reads a file, or stdin for `-`. Errors name the file; secrets, binaries and oversize files are refused. */
export function readInput(pathOrDash: string, cwd = process.cwd()): { text: string; name: string } {
  if (pathOrDash === '-') {
    const text = readFileSync(0, 'utf8');
    if (Buffer.byteLength(text) > LIMITS.messageBytes)
      throw new InputError(`stdin: over the ${LIMITS.messageBytes}-byte limit`);
    return { text, name: 'stdin' };
  }
  try {
    return { text: readUserFile(resolve(cwd, pathOrDash)).text, name: pathOrDash };
  } catch (e) {
    if (e instanceof FileAccessError)
      throw new InputError(e.message.replace(resolve(cwd, pathOrDash), pathOrDash));
    throw e;
  }
}

/** Parses JSON; a syntax error names the file, line and column. */
export function parseJsonInput(text: string, name: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const m = /position (\d+)/.exec(msg);
    let where = '';
    if (m) {
      const pos = Number(m[1]);
      const before = text.slice(0, pos);
      const line = before.split('\n').length;
      const col = pos - before.lastIndexOf('\n');
      where = `:${line}:${col}`;
    }
    throw new InputError(
      `${name}${where}: not valid JSON (${msg.replace(/ in JSON at position \d+.*$/, '')})`,
    );
  }
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function intOption(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0)
      throw new InvalidArgumentError(`${name} takes a whole number, not "${value}"`);
    return n;
  };
}

/**
 * Who the CLI acts as when `--owner` is not given: $PLANSMITH_OWNER, else user@host. Stable across calls
 * (no process id), so the owner that claimed a task is the one that completes, fails or releases it.
 */
export function defaultOwner(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PLANSMITH_OWNER?.trim()) return env.PLANSMITH_OWNER.trim();
  return `${env.USER || env.USERNAME || 'agent'}@${env.HOSTNAME || hostname() || 'local'}`;
}

/** An option that is a file name (`-` for stdin) when one exists, else inline JSON or text. */
export function fileOrText(value: string, cwd: string): { text: string; name: string; inline: boolean } {
  if (value === '-' || existsSync(resolve(cwd, value))) return { ...readInput(value, cwd), inline: false };
  return { text: value, name: 'the option', inline: true };
}
