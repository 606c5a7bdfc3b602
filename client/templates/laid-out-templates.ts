import { useEffect, useState } from 'react'
import type { LaidOutTemplate } from '../../shared/templates/layout'
import { fetchLaidOutTemplate, type Result } from '../rest-client'

const pending = new Map<string, Promise<Result<LaidOutTemplate>>>()
const loaded = new Map<string, LaidOutTemplate>()

/** A template with its layout, fetched once per template id; a failure is forgotten so the next call asks again. */
export function loadLaidOutTemplate(templateId: string): Promise<Result<LaidOutTemplate>> {
  const known = pending.get(templateId)
  if (known) return known
  const request = fetchLaidOutTemplate(templateId).then((result) => {
    if (result.ok) loaded.set(templateId, result.value)
    else pending.delete(templateId)
    return result
  })
  pending.set(templateId, request)
  return request
}

/** A template with its layout, or null while it loads, when it cannot be had, or when `templateId` is null. */
export function useLaidOutTemplate(templateId: string | null): LaidOutTemplate | null {
  const [, setArrivals] = useState(0)
  useEffect(() => {
    if (!templateId || loaded.has(templateId)) return
    let live = true
    void loadLaidOutTemplate(templateId).then(() => {
      if (live) setArrivals((n) => n + 1)
    })
    return () => {
      live = false
    }
  }, [templateId])
  return templateId ? (loaded.get(templateId) ?? null) : null
}
