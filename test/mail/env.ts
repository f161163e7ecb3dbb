// Set FINBOOK_* variables for one test and put the old values back afterwards.
const saved = new Map<string, string | undefined>();

export function setEnv(values: Record<string, string | undefined>): void {
  for (const [k, v] of Object.entries(values)) {
    if (!saved.has(k)) saved.set(k, process.env[k]);
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
}

export function restoreEnv(): void {
  for (const [k, v] of saved) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  saved.clear();
}

/** Fast retries for tests: 10 ms, then 20 ms; a 2 s time-out. */
export function smtpEnv(url: string | undefined): void {
  setEnv({ FINBOOK_SMTP_URL: url, FINBOOK_SMTP_RETRY_BASE_MS: '10', FINBOOK_SMTP_TIMEOUT_MS: '2000', FINBOOK_MAIL_FROM: 'finbook-test@localhost' });
}
