import { SAVED_LIMITS } from '../../shared/protocol/saved-boards'
import { useBoardUi } from '../board/board-context'
import { blobToBase64, pageThumbnail } from '../board/board-picture'
import { NameDialog } from '../board/NameDialog'
import { saveVersion } from '../saved-boards-api'

/** Facilitators: keep the board as it is now under a name, with a small picture of it. */
export function SaveVersionDialog({ onClose }: { onClose: () => void }) {
  const { boardId, token, editor, notify } = useBoardUi()
  return (
    <NameDialog
      title="Save a version"
      intro="A snapshot of the board as it is now. You can open, restore or fork it later."
      label="Version name"
      initial=""
      placeholder="For example: Before the failure drill"
      maxLength={SAVED_LIMITS.versionNameChars}
      submitLabel="Save version"
      busyLabel="Saving…"
      testId="save-version-dialog"
      onClose={onClose}
      onSubmit={async (name) => {
        const png = editor ? await pageThumbnail(editor) : null
        // a picture too large to send is left out rather than costing the version
        const thumbnail = png && png.size <= SAVED_LIMITS.thumbnailBytes ? await blobToBase64(png) : undefined
        const result = await saveVersion(boardId, token, thumbnail ? { name, thumbnail } : { name })
        if (!result.ok) return `The version was not saved: ${result.failure.message}`
        notify(`Saved version “${result.value.name}”.`)
        return null
      }}
    />
  )
}
