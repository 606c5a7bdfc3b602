import { assertNever } from '../../shared/protocol/roles'
import { useClientConfig } from '../client-config'
import { forgetBoard } from '../remembered-boards'
import type { RequestFailure } from '../rest-client'
import { navigate } from '../router'
import { BoardCanvas } from './BoardCanvas'
import { useBoardAccess } from './useBoardAccess'

function failureText(failure: RequestFailure): { title: string; detail: string } {
  switch (failure.code) {
    case 'unauthorized':
    case 'forbidden':
      return {
        title: 'This link does not open this board',
        detail: 'It may be mistyped or replaced. Ask the person who shared it for a fresh link.',
      }
    case 'board_not_found':
    case 'not_found':
      return {
        title: 'This board does not exist',
        detail: 'It may have been deleted, or the link is incomplete.',
      }
    case 'network_error':
      return { title: 'Cannot reach the server', detail: failure.message }
    default:
      return { title: 'This board could not be opened', detail: failure.message }
  }
}

function Message({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <main className="page page--centered">
      <div className="card message-card" role="alert">
        <h1>{title}</h1>
        {children}
      </div>
    </main>
  )
}

/** `/b/:boardId`: checks the link, then opens the canvas, or says kindly why not. */
export function BoardPage({ boardId, fragment }: { boardId: string; fragment: string }) {
  const access = useBoardAccess(boardId, fragment)
  const config = useClientConfig()

  switch (access.kind) {
    case 'loading':
      return <div className="page page--centered loading">Opening the board…</div>
    case 'no-token':
      return (
        <Message title="This link is missing its key">
          <p>
            Board links end with <code>#k=…</code>. Ask the person who shared the board for the whole link, or
            open one of your boards from the home page.
          </p>
          <button type="button" className="button button--primary" onClick={() => navigate('/')}>
            Go to your boards
          </button>
        </Message>
      )
    case 'failed': {
      const text = failureText(access.failure)
      return (
        <Message title={text.title}>
          <p>{text.detail}</p>
          <div className="message-card__actions">
            {access.remembered && access.failure.code !== 'network_error' && (
              <button
                type="button"
                className="button"
                onClick={() => {
                  forgetBoard(boardId)
                  navigate('/')
                }}
              >
                Remove it from your boards
              </button>
            )}
            <button type="button" className="button button--primary" onClick={() => navigate('/')}>
              Go to the home page
            </button>
          </div>
        </Message>
      )
    }
    case 'ready':
      if (!config) return <div className="page page--centered loading">Opening the board…</div>
      return (
        <BoardCanvas
          boardId={boardId}
          token={access.token}
          role={access.role}
          title={access.title}
          shareLinks={access.shareLinks}
          templateId={access.templateId}
          hasThumbnail={access.hasThumbnail}
          licenseKey={config.tldrawLicenseKey}
          boardLimits={config.boardLimits}
        />
      )
    default:
      return assertNever(access)
  }
}
