// Tests that need LibreOffice run when soffice is installed, and under CI always: there a
// missing soffice fails them (with the install command) instead of skipping them.
import { describe } from 'vitest';
import { findSoffice } from '../../src/office/index.js';

export const officeAvailable = findSoffice() !== null;
export const describeWithOffice = officeAvailable || process.env.CI ? describe : describe.skip;
