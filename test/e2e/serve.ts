import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CLI } from './cli.js';

/** Debian's Chromium (CI installs it); PLANSMITH_CHROMIUM points elsewhere. */
export const CHROMIUM = process.env.PLANSMITH_CHROMIUM ?? '/usr/bin/chromium';
export const chromiumAvailable = () => existsSync(CHROMIUM);
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--no-first-run',
];

export interface Served {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** `plansmith serve --port 0` in `cwd`, as a user runs it; resolves with the address it printed. */
export function startServe(cwd: string, args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<Served> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', ...args], {
    cwd,
    env: { ...process.env, PLANSMITH_DB: '', PLANSMITH_DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`plansmith serve did not start: ${err}`)), 90_000);
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /dashboard on (http:\/\/\S+?\/)(\?token=\S+)? /.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1]!,
          process: child,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`plansmith serve exited ${code}: ${err}`));
    });
  });
}

/** Reads a Server-Sent Events stream until `re` matches what arrived, or the time is up. */
export async function readEvents(
  url: string,
  re: RegExp,
  ms: number,
  onOpen?: () => Promise<void>,
): Promise<string> {
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), ms);
  let seen = '';
  try {
    const res = await fetch(url, { signal: ac.signal });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let opened = false;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      seen += decoder.decode(value);
      if (!opened && /event: hello/.test(seen)) {
        opened = true;
        await onOpen?.();
      }
      if (re.test(seen)) break;
    }
    await reader.cancel().catch(() => {});
  } catch (e) {
    if ((e as Error).name !== 'AbortError') throw e;
  } finally {
    clearTimeout(timer);
    ac.abort();
  }
  return seen;
}
