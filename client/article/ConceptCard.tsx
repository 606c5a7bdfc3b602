import type { ArticleSummary, Concept } from './article-api'

export interface ConceptCardProps {
  concept: Concept
  concepts: readonly Concept[]
  articles: readonly ArticleSummary[]
  openConcept: (id: string) => void
  openArticle: (id: string) => void
  close: () => void
}

/** A concept's definition, the concepts it leans on, and the articles that use it. */
export function ConceptCard({
  concept,
  concepts,
  articles,
  openConcept,
  openArticle,
  close,
}: ConceptCardProps) {
  const related = concept.related
    .map((id) => concepts.find((c) => c.id === id))
    .filter((c) => c !== undefined)
  const usedIn = concept.articles
    .map((id) => articles.find((a) => a.id === id))
    .filter((a) => a !== undefined)
  return (
    <section
      className="concept-card"
      data-testid="concept-card"
      data-concept-id={concept.id}
      aria-label={concept.title}
    >
      <div className="concept-card__head">
        <h3 className="concept-card__title">{concept.title}</h3>
        <button
          type="button"
          className="button button--small button--quiet"
          onClick={close}
          aria-label="Close concept"
        >
          ×
        </button>
      </div>
      <p className="concept-card__definition">{concept.definition}</p>
      {related.length > 0 && (
        <p className="concept-card__list">
          <span className="concept-card__label">Related</span>
          {related.map((c) => (
            <button key={c.id} type="button" className="concept-chip" onClick={() => openConcept(c.id)}>
              {c.title}
            </button>
          ))}
        </p>
      )}
      {usedIn.length > 0 && (
        <p className="concept-card__list">
          <span className="concept-card__label">Articles</span>
          {usedIn.map((a) => (
            <button key={a.id} type="button" className="concept-chip" onClick={() => openArticle(a.id)}>
              {a.title}
            </button>
          ))}
        </p>
      )}
    </section>
  )
}
