// SMTP settings: from the environment (FINBOOK_SMTP_URL and friends) or the jobs file's
// `smtp:` block, the environment winning. The password is kept apart so every line printed
// can be scrubbed of it.
import type { RetryPolicy } from './retry.js';
import { DEFAULT_RETRY } from './retry.js';

export const ENV = {
  url: 'FINBOOK_SMTP_URL',
  from: 'FINBOOK_MAIL_FROM',
  timeout: 'FINBOOK_SMTP_TIMEOUT_MS',
  retryBase: 'FINBOOK_SMTP_RETRY_BASE_MS',
} as const;

export const DEFAULT_FROM = 'finbook <finbook@localhost>';
export const DEFAULT_TIMEOUT_MS = 30_000;

/** The jobs file's `smtp:` block (see jobs/schema.ts). */
export interface SmtpFileSettings {
  url?: string | undefined;
  password_env?: string | undefined;
  from?: string | undefined;
  timeout_ms?: number | undefined;
  retry_base_ms?: number | undefined;
}

export interface SmtpSettings {
  host: string;
  port: number;
  /** smtps:// (TLS from the first byte); smtp:// upgrades with STARTTLS when offered. */
  secure: boolean;
  user: string | undefined;
  password: string | undefined;
  from: string;
  timeoutMs: number;
  retry: RetryPolicy;
  /** The URL as it may be shown: the password replaced by ***. */
  shown: string;
}

export type SmtpResolution = { ok: true; settings: SmtpSettings } | { ok: false; message: string };

export function resolveSmtp(env: NodeJS.ProcessEnv, file: SmtpFileSettings | undefined): SmtpResolution {
  const fromEnv = env[ENV.url];
  const raw = fromEnv !== undefined && fromEnv !== '' ? fromEnv : file?.url;
  const where = raw === fromEnv ? `${ENV.url}` : 'smtp.url in the jobs file';
  if (raw === undefined || raw === '') return { ok: false, message: `no SMTP server configured: set ${ENV.url} (e.g. smtp://user@mail.example.com:587) or smtp.url in the jobs file` };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, message: `${where} is not a URL: ${withoutUserInfo(raw)}` };
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') return { ok: false, message: `${where} must start with smtp:// or smtps://, got ${url.protocol}//` };
  if (!url.hostname) return { ok: false, message: `${where} names no host` };
  // an SMTP URL has nothing after the host: a path means a '/' (or '?', '#') in the password, unescaped
  if ((url.pathname !== '' && url.pathname !== '/') || url.search || url.hash)
    return { ok: false, message: `${where} has something after the host (a / ? or # in a password is written %2F %3F %23): ${withoutUserInfo(raw)}` };
  const secure = url.protocol === 'smtps:';
  const port = url.port ? Number(url.port) : secure ? 465 : 587;
  let user: string | undefined;
  let password: string | undefined;
  try {
    user = url.username ? decodeURIComponent(url.username) : undefined;
    password = url.password ? decodeURIComponent(url.password) : undefined;
  } catch {
    // a % not followed by two hex digits (%zz): write a literal % as %25
    return { ok: false, message: `${where} has a malformed %-escape in its user name or password (a literal % is written %25): ${withoutUserInfo(raw)}` };
  }
  if (password !== undefined && user === undefined) return { ok: false, message: `${where} has a password but no user name` };
  // password_env supplies the password of a URL that names a user but carries no password.
  if (file?.password_env && user !== undefined && password === undefined) {
    password = env[file.password_env];
    if (password === undefined) return { ok: false, message: `smtp.password_env names ${file.password_env}, which is not set` };
  }
  const timeoutMs = number(env, ENV.timeout, file?.timeout_ms, DEFAULT_TIMEOUT_MS);
  if (!timeoutMs.ok) return timeoutMs;
  const retryBase = number(env, ENV.retryBase, file?.retry_base_ms, DEFAULT_RETRY.baseDelayMs);
  if (!retryBase.ok) return retryBase;
  return {
    ok: true,
    settings: {
      host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port,
      secure,
      user,
      password,
      from: nonEmpty(env[ENV.from]) ?? file?.from ?? DEFAULT_FROM,
      timeoutMs: timeoutMs.value,
      retry: { attempts: DEFAULT_RETRY.attempts, baseDelayMs: retryBase.value },
      shown: `${url.protocol}//${url.username ? `${url.username}${password !== undefined ? ':***' : ''}@` : ''}${url.host}`,
    },
  };
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v === '' ? undefined : v;
}

function number(env: NodeJS.ProcessEnv, name: string, fileValue: number | undefined, fallback: number): { ok: true; value: number } | { ok: false; message: string } {
  const text = nonEmpty(env[name]);
  if (text === undefined) return { ok: true, value: fileValue ?? fallback };
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) return { ok: false, message: `${name} must be a whole number of milliseconds, got ${JSON.stringify(text)}` };
  return { ok: true, value: n };
}

/**
 * A URL-like text with everything before its host (user name and password) replaced by ***.
 * The password may hold any character, '/' and '@' included, so the host starts after the
 * last '@'; a text without '@' has no user information to hide.
 */
export function withoutUserInfo(text: string): string {
  const at = text.lastIndexOf('@');
  if (at < 0) return text;
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(text)?.[0] ?? '';
  return `${scheme}***@${text.slice(at + 1)}`;
}

/**
 * Replace every secret with ***: as written, URL-encoded, and inside any base64 token that
 * decodes to text holding it (a server's reply may quote the AUTH PLAIN or LOGIN blob).
 */
export function maskSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const s of secrets) {
    if (!s) continue;
    for (const form of new Set([s, encodeURIComponent(s)])) out = out.split(form).join('***');
    out = out.replace(/[A-Za-z0-9+/]{4,}={0,2}/g, (token) => (Buffer.from(token, 'base64').toString('latin1').includes(Buffer.from(s, 'utf8').toString('latin1')) ? '***' : token));
  }
  return out;
}
