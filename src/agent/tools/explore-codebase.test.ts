import { describe, expect, it } from 'vitest';
import { withoutNames } from './explore-codebase.js';

describe("explore_codebase ranks without the project's own name", () => {
  it('drops the name as a word and as a part of a snake_case or SCREAMING_CASE identifier', () => {
    expect(withoutNames('read CLICK_HELP_WIDTH in click when no width is set', ['click'])).toBe(
      'read _HELP_WIDTH in when no width is set',
    );
    expect(withoutNames('a click_context and Click itself', ['click'])).toBe('a _context and itself');
  });

  it('keeps longer words and hyphenated names that only contain it', () => {
    expect(withoutNames('clicked, clicker, click-man and unclick stay', ['click'])).toBe(
      'clicked, clicker, click-man and unclick stay',
    );
    expect(withoutNames('plan with pip-tools and pip', ['pip-tools'])).toBe('plan with and pip');
  });
});
