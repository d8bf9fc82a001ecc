/** The declaration extractors, one per ecosystem; a new one is a new file and a line here. */
import type { Extractor } from '../declaration.js';
import { envReads } from './env-reads.js';
import { goConfigTags } from './go-config-tags.js';
import { goFlags } from './go-flags.js';
import { jsCli } from './js-cli.js';
import { optionTuples } from './option-tuples.js';
import { pythonCli } from './python-cli.js';
import { pythonConfig } from './python-config.js';
import { rustClap } from './rust-clap.js';
import { rustSerdeConfig } from './rust-serde-config.js';
import { settingsTables } from './settings-tables.js';

export const EXTRACTORS: Extractor[] = [
  pythonCli,
  pythonConfig,
  jsCli,
  goFlags,
  goConfigTags,
  rustClap,
  rustSerdeConfig,
  settingsTables,
  optionTuples,
  envReads,
];
