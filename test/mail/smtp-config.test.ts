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
    expect(message).toBe('FINBOOK_SMTP_URL is not a URL: smtp://***@bad host');
  });

  it.each([
    ['a password with / (the URL then fails to parse)', 'smtp://user:pa/ss/word@bad host:25', 'is not a URL: smtp://***@bad host:25'],
    ['a password with @ and / that parses as a host and a path', 'smtp://user:p@ss/w@rd@mail.example.com', 'has something after the host (a / ? or # in a password is written %2F %3F %23): smtp://***@mail.example.com'],
    ['a malformed percent escape', 'smtp://user:se%zzcret@mail.example.com:25', 'has a malformed %-escape in its user name or password (a literal % is written %25): smtp://***@mail.example.com:25'],
  ])('%s: a message without the password', (_, url, message) => {
    const env = { FINBOOK_SMTP_URL: url };
    expect(fail(env)).toBe(`FINBOOK_SMTP_URL ${message}`);
    // the jobs file's url is reported the same way
    expect(fail({}, { url })).toBe(`smtp.url in the jobs file ${message}`);
  });
});

describe('maskSecrets', () => {
  it.each([
    ['login failed for user:s3cret', ['s3cret'], 'login failed for user:***'],
    ['url smtp://u:p%40ss@h', ['p@ss'], 'url smtp://u:***@h'],
    ['nothing to hide', [undefined], 'nothing to hide'],
    // a 535 reply quoting the AUTH PLAIN blob (\0user\0password) and AUTH LOGIN's password
    [`535 5.7.8 Authentication failed: ${Buffer.from('\0reports\0s3cret/pw').toString('base64')}`, ['s3cret/pw'], '535 5.7.8 Authentication failed: ***'],
    [`535 bad password ${Buffer.from('s3cret/pw').toString('base64')} for reports`, ['s3cret/pw'], '535 bad password *** for reports'],
    [`535 5.7.8 ${Buffer.from('\0reports\0other').toString('base64')}`, ['s3cret/pw'], `535 5.7.8 ${Buffer.from('\0reports\0other').toString('base64')}`],
  ])('%s', (text, secrets, masked) => {
    expect(maskSecrets(text, secrets)).toBe(masked);
  });
});
