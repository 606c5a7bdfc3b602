import { useState } from 'react'
import { type Editor, useValue } from 'tldraw'
import { KIND_NAMES } from '../../shared/diagram/box-names'
import { type ComponentKind, componentKindSchema } from '../../shared/diagram/components'
import { componentMetaSchema } from '../../shared/diagram/shape-meta'

const KINDS = componentKindSchema.options

/** "Make the selection a …": converts the selected shapes (not arrows) into boxes the run simulates. */
export function DrawnKindPicker({ editor }: { editor: Editor }) {
  const [kind, setKind] = useState<ComponentKind>('service')
  const selected = useValue(
    'drawn kind selection',
    () => editor.getSelectedShapes().filter((shape) => shape.type !== 'arrow'),
    [editor],
  )
  const kindsNow = [
    ...new Set(
      selected.map((shape) => {
        const now = componentMetaSchema.safeParse(shape.meta).data?.componentKind
        return now ? KIND_NAMES[now] : 'none'
      }),
    ),
  ]
  const apply = () => {
    editor.markHistoryStoppingPoint('set component kind') // one undo step for the whole selection
    editor.updateShapes(
      selected.map((shape) => {
        const meta = componentMetaSchema.parse({ ...shape.meta, componentKind: kind })
        return { id: shape.id, type: shape.type, meta: { ...shape.meta, ...meta } }
      }),
    )
  }
  return (
    <section className="sim-section drawn-kind" aria-label="Component kind" data-testid="drawn-kind">
      <h3 className="sim-heading">Component kind</h3>
      {selected.length === 0 ? (
        <p className="muted">Select boxes on the canvas to give them a kind.</p>
      ) : (
        <p className="muted" data-testid="drawn-kind-now">
          {selected.length} selected · now {kindsNow.join(', ')}
        </p>
      )}
      <div className="sim-controls">
        <select
          aria-label="Component kind"
          value={kind}
          onChange={(event) => setKind(componentKindSchema.parse(event.target.value))}
          data-testid="drawn-kind-select"
        >
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_NAMES[k]}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button button--small"
          disabled={selected.length === 0}
          onClick={apply}
          data-testid="drawn-kind-apply"
        >
          Make {selected.length === 1 ? 'it' : 'them'} {/^[aeiou]/.test(KIND_NAMES[kind]) ? 'an' : 'a'}{' '}
          {KIND_NAMES[kind]}
        </button>
      </div>
    </section>
  )
}
