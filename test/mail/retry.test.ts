import { describe, expect, it } from 'vitest';
import type { SmtpFailure } from '../../src/mail/retry.js';
import { backoffMs, classify, describeFailure } from '../../src/mail/retry.js';

describe('classify: temporary failures are retried, permanent ones are not', () => {
  it.each<[string, SmtpFailure, 'temporary' | 'permanent']>([
    ['451 local error (greylisting)', { code: 'EMESSAGE', responseCode: 451 }, 'temporary'],
    ['421 service not available', { code: 'EPROTOCOL', responseCode: 421 }, 'temporary'],
    ['452 insufficient storage', { code: 'EENVELOPE', responseCode: 452 }, 'temporary'],
    ['550 mailbox unavailable', { code: 'EMESSAGE', responseCode: 550 }, 'permanent'],
    ['554 transaction failed', { code: 'EMESSAGE', responseCode: 554 }, 'permanent'],
    ['535 authentication failed', { code: 'EAUTH', responseCode: 535 }, 'permanent'],
    ['connection refused', { code: 'ESOCKET', originalCode: 'ECONNREFUSED' }, 'temporary'],
    ['connection refused, plain socket error', { code: 'ECONNREFUSED' }, 'temporary'],
    ['connection closed', { code: 'ECONNECTION' }, 'temporary'],
    ['greeting time-out', { code: 'ETIMEDOUT' }, 'temporary'],
    ['DNS: try again', { code: 'EDNS', originalCode: 'EAI_AGAIN' }, 'temporary'],
    ['DNS: no such host', { code: 'EDNS', originalCode: 'ENOTFOUND' }, 'permanent'],
    ['TLS handshake failed', { code: 'ETLS' }, 'permanent'],
    ['missing credentials', { code: 'ENOAUTH' }, 'permanent'],
    ['anything unknown', { message: 'boom' }, 'permanent'],
  ])('%s is %s', (_name, err, kind) => {
    expect(classify(err)).toBe(kind);
  });
});

describe('backoff doubles from the base: three attempts wait base, then 2 x base', () => {
  it.each([
    [10_000, 1, 10_000],
    [10_000, 2, 20_000],
    [10, 1, 10],
    [10, 2, 20],
    [0, 2, 0],
  ])('base %i ms, after attempt %i: %i ms', (base, attempt, wait) => {
    expect(backoffMs({ attempts: 3, baseDelayMs: base }, attempt)).toBe(wait);
  });
});

describe('describeFailure says what happened in one line', () => {
  it.each<[SmtpFailure, string]>([
    [{ response: '451 4.3.0 Try again\r\n later', responseCode: 451 }, '451 4.3.0 Try again later'],
    [{ code: 'ESOCKET', originalCode: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:1' }, 'connection refused (is the SMTP server running?)'],
    [{ code: 'ETIMEDOUT', message: 'Greeting never received' }, 'the SMTP server did not answer in time'],
    [{ code: 'EDNS', originalCode: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND x' }, 'unknown SMTP host'],
    [{ message: 'Something\nelse' }, 'Something else'],
  ])('%o -> %s', (err, text) => {
    expect(describeFailure(err)).toBe(text);
  });
});
