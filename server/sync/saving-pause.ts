import { StorageBusy } from '../storage/board-store'

/** Waits between attempts while storage is busy: doubling from `firstMs` up to `maxMs`. */
export interface RetryBackoff {
  firstMs: number
  maxMs: number
}

export const DEFAULT_RETRY_BACKOFF: RetryBackoff = { firstMs: 50, maxMs: 2_000 }

/**
 * Runs a storage write until it goes through. While storage says it is busy (StorageBusy, e.g. a
 * lock held by a backup) it waits and tries again, without blocking anything else, calling
 * `onBusy` before each wait. Any other error is thrown.
 */
export async function writeWhenStorageFree(
  write: () => Promise<void>,
  onBusy: () => void,
  backoff: RetryBackoff = DEFAULT_RETRY_BACKOFF,
): Promise<void> {
  let wait = backoff.firstMs
  for (;;) {
    try {
      await write()
      return
    } catch (error) {
      if (!(error instanceof StorageBusy)) throw error
      onBusy()
      await new Promise((resolve) => setTimeout(resolve, wait))
      wait = Math.min(backoff.maxMs, wait * 2)
    }
  }
}
