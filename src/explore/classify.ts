/** What a path is for: source, test, doc, config, and the folders that hold no one's own code. */
export type FileRole = 'source' | 'test' | 'doc' | 'config' | 'other';

const VENDORED =
  /(^|\/)(node_modules|vendor|third_party|third-party|bower_components|\.git|\.hg|\.svn|\.venv|venv|env\/lib|site-packages|__pycache__|\.mypy_cache|\.pytest_cache|\.tox|\.nox|\.gradle|\.idea|\.vscode\/extensions|Pods|Carthage)(\/|$)/;
const GENERATED =
  /(^|\/)(dist|build|out|target|coverage|\.next|\.nuxt|\.svelte-kit|\.turbo|\.cache|\.parcel-cache|\.plansmith|htmlcov|_build|storybook-static|generated|__generated__)(\/|$)|\.min\.(js|css)$|\.(map|snap)$|(^|\/)(package-lock\.json|yarn\.lock|pnpm-lock\.yaml|poetry\.lock|uv\.lock|Cargo\.lock|composer\.lock|Gemfile\.lock|go\.sum|bun\.lockb)$/;

export function isVendored(path: string): boolean {
  return VENDORED.test(path);
}

/**
 * A Python package in the src layout (`src/<package>/…`) may be named like an output folder (a package
 * called `build` or `out`): its `.py` files are the project's source, so the package folder is not read
 * as output (a folder below it still is).
 */
const SRC_PACKAGE = /^((?:[^/]+\/)*?src\/)[^/]+\/(?=.*\.pyi?$)/;

export function isGenerated(path: string): boolean {
  if (!GENERATED.test(path)) return false;
  const pkg = SRC_PACKAGE.exec(path);
  return pkg ? GENERATED.test(path.slice(pkg[0].length)) || GENERATED.test(pkg[1]!) : true;
}

const TEST =
  /(^|\/)(tests?|__tests__|spec|specs|testing|e2e|cypress|playwright)(\/|$)|(^|\/)test_[^/]*\.py$|_test\.(py|go)$|\.(test|spec)\.[cm]?[jt]sx?$|Test\.(java|kt)$|_spec\.rb$|Tests?\.cs$|(^|\/)conftest\.py$|(^|\/)workflow_tests\//;
const DOC = /(^|\/)(docs?|documentation|adr|adrs)(\/|$)|\.(md|mdx|rst|adoc|txt)$/i;
const DOC_NAME =
  /(^|\/)(README|CHANGELOG|CHANGES|HISTORY|CONTRIBUTING|LICENSE|LICENCE|AUTHORS|NOTICE|COPYING)(\.(md|rst|txt|adoc))?$/;
const CONFIG =
  /(^|\/)(\.[^/]+rc(\.[a-z]+)?|[^/]+\.config\.[cm]?[jt]s|tsconfig[^/]*\.json|package\.json|pyproject\.toml|setup\.(cfg|py)|tox\.ini|pytest\.ini|Makefile|Dockerfile[^/]*|docker-compose[^/]*\.ya?ml|\.github\/.*|\.gitlab-ci\.yml|go\.mod|Cargo\.toml|pom\.xml|build\.gradle(\.kts)?|Gemfile|composer\.json|requirements[^/]*\.txt|\.editorconfig|\.gitignore)$/;

export function roleOf(path: string): FileRole {
  if (TEST.test(path)) return 'test';
  if (DOC.test(path) || DOC_NAME.test(path)) return 'doc';
  if (CONFIG.test(path)) return 'config';
  return 'source';
}
