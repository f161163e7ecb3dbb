// Runs before every test file (vitest setupFiles). Its conversions go to its worker's
// LibreOffice of the run's pool (test/setup/office-pool.ts), when there is one. When the
// file's tests are done, whether they passed or not, the connection to LibreOffice (or the
// LibreOffice it started) is ended (src/office/server.ts) and the temporary directories its
// tests made with tempDir() are removed.
import { afterAll } from 'vitest';
import { closeSharedOfficeServer } from '../../src/office/server.js';
import { removeTempDirs } from '../helpers/temp.js';
import { POOL_ENV } from './office-pool.js';

const pipes = process.env[POOL_ENV]?.split(',') ?? [];
if (pipes.length > 0) process.env.FINBOOK_OFFICE_PIPE = pipes[(Number(process.env.VITEST_POOL_ID ?? 1) - 1) % pipes.length];

afterAll(() => {
  closeSharedOfficeServer();
  removeTempDirs();
});
