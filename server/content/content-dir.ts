import fs from 'node:fs'
import path from 'node:path'

export type ParsedContent<T> = { ok: true; value: T } | { ok: false; problems: string[] }

/**
 * Reads every `*.json` file in a content directory through `parse`; throws one error listing every
 * problem (file name and path inside it), so bad content fails loudly at start-up and in tests.
 */
export function loadContentDir<T>(
  dir: string,
  kind: string,
  parse: (content: unknown, fileName: string) => ParsedContent<T>,
): T[] {
  const files = fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort()
    : []
  const items: T[] = []
  const problems: string[] = []
  for (const file of files) {
    const where = path.join(path.basename(dir), file)
    let content: unknown
    try {
      content = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'))
    } catch (error) {
      problems.push(`${where}: not valid JSON (${error instanceof Error ? error.message : 'unreadable'})`)
      continue
    }
    const parsed = parse(content, where)
    if (parsed.ok) items.push(parsed.value)
    else problems.push(...parsed.problems)
  }
  if (problems.length > 0) throw new Error(`Invalid ${kind}:\n  ${problems.join('\n  ')}`)
  return items
}
