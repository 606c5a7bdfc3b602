import type { Editor } from 'tldraw'
import { TemplateBrowser } from '../templates/TemplateBrowser'
import { Dialog } from './Dialog'
import { useInsertTemplate } from './useInsertTemplate'

/** Search the templates and add one to the board, centred in the view; Ctrl+Z takes it away again. */
export function TemplatePicker({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const { insertingId, error, insert } = useInsertTemplate(editor, onClose)
  return (
    <Dialog title="Add a template" onClose={onClose} testId="template-picker" className="dialog--wide">
      <p className="dialog__intro">
        It lands in the middle of your view, fully editable. Undo takes it away again.
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <TemplateBrowser
        compact
        autoFocus
        emptyHint="Try a shorter word."
        renderAction={(template) => (
          <button
            type="button"
            className="button button--small"
            disabled={insertingId !== null}
            onClick={() => insert(template.id)}
            data-testid={`insert-template-${template.id}`}
          >
            {insertingId === template.id ? 'Adding…' : 'Insert'}
          </button>
        )}
      />
    </Dialog>
  )
}
