import { StorageBusy } from './board-store'

/** SQLSTATE classes and codes that mean "the database is not reachable now", not "this write is wrong". */
const UNAVAILABLE = /^(08|53|57P0[123]|40001|40P01)/
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN'])

/** Whether an error from `pg` means the database is away for now (restart, failover, network). */
export function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string' && (UNAVAILABLE.test(code) || NETWORK.has(code))) return true
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Query read timeout/i.test(
    error.message,
  )
}

/** Runs a write; a database that cannot be reached becomes StorageBusy (retry later), not a failure. */
export async function failuresAsStorageBusy<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write()
  } catch (error) {
    if (isUnavailable(error)) throw new StorageBusy(`database unavailable: ${(error as Error).message}`)
    throw error
  }
}
