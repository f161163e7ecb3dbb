// One LibreOffice for many conversions: started on the first, reused for every file after it
// (a `finbook run` with a PDF per job, `finbook batch --pdf`, a queue worker), restarted when
// it dies or hangs, and ended when finbook exits or is interrupted. Starting LibreOffice with
// a fresh profile is most of a single conversion's time (1.4-1.6 s of about 3 s), so each
// file after the first costs only its own loading and printing.
//
// soffice listens on a named pipe; python3-uno (uno-script.ts) drives it, one request per line.
// Everything lives in one throw-away directory (profile, HOME, caches, results), as in
// session.ts: the user's own LibreOffice profile is never touched. Without python3-uno,
// start() fails with UnoMissingError and callers convert one soffice run per file (session.ts).
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { onInterrupt } from '../write/interrupt.js';
import { DEFAULT_TIMEOUT_MS, REGISTRY, officeEnv } from './profile.js';
import type { ConversionTarget } from './session.js';
import { OfficeFailedError, requireSoffice } from './soffice.js';
import { UNO_SCRIPT } from './uno-script.js';

/** No Python with LibreOffice's uno module: convert with one soffice run per file instead. */
export class UnoMissingError extends Error {}

/** The Python that can drive this LibreOffice: FINBOOK_PYTHON, LibreOffice's own, the system's. */
export function findUnoPython(soffice: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const executable = (f: string): boolean => {
    try {
      accessSync(f, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  if (env.FINBOOK_PYTHON) return executable(env.FINBOOK_PYTHON) ? env.FINBOOK_PYTHON : null;
  let own: string[] = [];
  try {
    // LibreOffice's official packages bring their own Python beside soffice
    own = [join(dirname(realpathSync(soffice)), 'python')];
  } catch {
    // a wrapper or a program that is gone: the system's Python then
  }
  return [...own, '/usr/bin/python3', '/usr/local/bin/python3'].find(executable) ?? null;
}

interface Running {
  child: ChildProcess;
  dir: string;
  /** The next line from the script, when one is awaited. */
  waiting: { resolve(line: string): void; reject(err: Error): void } | null;
  lines: string[];
  stderr: string[];
  exited: boolean;
}

export interface OfficeServerOptions {
  /** Per conversion (and for starting): a LibreOffice that takes longer is ended and restarted. */
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

export class OfficeServer {
  /** LibreOffice instances started so far. */
  starts = 0;
  private running: Running | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private conversions = 0;
  private readonly timeoutMs: number;
  private readonly env: NodeJS.ProcessEnv;
  private forgetHooks: (() => void) | null = null;

  constructor(options: OfficeServerOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.env = options.env ?? process.env;
  }

  /**
   * Convert `inputPath` with a LibreOffice export filter; returns the result's path inside the
   * server's directory (the caller moves it). One conversion at a time. A LibreOffice that
   * died is restarted and the file tried once more; one that hangs is ended (and the next
   * conversion starts a new one).
   */
  convert(inputPath: string, target: ConversionTarget): Promise<string> {
    const next = this.queue.then(() => this.convertNow(inputPath, target));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** The soffice's process id (for tests that end it), or null when none runs. */
  get officePid(): number | null {
    const r = this.running;
    return r && !r.exited ? (r.child.pid ?? null) : null;
  }

  /** End LibreOffice and remove its directory, at once (also on exit and on SIGINT/SIGTERM). */
  close(): void {
    this.stop();
    this.forgetHooks?.();
    this.forgetHooks = null;
  }

  private async convertNow(inputPath: string, target: ConversionTarget): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      const r = await this.start();
      const out = join(r.dir, 'out', `${++this.conversions}.${target.ext}`);
      try {
        const reply = JSON.parse(await this.request(r, JSON.stringify({ in: inputPath, out, filter: target.filter, recalc: target.recalc === true }))) as { ok: boolean; error?: string };
        if (!reply.ok) throw new OfficeFailedError(`LibreOffice could not convert ${inputPath} to ${target.ext}: ${reply.error ?? 'no reason given'}`);
        return out;
      } catch (err) {
        // died under this file: once more on a fresh LibreOffice (a crash it caused again fails)
        if (r.exited && !(err instanceof TimeoutError) && attempt === 1) continue;
        throw err;
      }
    }
  }

  private async start(): Promise<Running> {
    if (this.running && !this.running.exited) return this.running;
    this.stop();
    const soffice = requireSoffice(this.env);
    const python = findUnoPython(soffice, this.env);
    if (!python) throw new UnoMissingError('no Python with python3-uno found');
    // before anything is created: a bad FINBOOK_OFFICE_PIPE leaves nothing behind
    const outside = outsideOfficePipe(this.env);
    const dir = mkdtempSync(join(tmpdir(), 'finbook-office-'));
    mkdirSync(join(dir, 'out'));
    mkdirSync(join(dir, 'tmp'));
    // a profile only for a LibreOffice of its own
    if (!outside) {
      mkdirSync(join(dir, 'profile', 'user'), { recursive: true });
      writeFileSync(join(dir, 'profile', 'user', 'registrymodifications.xcu'), REGISTRY);
    }
    const env = officeEnv(this.env, dir);
    const pipe = outside ?? `finbook-${process.pid}-${Date.now().toString(36)}-${this.starts}`;
    // its own process group (python, soffice, soffice.bin): ended as one; a LibreOffice
    // listening on FINBOOK_OFFICE_PIPE is someone else's, only connected to
    const args = outside ? ['--connect', '-', pipe, dir] : [soffice, pathToFileURL(join(dir, 'profile')).href, pipe, dir];
    const child = spawn(python, ['-c', UNO_SCRIPT, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    this.starts++;
    const r: Running = { child, dir, waiting: null, lines: [], stderr: [], exited: false };
    this.running = r;
    this.forgetHooks ??= hookExit(this);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (r.waiting) {
        const w = r.waiting;
        r.waiting = null;
        w.resolve(line);
      } else r.lines.push(line);
    });
    createInterface({ input: child.stderr! }).on('line', (line) => {
      r.stderr.push(line);
      if (r.stderr.length > 5) r.stderr.shift();
    });
    child.stdin!.on('error', () => undefined); // a script that is gone: 'exit' reports it
    const ended = (code: number | null, signal: NodeJS.Signals | null, spawnError?: Error): void => {
      if (r.exited) return;
      r.exited = true;
      const said = r.stderr.join(' / ');
      const err =
        code === 4 ? new UnoMissingError(said) : new OfficeFailedError(spawnError ? `cannot run ${python}: ${spawnError.message}` : `LibreOffice stopped (${signal ?? `exit ${code}`})${said ? `: ${said}` : ''}`);
      r.waiting?.reject(err);
      r.waiting = null;
    };
    child.on('exit', (code, signal) => ended(code, signal));
    child.on('error', (err) => ended(null, null, err));
    const ready = JSON.parse(await this.next(r)) as { ready?: boolean };
    if (!ready.ready) throw new OfficeFailedError('LibreOffice did not start');
    return r;
  }

  private request(r: Running, line: string): Promise<string> {
    r.child.stdin!.write(`${line}\n`);
    return this.next(r);
  }

  /** The script's next line; the process is kept alive (ref) only while one is awaited. */
  private next(r: Running): Promise<string> {
    const queued = r.lines.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (r.exited) return Promise.reject(new OfficeFailedError(`LibreOffice stopped${r.stderr.length ? `: ${r.stderr.join(' / ')}` : ''}`));
    setRef(r.child, true);
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        r.waiting = null;
        this.stop();
        reject(new TimeoutError(`LibreOffice did not finish within ${Math.round(this.timeoutMs / 1000)} s; it was ended`));
      }, this.timeoutMs);
      r.waiting = {
        resolve: (l) => {
          clearTimeout(timer);
          setRef(r.child, false);
          resolve(l);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
    });
  }

  private stop(): void {
    const r = this.running;
    if (!r) return;
    this.running = null;
    // the whole group, even when the script has ended: a soffice of it may still run
    if (r.child.pid !== undefined) {
      try {
        process.kill(-r.child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      // a killed soffice still finishing a write would recreate its profile and temporary
      // files after the directory is removed: wait until none of the group runs
      waitUntilGroupEnds(r.child.pid, 3000);
    }
    r.exited = true;
    setRef(r.child, false);
    rmSync(r.dir, { recursive: true, force: true, maxRetries: 3 });
  }
}

class TimeoutError extends OfficeFailedError {}

/** Block until no process of the group runs (zombies, ended but not yet reaped, do not), at most `ms`; Linux's /proc only. */
export function waitUntilGroupEnds(pgid: number, ms: number): void {
  if (process.platform !== 'linux') return;
  const deadline = Date.now() + ms;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  while (Date.now() < deadline && groupRuns(pgid)) Atomics.wait(pause, 0, 0, 20);
}

function groupRuns(pgid: number): boolean {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // after the command's closing parenthesis: state, ppid, pgrp
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(pgrp) === pgid && state !== 'Z') return true;
    } catch {
      // ended meanwhile
    }
  }
  return false;
}

/**
 * FINBOOK_OFFICE_PIPE: the name of a pipe on which a LibreOffice someone else runs accepts
 * UNO connections (`soffice --headless --accept='pipe,name=NAME;urp;'`, as document
 * conversion services keep one); finbook then converts there instead of starting its own,
 * and leaves it running. Recalculations ask for a hard recalculation, so that LibreOffice's
 * own "Recalculation on file load" setting does not matter.
 */
export function outsideOfficePipe(env: NodeJS.ProcessEnv): string | null {
  const name = env.FINBOOK_OFFICE_PIPE;
  if (name === undefined || name === '') return null;
  // LibreOffice's pipe names become part of a socket path: plain names only
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(name)) throw new OfficeFailedError(`FINBOOK_OFFICE_PIPE must be a pipe name of letters, digits, '.', '_' and '-' (at most 100), not ${JSON.stringify(name.slice(0, 120))}`);
  return name;
}

/** An idle LibreOffice does not keep finbook running; one at work does. */
function setRef(child: ChildProcess, ref: boolean): void {
  for (const s of [child, child.stdin, child.stdout, child.stderr] as const) {
    const h = s as { ref?(): void; unref?(): void } | null;
    if (ref) h?.ref?.();
    else h?.unref?.();
  }
}

/** End the server's LibreOffice when finbook exits, however it exits (except SIGKILL: then the script's input ends, and it ends soffice). */
function hookExit(server: OfficeServer): () => void {
  const onExit = (): void => server.close();
  process.on('exit', onExit);
  const forget = onInterrupt(onExit);
  return () => {
    process.off('exit', onExit);
    forget();
  };
}

let shared: OfficeServer | null = null;

/** The process's LibreOffice (started on first use). */
export function sharedOfficeServer(): OfficeServer {
  return (shared ??= new OfficeServer());
}

/** End the process's LibreOffice now, if one runs (the next conversion starts another). */
export function closeSharedOfficeServer(): void {
  shared?.close();
  shared = null;
}
