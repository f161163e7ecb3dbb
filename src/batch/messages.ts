// What the batch's main thread and its workers tell each other.
import type { ExitCode } from '../services/exit-codes.js';
import { EXIT } from '../services/exit-codes.js';

export interface BatchTask {
  index: number;
  /** Absolute path of the model file. */
  model: string;
  /** Absolute path of the workbook to write. */
  out: string;
  protect: boolean;
}

/**
 * exported: written, every check OK; checks_failed: written, some check failed;
 * invalid: the model or its template has mistakes, nothing written; environment: the
 * workbook could not be written; crashed: an internal error (a bug) or a dead worker.
 */
export type BatchStatus = 'exported' | 'checks_failed' | 'invalid' | 'environment' | 'crashed';

/**
 * A worker's note that a model's workbook is built and only writing it is left: the pool
 * sends the next model, which the worker computes while the file is flushed.
 */
export interface BatchComputed {
  computed: number;
}

export interface BatchOutcome {
  index: number;
  status: BatchStatus;
  /** What `finbook export` would have printed on stderr for this model. */
  messages: string[];
  ms: number;
}

export function statusOf(code: ExitCode): BatchStatus {
  switch (code) {
    case EXIT.ok:
      return 'exported';
    case EXIT.failed:
      return 'checks_failed';
    case EXIT.invalid:
      return 'invalid';
    case EXIT.environment:
      return 'environment';
    default:
      return 'crashed';
  }
}

/** A workbook was written (its checks may still have failed). */
export function isExported(s: BatchStatus): boolean {
  return s === 'exported' || s === 'checks_failed';
}
