import { useState } from 'react'
import { type Editor, type JsonObject, type TLShape, useValue } from 'tldraw'
import { type ComponentKind, effectiveProps } from '../../shared/diagram/components'
import { callModeOf, componentKindOf, readProps } from '../../shared/diagram/from-tldraw'
import {
  editProperty,
  type PropertyField,
  type PropertyInput,
  propertyFieldsFor,
  shownValue,
} from '../../shared/diagram/property-fields'
import { callMetaSchema } from '../../shared/diagram/shape-meta'

/**
 * The properties of the one box or call selected on the canvas, as the next Run will use them.
 * They live in the shape's meta, so they sync, undo and export like any other change.
 */
export function DrawnProperties({ editor, canEdit }: { editor: Editor; canEdit: boolean }) {
  const shape = useValue('drawn properties shape', () => editor.getOnlySelectedShape(), [editor])
  if (!shape) return null
  if (shape.type === 'arrow') return <CallProperties editor={editor} shape={shape} canEdit={canEdit} />
  const kind = componentKindOf(shape.meta)
  if (!kind) return null
  return <BoxProperties editor={editor} shape={shape} kind={kind} canEdit={canEdit} />
}

function updateMeta(editor: Editor, shape: TLShape, meta: JsonObject, why: string) {
  editor.markHistoryStoppingPoint(why) // one undo step per edit
  editor.updateShapes([{ id: shape.id, type: shape.type, meta: { ...shape.meta, ...meta } }])
}

function BoxProperties({
  editor,
  shape,
  kind,
  canEdit,
}: {
  editor: Editor
  shape: TLShape
  kind: ComponentKind
  canEdit: boolean
}) {
  const own = readProps(shape.meta.props).props
  const used = effectiveProps(kind, own)
  const [error, setError] = useState<string | null>(null)
  const commit = (field: PropertyField, input: PropertyInput) => {
    const edit = editProperty(own, field, input)
    if (!edit.ok) return setError(edit.message)
    setError(null)
    updateMeta(editor, shape, { props: edit.patch }, `set ${field.key}`)
  }
  return (
    <section className="sim-section drawn-props" aria-label="Properties" data-testid="drawn-props">
      <h3 className="sim-heading">Properties · {kind.replace('-', ' ')}</h3>
      <p className="muted">Empty means the {kind.replace('-', ' ')} default. The next Run uses these.</p>
      <div className="drawn-props__grid">
        {propertyFieldsFor(kind).map((field) => (
          <PropertyRow
            key={`${shape.id}:${field.key}:${String(own[field.key])}`}
            field={field}
            own={own[field.key]}
            used={used[field.key]}
            canEdit={canEdit}
            onCommit={(input) => commit(field, input)}
          />
        ))}
      </div>
      {error && (
        <p className="form-error" role="alert" data-testid="drawn-props-error">
          {error}
        </p>
      )}
    </section>
  )
}

/** One property: typed on Enter or when focus leaves; empty goes back to the default. */
function PropertyRow({
  field,
  own,
  used,
  canEdit,
  onCommit,
}: {
  field: PropertyField
  own: number | null | undefined
  used: number | null
  canEdit: boolean
  onCommit: (input: PropertyInput) => void
}) {
  const id = `drawn-prop-${field.key}`
  const none = own === null
  const read = (text: string): PropertyInput => {
    if (text.trim() === '') return { kind: 'default' }
    return { kind: 'number', value: Number(text) }
  }
  return (
    <>
      <label htmlFor={id}>{field.label}</label>
      <span className="drawn-props__value">
        <input
          id={id}
          type="number"
          inputMode="decimal"
          step={field.integer ? 1 : 'any'}
          defaultValue={own === undefined || own === null ? '' : shownValue(field, own)}
          placeholder={shownValue(field, used)}
          disabled={!canEdit || none}
          data-testid={id}
          onKeyDown={(event) => {
            if (event.key === 'Enter') event.currentTarget.blur()
          }}
          onBlur={(event) => {
            const text = event.currentTarget.value
            const unchanged =
              text.trim() === ''
                ? own === undefined
                : own !== undefined && own !== null && shownValue(field, own) === String(Number(text))
            if (!unchanged) onCommit(read(text))
          }}
        />
        <span className="muted">{field.unit}</span>
        {field.canBeNone && (
          <label className="drawn-props__none">
            <input
              type="checkbox"
              checked={none}
              disabled={!canEdit}
              onChange={(event) =>
                onCommit(event.currentTarget.checked ? { kind: 'none' } : { kind: 'default' })
              }
              data-testid={`${id}-none`}
            />
            none
          </label>
        )}
      </span>
    </>
  )
}

/** A call: how it calls (sync or async) and its share of the caller's traffic. */
function CallProperties({ editor, shape, canEdit }: { editor: Editor; shape: TLShape; canEdit: boolean }) {
  const mode = callModeOf({ meta: shape.meta, props: { ...shape.props } }) ?? 'sync'
  const own = callMetaSchema.safeParse(shape.meta)
  const share = own.success ? own.data.share : undefined
  const [error, setError] = useState<string | null>(null)
  const setShare = (text: string) => {
    if (text.trim() === '') return updateMeta(editor, shape, { share: null }, 'set call share')
    const value = Number(text)
    if (!Number.isFinite(value) || value < 0 || value > 100) return setError('Share must be from 0 to 100 %.')
    setError(null)
    updateMeta(editor, shape, { share: value / 100 }, 'set call share')
  }
  return (
    <section className="sim-section drawn-props" aria-label="Call" data-testid="drawn-call-props">
      <h3 className="sim-heading">Call</h3>
      <div className="drawn-props__grid">
        <label htmlFor="drawn-call-mode">Mode</label>
        <select
          id="drawn-call-mode"
          value={mode}
          disabled={!canEdit}
          data-testid="drawn-call-mode"
          onChange={(event) =>
            updateMeta(editor, shape, { callMode: event.currentTarget.value }, 'set call mode')
          }
        >
          <option value="sync">sync (waits for the answer)</option>
          <option value="async">async (hands off)</option>
        </select>
        <label htmlFor="drawn-call-share">Share of traffic</label>
        <span className="drawn-props__value">
          <input
            key={`${shape.id}:${String(share)}`}
            id="drawn-call-share"
            type="number"
            step="any"
            defaultValue={share === undefined || share === null ? '' : String(share * 100)}
            placeholder="even"
            disabled={!canEdit}
            data-testid="drawn-call-share"
            onKeyDown={(event) => {
              if (event.key === 'Enter') event.currentTarget.blur()
            }}
            onBlur={(event) => setShare(event.currentTarget.value)}
          />
          <span className="muted">%</span>
        </span>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  )
}
