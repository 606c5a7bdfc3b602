/** Compiles the server and builds the client when missing or older than their sources. */
export function ensureBuilt(log?: (line: string) => void): Promise<void>
