// Headless LibreOffice with a throw-away profile: PDF export and independent recalculation.
export { convertToPdf, recalculateAllWithOffice, recalculateWithOffice } from './convert.js';
export { INSTALL_COMMAND, OfficeFailedError, OfficeMissingError, findSoffice } from './soffice.js';
export type { OfficeSession } from './session.js';
export { openOfficeSession, withOfficeSession } from './session.js';
export { OfficeServer, UnoMissingError, closeSharedOfficeServer, sharedOfficeServer } from './server.js';
