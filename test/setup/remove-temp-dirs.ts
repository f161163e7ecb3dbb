// Runs before every test file (vitest setupFiles): the temporary directories its tests made
// with tempDir() are removed when the file's tests are done, whether they passed or not.
import { afterAll } from 'vitest';
import { removeTempDirs } from '../helpers/temp.js';

afterAll(removeTempDirs);
