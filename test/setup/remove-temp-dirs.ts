// Runs before every test file (vitest setupFiles): when the file's tests are done, whether
// they passed or not, the LibreOffice its conversions shared (src/office/server.ts) is ended
// and the temporary directories its tests made with tempDir() are removed.
import { afterAll } from 'vitest';
import { closeSharedOfficeServer } from '../../src/office/server.js';
import { removeTempDirs } from '../helpers/temp.js';

afterAll(() => {
  closeSharedOfficeServer();
  removeTempDirs();
});
