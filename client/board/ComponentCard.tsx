import { useEditor } from 'tldraw'
import { useLaidOutTemplate } from '../templates/laid-out-templates'
import { findTemplateNode, nodeKindLabel } from '../templates/template-shape'
import { useComponentInFocus } from './useComponentInFocus'

/** A side card for the template box under the pointer (or the one selected): what it does and how it fails. */
export function ComponentCard() {
  const editor = useEditor()
  const component = useComponentInFocus(editor)
  const laidOut = useLaidOutTemplate(component?.templateId ?? null)
  const node = component && laidOut ? findTemplateNode(laidOut.template, component.nodeId) : undefined
  if (!node || !laidOut) return null
  return (
    <aside className="component-card" data-testid="component-card" data-node-id={node.id} aria-live="polite">
      <p className="component-card__kind">
        {nodeKindLabel(node.kind)} <span aria-hidden="true">·</span> {laidOut.template.title}
      </p>
      <h2 className="component-card__label">{node.label}</h2>
      <h3 className="component-card__heading">Responsible for</h3>
      <p className="component-card__text" data-testid="component-card-role">
        {node.role}
      </p>
      <h3 className="component-card__heading component-card__heading--fails">Typically fails</h3>
      <p className="component-card__text" data-testid="component-card-failure">
        {node.failure}
      </p>
    </aside>
  )
}
