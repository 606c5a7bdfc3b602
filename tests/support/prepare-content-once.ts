import { prepareContentOnce } from '../../server/content/prepared-content'

/** Where the servers of this test run read their content from (see test-server.ts, child-server.ts). */
export const PREPARED_CONTENT_ENV = 'LOCKSTEP_TEST_PREPARED_CONTENT'

/**
 * Vitest global setup: lays out the templates and replays the scenarios once per run (seconds of
 * ELK and replay), instead of once per server the tests start. The same code a server runs at
 * start from source; its own tests are in tests/unit (templates, scenarios, articles).
 */
export default async function prepareContentForTheRun(): Promise<() => void> {
  const prepared = await prepareContentOnce('content')
  process.env[PREPARED_CONTENT_ENV] = prepared.file
  return prepared.remove
}
