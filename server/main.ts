import fs from 'node:fs'
import { fileURLToPath } from 'node:url'
import { PREPARED_CONTENT_FILE } from './build/built-files'
import { configFromEnv } from './config'
import { serveUntilSignalled } from './serve'

/** The compiled server (`npm start` runs dist/server/main.js once the build is current): serve until signalled. */
async function main(): Promise<void> {
  // the build prepares content next to the compiled server; run from source, it is prepared now
  const prepared = fileURLToPath(new URL(PREPARED_CONTENT_FILE, import.meta.url))
  await serveUntilSignalled({
    ...configFromEnv(),
    preparedContentFile: fs.existsSync(prepared) ? prepared : undefined,
  })
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
