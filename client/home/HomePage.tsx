import { ImportBoardFile } from './ImportBoardFile'
import { NewBoardForm } from './NewBoardForm'
import { RememberedBoardsList } from './RememberedBoardsList'
import { TemplateGallery } from './TemplateGallery'
import { WorkshopList } from './WorkshopList'

/** `/`: what Lockstep is, a blank board or a board file, the boards this browser has opened, workshops and templates. */
export function HomePage() {
  return (
    <main className="page home">
      <header className="home__header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">Lockstep</span>
        </div>
        <p className="home__pitch">
          One whiteboard for your architecture workshop: sketch together, step through the story in lockstep.
        </p>
      </header>
      <div className="home__top">
        <section className="card home__new" aria-labelledby="new-board-heading">
          <h2 id="new-board-heading">Blank board</h2>
          <NewBoardForm />
        </section>
        <section className="card home__import" aria-labelledby="import-board-heading">
          <h2 id="import-board-heading">Board file</h2>
          <ImportBoardFile />
        </section>
      </div>
      <section className="home__your-boards" aria-labelledby="your-boards-heading">
        <h2 id="your-boards-heading">Your boards</h2>
        <RememberedBoardsList />
      </section>
      <WorkshopList />
      <TemplateGallery />
    </main>
  )
}
