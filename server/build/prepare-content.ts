// Build step (compiled to dist/server/prepare-content.js): lays out the templates and validates the
// scenarios once, next to the compiled server, so a start reads the result instead of redoing it.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { prepareContent, writePreparedContent } from '../content/prepared-content'
import { PREPARED_CONTENT_FILE } from './built-files'

const outFile = fileURLToPath(new URL(PREPARED_CONTENT_FILE, import.meta.url))
writePreparedContent(outFile, await prepareContent(path.resolve('content')))
