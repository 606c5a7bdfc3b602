import { SAVED_LIMITS } from '../../shared/protocol/saved-boards'

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** Whether bytes start like a PNG file (the only picture format the server stores). */
export function isPng(bytes: Uint8Array): boolean {
  return bytes.length > PNG_SIGNATURE.length && PNG_SIGNATURE.equals(bytes.subarray(0, PNG_SIGNATURE.length))
}

/** A thumbnail sent as base64 (a version's picture), or a reason it cannot be one. */
export function pngFromBase64(text: string): { ok: true; png: Uint8Array } | { ok: false; message: string } {
  const png = Buffer.from(text, 'base64')
  if (png.length > SAVED_LIMITS.thumbnailBytes) return { ok: false, message: 'The picture is too large.' }
  if (!isPng(png)) return { ok: false, message: 'The picture must be a PNG.' }
  return { ok: true, png: new Uint8Array(png) }
}

/** Sends a stored PNG; it changes when the board does, so browsers must ask again each time. */
export function pngHeaders(): Record<string, string> {
  return { 'content-type': 'image/png', 'cache-control': 'private, no-cache' }
}
