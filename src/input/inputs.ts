// The files a command has read as input, by device and inode, so that no output replaces
// one of them (`finbook export m.yaml --out m.yaml`, or a hard link to the template):
// src/write/safe-path.ts asks here before it writes.

const read = new Map<string, string>();

const key = (stat: { dev: number; ino: number }): string => `${stat.dev}:${stat.ino}`;

export function rememberInput(stat: { dev: number; ino: number }, path: string): void {
  read.set(key(stat), path);
}

/** The path under which the file was read as input, or undefined when it was not. */
export function inputPath(stat: { dev: number; ino: number }): string | undefined {
  return read.get(key(stat));
}

/** A new command starts with nothing read (the CLI runs many commands in one test process). */
export function forgetInputs(): void {
  read.clear();
}

/** Stop protecting one input: `finbook pull --write` rewrites the model it read, on purpose. */
export function forgetInput(stat: { dev: number; ino: number }): void {
  read.delete(key(stat));
}
