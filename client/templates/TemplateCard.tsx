import type { ReactNode } from 'react'
import type { TemplateSummary } from '../../shared/protocol/templates'
import { templatePreviewUrl } from '../rest-client'

/** How many boxes a template draws, in words. */
function boxCount(n: number): string {
  return n === 1 ? '1 box' : `${n} boxes`
}

/** One template: its preview (drawn from its data), title, summary, size, and what you can do with it. */
export function TemplateCard({
  template,
  compact = false,
  children,
}: {
  template: TemplateSummary
  compact?: boolean
  /** The card's action, e.g. "Start board" or "Insert". */
  children: ReactNode
}) {
  return (
    <li
      className={compact ? 'template-card template-card--compact' : 'template-card'}
      data-testid="template-card"
      data-template-id={template.id}
    >
      <div className="template-card__preview">
        <img src={templatePreviewUrl(template.id)} alt={template.title} loading="lazy" decoding="async" />
      </div>
      <div className="template-card__body">
        <h4 className="template-card__title" title={template.title}>
          {template.title}
        </h4>
        <p className="template-card__summary" title={template.summary}>
          {template.summary}
        </p>
        <div className="template-card__foot">
          <span className="template-card__size">{boxCount(template.nodeCount)}</span>
          {children}
        </div>
      </div>
    </li>
  )
}
