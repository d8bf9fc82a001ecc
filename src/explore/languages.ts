/** File extensions to languages, and the ones that are never text. */
const LANG: Record<string, string> = {
  ts: 'TypeScript',
  tsx: 'TypeScript',
  mts: 'TypeScript',
  cts: 'TypeScript',
  js: 'JavaScript',
  jsx: 'JavaScript',
  mjs: 'JavaScript',
  cjs: 'JavaScript',
  py: 'Python',
  pyi: 'Python',
  go: 'Go',
  rs: 'Rust',
  java: 'Java',
  kt: 'Kotlin',
  kts: 'Kotlin',
  rb: 'Ruby',
  php: 'PHP',
  cs: 'C#',
  c: 'C',
  h: 'C',
  cc: 'C++',
  cpp: 'C++',
  hpp: 'C++',
  swift: 'Swift',
  scala: 'Scala',
  ex: 'Elixir',
  exs: 'Elixir',
  erl: 'Erlang',
  clj: 'Clojure',
  hs: 'Haskell',
  lua: 'Lua',
  dart: 'Dart',
  vue: 'Vue',
  svelte: 'Svelte',
  sql: 'SQL',
  sh: 'Shell',
  bash: 'Shell',
  zsh: 'Shell',
  ps1: 'PowerShell',
  xs: 'XanoScript',
  r: 'R',
  jl: 'Julia',
  m: 'Objective-C',
  pl: 'Perl',
  zig: 'Zig',
  css: 'CSS',
  scss: 'SCSS',
  less: 'Less',
  html: 'HTML',
  md: 'Markdown',
  mdx: 'Markdown',
  rst: 'reStructuredText',
  json: 'JSON',
  yaml: 'YAML',
  yml: 'YAML',
  toml: 'TOML',
  xml: 'XML',
  proto: 'Protocol Buffers',
  graphql: 'GraphQL',
  tf: 'HCL',
  prisma: 'Prisma',
};
const NOT_CODE = new Set([
  'Markdown',
  'reStructuredText',
  'JSON',
  'YAML',
  'TOML',
  'XML',
  'CSS',
  'SCSS',
  'Less',
  'HTML',
]);

const BINARY = new Set(
  'png jpg jpeg gif bmp ico webp avif tif tiff psd svgz pdf zip gz tgz bz2 xz 7z rar jar war ear class o a so dylib dll exe bin wasm woff woff2 ttf otf eot mp3 mp4 m4a wav ogg flac avi mov mkv webm sqlite sqlite3 db pyc pyo whl egg node lockb DS_Store parquet feather npy npz pkl h5 hdf5 fits gguf onnx pt pth'.split(
    ' ',
  ),
);

export function extOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

export function languageOf(path: string): string | null {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (name === 'Dockerfile' || name.startsWith('Dockerfile.')) return 'Dockerfile';
  if (name === 'Makefile') return 'Makefile';
  return LANG[extOf(path)] ?? null;
}

export function isCodeLanguage(lang: string | null): boolean {
  return lang != null && !NOT_CODE.has(lang);
}

export function isBinaryPath(path: string): boolean {
  return BINARY.has(extOf(path));
}
