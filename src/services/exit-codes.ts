// The exit codes of every finbook command and of every export the service runs (README,
// "Exit codes"): a run of `finbook export`, `run`, `batch` or a queue job ends in one of them.
export const EXIT = {
  ok: 0,
  /** Checks or verification failed (the workbook is still written). */
  failed: 1,
  /** Invalid input or usage. */
  invalid: 2,
  /** Environment or I/O error: a file cannot be written, LibreOffice is missing. */
  environment: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
