/** A plan a person wrote by hand (no plansmith header, no Precedent section): one step and the file it changes. */
export function handWrittenPlan(step: string, path: string): string {
  return [
    '# Plan: options',
    '',
    '## Implementation steps',
    '',
    `1. ${step}`,
    '',
    '## Files to modify',
    '',
    `- \`${path}\` — the command`,
    '',
    '## Testing',
    '',
    'Run the tests.',
    '',
    '## Security',
    '',
    'Nothing new.',
    '',
    '## Rollback',
    '',
    'Revert.',
    '',
  ].join('\n');
}
