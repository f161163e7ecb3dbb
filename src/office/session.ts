// A session of conversions (verify's recalculations, a PDF): its results are kept until the
// session is disposed. The conversions themselves go to the
// process's one LibreOffice (server.ts), so a `verify` that recalculates the written workbook
// and then each other scenario, or a program that verifies many workbooks, starts LibreOffice
// once; starting it is most of a conversion's cost (a fresh profile, several seconds of CPU).
// Without python3-uno, each conversion is one `soffice --convert-to` run with a throw-away
// profile, as before. The user's own LibreOffice profile, settings and caches are never touched.
import { mkdtemp, mkdir, readdir, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_TIMEOUT_MS, REGISTRY, officeEnv } from './profile.js';
import { UnoMissingError, sharedOfficeServer } from './server.js';
import { OfficeFailedError, requireSoffice, runSoffice } from './soffice.js';

export interface ConversionTarget {
  ext: string;
  /** A LibreOffice export filter (`soffice --help`, Calc's filter list). */
  filter: string;
  /** Recalculate every formula before storing (verify), whatever the LibreOffice's own setting. */
  recalc?: boolean;
}

export interface OfficeSession {
  /** Convert a file with a LibreOffice export filter; returns the path of the result (inside the session). */
  convert(inputPath: string, target: ConversionTarget): Promise<string>;
  /** Convert several files (their names must differ); returns the results' paths, in the order given. */
  convertAll(inputPaths: readonly string[], target: ConversionTarget): Promise<string[]>;
  dispose(): Promise<void>;
}

/** Set once the process's LibreOffice could not be driven (no python3-uno): soffice per run after. */
let unoMissing = false;

export async function openOfficeSession(): Promise<OfficeSession> {
  // OfficeMissingError before anything is created
  const program = requireSoffice();
  // the soffice-per-run way's directory (profile, results), made when first needed; through
  // the kept LibreOffice, results stay in its directory (which it removes even when finbook
  // is killed) until the session is disposed
  let own: Promise<{ dir: string; url: string; env: NodeJS.ProcessEnv }> | null = null;
  const ownDir = (): Promise<{ dir: string; url: string; env: NodeJS.ProcessEnv }> =>
    (own ??= (async () => {
      const dir = await mkdtemp(join(tmpdir(), 'finbook-office-'));
      await mkdir(join(dir, 'profile', 'user'), { recursive: true });
      await mkdir(join(dir, 'tmp'));
      await writeFile(join(dir, 'profile', 'user', 'registrymodifications.xcu'), REGISTRY);
      return { dir, url: pathToFileURL(join(dir, 'profile')).href, env: officeEnv(process.env, dir) };
    })());
  let count = 0;
  const produced: string[] = [];

  const viaServer = async (inputPaths: readonly string[], target: ConversionTarget): Promise<string[]> => {
    const results: string[] = [];
    for (const input of inputPaths) {
      const result = await sharedOfficeServer().convert(resolve(input), target);
      produced.push(result);
      results.push(result);
    }
    return results;
  };

  const viaSoffice = async (inputPaths: readonly string[], target: ConversionTarget): Promise<string[]> => {
    const { dir, url, env } = await ownDir();
    const outDir = join(dir, `out-${++count}`);
    await mkdir(outDir);
    const stems = inputPaths.map((p) => basename(p, extname(p)));
    const args = [
      `-env:UserInstallation=${url}`,
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
    const run = await runSoffice(program, args, env, DEFAULT_TIMEOUT_MS);
    const made = await readdir(outDir);
    const expected = stems.map((stem) => `${stem}.${target.ext}`);
    const missing = expected.filter((name) => !made.includes(name));
    if (missing.length === 0) return expected.map((name) => join(outDir, name));
    const said = `${run.stderr}\n${run.stdout}`.trim().split('\n').filter(Boolean).slice(-3).join(' / ');
    const which = inputPaths.length === 1 ? basename(inputPaths[0]!) : `${missing.length} of ${inputPaths.length} files`;
    throw new OfficeFailedError(`LibreOffice could not convert ${which} to ${target.ext} (exit ${run.code ?? 'signal'})${said ? `: ${said}` : ''}; expected ${missing.join(', ')}`);
  };

  const convertAll = async (inputPaths: readonly string[], target: ConversionTarget): Promise<string[]> => {
    const stems = inputPaths.map((p) => basename(p, extname(p)));
    if (new Set(stems).size !== stems.length) throw new Error('internal: files converted together need different names');
    if (!unoMissing) {
      try {
        return await viaServer(inputPaths, target);
      } catch (err) {
        if (!(err instanceof UnoMissingError)) throw err;
        unoMissing = true;
      }
    }
    return viaSoffice(inputPaths, target);
  };

  // one conversion at a time per session: the soffice-per-run way shares one profile, which
  // a second soffice would hand its work to
  let queue: Promise<unknown> = Promise.resolve();
  const queued = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work);
    queue = next.catch(() => undefined);
    return next;
  };

  return {
    convert: (inputPath, target) => queued(async () => (await convertAll([inputPath], target))[0]!),
    convertAll: (inputPaths, target) => queued(() => convertAll(inputPaths, target)),
    async dispose() {
      await queue;
      await Promise.all(produced.map((p) => unlink(p).catch(() => undefined)));
      if (own) await rm((await own).dir, { recursive: true, force: true });
    },
  };
}

/** Run `work` with a fresh session and always remove its directory afterwards. */
export async function withOfficeSession<T>(work: (s: OfficeSession) => Promise<T>): Promise<T> {
  const session = await openOfficeSession();
  try {
    return await work(session);
  } finally {
    await session.dispose();
  }
}
