/**
 * What must change to bring a board back to a version: the records to put (new or different)
 * and the ids to remove. Pure, so the browser (through tldraw, undoable) and the server (straight
 * into Yjs) restore the same way.
 */
export interface RestorePlan<R extends { id: string }> {
  put: R[]
  remove: string[]
}

export function planRestore<R extends { id: string }>(
  current: ReadonlyMap<string, unknown>,
  target: readonly R[],
): RestorePlan<R> {
  const wanted = new Set(target.map((record) => record.id))
  const put = target.filter((record) =>
    isAttribution(record.id) ? !current.has(record.id) : !sameJson(current.get(record.id), record),
  )
  const remove = [...current.keys()].filter((id) => !wanted.has(id) && !isAttribution(id))
  return { put, remove }
}

/**
 * tldraw's `user` records say who made what. They only grow: a restore adds the version's missing
 * ones but never removes or rewinds anyone's (people who joined since, names changed since).
 */
function isAttribution(id: string): boolean {
  return id.startsWith('user:')
}

/** Deep equality of JSON values (records as stored in Yjs: no dates, maps or cycles). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => sameJson(item, b[i]))
  }
  const aEntries = Object.entries(a).filter(([, v]) => v !== undefined)
  const bObject = b as Record<string, unknown>
  const bCount = Object.values(bObject).filter((v) => v !== undefined).length
  return aEntries.length === bCount && aEntries.every(([key, value]) => sameJson(value, bObject[key]))
}
