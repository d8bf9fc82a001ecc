import { describe, expect, it } from 'vitest';
import { EDIT_POINT_RULE } from '../../src/domain/plan.js';
import { submittedPlanJsonSchema } from '../../src/domain/plan-input.js';

type Json = Record<string, unknown>;

/** Every property of a JSON Schema, by path, with its description (or none). */
function fields(node: Json, at = ''): Array<[string, string | undefined]> {
  const out: Array<[string, string | undefined]> = [];
  const inner = (s: Json): Json => {
    const any = (s.anyOf ?? s.oneOf) as Json[] | undefined;
    return any ? (any.find((x) => x.type !== 'null') ?? s) : s;
  };
  const s = inner(node);
  if (s.type === 'object' && s.properties)
    for (const [k, v] of Object.entries(s.properties as Json)) {
      const p = v as Json;
      const own = (p.description ?? inner(p).description) as string | undefined;
      const items = inner(p).type === 'array' ? (inner(p).items as Json) : undefined;
      out.push([`${at}${k}`, own ?? (items?.description as string | undefined)]);
      out.push(...fields(items ?? p, `${at}${k}${items ? '[]' : ''}.`));
    }
  return out;
}

describe('the typed plan schema the model sees', () => {
  it('describes every field, the CI diagnosis included', () => {
    const all = fields(submittedPlanJsonSchema('full', { ci: true }));
    expect(all.length).toBeGreaterThan(60);
    expect(all.filter(([, d]) => !d?.trim()).map(([k]) => k)).toEqual([]);
  });

  it('states the edit-point rule, the per-phase skill, the markdown fields and the name decided later', () => {
    const text = JSON.stringify(submittedPlanJsonSchema('full'));
    expect(text).toContain(JSON.stringify(EDIT_POINT_RULE).slice(1, -1));
    expect(text).toMatch(/"skill":\{"description":"the full_id \(from search_skills\)/);
    expect(text).toContain('"later":{"description":"files to create only');
    expect(text.match(/Markdown\./g)?.length).toBeGreaterThan(5);
    // The compact schema of MCP save_plan keeps the files and their descriptions.
    expect(JSON.stringify(submittedPlanJsonSchema('compact'))).toContain(
      'existing files (you have seen them)',
    );
  });
});
