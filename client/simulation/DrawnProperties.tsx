import { useState } from 'react'
import { type Editor, type JsonObject, type TLShape, useValue } from 'tldraw'
import { KIND_NAMES } from '../../shared/diagram/box-names'
import { type ComponentKind, effectiveProps, ROUTING_KINDS } from '../../shared/diagram/components'
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
  // keyed by shape: a refusal shown for one shape is not carried to the next one selected
  if (shape.type === 'arrow')
    return <CallProperties key={shape.id} editor={editor} shape={shape} canEdit={canEdit} />
  const kind = componentKindOf(shape.meta)
  if (!kind) return null
  return <BoxProperties key={shape.id} editor={editor} shape={shape} kind={kind} canEdit={canEdit} />
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
  const commit = (field: PropertyField, input: PropertyInput): string | null => {
    const edit = editProperty(own, field, input)
    if (!edit.ok) return edit.message
    updateMeta(editor, shape, { props: edit.patch }, `set ${field.key}`)
    return null
  }
  return (
    <section className="sim-section drawn-props" aria-label="Properties" data-testid="drawn-props">
      <h3 className="sim-heading">Properties · {KIND_NAMES[kind]}</h3>
      <p className="muted">Empty means the {KIND_NAMES[kind]} default. The next Run uses these.</p>
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
    </section>
  )
}

/**
 * One property: typed on Enter or when focus leaves; empty goes back to the default. A refused
 * value stays in the field, marked, with the reason under it, until the field holds a value the
 * box can keep (a new one, or the stored one typed back).
 */
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
  /** Stores the input; the reason when it is refused. */
  onCommit: (input: PropertyInput) => string | null
}) {
  const id = `drawn-prop-${field.key}`
  const none = own === null
  const [error, setError] = useState<string | null>(null)
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
          aria-invalid={error !== null}
          aria-describedby={error ? `${id}-error` : undefined}
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
            setError(unchanged ? null : onCommit(read(text)))
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
                setError(onCommit(event.currentTarget.checked ? { kind: 'none' } : { kind: 'default' }))
              }
              data-testid={`${id}-none`}
            />
            none
          </label>
        )}
      </span>
      {error && <FieldError id={`${id}-error`} message={error} />}
    </>
  )
}

/** A call: how it calls (sync or async) and its share of the caller's traffic. */
function CallProperties({ editor, shape, canEdit }: { editor: Editor; shape: TLShape; canEdit: boolean }) {
  const mode = callModeOf({ meta: shape.meta, props: { ...shape.props } }) ?? 'sync'
  const own = callMetaSchema.safeParse(shape.meta)
  const share = own.success ? own.data.share : undefined
  const caller = useValue('drawn call caller', () => callerKind(editor, shape), [editor, shape])
  const [error, setError] = useState<string | null>(null)
  const setShare = (text: string) => {
    const value = text.trim() === '' ? null : Number(text)
    if (value !== null && (!Number.isFinite(value) || value < 0 || value > 100))
      return setError('Share must be from 0 to 100 %.')
    setError(null)
    updateMeta(editor, shape, { share: value === null ? null : value / 100 }, 'set call share')
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
            placeholder="100"
            disabled={!canEdit}
            aria-invalid={error !== null}
            aria-describedby={
              error ? 'drawn-call-share-error drawn-call-share-help' : 'drawn-call-share-help'
            }
            data-testid="drawn-call-share"
            onKeyDown={(event) => {
              if (event.key === 'Enter') event.currentTarget.blur()
            }}
            onBlur={(event) => setShare(event.currentTarget.value)}
          />
          <span className="muted">%</span>
        </span>
        {error && <FieldError id="drawn-call-share-error" message={error} />}
        <p className="muted drawn-props__help" id="drawn-call-share-help" data-testid="drawn-call-share-help">
          {caller && ROUTING_KINDS.has(caller)
            ? `A ${KIND_NAMES[caller]} sends each request down one arrow, picked by these shares; empty counts as 100.`
            : "Share of the calling box's requests that make this call; empty means all of them."}
        </p>
      </div>
    </section>
  )
}

/** The kind of the box an arrow starts from, if it is bound to one. */
function callerKind(editor: Editor, arrow: TLShape): ComponentKind | undefined {
  const start = editor
    .getBindingsFromShape(arrow, 'arrow')
    .find((binding) => (binding.props as { terminal?: string }).terminal === 'start')
  const from = start ? editor.getShape(start.toId) : undefined
  return from ? componentKindOf(from.meta) : undefined
}

/** Why a field's value was refused, right under the field (its input points here). */
function FieldError({ id, message }: { id: string; message: string }) {
  return (
    <p className="form-error drawn-props__error" id={id} role="alert" data-testid={id}>
      {message}
    </p>
  )
}
