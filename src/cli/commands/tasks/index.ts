import type { Command } from 'commander';
import { register as add } from './add.js';
import { register as batch } from './batch.js';
import { register as claim } from './claim.js';
import { register as criticalPath } from './critical-path.js';
import { register as done } from './done.js';
import { register as fail } from './fail.js';
import { register as graph } from './graph.js';
import { register as heartbeat } from './heartbeat.js';
import { register as history } from './history.js';
import { register as lifecycle } from './lifecycle.js';
import { register as list } from './list.js';
import { register as next } from './next.js';
import { register as release } from './release.js';
import { register as show } from './show.js';
import { register as subtask } from './subtask.js';
import { register as validate } from './validate.js';
import { register as watch } from './watch.js';
import { register as waves } from './waves.js';

export function registerTasks(program: Command): void {
  const tasks = program.command('tasks').description('the task graph: create, schedule, claim, complete');
  for (const r of [
    batch,
    add,
    subtask,
    list,
    show,
    history,
    next,
    claim,
    heartbeat,
    done,
    fail,
    release,
    lifecycle,
    graph,
    waves,
    criticalPath,
    validate,
    watch,
  ])
    r(tasks);
}
