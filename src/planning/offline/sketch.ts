import { styleName } from '../../explore/conventions.js';

/** Short code sketches in the project's language: a shape to start from, not an implementation. */
export function sketchFor(
  language: string | null,
  role: string,
  words: string[],
  operations: string[],
): { language: string; code: string } | undefined {
  const op =
    operations.find((o) => !['add', 'create', 'build', 'implement', 'support', 'fix'].includes(o)) ??
    'handle';
  const Pascal = styleName(words, 'pascal');
  const named = [op, ...words.filter((w) => w !== op)];
  const camel = styleName(named, 'camel');
  const snake = styleName(named, 'snake');
  if (language === 'TypeScript' || language === 'JavaScript') {
    const ts = language === 'TypeScript';
    if (role === 'service')
      return {
        language: ts ? 'ts' : 'js',
        code: `export class ${Pascal}Service {\n  async ${camel}(input${ts ? `: ${Pascal}Input` : ''})${ts ? `: Promise<${Pascal}Result>` : ''} {\n    // 1. validate input  2. load what it acts on  3. apply the change  4. return the result\n  }\n}`,
      };
    if (role === 'route' || role === 'controller')
      return {
        language: ts ? 'ts' : 'js',
        code: `router.post('/${styleName(words, 'kebab')}', async (req, res) => {\n  const input = schema.parse(req.body); // reject bad input with 400\n  const result = await service.${camel}(input);\n  res.status(201).json(result);\n});`,
      };
    if (role === 'test')
      return {
        language: ts ? 'ts' : 'js',
        code: `describe('${Pascal}', () => {\n  it('${op}s ${words.join(' ')} for a valid request', async () => {\n    // arrange: a known state; act: call the public entry point; assert: what the user sees\n  });\n  it('refuses invalid input without changing anything', async () => {});\n});`,
      };
    if (role === 'job')
      return {
        language: ts ? 'ts' : 'js',
        code: `export async function run${Pascal}Job(batchSize = 100) {\n  // claim a batch (lock timestamp), process idempotently, store the cursor, release\n}`,
      };
  }
  if (language === 'Python') {
    if (role === 'service')
      return {
        language: 'python',
        code: `class ${Pascal}Service:\n    def __init__(self, session):\n        self.session = session\n\n    def ${snake}(self, data):\n        """Validate, apply the change, commit, return the result."""\n        raise NotImplementedError`,
      };
    if (role === 'route')
      return {
        language: 'python',
        code: `@router.post("/${styleName(words, 'kebab')}", status_code=201)\ndef ${snake}(body: ${Pascal}In, session=Depends(get_session)):\n    return ${Pascal}Service(session).${snake}(body)`,
      };
    if (role === 'test')
      return {
        language: 'python',
        code: `def test_${snake}_happy_path(session):\n    ...\n\n\ndef test_${snake}_rejects_invalid_input(session):\n    ...`,
      };
  }
  if (language === 'Go' && role === 'service')
    return {
      language: 'go',
      code: `func (s *${Pascal}Service) ${styleName(named, 'pascal')}(ctx context.Context, in ${Pascal}Input) (*${Pascal}Result, error) {\n\t// validate, apply, return\n\treturn nil, nil\n}`,
    };
  if (language === 'XanoScript' && role === 'xano-function')
    return {
      language: 'xs',
      code: `function "${snake}" {\n  input {\n    // typed inputs with filters\n  }\n  stack {\n    // db.query / db.add / conditionals\n  }\n  response = $result\n}`,
    };
  return undefined;
}
