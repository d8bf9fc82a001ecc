import { runnerWithFile } from '../checks.js';
import { changesTree, namedNeverEnds, neverEnds, programOf } from './command-kinds.js';
import type { CheckContext, CheckFinding } from './context.js';
import { unknownCommand } from './known.js';
import { runnerCall } from './runners.js';
import { reach, scriptLine, scriptsOf } from './scripts.js';
import { type PlannedTests, selectionProblem, wrongRunner } from './selection.js';
import { parseCommand, type SimpleCommand, show } from './shell.js';

/**
 * One automated check, judged the way a maintainer would: the shell can run it, it is the project's own,
 * it exits, it only looks (changes neither the tree nor the environment), every test file it names is run
 * by that runner, its selection matches a test, and it keeps the flags the project's script passes.
 */
export function commandProblems(ctx: CheckContext, line: string, planned?: PlannedTests): CheckFinding[] {
  const out: CheckFinding[] = [];
  const parsed = parseCommand(line);
  // A plan's check line ends in a comment (`# passes · file:line`): the command is what comes before it.
  const command = parsed.uncommented ?? line;
  const say = (rule: CheckFinding['rule'], message: string) =>
    out.push({ rule, message: `\`${command}\`: ${message}` });
  if (parsed.error) {
    say('command-syntax', parsed.error);
    return out;
  }
  for (const c of parsed.commands) {
    const why = unknownCommand(ctx, c, command);
    if (why)
      say(
        'command-exists',
        `${why}; use a command from explore_codebase (a script, target or CI step), or make it a manual check`,
      );
  }
  if (out.length) return out;
  const reached = reach(ctx, parsed.commands);
  const seen = new Set<string>();
  for (const r of reached) {
    const via = r.via.length
      ? ` (the script "${r.via[r.via.length - 1]!.script}" at ${scriptLine(ctx, r.via[r.via.length - 1]!.dir, r.via[r.via.length - 1]!.script)} runs \`${show(r.cmd)}\`)`
      : '';
    const last = r.via[r.via.length - 1];
    const never = neverEnds(r.cmd) ?? (last ? namedNeverEnds(last.script, r.cmd) : null);
    if (never && !seen.has(`n:${never}`)) {
      seen.add(`n:${never}`);
      const alt = terminatingAlternative(ctx, r.cmd.cwd);
      say(
        'command-terminates',
        `it ${never}${via}; a check must exit on its own${alt ? `: run \`${alt}\` instead` : ''}`,
      );
    }
    const change = changesTree(r.cmd);
    if (change && !seen.has(`c:${change}`)) {
      seen.add(`c:${change}`);
      say(
        'command-changes-tree',
        `${change}${via}; a check only looks: run the project's test or lint command, and leave installs and commits to the steps`,
      );
    }
    const call = runnerCall(r.cmd.argv);
    if (!call) continue;
    const wrong = wrongRunner(ctx, call.runner, call.args, r.cmd.cwd);
    if (wrong) say('command-runner', wrong);
    const sel = selectionProblem(ctx, call.runner, call.args, r.cmd.cwd, planned);
    if (sel) say('command-selection', sel);
    if (!r.via.length) {
      const drop = droppedFlags(ctx, r.cmd, call.runner, call.args);
      if (drop) say('command-flags', drop);
    }
  }
  return out;
}

/** The project's test script in a folder when it exits, to suggest in place of one that does not. */
function terminatingAlternative(ctx: CheckContext, dir: string): string | null {
  for (const d of new Set([dir, '.'])) {
    const scripts = scriptsOf(ctx, d);
    for (const name of ['test', 'test:unit', 'test:ci', 'test:run']) {
      if (scripts[name] === undefined) continue;
      const cmd =
        d === '.'
          ? name === 'test'
            ? 'npm test'
            : `npm run ${name}`
          : name === 'test'
            ? `npm test --prefix ${d}`
            : `npm run ${name} --prefix ${d}`;
      const parsed = parseCommand(cmd);
      if (reach(ctx, parsed.commands).every((r) => !neverEnds(r.cmd) && !changesTree(r.cmd))) return cmd;
    }
  }
  return null;
}

/**
 * A bare runner call (`npx jest …`) when a package script runs the same runner with settings the bare call
 * lacks (environment variables, node flags, a config file): the check would run without them.
 */
function droppedFlags(ctx: CheckContext, c: SimpleCommand, runner: string, args: string[]): string | null {
  for (const d of new Set([c.cwd, '.'])) {
    for (const [name, body] of Object.entries(scriptsOf(ctx, d))) {
      const inner = reach(ctx, parseCommand(body).commands);
      for (const r of inner) {
        // Words passed to the script go to its last command: the runner only when it is that one.
        const last = r === inner[inner.length - 1] && inner.every((x) => /^(&&)?$/.test(x.cmd.joined));
        const call = runnerCall(r.cmd.argv);
        if (call?.runner !== runner) continue;
        const env = Object.keys(r.cmd.env).filter((k) => !(k in c.env));
        const { nodeFlags } = programOf(r.cmd.argv);
        const own = programOf(c.argv).nodeFlags;
        const flags = nodeFlags.filter((f) => !own.includes(f));
        const cfg = call.args.filter(
          (a, i) =>
            /^(-c|--config|--require|-r|--import|--setupFiles)$/.test(call.args[i - 1] ?? '') ||
            /^--(config|require|import)=/.test(a),
        );
        const missingCfg = cfg.filter((a) => !args.includes(a));
        const lacks = [...env.map((k) => `${k}=${r.cmd.env[k]}`), ...flags, ...missingCfg];
        if (!lacks.length) continue;
        const passed = args.length ? ` -- ${args.join(' ')}` : '';
        const runIt =
          d === '.' ? (name === 'test' ? 'npm test' : `npm run ${name}`) : `npm run ${name} --prefix ${d}`;
        const instead = last ? `${runIt}${passed}` : runnerWithFile(r.cmd, ...args);
        return `runs ${runner} without ${lacks.join(' ')}, which the project's script "${name}" passes (${scriptLine(ctx, d, name)}); run \`${instead}\` instead`;
      }
    }
  }
  return null;
}
