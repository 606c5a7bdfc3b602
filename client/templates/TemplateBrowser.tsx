import { type ReactNode, useId, useMemo, useState } from 'react'
import type { TopicId } from '../../shared/content/topics'
import type { TemplateSummary } from '../../shared/protocol/templates'
import { TemplateCard } from './TemplateCard'
import { templateSections } from './template-search'
import { useTemplateSummaries } from './useTemplateSummaries'

export interface TemplateBrowserProps {
  /** Shown left of the search box, e.g. the section's heading. */
  header?: ReactNode
  compact?: boolean
  autoFocus?: boolean
  /** A card's action: "Start board" on the home page, "Insert" on a board. */
  renderAction: (template: TemplateSummary) => ReactNode
  /** What to suggest when nothing matches the search. */
  emptyHint: string
  /** Shown beside a topic's heading, e.g. whether the topic has a simulation. */
  topicNote?: (topicId: TopicId) => ReactNode
}

/** A search box and the templates that match it, grouped by topic. */
export function TemplateBrowser({
  header,
  compact = false,
  autoFocus,
  renderAction,
  emptyHint,
  topicNote,
}: TemplateBrowserProps) {
  const { state, retry } = useTemplateSummaries()
  const [search, setSearch] = useState('')
  const searchId = useId()
  const templates = state.status === 'ready' ? state.value : []
  const sections = useMemo(() => templateSections(templates, search), [templates, search])

  return (
    <div className={compact ? 'template-browser template-browser--compact' : 'template-browser'}>
      <div className="template-browser__top">
        {header}
        <label className="visually-hidden" htmlFor={searchId}>
          Search templates
        </label>
        <input
          id={searchId}
          type="search"
          className="input template-browser__search"
          placeholder="Search: kappa, cells, canary…"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          // biome-ignore lint/a11y/noAutofocus: the picker is opened to search; its first job is typing
          autoFocus={autoFocus}
          data-testid="template-search"
        />
      </div>
      {state.status === 'loading' && <p className="muted template-browser__note">Loading templates…</p>}
      {state.status === 'failed' && (
        <div className="template-browser__note" role="alert">
          <p className="form-error">The templates could not be loaded. {state.message}</p>
          <button type="button" className="button button--small" onClick={retry}>
            Try again
          </button>
        </div>
      )}
      {state.status === 'ready' && sections.length === 0 && (
        <p className="muted template-browser__note" data-testid="template-search-empty">
          No template matches “{search.trim()}”. {emptyHint}
        </p>
      )}
      {sections.length > 0 && (
        <div className="template-topics">
          {sections.map((section) => (
            <section key={section.topicId} className="template-topic" aria-label={section.title}>
              <h3 className="template-topic__title">
                {section.title}
                {topicNote?.(section.topicId)}
              </h3>
              <ul className="template-topic__cards">
                {section.templates.map((template) => (
                  <TemplateCard key={template.id} template={template} compact={compact}>
                    {renderAction(template)}
                  </TemplateCard>
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
    </div>
  )
}
