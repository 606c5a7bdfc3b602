import './article.css'
import { useEffect, useState } from 'react'
import { canDriveSession } from '../../shared/protocol/roles'
import { useBoardUi } from '../board/board-context'
import { useLiveSession } from '../session/session-context'
import { ArticleReader } from './ArticleReader'
import { defaultArticleId, shownPlace } from './article-choice'
import { ConceptCard } from './ConceptCard'
import { ConceptMap } from './ConceptMap'
import { focusNode } from './node-focus'
import { PresentBar } from './PresentBar'
import { useArticle, useArticleIndex } from './useArticleContent'

type Place = { articleId: string | null; sectionId: string | null }

/**
 * The Article tab: the board's article, section by section, with node links that find their boxes
 * on the canvas; the facilitator presents a section and everyone else follows it (or detaches).
 */
export function ArticleTab() {
  const { role, templateId, editor } = useBoardUi()
  const { connection } = useLiveSession()
  const { summaries, concepts } = useArticleIndex()
  const [own, setOwn] = useState<Place>({ articleId: null, sectionId: null })
  const [following, setFollowing] = useState(true)
  const [view, setView] = useState<'article' | 'concepts'>('article')
  const [conceptId, setConceptId] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)

  const session = connection.session
  const facilitator = canDriveSession(session?.yourRole ?? role)
  const presentation = session?.presentation ?? null
  const list = summaries.state === 'ready' ? summaries.value : []
  const ownPlace: Place = { ...own, articleId: own.articleId ?? defaultArticleId(list, templateId) }
  // the facilitator always sees what they present; everyone else follows unless they detached
  const shown = shownPlace(ownPlace, presentation, facilitator || following)
  const loaded = useArticle(shown.articleId)
  const article = loaded?.state === 'ready' ? loaded.value : null
  const sectionId = shown.sectionId ?? article?.sections[0]?.id ?? null
  const concept = concepts.find((c) => c.id === conceptId) ?? null
  const presenting = presentation !== null
  // a reader who detached follows again when the next presentation starts
  useEffect(() => {
    if (!presenting) setFollowing(true)
  }, [presenting])

  const go = (articleId: string, nextSection: string | null) => {
    setNotice(null)
    setOwn({ articleId, sectionId: nextSection })
    if (facilitator && presentation && nextSection) {
      void connection.sendIntent({ type: 'article:present', articleId, sectionId: nextSection })
    } else if (!facilitator && presentation) {
      setFollowing(false)
    }
  }
  const openArticle = (articleId: string) => {
    setView('article')
    setConceptId(null)
    const first = list.find((a) => a.id === articleId)?.sections[0]?.id ?? null
    go(articleId, first)
  }
  const onNodeLink = (nodeId: string) => {
    if (editor && focusNode(editor, nodeId, article?.templateId ?? templateId)) {
      setNotice(null)
      return
    }
    setNotice(
      `“${nodeId}” has no box on this canvas yet. Insert the ${article?.templateId ?? 'article’s'} template to see it.`,
    )
  }

  const conceptCard = concept && (
    <ConceptCard
      concept={concept}
      concepts={concepts}
      articles={list}
      openConcept={setConceptId}
      openArticle={openArticle}
      close={() => setConceptId(null)}
    />
  )

  return (
    <div className="article-tab" data-testid="article-tab">
      <PresentBar
        facilitator={facilitator}
        presentation={presentation}
        following={following}
        driverName={session?.driver?.name ?? 'the facilitator'}
        present={() => {
          if (shown.articleId && sectionId)
            void connection.sendIntent({ type: 'article:present', articleId: shown.articleId, sectionId })
        }}
        stop={() => void connection.sendIntent({ type: 'article:stop' })}
        detach={() => {
          if (presentation) setOwn(presentation)
          setFollowing(false)
        }}
        backToLive={() => setFollowing(true)}
        canPresent={Boolean(article && sectionId)}
      />
      <div className="article-tab__views">
        <div className="layout-contents" role="tablist" aria-label="Article views">
          <button
            type="button"
            role="tab"
            aria-selected={view === 'article'}
            className="article-tab__view"
            onClick={() => setView('article')}
            data-testid="article-view-article"
          >
            Article
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={view === 'concepts'}
            className="article-tab__view"
            onClick={() => setView('concepts')}
            data-testid="article-view-concepts"
          >
            Concepts
          </button>
        </div>
        <label className="article-tab__picker">
          <span className="visually-hidden">All articles</span>
          <select
            value={shown.articleId ?? ''}
            onChange={(e) => openArticle(e.target.value)}
            data-testid="article-picker"
          >
            <option value="" disabled>
              All articles…
            </option>
            {list.map((a) => (
              <option key={a.id} value={a.id}>
                {a.title}
              </option>
            ))}
          </select>
        </label>
      </div>
      {view === 'concepts' ? (
        <>
          <ConceptMap concepts={concepts} selected={conceptId} select={setConceptId} />
          {conceptCard}
        </>
      ) : (
        <>
          {conceptCard}
          {summaries.state === 'failed' && (
            <p className="article-tab__empty">The articles could not be loaded.</p>
          )}
          {!shown.articleId && summaries.state === 'ready' && (
            <div className="article-tab__empty">
              <p>No article is written for this board’s template. Pick one to read:</p>
              <ul className="article-list">
                {list.map((a) => (
                  <li key={a.id}>
                    <button type="button" className="article-list__item" onClick={() => openArticle(a.id)}>
                      {a.title}
                      <span className="article-list__minutes">{a.readingMinutes} min</span>
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          )}
          {loaded?.state === 'loading' && <p className="article-tab__empty">Loading the article…</p>}
          {loaded?.state === 'failed' && (
            <p className="article-tab__empty">This article could not be loaded.</p>
          )}
          {article && sectionId && (
            <article className="article" data-testid="article" data-article-id={article.id}>
              <h2 className="article__title" data-testid="article-title">
                {article.title}
              </h2>
              <p className="article__meta">{article.readingMinutes} min read</p>
              <ol className="article-toc" aria-label="Sections" data-testid="article-toc">
                {article.sections.map((s, i) => (
                  <li key={s.id}>
                    <button
                      type="button"
                      className="article-toc__item"
                      aria-current={s.id === sectionId ? 'true' : undefined}
                      onClick={() => go(article.id, s.id)}
                      data-testid={`article-section-${i + 1}`}
                    >
                      {s.heading}
                    </button>
                  </li>
                ))}
              </ol>
              {notice && (
                <p className="article-tab__notice" role="status" data-testid="article-node-missing">
                  {notice}
                </p>
              )}
              <ArticleReader
                article={article}
                sectionId={sectionId}
                onNodeLink={onNodeLink}
                onConceptLink={setConceptId}
              />
            </article>
          )}
        </>
      )}
    </div>
  )
}
