import type { Detector } from './detect.js';
import { lineOf } from './types.js';

/** PHP: composer, Laravel, Symfony, PHPUnit. */
export const php: Detector = {
  name: 'php',
  detect(ctx) {
    const { read, p, framework, command } = ctx;
    const composer = read('composer.json');
    if (composer) {
      p.packageManagers.push({ name: 'composer', kind: 'php', evidence: { file: 'composer.json', line: 1 } });
      if (composer.includes('laravel/framework')) {
        framework('Laravel', 'web', { file: 'composer.json', line: lineOf(composer, 'laravel/framework') });
        command('test', 'php artisan test', {
          file: 'composer.json',
          line: lineOf(composer, 'laravel/framework'),
        });
      }
      if (composer.includes('symfony/framework-bundle'))
        framework('Symfony', 'web', {
          file: 'composer.json',
          line: lineOf(composer, 'symfony/framework-bundle'),
        });
      if (composer.includes('phpunit/phpunit'))
        command('test', 'vendor/bin/phpunit', {
          file: 'composer.json',
          line: lineOf(composer, 'phpunit/phpunit'),
        });
    }
  },
};
