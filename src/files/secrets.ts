/**
 * Files plansmith never reads: they may hold secrets. They can be listed as present (a planner should
 * know a project has a `.env`), never opened, never put in a plan or a prompt.
 */
const SECRET_NAMES = [
  /^\.env(\..*)?$/i,
  /^\.envrc$/i,
  /\.(pem|key|p12|pfx|jks|keystore|ppk|asc|gpg|kdbx)$/i,
  /^id_(rsa|dsa|ecdsa|ed25519)(\.pub)?$/i,
  /^\.npmrc$/i,
  /^\.pypirc$/i,
  /^\.netrc$/i,
  /^\.git-credentials$/i,
  /^\.dockercfg$/i,
  /^credentials(\.json|\.ya?ml|\.xml)?$/i,
  /^secrets?(\.json|\.ya?ml|\.toml)?$/i,
  /^service[-_]account.*\.json$/i,
  /^\.htpasswd$/i,
  /^terraform\.tfstate(\.backup)?$/i,
  /\.tfvars$/i,
];
const SECRET_DIRS = [/^\.aws$/i, /^\.ssh$/i, /^\.gnupg$/i, /^\.docker$/i, /^\.kube$/i];

export function isSecretPath(relPath: string): boolean {
  const parts = relPath.split('/');
  const name = parts[parts.length - 1] ?? '';
  // Templates meant to be committed are not secrets.
  if (/^\.env\.(example|sample|template|dist)$/i.test(name)) return false;
  if (SECRET_NAMES.some((r) => r.test(name))) return true;
  return parts.slice(0, -1).some((p) => SECRET_DIRS.some((r) => r.test(p)));
}

/** `.git/` internals (its config holds remote URLs, sometimes with tokens): never read, never written. */
export function isGitInternal(relPath: string): boolean {
  return relPath.split('/').some((p) => p === '.git');
}

export { secretInText } from '../domain/secret-text.js';
