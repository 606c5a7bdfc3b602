import fs from 'node:fs'
import path from 'node:path'

export type ParsedContent<T> = { ok: true; value: T } | { ok: false; problems: string[] }

/**
 * Reads every file with `extension` in a content directory through `parse`; throws one error listing
 * every problem (file name and path inside it), so bad content fails loudly at start-up and in tests.
 */
export function loadContentFiles<T>(
  dir: string,
  kind: string,
  extension: string,
  parse: (text: string, fileName: string) => ParsedContent<T>,
): T[] {
  const files = fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f.endsWith(extension))
        .sort()
    : []
  const items: T[] = []
  const problems: string[] = []
  for (const file of files) {
    const parsed = parse(fs.readFileSync(path.join(dir, file), 'utf8'), path.join(path.basename(dir), file))
    if (parsed.ok) items.push(parsed.value)
    else problems.push(...parsed.problems)
  }
  if (problems.length > 0) throw new Error(`Invalid ${kind}:\n  ${problems.join('\n  ')}`)
  return items
}

/** `loadContentFiles` for `*.json` files, with a clear problem for a file that is not JSON. */
export function loadContentDir<T>(
  dir: string,
  kind: string,
  parse: (content: unknown, fileName: string) => ParsedContent<T>,
): T[] {
  return loadContentFiles(dir, kind, '.json', (text, where) => {
    try {
      return parse(JSON.parse(text), where)
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error
      return { ok: false, problems: [`${where}: not valid JSON (${error.message})`] }
    }
  })
}
