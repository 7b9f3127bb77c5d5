/** Where a command writes: the terminal in production, buffers in tests. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** True when standard output is a terminal (progress bars, colours). */
  readonly isTty: boolean;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  get isTty() {
    return Boolean(process.stdout.isTTY);
  },
};

/** An Io that keeps what was written, for tests. */
export function bufferIo(): Io & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    isTty: false,
    out(text: string) {
      io.stdout += text.endsWith('\n') ? text : `${text}\n`;
    },
    err(text: string) {
      io.stderr += text.endsWith('\n') ? text : `${text}\n`;
    },
  };
  return io;
}
