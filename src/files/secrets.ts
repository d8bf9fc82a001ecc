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

/**
 * Secrets recognised by their content, for files whose names say nothing: private key blocks and the token
 * formats of the common providers. Each pattern is specific enough that ordinary code does not match it.
 */
const SECRET_CONTENT: Array<[RegExp, string]> = [
  [/-----BEGIN (?:RSA |DSA |EC |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----/, 'a private key'],
  [/\bAKIA[0-9A-Z]{16}\b/, 'an AWS access key'],
  [/\baws_secret_access_key\s*[=:]\s*\S{20,}/i, 'an AWS secret key'],
  [/\bgh[pousr]_[A-Za-z0-9]{36,}\b/, 'a GitHub token'],
  [/\bgithub_pat_[A-Za-z0-9_]{40,}\b/, 'a GitHub token'],
  [/\bglpat-[A-Za-z0-9_-]{20,}\b/, 'a GitLab token'],
  [/\bxox[abprs]-[A-Za-z0-9-]{10,}\b/, 'a Slack token'],
  [/\bsk-(?:ant-|proj-)?[A-Za-z0-9_-]{32,}\b/, 'an API key'],
  [/\bAIza[0-9A-Za-z_-]{35}\b/, 'a Google API key'],
  [/\bnpm_[A-Za-z0-9]{36}\b/, 'an npm token'],
  [/"type"\s*:\s*"service_account"[\s\S]{0,400}"private_key"/, 'a cloud service-account key'],
];

/** What kind of secret the text holds, or null. Used before a file's text reaches a plan, a prompt or the index. */
export function secretInText(text: string): string | null {
  for (const [re, what] of SECRET_CONTENT) if (re.test(text)) return what;
  return null;
}
