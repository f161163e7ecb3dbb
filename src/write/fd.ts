// The file operations that can wait on the disk (creating, flushing, renaming, removing),
// through libuv's thread pool with callbacks (lighter than fs.promises' FileHandle). The
// calling thread goes on meanwhile: a batch worker computes its next workbook while the
// last one is being flushed (write/atomic.ts).
import { fsync, open, rename, unlink } from 'node:fs';

const done =
  <T>(res: (v: T) => void, rej: (e: Error) => void) =>
  (err: Error | null, v: T): void =>
    err ? rej(err) : res(v);

export function openFd(path: string, flags: string, mode?: number): Promise<number> {
  return new Promise((res, rej) => open(path, flags, mode, done(res, rej)));
}

export function fsyncFd(fd: number): Promise<void> {
  return new Promise((res, rej) => fsync(fd, (err) => (err ? rej(err) : res())));
}

export function renamePath(from: string, to: string): Promise<void> {
  return new Promise((res, rej) => rename(from, to, (err) => (err ? rej(err) : res())));
}

export function unlinkPath(path: string): Promise<void> {
  return new Promise((res, rej) => unlink(path, (err) => (err ? rej(err) : res())));
}
