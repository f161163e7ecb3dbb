// A headless LibreOffice with a throw-away profile: created in the temp directory, reused
// for every conversion within one run (a warm profile starts faster), removed afterwards.
// The user's own LibreOffice profile, settings and caches are never touched.
import { mkdtemp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { OfficeFailedError, requireSoffice, runSoffice } from './soffice.js';

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

export interface OfficeSession {
  /** Convert a file with a LibreOffice export filter; returns the path of the result (inside the session). */
  convert(inputPath: string, target: { ext: string; filter: string }): Promise<string>;
  /**
   * Convert several files in one LibreOffice run (one start-up instead of one each); their
   * names must differ. Returns the results' paths, in the order given.
   */
  convertAll(inputPaths: readonly string[], target: { ext: string; filter: string }): Promise<string[]>;
  dispose(): Promise<void>;
}

/**
 * LibreOffice's environment inside its throw-away dir: it creates ~/.config, GTK/dconf and
 * fontconfig write caches under XDG_CACHE_HOME, and its own temporary files (lu*.tmp) go to
 * TMPDIR; all of them point into `dir` (which holds a `tmp` folder) so nothing of the user's
 * home or temporary directory is touched.
 */
export function officeEnv(base: NodeJS.ProcessEnv, dir: string): NodeJS.ProcessEnv {
  return { ...base, HOME: join(dir, 'home'), XDG_CACHE_HOME: join(dir, 'cache'), XDG_CONFIG_HOME: join(dir, 'config'), TMPDIR: join(dir, 'tmp') };
}

export async function openOfficeSession(options: { timeoutMs?: number } = {}): Promise<OfficeSession> {
  const program = requireSoffice();
  const dir = await mkdtemp(join(tmpdir(), 'finbook-office-'));
  await mkdir(join(dir, 'profile', 'user'), { recursive: true });
  await mkdir(join(dir, 'tmp'));
  await writeFile(join(dir, 'profile', 'user', 'registrymodifications.xcu'), REGISTRY);
  const env = officeEnv(process.env, dir);
  const profileUrl = pathToFileURL(join(dir, 'profile')).href;
  let count = 0;
  let queue: Promise<unknown> = Promise.resolve();

  const convertOnce = async (inputPaths: readonly string[], target: { ext: string; filter: string }): Promise<string[]> => {
    const stems = inputPaths.map((p) => basename(p, extname(p)));
    if (new Set(stems).size !== stems.length) throw new Error('internal: files converted together need different names');
    const outDir = join(dir, `out-${++count}`);
    await mkdir(outDir);
    const args = [
      `-env:UserInstallation=${profileUrl}`,
      '--headless',
      '--invisible',
      '--nologo',
      '--nodefault',
      '--norestore',
      '--nolockcheck',
      '--convert-to',
      `${target.ext}:${target.filter}`,
      '--outdir',
      outDir,
      ...inputPaths.map((p) => resolve(p)),
    ];
    const run = await runSoffice(program, args, env, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    const produced = await readdir(outDir);
    const expected = stems.map((stem) => `${stem}.${target.ext}`);
    const missing = expected.filter((name) => !produced.includes(name));
    if (missing.length === 0) return expected.map((name) => join(outDir, name));
    const said = `${run.stderr}\n${run.stdout}`.trim().split('\n').filter(Boolean).slice(-3).join(' / ');
    const which = inputPaths.length === 1 ? basename(inputPaths[0]!) : `${missing.length} of ${inputPaths.length} files`;
    throw new OfficeFailedError(`LibreOffice could not convert ${which} to ${target.ext} (exit ${run.code ?? 'signal'})${said ? `: ${said}` : ''}; expected ${missing.join(', ')}`);
  };

  // One soffice at a time per profile: a second one would hand its work to the first.
  const queued = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work);
    queue = next.catch(() => undefined);
    return next;
  };

  return {
    convert: (inputPath, target) => queued(async () => (await convertOnce([inputPath], target))[0]!),
    convertAll: (inputPaths, target) => queued(() => convertOnce(inputPaths, target)),
    async dispose() {
      await queue;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Run `work` with a fresh session and always remove the profile afterwards. */
export async function withOfficeSession<T>(work: (s: OfficeSession) => Promise<T>, options: { timeoutMs?: number } = {}): Promise<T> {
  const session = await openOfficeSession(options);
  try {
    return await work(session);
  } finally {
    await session.dispose();
  }
}
