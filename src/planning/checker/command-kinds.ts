import type { SimpleCommand } from './shell.js';

/**
 * What a simple command does when run as a check, judged on its words (not on a script's name): it never
 * exits (watches files, serves, opens a debugger or a prompt), or it changes the tree or the environment
 * (installs packages, commits, rewrites snapshots or files). A test runner that starts and stops its own
 * server (`playwright test`) exits.
 */

/** The program a command runs, past npx/exec wrappers and `node`'s flags. */
export function programOf(argv: string[]): { bin: string; args: string[]; nodeFlags: string[] } {
  let i = 0;
  const nodeFlags: string[] = [];
  for (;;) {
    const w = argv[i] ?? '';
    if (/^(npx|bunx|pnpx)$/.test(w)) {
      i++;
      while (argv[i]?.startsWith('-')) i++;
    } else if (/^(pnpm|yarn|npm|bun)$/.test(w) && /^(exec|dlx|x)$/.test(argv[i + 1] ?? '')) {
      i += 2;
      while (argv[i]?.startsWith('-')) i++;
    } else if (w === 'node' && argv[i + 1]?.startsWith('-')) {
      i++;
      while (argv[i]?.startsWith('-')) nodeFlags.push(argv[i++]!);
    } else if (w === 'node' && /node_modules|\/bin\//.test(argv[i + 1] ?? '')) i++;
    else break;
  }
  const bin = (argv[i] ?? '')
    .replace(/^.*node_modules\/\.bin\//, '')
    .replace(/^.*node_modules\/([^/]+)\/.*$/, '$1');
  return { bin, args: argv.slice(i + 1), nodeFlags };
}

const SERVERS: Array<[RegExp, RegExp | null]> = [
  // [program, first argument (null: any)]
  [/^vite$/, /^(dev|serve|preview|)$/],
  [/^(next|nuxt|nuxi|astro|remix|svelte-kit|react-router)$/, /^(dev|start|preview)$/],
  [/^webpack(-cli)?$/, /^serve$/],
  [
    /^(webpack-dev-server|nodemon|http-server|live-server|browser-sync|serve|ts-node-dev|start-storybook|json-server|lite-server)$/,
    null,
  ],
  [/^storybook$/, /^dev$/],
  [/^ng$/, /^(serve|s)$/],
  [/^react-scripts$/, /^start$/],
  [/^gatsby$/, /^(develop|serve)$/],
  [/^parcel$/, /^(serve|watch|[^b].*|)$/],
  [/^(uvicorn|gunicorn|hypercorn|daphne)$/, null],
  [/^flask$/, /^run$/],
  [/^(rails|bin\/rails)$/, /^(s|server|c|console)$/],
  [/^(hugo|mkdocs|jekyll|sphinx-autobuild|docusaurus)$/, /^(server|serve|start|)$/],
  [/^cypress$/, /^open$/],
  [/^wrangler$/, /^dev$/],
  [/^docker$/, /^compose$/],
];

/** Why a simple command never exits on its own, or null. */
export function neverEnds(c: SimpleCommand): string | null {
  const { bin, args, nodeFlags } = programOf(c.argv);
  if (!bin) return null;
  if (nodeFlags.some((f) => /^--inspect/.test(f)) || args.some((a) => /^--inspect(-brk)?(=|$)/.test(a)))
    return 'opens a debugger and waits for it';
  if (nodeFlags.includes('--watch') || nodeFlags.some((f) => f.startsWith('--watch-path')))
    return 'watches files and never exits';
  if (/inspector$/.test(bin) && !args.includes('--cli')) return 'opens an inspector that waits for a person';
  if (args.some((a) => /^--watch(All)?(=true)?$/.test(a))) return 'watches files and never exits';
  if (
    /^(tsc|vitest|mocha|webpack|rollup|esbuild|tsup|babel|sass|tailwindcss)$/.test(bin) &&
    args.includes('-w')
  )
    return 'watches files and never exits';
  if (
    /^(vitest|tsx|tsup|ptw|pytest-watch|watchexec|chokidar|onchange|nodemon)$/.test(bin) &&
    (args[0] === 'watch' || args[0] === 'dev' || /^(ptw|pytest-watch|watchexec|chokidar|onchange)$/.test(bin))
  )
    return 'watches files and never exits';
  if (bin === 'playwright' && args.includes('--ui')) return "opens Playwright's UI, which waits for a person";
  if (
    bin === 'docker' &&
    args[0] === 'compose' &&
    args[1] === 'up' &&
    !args.includes('-d') &&
    !args.includes('--abort-on-container-exit') &&
    !args.includes('--exit-code-from')
  )
    return 'starts services that run until stopped';
  for (const [prog, first] of SERVERS) {
    if (bin === 'docker') break;
    if (prog.test(bin) && (first === null || first.test(args.find((a) => !a.startsWith('-')) ?? '')))
      return `starts a server (\`${bin}${args[0] && !args[0].startsWith('-') ? ` ${args[0]}` : ''}\`) that runs until stopped`;
  }
  if (
    /^python3?$/.test(c.argv[0] ?? '') &&
    /(^|\/)manage\.py$/.test(c.argv[1] ?? '') &&
    /^(runserver|shell)$/.test(c.argv[2] ?? '')
  )
    return 'starts a server that runs until stopped';
  if (
    /^python3?$/.test(c.argv[0] ?? '') &&
    c.argv.includes('-m') &&
    /^(http\.server|pdb)$/.test(c.argv[c.argv.indexOf('-m') + 1] ?? '')
  )
    return 'runs until stopped';
  if (c.argv.length === 1 && /^(python3?|node|irb|psql|bash|sh|ipython)$/.test(c.argv[0]!))
    return 'opens an interactive prompt';
  if (c.argv.includes('-i') && /^python3?$/.test(c.argv[0] ?? '')) return 'opens an interactive prompt';
  return null;
}

/** Why a simple command changes the tree or the environment (a check must only look), or null. */
export function changesTree(c: SimpleCommand): string | null {
  const [first, second] = c.argv;
  const { bin, args } = programOf(c.argv);
  if (!first) return null;
  const words = c.argv.slice(1).filter((w) => !w.startsWith('-'));
  if (/^(npm|pnpm|yarn|bun)$/.test(first)) {
    const sub = words[0] ?? '';
    if (
      /^(add|remove|rm|uninstall|un|update|up|upgrade|publish|version|link|dedupe|prune|patch|unlink)$/.test(
        sub,
      )
    )
      return `\`${first} ${sub}\` changes the manifest or the installed packages`;
    if (/^(install|i)$/.test(sub) && words.length > 1)
      return `\`${first} ${sub} ${words[1]}\` installs a package`;
    if (sub === 'audit' && words[1] === 'fix') return 'rewrites the lockfile';
  }
  if (/^(pip|pip3)$/.test(first) && /^(install|uninstall)$/.test(second ?? ''))
    return `\`${first} ${second}\` changes the environment`;
  // The same through the interpreter: `python -m pip install x`.
  const mod = c.argv.indexOf('-m');
  if (
    /^(python[\d.]*|py)$/.test(first) &&
    mod > 0 &&
    /^(pip|pip3)$/.test(c.argv[mod + 1] ?? '') &&
    /^(install|uninstall)$/.test(c.argv[mod + 2] ?? '')
  )
    return `\`${c.argv.slice(0, mod + 3).join(' ')}\` changes the environment`;
  if (
    first === 'uv' &&
    (second === 'add' ||
      second === 'remove' ||
      second === 'lock' ||
      (second === 'pip' && /^(install|uninstall|sync)$/.test(c.argv[2] ?? '')))
  )
    return `\`uv ${second}${second === 'pip' ? ` ${c.argv[2]}` : ''}\` changes the environment or the manifest`;
  if (
    /^(poetry|pdm|pixi|hatch|rye|cargo|bundle|composer|conda|mamba)$/.test(first) &&
    /^(add|remove|install|require|update|lock|upgrade)$/.test(second ?? '') &&
    !(first === 'poetry' && second === 'install') &&
    !(first === 'bundle' && second === 'install') &&
    !(first === 'pixi' && second === 'install')
  )
    return `\`${first} ${second}\` changes the manifest or the environment`;
  if (first === 'go' && (second === 'get' || (second === 'mod' && c.argv[2] === 'tidy')))
    return `\`go ${second}\` rewrites go.mod`;
  if (
    first === 'git' &&
    /^(commit|push|add|checkout|switch|reset|rebase|merge|stash|tag|rm|mv|clean|apply|am|cherry-pick|pull|restore)$/.test(
      second ?? '',
    )
  )
    return `\`git ${second}\` changes the repository`;
  if (/^(rm|mv|cp|mkdir|touch|chmod|ln)$/.test(first)) return `\`${first}\` changes files`;
  if (first === 'sed' && c.argv.some((a) => /^-i/.test(a))) return 'edits files in place';
  // Snapshot updates make a failing comparison pass.
  if (
    /^(jest|vitest|playwright)$/.test(bin) &&
    args.some((a) => /^(-u|--update-?[sS]napshots?|--updateSnapshot)$/.test(a))
  )
    return 'rewrites the snapshots, which hides the failure the check should show';
  if (
    args.some((a) => /^--(snapshot-update|force-regen|update-goldens?|regen-all)$/.test(a)) ||
    c.env.UPDATE_SNAPSHOTS ||
    c.env.UPDATE_GOLDEN
  )
    return 'rewrites the expected outputs, which hides the failure the check should show';
  if (args.some((a) => /^--(write|fix)$/.test(a)) || (bin === 'gofmt' && args.includes('-w')))
    return `\`${bin} ${args.find((a) => /^--(write|fix)$|^-w$/.test(a))}\` rewrites files`;
  if ((bin === 'black' || bin === 'isort') && !args.some((a) => /^--(check|diff)$/.test(a)))
    return `\`${bin}\` without --check rewrites files`;
  if (bin === 'ruff' && args[0] === 'format' && !args.some((a) => /^--(check|diff)$/.test(a)))
    return '`ruff format` without --check rewrites files';
  if (bin === 'cargo' && args[0] === 'fmt' && !args.includes('--check'))
    return '`cargo fmt` without --check rewrites files';
  return null;
}

/** Programs that run once and exit, whatever the script calling them is named. */
function runsOnce(c: SimpleCommand): boolean {
  const { bin, args } = programOf(c.argv);
  const sub = args.find((a) => !a.startsWith('-')) ?? '';
  if (bin === 'playwright') return sub === 'test';
  if (bin === 'vitest') return sub === 'run' || args.includes('--run');
  if (bin === 'cypress') return sub === 'run';
  if (/^(jest|mocha|pytest|tsc|eslint|biome|prettier|ava|tap|c8|nyc)$/.test(bin)) return true;
  if (/^(vite|next|nuxt|astro|webpack|rollup|esbuild|tsup|parcel|gatsby|ng)$/.test(bin))
    return /^(build|generate|export|lint|test)$/.test(sub);
  return bin === 'node' && args.includes('--test');
}

/**
 * A script named for a long-running task (`watch`, `dev`, `serve`, `start`, …) whose body is not a program
 * known to exit (`playwright test`, `vitest run`, `jest`, a build): it runs until stopped.
 */
export function namedNeverEnds(script: string, c: SimpleCommand): string | null {
  if (!/(^|[:_-])(watch|dev|develop|serve|server|start|storybook|preview|debug)([:_-]|$)/.test(script))
    return null;
  if (runsOnce(c)) return null;
  return /watch/.test(script)
    ? 'watches files and never exits'
    : /debug/.test(script)
      ? 'starts a debugger'
      : 'starts a server that never exits';
}
