/**
 * Secrets recognised by their content: private key blocks (and their bodies pasted without the BEGIN line)
 * and the token formats of the common providers. One check for every text that may reach a plan, the store
 * or a prompt: files read by the file layer, requirements, and every free-text field of a task, a plan or a
 * completion. Each pattern is specific enough that ordinary code and test fixtures do not match it
 * (`user:pass@localhost`, `password=changeme` and `${PASSWORD}` are placeholders, not secrets).
 */
const SECRET_CONTENT: Array<[RegExp, string]> = [
  [/-----BEGIN (?:RSA |DSA |EC |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----/, 'a private key'],
  // The body of a key without its armour: PKCS#8 and PKCS#1 RSA, SEC1 EC, OpenSSH.
  [
    /\bMII[A-Za-z0-9+/]{2,3}(?:IBADANBgkqhkiG9w0BAQEFAASC|IBAAKC)[A-Za-z0-9+/]{40,}|\bMHcCAQEEI[A-Za-z0-9+/]{40,}|\bb3BlbnNzaC1rZXktdjE[A-Za-z0-9+/]{40,}/,
    'a private key',
  ],
  [/\bAKIA[0-9A-Z]{16}\b/, 'an AWS access key'],
  [/\baws_secret_access_key\s*[=:]\s*\S{20,}/i, 'an AWS secret key'],
  [/\bgh[pousr]_[A-Za-z0-9]{36,}\b/, 'a GitHub token'],
  [/\bgithub_pat_[A-Za-z0-9_]{40,}\b/, 'a GitHub token'],
  [/\bglpat-[A-Za-z0-9_-]{20,}\b/, 'a GitLab token'],
  [/\bxox[abprs]-[A-Za-z0-9-]{10,}\b/, 'a Slack token'],
  [/\bsk-(?:ant-|proj-)?[A-Za-z0-9_-]{32,}\b/, 'an API key'],
  [/\b[sr]k_live_[0-9A-Za-z]{20,}\b/, 'a Stripe key'],
  [/\bSG\.[A-Za-z0-9_-]{16,32}\.[A-Za-z0-9_-]{30,64}\b/, 'a SendGrid key'],
  [/\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{16,}/, 'a JSON Web Token'],
  [/\bAIza[0-9A-Za-z_-]{35}\b/, 'a Google API key'],
  [/\bnpm_[A-Za-z0-9]{36}\b/, 'an npm token'],
  [/"type"\s*:\s*"service_account"[\s\S]{0,400}"private_key"/, 'a cloud service-account key'],
];

/** Hosts and values that mark an example, not a credential. */
const PLACEHOLDER_HOST =
  /^(localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\]|::1|db|postgres|mysql|redis|host|hostname|server|example\.(com|org|net)|[\w.-]*\.(example|invalid|test|local|localhost))(:\d+)?$/i;
const PLACEHOLDER_VALUE =
  /^(x+|\*+|\.+|pass(word)?|passwd|secret|changeme|change_me|example|test(ing)?|dummy|fake|foo|bar|baz|admin|root|user(name)?|guest|token|your[\w-]*|my[\w-]*|redacted|none|null|undefined|true|false)$/i;

function isPlaceholder(value: string): boolean {
  return PLACEHOLDER_VALUE.test(value) || /[${}<>()[\]%]|^\*|\*\*/.test(value) || value.length < 8;
}

const decode = (v: string) => {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
};

/** A credential in a URL (`scheme://user:password@host`), not a placeholder one. */
function urlPassword(text: string): boolean {
  for (const m of text.matchAll(/\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@'"]+:([^\s@/'"]+)@([^\s/?#'"]+)/gi)) {
    const [, password, host] = m;
    if (!isPlaceholder(decode(password!)) && !PLACEHOLDER_HOST.test(host!)) return true;
  }
  return false;
}

/** `password=…` (or `: …`) with a value that looks chosen: letters and digits, no variable or call. */
function assignedPassword(text: string): boolean {
  for (const m of text.matchAll(/\b(?:password|passwd|pwd|db_pass(?:word)?)\s*[=:]\s*["']?([^\s"',;]+)/gi)) {
    const v = m[1]!;
    if (!isPlaceholder(v) && /[A-Za-z]/.test(v) && /\d/.test(v) && !/^[\w.]+\.[\w.]+$/.test(v)) return true;
  }
  return false;
}

/** What kind of secret the text holds, or null. */
export function secretInText(text: string): string | null {
  for (const [re, what] of SECRET_CONTENT) if (re.test(text)) return what;
  if (urlPassword(text)) return 'a password in a URL';
  if (assignedPassword(text)) return 'a password';
  return null;
}

/**
 * The first string inside a JSON-like value (task inputs and outputs, critique feedback with any fields
 * its writer added) that holds a secret: its path (keys and indexes) and what it looks like. Iterative; the
 * value's size and depth are bounded by `checkBounds` before any schema sees it.
 */
export function secretInValue(value: unknown): { path: Array<string | number>; what: string } | null {
  const stack: Array<{ v: unknown; path: Array<string | number> }> = [{ v: value, path: [] }];
  while (stack.length) {
    const { v, path } = stack.pop()!;
    if (typeof v === 'string') {
      const what = secretInText(v);
      if (what) return { path, what };
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push({ v: v[i], path: [...path, i] });
    } else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        // A key can carry text as well as a value can (`{"sk_live_…": true}`).
        const what = secretInText(k);
        if (what) return { path: [...path, k], what };
        stack.push({ v: x, path: [...path, k] });
      }
  }
  return null;
}
