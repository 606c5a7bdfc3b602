import { lazy, Suspense } from 'react'
import { assertNever } from '../../shared/protocol/roles'
import { navigate } from '../router'
import { SaveVersionDialog } from '../versions/SaveVersionDialog'
import { type BoardDialogKind, useBoardUi } from './board-context'
import { DeleteBoardDialog } from './DeleteBoardDialog'
import { ForkDialog } from './ForkDialog'
import { RenameDialog } from './RenameDialog'

// opened rarely: their code (export pictures, the versions list) loads when first asked for
const ExportDialog = lazy(() => import('../export/ExportDialog').then((m) => ({ default: m.ExportDialog })))
const VersionsDialog = lazy(() =>
  import('../versions/VersionsDialog').then((m) => ({ default: m.VersionsDialog })),
)

/** The Board menu's dialog that is open, if any (they read the board from context). */
export function BoardDialogs({ dialog, onClose }: { dialog: BoardDialogKind | null; onClose: () => void }) {
  const { boardId, token, title } = useBoardUi()
  const board = { boardId, token, title }
  if (dialog === null) return null
  switch (dialog) {
    case 'rename':
      return <RenameDialog onClose={onClose} />
    case 'save-version':
      return <SaveVersionDialog onClose={onClose} />
    case 'versions':
      return (
        <Suspense fallback={null}>
          <VersionsDialog onClose={onClose} />
        </Suspense>
      )
    case 'fork':
      return <ForkDialog {...board} onClose={onClose} />
    case 'export':
      return (
        <Suspense fallback={null}>
          <ExportDialog onClose={onClose} />
        </Suspense>
      )
    case 'delete':
      return <DeleteBoardDialog {...board} onClose={onClose} onDeleted={() => navigate('/')} />
    default:
      return assertNever(dialog)
  }
}
