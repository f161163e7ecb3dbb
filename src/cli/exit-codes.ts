// The CLI's exit codes are the export service's (src/services/exit-codes.ts).
export { EXIT } from '../services/exit-codes.js';
export type { ExitCode } from '../services/exit-codes.js';
