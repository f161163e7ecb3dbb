import { describe, expect, it } from 'vitest';
import { maskSecrets, resolveSmtp } from '../../src/mail/smtp-config.js';

const ok = (env: NodeJS.ProcessEnv, file?: Parameters<typeof resolveSmtp>[1]) => {
  const r = resolveSmtp(env, file);
  if (!r.ok) throw new Error(r.message);
  return r.settings;
};
const fail = (env: NodeJS.ProcessEnv, file?: Parameters<typeof resolveSmtp>[1]) => {
  const r = resolveSmtp(env, file);
  if (r.ok) throw new Error('expected a problem');
  return r.message;
};

describe('SMTP settings', () => {
  it('reads host, port, user and password from FINBOOK_SMTP_URL and shows the URL masked', () => {
    const s = ok({ FINBOOK_SMTP_URL: 'smtp://user:p%40ss@127.0.0.1:2525' });
    expect(s).toMatchObject({ host: '127.0.0.1', port: 2525, secure: false, user: 'user', password: 'p@ss', shown: 'smtp://user:***@127.0.0.1:2525' });
  });

  it.each([
    ['smtp://mail.example.com', 587, false],
    ['smtps://mail.example.com', 465, true],
    ['smtp://[::1]:2525', 2525, false],
  ])('%s: port %i, TLS from the start %s', (url, port, secure) => {
    expect(ok({ FINBOOK_SMTP_URL: url })).toMatchObject({ port, secure });
  });

  it('prefers the environment over the jobs file, and the file over the defaults', () => {
    const file = { url: 'smtp://file.example.com:25', from: 'file@example.com', timeout_ms: 5000, retry_base_ms: 100 };
    expect(ok({ FINBOOK_SMTP_URL: 'smtp://env.example.com:26', FINBOOK_SMTP_RETRY_BASE_MS: '7' }, file)).toMatchObject({ host: 'env.example.com', from: 'file@example.com', timeoutMs: 5000, retry: { attempts: 3, baseDelayMs: 7 } });
    expect(ok({}, file)).toMatchObject({ host: 'file.example.com', retry: { baseDelayMs: 100 } });
    expect(ok({ FINBOOK_SMTP_URL: 'smtp://h' })).toMatchObject({ from: 'finbook <finbook@localhost>', timeoutMs: 30_000, retry: { attempts: 3, baseDelayMs: 10_000 } });
  });

  it('takes the password from password_env when the URL names a user but has no password', () => {
    const file = { url: 'smtp://reports@mail.example.com', password_env: 'MY_SMTP_PASS' };
    expect(ok({ MY_SMTP_PASS: 'from-env' }, file)).toMatchObject({ user: 'reports', password: 'from-env', shown: 'smtp://reports:***@mail.example.com' });
    expect(fail({}, file)).toBe('smtp.password_env names MY_SMTP_PASS, which is not set');
    // a full FINBOOK_SMTP_URL brings its own password
    expect(ok({ FINBOOK_SMTP_URL: 'smtp://u:own@h' }, file)).toMatchObject({ password: 'own' });
  });

  it.each([
    [{}, 'no SMTP server configured: set FINBOOK_SMTP_URL (e.g. smtp://user@mail.example.com:587) or smtp.url in the jobs file'],
    [{ FINBOOK_SMTP_URL: 'http://h' }, 'FINBOOK_SMTP_URL must start with smtp:// or smtps://, got http://'],
    [{ FINBOOK_SMTP_URL: 'smtp://:secret@h' }, 'FINBOOK_SMTP_URL has a password but no user name'],
    [{ FINBOOK_SMTP_URL: 'smtp://h', FINBOOK_SMTP_TIMEOUT_MS: 'soon' }, 'FINBOOK_SMTP_TIMEOUT_MS must be a whole number of milliseconds, got "soon"'],
  ])('refuses %o', (env, message) => {
    expect(fail(env)).toBe(message);
  });

  it('never repeats the password of a URL it cannot parse', () => {
    const message = fail({ FINBOOK_SMTP_URL: 'smtp://user:hunter2@bad host' });
    expect(message).not.toContain('hunter2');
    expect(message).toContain('user:***@');
  });
});

describe('maskSecrets', () => {
  it.each([
    ['login failed for user:s3cret', ['s3cret'], 'login failed for user:***'],
    ['url smtp://u:p%40ss@h', ['p@ss'], 'url smtp://u:***@h'],
    ['nothing to hide', [undefined], 'nothing to hide'],
  ])('%s', (text, secrets, masked) => {
    expect(maskSecrets(text, secrets)).toBe(masked);
  });
});
