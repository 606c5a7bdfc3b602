import type { Editor, TLRecord } from 'tldraw'
import { planRestore } from '../../shared/boards/restore-plan'
import { fetchVersion, restoreVersionOnServer } from '../saved-boards-api'
import { contentRecords } from './content-records'

export type RestoreOutcome = { ok: true; name: string; changes: number } | { ok: false; message: string }

/**
 * Brings the board back to a saved version through this tab's editor, so it is one ordinary
 * change: one Yjs transaction for everyone (nobody is disconnected) and one step in this tab's
 * undo history, which Ctrl+Z takes back for everyone again.
 */
export async function restoreVersion(
  editor: Editor,
  boardId: string,
  token: string,
  versionId: string,
): Promise<RestoreOutcome> {
  const fetched = await fetchVersion(boardId, token, versionId)
  if (!fetched.ok)
    return { ok: false, message: `The version could not be loaded: ${fetched.failure.message}` }
  const target = contentRecords(editor.store, fetched.value.content)
  if (!target.ok) return { ok: false, message: `This version cannot be restored. ${target.message}` }
  const changes = replaceDocument(editor, target.records)
  return { ok: true, name: fetched.value.version.name, changes }
}

/**
 * Restores a version on the server, for a board whose canvas cannot open (safe mode): not undoable
 * here, since there is no editor to keep the step, but it reaches everyone as one change all the same.
 */
export async function restoreWithoutCanvas(
  boardId: string,
  token: string,
  versionId: string,
): Promise<RestoreOutcome> {
  const fetched = await fetchVersion(boardId, token, versionId)
  if (!fetched.ok)
    return { ok: false, message: `The version could not be loaded: ${fetched.failure.message}` }
  const restored = await restoreVersionOnServer(boardId, token, versionId)
  if (!restored.ok) return { ok: false, message: `It was not restored: ${restored.failure.message}` }
  return { ok: true, name: fetched.value.version.name, changes: restored.value.put + restored.value.removed }
}

/** The board's document records by id (planRestore leaves attribution `user` records in place). */
function documentRecords(editor: Editor): Map<string, unknown> {
  return new Map(Object.values(editor.store.serialize('document')).map((record) => [record.id, record]))
}

/** Makes the board's drawing exactly `target` as one undoable change; returns how many records changed. */
export function replaceDocument(editor: Editor, target: TLRecord[]): number {
  const plan = planRestore(documentRecords(editor), target)
  if (plan.put.length === 0 && plan.remove.length === 0) return 0
  editor.run(() => {
    editor.markHistoryStoppingPoint('restore version')
    editor.store.remove(plan.remove as TLRecord['id'][])
    // removing shapes lets tldraw unbind arrows and tidy groups; then put back exactly what the version holds
    editor.store.put(planRestore(documentRecords(editor), target).put)
  })
  return plan.put.length + plan.remove.length
}
