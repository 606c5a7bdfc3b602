import { useCallback } from 'react'
import { type Editor, useValue } from 'tldraw'
import type { Scenario } from '../../shared/scenarios/scenario-schema'
import { useInsertTemplate } from '../board/useInsertTemplate'
import { useLaidOutTemplate } from '../templates/laid-out-templates'
import { bindScenarioToShapes, missingEntityText } from './canvas-binding'

/**
 * Where the canvas cannot show the simulation: the scenario's template is not on this page, or
 * some of its boxes were deleted. Says so kindly; the simulation itself never stops for it.
 */
export function CanvasNotes({
  editor,
  scenario,
  canWrite,
}: {
  editor: Editor
  scenario: Scenario
  canWrite: boolean
}) {
  const onCanvas = useValue(
    'simulation shapes on the page',
    () => bindScenarioToShapes(scenario, editor.getCurrentPageShapes()),
    [editor, scenario],
  )
  const laidOut = useLaidOutTemplate(scenario.templateId)
  const templateTitle = laidOut?.template.title ?? scenario.templateId

  if (!onCanvas.templateOnPage) {
    return (
      <div className="sim-note" role="status" data-testid="sim-canvas-note">
        <p>
          This scenario draws on the <strong>{templateTitle}</strong> template, which is not on this page. The
          simulation runs here in the panel{canWrite ? '; add the template to see it on the canvas.' : '.'}
        </p>
        {canWrite && <InsertTemplateAction editor={editor} templateId={scenario.templateId} />}
      </div>
    )
  }
  if (onCanvas.missing.length === 0) return null
  return (
    <ul className="sim-note sim-note--list" role="status" data-testid="sim-canvas-note">
      {onCanvas.missing.map((missing) => (
        <li key={missing.entity} data-entity={missing.entity}>
          {missingEntityText(missing, scenario.binding.nodes[missing.entity]?.length ?? 0)}
        </li>
      ))}
    </ul>
  )
}

function InsertTemplateAction({ editor, templateId }: { editor: Editor; templateId: string }) {
  const done = useCallback(() => {}, [])
  const { insertingId, error, insert } = useInsertTemplate(editor, done)
  return (
    <>
      <button
        type="button"
        className="button button--small"
        disabled={insertingId !== null}
        onClick={() => insert(templateId)}
        data-testid="sim-insert-template"
      >
        {insertingId ? 'Adding…' : 'Add the template'}
      </button>
      {error && <p className="form-error">{error}</p>}
    </>
  )
}
