import type { Detector } from './detect.js';
import { lineOf } from './types.js';

/** Ruby: bundler, Rails, RSpec, RuboCop. */
export const ruby: Detector = {
  name: 'ruby',
  detect(ctx) {
    const { has, read, p, framework, command } = ctx;
    const gemfile = read('Gemfile');
    if (gemfile) {
      p.packageManagers.push({ name: 'bundler', kind: 'ruby', evidence: { file: 'Gemfile', line: 1 } });
      if (/gem ['"]rails['"]/.test(gemfile))
        framework('Rails', 'web', { file: 'Gemfile', line: lineOf(gemfile, /gem ['"]rails['"]/) });
      if (/gem ['"]rspec/.test(gemfile)) {
        framework('RSpec', 'test', { file: 'Gemfile', line: lineOf(gemfile, /gem ['"]rspec/) });
        command('test', 'bundle exec rspec', { file: 'Gemfile', line: lineOf(gemfile, /gem ['"]rspec/) });
      } else if (has('bin/rails')) command('test', 'bin/rails test', { file: 'bin/rails', line: 1 });
      if (/gem ['"]rubocop/.test(gemfile))
        command('lint', 'bundle exec rubocop', { file: 'Gemfile', line: lineOf(gemfile, /gem ['"]rubocop/) });
    }
  },
};
