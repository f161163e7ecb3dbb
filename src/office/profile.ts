// What every LibreOffice finbook starts shares: the throw-away profile's settings, the
// environment that keeps it out of the user's home and temporary directory, and how long
// it may take.
import { join } from 'node:path';

// Calc > Formula > "Recalculation on file load": 0 = always, 1 = never, 2 = prompt.
// LibreOffice's default for Excel files is "never": it shows the cached values as written,
// so without this a wrong cached value would pass unnoticed.
export const REGISTRY = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** Long enough for a cold start on a busy machine; a hung soffice is ended after it. */
export const DEFAULT_TIMEOUT_MS = 120_000;

/**
 * LibreOffice's environment inside its throw-away dir: it creates ~/.config, GTK/dconf and
 * fontconfig write caches under XDG_CACHE_HOME, and its own temporary files (lu*.tmp) go to
 * TMPDIR; all of them point into `dir` (which holds a `tmp` folder) so nothing of the user's
 * home or temporary directory is touched.
 */
export function officeEnv(base: NodeJS.ProcessEnv, dir: string): NodeJS.ProcessEnv {
  return { ...base, HOME: join(dir, 'home'), XDG_CACHE_HOME: join(dir, 'cache'), XDG_CONFIG_HOME: join(dir, 'config'), TMPDIR: join(dir, 'tmp') };
}
