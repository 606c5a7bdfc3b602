/** A random url-safe id. Uses getRandomValues, which (unlike randomUUID) also works on plain http. */
export function randomId(bytes = 12): string {
  const buffer = new Uint8Array(bytes)
  crypto.getRandomValues(buffer)
  let text = ''
  for (const byte of buffer) text += String.fromCharCode(byte)
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** A random integer in [0, below). */
export function randomInt(below: number): number {
  const buffer = new Uint32Array(1)
  crypto.getRandomValues(buffer)
  return (buffer[0] ?? 0) % below
}
