// A real SMTP server on 127.0.0.1 (smtp-server) for the delivery tests: it records every
// attempt and parses every accepted message with mailparser. A reply function can turn an
// attempt down with any SMTP code (451 try later, 550 no such mailbox, ...).
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import type { ParsedMail } from 'mailparser';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Received {
  mailFrom: string;
  rcptTo: string[];
  raw: Buffer;
  parsed: ParsedMail;
}

export interface SinkOptions {
  /** An SMTP error for this attempt (1-based), given at the end of DATA; null accepts. */
  reply?: (attempt: number) => { code: number; message: string } | null;
  /** Require AUTH with this user and password. */
  auth?: { user: string; pass: string };
  /** A failed login's 535 reply quotes what the client sent, AUTH PLAIN's base64 blob (as some servers do). */
  quoteAuth?: boolean;
}

export interface SmtpSink {
  port: number;
  /** smtp://127.0.0.1:PORT (with user:pass@ when auth is required). */
  url: string;
  /** Attempts to deliver (one per MAIL FROM). */
  attempts: number;
  messages: Received[];
  close(): Promise<void>;
}

export async function startSink(options: SinkOptions = {}): Promise<SmtpSink> {
  const state = { attempts: 0, messages: [] as Received[] };
  const server = new SMTPServer({
    // Loopback only, plain SMTP: no STARTTLS offered (nodemailer would try a self-signed upgrade).
    disabledCommands: options.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !options.auth,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (options.auth && auth.username === options.auth.user && auth.password === options.auth.pass) callback(null, { user: auth.username });
      else {
        const sent = options.quoteAuth ? `: ${Buffer.from(`\0${auth.username}\0${auth.password ?? ''}`).toString('base64')}` : '';
        callback(Object.assign(new Error(`Invalid username or password${sent}`), { responseCode: 535 }));
      }
    },
    onMailFrom(_address, _session, callback) {
      state.attempts++;
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const answer = options.reply?.(state.attempts) ?? null;
        if (answer) {
          callback(Object.assign(new Error(answer.message), { responseCode: answer.code }));
          return;
        }
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((parsed) => {
            state.messages.push({
              mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              rcptTo: session.envelope.rcptTo.map((r) => r.address),
              raw,
              parsed,
            });
            callback();
          })
          .catch((err: Error) => callback(err));
      });
    },
  });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  const port = (server.server.address() as AddressInfo).port;
  const cred = options.auth ? `${encodeURIComponent(options.auth.user)}:${encodeURIComponent(options.auth.pass)}@` : '';
  return {
    port,
    url: `smtp://${cred}127.0.0.1:${port}`,
    get attempts() {
      return state.attempts;
    },
    messages: state.messages,
    close: () => new Promise<void>((res) => server.close(() => res())),
  };
}

/** A loopback port nobody listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((res) => s.listen(0, '127.0.0.1', res));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((res) => s.close(() => res()));
  return port;
}

/** A loopback server that accepts connections and never greets: every attempt times out. */
export async function silentServer(): Promise<{ port: number; connections: number; close(): Promise<void> }> {
  const sockets = new Set<import('node:net').Socket>();
  let connections = 0;
  const s = createServer((sock) => {
    connections++;
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
  });
  await new Promise<void>((res) => s.listen(0, '127.0.0.1', res));
  return {
    port: (s.address() as AddressInfo).port,
    get connections() {
      return connections;
    },
    close: () =>
      new Promise<void>((res) => {
        for (const sock of sockets) sock.destroy();
        s.close(() => res());
      }),
  };
}
