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
    return { ok: false, message: `${where} is not a URL: ${maskSecrets(raw, [passwordInText(raw)])}` };
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') return { ok: false, message: `${where} must start with smtp:// or smtps://, got ${url.protocol}//` };
  if (!url.hostname) return { ok: false, message: `${where} names no host` };
  const secure = url.protocol === 'smtps:';
  const port = url.port ? Number(url.port) : secure ? 465 : 587;
  const user = url.username ? decodeURIComponent(url.username) : undefined;
  let password = url.password ? decodeURIComponent(url.password) : undefined;
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

/** The password of a URL-like text that `new URL` refused, so it can still be masked. */
function passwordInText(text: string): string | undefined {
  return /^[a-z]+:\/\/[^:@/]*:([^@/]*)@/i.exec(text)?.[1];
}

/** Replace every secret (as written and URL-encoded) with ***. */
export function maskSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const s of secrets) {
    if (!s) continue;
    for (const form of new Set([s, encodeURIComponent(s)])) out = out.split(form).join('***');
  }
  return out;
}
