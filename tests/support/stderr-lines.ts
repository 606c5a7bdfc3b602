/** Records what this process writes to stderr (the server's warnings and errors), still passing it on. */
export function recordStderr(): { lines(): string[]; stop(): void } {
  const written: string[] = []
  const original = process.stderr.write
  process.stderr.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
    written.push(String(chunk))
    return (original as (...args: unknown[]) => boolean).call(this, chunk, ...rest)
  } as typeof process.stderr.write
  return {
    lines: () => written.join('').split('\n').filter(Boolean),
    stop: () => {
      process.stderr.write = original
    },
  }
}
