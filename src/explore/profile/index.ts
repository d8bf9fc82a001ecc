import { ci } from './ci.js';
import { containers } from './containers.js';
import { database } from './database.js';
import { type Detector, detectContext, type ProfileInput } from './detect.js';
import { docs } from './docs.js';
import { dotnet } from './dotnet.js';
import { go } from './go.js';
import { jvm } from './jvm.js';
import { languages } from './languages.js';
import { make } from './make.js';
import { node } from './node.js';
import { php } from './php.js';
import { python } from './python.js';
import { ruby } from './ruby.js';
import { rust } from './rust.js';
import type { CodebaseProfile } from './types.js';
import { xano } from './xano.js';

export type { DetectContext, Detector, ProfileInput } from './detect.js';
export { purposeOfScript } from './detect.js';
export * from './types.js';

/**
 * Every detector, in the order they run. The order matters only where two find the same thing: the first
 * command of a name is kept, and a test runner found in a project's configuration (pytest's section) wins
 * over one inferred from a package script.
 */
export const DETECTORS: readonly Detector[] = [
  languages,
  node,
  python,
  go,
  rust,
  jvm,
  ruby,
  php,
  dotnet,
  make,
  ci,
  database,
  containers,
  docs,
  xano,
];

export function profileCodebase(input: ProfileInput): CodebaseProfile {
  const ctx = detectContext(input);
  for (const d of DETECTORS) d.detect(ctx);
  return ctx.p;
}
