import { type MouseEvent, useMemo } from 'react'
import { renderArticleMarkdown } from '../../shared/content/render-markdown'
import type { Article } from './article-api'

/** Content markdown as HTML: only ever the output of renderArticleMarkdown, which escapes raw HTML. */
function Prose({ className, html }: { className: string; html: string }) {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: renderArticleMarkdown is the only source of this HTML
  return <div className={className} dangerouslySetInnerHTML={{ __html: html }} />
}

export interface ArticleReaderProps {
  article: Article
  sectionId: string
  onNodeLink: (nodeId: string) => void
  onConceptLink: (conceptId: string) => void
}

/** One section of an article (the intro above the first), rendered from content markdown only. */
export function ArticleReader({ article, sectionId, onNodeLink, onConceptLink }: ArticleReaderProps) {
  const index = Math.max(
    0,
    article.sections.findIndex((s) => s.id === sectionId),
  )
  const section = article.sections[index]
  // renderArticleMarkdown escapes raw HTML: content is the only source of this markup
  const html = useMemo(() => {
    const intro = index === 0 && article.intro.trim() ? renderArticleMarkdown(article.intro) : ''
    return { intro, body: section ? renderArticleMarkdown(section.markdown) : '' }
  }, [article.intro, section, index])

  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    const target = event.target instanceof Element ? event.target : null
    const node = target?.closest<HTMLElement>('a.article-node-link')
    const concept = target?.closest<HTMLElement>('a.article-concept-link')
    if (node?.dataset.nodeId) {
      event.preventDefault()
      onNodeLink(node.dataset.nodeId)
    } else if (concept?.dataset.conceptId) {
      event.preventDefault()
      onConceptLink(concept.dataset.conceptId)
    }
  }

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the links inside are real anchors, keyboard-reachable
    // biome-ignore lint/a11y/noStaticElementInteractions: delegates clicks on the rendered links
    <div
      className="article-reader"
      onClick={onClick}
      data-testid="article-reader"
      data-section-id={section?.id}
    >
      {html.intro && <Prose className="article-prose article-prose--intro" html={html.intro} />}
      {section && (
        <>
          <h3 className="article-reader__heading" data-testid="article-section-heading">
            {section.heading}
          </h3>
          <Prose className="article-prose" html={html.body} />
        </>
      )}
    </div>
  )
}
