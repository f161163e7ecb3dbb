// When to try a delivery again. RFC 5321 splits negative SMTP replies into transient (4yz:
// "try again later", e.g. 451 greylisting or a full queue) and permanent (5yz: the same
// message will be refused again, e.g. 550 no such mailbox). A connection that is refused,
// reset or times out says nothing about the message, so it is transient too.

/** What nodemailer attaches to the errors it rejects with (the fields used here). */
export interface SmtpFailure {
  message?: string;
  code?: string;
  /** The underlying socket/DNS code, e.g. ECONNREFUSED under nodemailer's ESOCKET. */
  originalCode?: string;
  responseCode?: number;
  response?: string;
}

export type FailureKind = 'temporary' | 'permanent';

// nodemailer's codes for a connection that failed or dropped before the message was answered.
const CONNECTION_CODES = new Set(['ECONNECTION', 'ESOCKET', 'ETIMEDOUT']);
// Node's socket codes that mean "nobody answered (yet)": worth another try.
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

export function classify(err: SmtpFailure): FailureKind {
  const reply = err.responseCode;
  if (reply !== undefined) {
    if (reply >= 400 && reply < 500) return 'temporary';
    if (reply >= 500 && reply < 600) return 'permanent';
  }
  if (err.code !== undefined && CONNECTION_CODES.has(err.code)) return 'temporary';
  if (err.code !== undefined && SOCKET_CODES.has(err.code)) return 'temporary';
  // A DNS failure is temporary only when the resolver says so (EAI_AGAIN); an unknown host
  // (ENOTFOUND) is a configuration mistake that retrying will not fix.
  if (err.code === 'EDNS') return err.originalCode === 'EAI_AGAIN' ? 'temporary' : 'permanent';
  if (err.originalCode !== undefined && SOCKET_CODES.has(err.originalCode)) return 'temporary';
  return 'permanent';
}

export interface RetryPolicy {
  /** Attempts in all, the first one included. */
  attempts: number;
  /** Wait before the second attempt; each later wait doubles. */
  baseDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 10_000 };

/** Milliseconds to wait after failed attempt `attempt` (1-based) before the next one. */
export function backoffMs(policy: RetryPolicy, attempt: number): number {
  return policy.baseDelayMs * 2 ** (attempt - 1);
}

/** One line for a person: the server's reply when there is one, else the error. */
export function describeFailure(err: SmtpFailure): string {
  if (err.response) return err.response.replace(/\s+/g, ' ').trim();
  const code = err.originalCode ?? err.code;
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused (is the SMTP server running?)';
    case 'ECONNRESET':
      return 'connection reset by the server';
    case 'ENOTFOUND':
      return 'unknown SMTP host';
    default:
      break;
  }
  if (err.code === 'ETIMEDOUT') return 'the SMTP server did not answer in time';
  return (err.message ?? 'unknown error').replace(/\s+/g, ' ').trim();
}
