// Send one message over SMTP with nodemailer: a fresh connection per attempt, transient
// failures retried with a doubling wait, permanent ones reported at once.
import { setTimeout as sleep } from 'node:timers/promises';
import type { SendMailOptions } from 'nodemailer';
import type { SmtpFailure } from './retry.js';
import { backoffMs, classify, describeFailure } from './retry.js';
import type { SmtpSettings } from './smtp-config.js';
import { maskSecrets } from './smtp-config.js';

export type SendResult =
  | { ok: true; attempts: number; messageId: string; accepted: string[]; rejected: string[] }
  | { ok: false; attempts: number; permanent: boolean; reason: string };

/** Progress lines (a failed attempt and the wait before the next one). */
export type SendLog = (line: string) => void;

export async function sendWithRetry(settings: SmtpSettings, message: SendMailOptions, log: SendLog): Promise<SendResult> {
  const { attempts } = settings.retry;
  const secrets = [settings.password];
  // loaded when a mail is sent, not at every start of the CLI (export's start-up time)
  const nodemailer = (await import('nodemailer')).default;
  for (let attempt = 1; ; attempt++) {
    const transport = nodemailer.createTransport({
      host: settings.host,
      port: settings.port,
      secure: settings.secure,
      auth: settings.user !== undefined ? { user: settings.user, pass: settings.password ?? '' } : undefined,
      connectionTimeout: settings.timeoutMs,
      greetingTimeout: settings.timeoutMs,
      socketTimeout: settings.timeoutMs,
      logger: false,
    });
    try {
      const info = await transport.sendMail({ ...message, from: settings.from });
      return { ok: true, attempts: attempt, messageId: info.messageId, accepted: info.accepted.map(String), rejected: info.rejected.map(String) };
    } catch (err) {
      const failure = err as SmtpFailure;
      const kind = classify(failure);
      const reason = maskSecrets(describeFailure(failure), secrets);
      if (kind === 'permanent') return { ok: false, attempts: attempt, permanent: true, reason };
      if (attempt >= attempts) return { ok: false, attempts: attempt, permanent: false, reason };
      const wait = backoffMs(settings.retry, attempt);
      log(`attempt ${attempt} of ${attempts} failed (${reason}); trying again in ${formatWait(wait)}`);
      await sleep(wait);
    } finally {
      transport.close();
    }
  }
}

function formatWait(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${+(ms / 1000).toFixed(1)} s`;
}
