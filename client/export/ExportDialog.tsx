import './export.css'
import { useState } from 'react'
import { useValue } from 'tldraw'
import { useBoardUi } from '../board/board-context'
import { ConfirmActions } from '../board/ConfirmActions'
import { Dialog } from '../board/Dialog'
import { exportBoardFile } from '../saved-boards-api'
import { useLiveSession } from '../session/session-context'
import { downloadBlob, fileBaseName } from './download'
import { type ExportStage, exportPicture, type PictureFormat, pictureArea } from './export-picture'
import { PictureSizeChoice } from './PictureSizeChoice'
import { DEFAULT_PICTURE_SIZE, type PictureSize } from './picture-size'

type ExportFormat = PictureFormat | 'board-file'
type Scope = 'page' | 'selection'

/** What the dialog says while it works; a stage's number is its place in the progress bar. */
const STAGES: Record<ExportStage | 'saving', { text: string; n: number }> = {
  drawing: { text: 'Drawing the board…', n: 1 },
  painting: { text: 'Painting the pixels…', n: 2 },
  saving: { text: 'Saving the file…', n: 3 },
}

const FORMATS: Array<{ format: ExportFormat; label: string; hint: string }> = [
  { format: 'png', label: 'PNG', hint: 'A picture for slides and chats' },
  { format: 'svg', label: 'SVG', hint: 'A drawing that scales' },
  { format: 'board-file', label: 'Board file (.json)', hint: 'Everything, to import elsewhere' },
]

/** PNG or SVG of the page or the selection (with or without the simulation), or the whole board as a file. */
export function ExportDialog({ onClose }: { onClose: () => void }) {
  const { boardId, token, title, editor } = useBoardUi()
  const { simulation } = useLiveSession()
  const [format, setFormat] = useState<ExportFormat>('png')
  const [scope, setScope] = useState<Scope>('page')
  const [withOverlay, setWithOverlay] = useState(true)
  const [size, setSize] = useState<PictureSize>(DEFAULT_PICTURE_SIZE)
  const [stage, setStage] = useState<ExportStage | 'saving' | null>(null)
  const busy = stage !== null
  const [error, setError] = useState<string | null>(null)
  const selected = useValue('selected shapes', () => editor?.getSelectedShapeIds() ?? [], [editor])
  const simulating = simulation.status === 'ready'
  const picture = format !== 'board-file'
  const base = fileBaseName(title)

  const shapeIds = scope === 'selection' ? selected : [...(editor?.getCurrentPageShapeIds() ?? [])]
  const area = editor ? pictureArea(editor, shapeIds) : null

  const run = async () => {
    setStage(format === 'board-file' ? 'saving' : 'drawing')
    setError(null)
    const failure = format === 'board-file' ? await downloadBoardFile() : await downloadPicture(format)
    setStage(null)
    if (failure) setError(failure)
    else onClose()
  }

  const downloadBoardFile = async (): Promise<string | null> => {
    const result = await exportBoardFile(boardId, token)
    if (!result.ok) return `The board file could not be made: ${result.failure.message}`
    const json = JSON.stringify(result.value, null, 2)
    downloadBlob(new Blob([json], { type: 'application/json' }), `${base}.json`)
    return null
  }

  const downloadPicture = async (pictureFormat: PictureFormat): Promise<string | null> => {
    if (!editor) return 'The board is still opening. Try again in a moment.'
    if (shapeIds.length === 0) return 'There is nothing to export: the page is empty.'
    const overlay =
      withOverlay && simulation.status === 'ready'
        ? { scenario: simulation.scenario, view: simulation.view }
        : null
    try {
      const blob = await exportPicture(editor, {
        format: pictureFormat,
        shapeIds,
        overlay,
        size,
        onStage: setStage,
      })
      if (!blob) return 'There is nothing to draw in what you chose.'
      setStage('saving')
      const suffix = scope === 'selection' ? '-selection' : ''
      downloadBlob(blob, `${base}${suffix}.${pictureFormat}`)
      return null
    } catch (cause) {
      console.warn('Lockstep: export failed', cause)
      return 'The browser could not draw the picture. Try a smaller selection or SVG.'
    }
  }

  return (
    <Dialog title="Export" onClose={onClose} testId="export-dialog">
      <fieldset className="export-choice">
        <legend>Format</legend>
        {FORMATS.map((option) => (
          <label key={option.format} className="export-option">
            <input
              type="radio"
              name="export-format"
              checked={format === option.format}
              onChange={() => setFormat(option.format)}
              data-testid={`export-format-${option.format}`}
            />
            <span>{option.label}</span>
            <span className="muted">{option.hint}</span>
          </label>
        ))}
      </fieldset>
      {picture && (
        <>
          <fieldset className="export-choice">
            <legend>What</legend>
            <label className="export-option">
              <input
                type="radio"
                name="export-scope"
                checked={scope === 'page'}
                onChange={() => setScope('page')}
                data-testid="export-scope-page"
              />
              <span>The whole page</span>
            </label>
            <label className="export-option">
              <input
                type="radio"
                name="export-scope"
                checked={scope === 'selection'}
                disabled={selected.length === 0}
                onChange={() => setScope('selection')}
                data-testid="export-scope-selection"
              />
              <span>The selection</span>
              <span className="muted">
                {selected.length === 0 ? 'Select shapes first' : `${selected.length} selected`}
              </span>
            </label>
          </fieldset>
          <label className="export-option export-option--check">
            <input
              type="checkbox"
              checked={withOverlay && simulating}
              disabled={!simulating}
              onChange={(event) => setWithOverlay(event.target.checked)}
              data-testid="export-overlay"
            />
            <span>Include simulation overlay</span>
            <span className="muted">
              {simulating ? 'Health, flow and metrics as shown now' : 'No simulation is running'}
            </span>
          </label>
        </>
      )}
      {picture && format === 'png' && <PictureSizeChoice size={size} area={area} onChange={setSize} />}
      {stage && (
        <div className="export-progress" role="status" data-testid="export-progress" data-stage={stage}>
          <progress max={3} value={STAGES[stage].n} aria-label="Export progress" />
          <span>{STAGES[stage].text}</span>
        </div>
      )}
      <ConfirmActions
        label="Download"
        busyLabel="Exporting…"
        busy={busy}
        blocked={picture && scope === 'selection' && selected.length === 0}
        onCancel={onClose}
        onConfirm={run}
        testId="export-download"
      />
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  )
}
