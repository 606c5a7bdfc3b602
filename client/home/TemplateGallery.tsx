import { TemplateBrowser } from '../templates/TemplateBrowser'
import { useSimulatedTopics } from './useSimulatedTopics'
import { useStartFromTemplate } from './useStartFromTemplate'

/** The home page's templates, grouped by topic and searchable; "Start board" opens a board holding one. */
export function TemplateGallery() {
  const { startingId, error, start } = useStartFromTemplate()
  const simulated = useSimulatedTopics()
  return (
    <section
      className="template-gallery"
      aria-labelledby="template-gallery-heading"
      data-testid="template-gallery"
    >
      {error && (
        <p className="form-error template-gallery__error" role="alert" data-testid="start-template-error">
          {error.message}
        </p>
      )}
      <TemplateBrowser
        header={
          <div className="template-gallery__heading">
            <h2 id="template-gallery-heading">Start from a template</h2>
            <p className="muted">
              Every box, arrow and note stays editable. Hover a box on the board to see what it does.
            </p>
          </div>
        }
        emptyHint="Try a shorter word, or start a blank board above."
        topicNote={(topicId) =>
          simulated.has(topicId) ? (
            <span className="template-topic__simulated" data-testid={`topic-simulated-${topicId}`}>
              Simulation
            </span>
          ) : null
        }
        renderAction={(template) => (
          <button
            type="button"
            className="button button--primary button--small"
            disabled={startingId !== null}
            onClick={() => start(template.id)}
            data-testid={`start-template-${template.id}`}
          >
            {startingId === template.id ? 'Starting…' : 'Start board'}
          </button>
        )}
      />
    </section>
  )
}
