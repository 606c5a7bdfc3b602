import { randomId } from '../random-id'

const STORAGE_KEY = 'lockstep:client-key'
const KEY_PATTERN = /^[A-Za-z0-9_-]{16,64}$/

/**
 * A random key this browser keeps for every board, so the server recognises a participant across
 * reloads (granted roles, one vote each). Falls back to a per-visit key without storage.
 */
export function loadClientKey(): string {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY)
    if (stored && KEY_PATTERN.test(stored)) return stored
  } catch {
    // storage disabled: a fresh key for this visit
  }
  const fresh = randomId(24)
  try {
    window.localStorage.setItem(STORAGE_KEY, fresh)
  } catch {
    // the key still works for this visit
  }
  return fresh
}

export const CLIENT_KEY = loadClientKey()
