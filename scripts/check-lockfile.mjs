// CI, before `npm ci`: package-lock.json must say exactly what package.json says, every dependency
// must be pinned to one version, and every package must come from the npm registry with a hash.
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

export const REGISTRY = 'https://registry.npmjs.org/'

const EXACT_VERSION = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/
const SHA512 = /^sha512-[A-Za-z0-9+/]{86}==$/
const DECLARED = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies']
const INSTALLED = ['dependencies', 'devDependencies', 'optionalDependencies']

/** A dependency's spec as the package it installs: `1.2.3`, or `npm:other@1.2.3` (an alias). */
function pinnedTarget(name, spec) {
  const alias = /^npm:((?:@[^/@]+\/)?[^@]+)@(.+)$/.exec(spec)
  return alias ? { name: alias[1], version: alias[2] } : { name, version: spec }
}

/** The one tarball URL the registry serves for a package version. */
export function registryTarball(name, version) {
  const base = name.slice(name.lastIndexOf('/') + 1)
  return `${REGISTRY}${name}/-/${base}-${version}.tgz`
}

/** Where package.json and the lockfile disagree about direct dependencies, and which are not pinned. */
function declarationProblems(pkg, lock) {
  const problems = []
  const root = lock.packages[''] ?? {}
  if (lock.name !== pkg.name || root.name !== pkg.name) {
    problems.push(`the lockfile is for "${root.name ?? lock.name}", package.json is "${pkg.name}"`)
  }
  for (const field of DECLARED) {
    const declared = pkg[field] ?? {}
    const locked = root[field] ?? {}
    for (const name of new Set([...Object.keys(declared), ...Object.keys(locked)])) {
      if (declared[name] !== locked[name]) {
        const said = (spec) => (spec === undefined ? 'nothing' : `"${spec}"`)
        problems.push(
          `${field}.${name}: package.json says ${said(declared[name])}, package-lock.json says ${said(locked[name])}`,
        )
      }
    }
  }
  for (const field of INSTALLED) {
    for (const [name, spec] of Object.entries(pkg[field] ?? {})) {
      const target = pinnedTarget(name, spec)
      if (!EXACT_VERSION.test(target.version)) {
        problems.push(`${field}.${name} is "${spec}", not one exact version`)
        continue
      }
      const entry = lock.packages[`node_modules/${name}`]
      const lockedName = entry?.name ?? name
      if (!entry || entry.version !== target.version || lockedName !== target.name) {
        const locked = entry ? `${lockedName}@${entry.version}` : 'nothing'
        problems.push(
          `${name}: package.json pins ${target.name}@${target.version}, the lockfile installs ${locked}`,
        )
      }
    }
  }
  return problems
}

/** Packages that would come from anywhere but the registry, or without a hash to check them by. */
function sourceProblems(lock) {
  const problems = []
  for (const [where, entry] of Object.entries(lock.packages)) {
    if (where === '') continue
    if (entry.link) {
      problems.push(`${where} is a link to ${entry.resolved}, not a registry package`)
      continue
    }
    if (entry.inBundle) continue // it arrives inside its parent's tarball, which is checked
    const name = entry.name ?? where.slice(where.lastIndexOf('node_modules/') + 'node_modules/'.length)
    const expected = registryTarball(name, entry.version)
    // no `resolved` (npm's omit-lockfile-registry-resolved) means the configured registry
    if (entry.resolved !== undefined && entry.resolved !== expected) {
      problems.push(`${where} is resolved from ${entry.resolved}, not ${expected}`)
    }
    if (!SHA512.test(entry.integrity ?? '')) problems.push(`${where} has no sha512 integrity hash`)
  }
  return problems
}

/** Every problem with the lockfile, in words; empty when it is in sync, pinned and from the registry. */
export function lockfileProblems(pkg, lock) {
  if (!lock || typeof lock.packages !== 'object' || lock.packages === null) {
    return ['package-lock.json has no "packages" section (lockfileVersion 2 or 3); run `npm install`']
  }
  return [...declarationProblems(pkg, lock), ...sourceProblems(lock)]
}

/** Checks the project in `dir`; prints what is wrong and returns the exit code. */
export function checkProject(dir) {
  const read = (file) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'))
  const lock = read('package-lock.json')
  const problems = lockfileProblems(read('package.json'), lock)
  if (problems.length > 0) {
    console.error(`package-lock.json: ${problems.length} problem(s)`)
    for (const problem of problems) console.error(`  - ${problem}`)
    console.error(
      'Fix: `npm install --save-exact <pkg>@<version>` from the npm registry, then commit both files.',
    )
    return 1
  }
  const count = Object.keys(lock.packages).length - 1
  console.log(
    `package-lock.json: ${count} packages, in sync with package.json, pinned, from ${REGISTRY} with sha512 hashes`,
  )
  return 0
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = checkProject(process.argv[2] ?? process.cwd())
}
