import { useEffect, useState } from 'react'
import { DEFAULT_BOARD_LIMITS } from '../shared/boards/board-limits'
import type { ClientConfig } from '../shared/protocol/rest'
import { fetchClientConfig } from './rest-client'

const FALLBACK: ClientConfig = { tldrawLicenseKey: null, boardLimits: DEFAULT_BOARD_LIMITS }

let pending: Promise<ClientConfig> | null = null

/** The run-time settings, fetched once; a failure falls back to defaults so the board still opens. */
export function loadClientConfig(): Promise<ClientConfig> {
  pending ??= fetchClientConfig().then((result) => {
    if (result.ok) return result.value
    pending = null // ask again next time; the server may be back
    return FALLBACK
  })
  return pending
}

/** The run-time settings, or null while they load. */
export function useClientConfig(): ClientConfig | null {
  const [config, setConfig] = useState<ClientConfig | null>(null)
  useEffect(() => {
    let live = true
    void loadClientConfig().then((loaded) => {
      if (live) setConfig(loaded)
    })
    return () => {
      live = false
    }
  }, [])
  return config
}
