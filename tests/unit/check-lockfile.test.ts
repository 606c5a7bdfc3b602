import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { lockfileProblems, registryTarball } from '../../scripts/check-lockfile.mjs'

const HASH = `sha512-${'A'.repeat(86)}==`

/** A small project, pinned and locked the way the check wants it. */
function project() {
  const pkg = {
    name: 'demo',
    dependencies: { zod: '4.6.7', '@tldraw/tlschema': '5.4.2' },
    devDependencies: { 'y-classic': 'npm:y-websocket@1.5.4' },
  }
  const entry = (name: string, version: string) => ({
    version,
    resolved: registryTarball(name, version),
    integrity: HASH,
  })
  const lock = {
    name: 'demo',
    lockfileVersion: 3,
    packages: {
      '': {
        name: 'demo',
        dependencies: { ...pkg.dependencies },
        devDependencies: { ...pkg.devDependencies },
      },
      'node_modules/zod': entry('zod', '4.6.7'),
      'node_modules/@tldraw/tlschema': entry('@tldraw/tlschema', '5.4.2'),
      'node_modules/y-classic': { name: 'y-websocket', ...entry('y-websocket', '1.5.4'), dev: true },
      'node_modules/y-classic/node_modules/ws': { version: '6.2.7', integrity: HASH }, // resolved omitted
    } as Record<string, Record<string, unknown>>,
  }
  return { pkg, lock }
}

describe('the lockfile check (scripts/check-lockfile.mjs)', () => {
  it('passes a pinned project whose every package comes from the registry with a sha512 hash', () => {
    const { pkg, lock } = project()
    expect(lockfileProblems(pkg, lock)).toEqual([])
  })

  it('passes this repository’s own package.json and package-lock.json', () => {
    const read = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'))
    expect(lockfileProblems(read('package.json'), read('package-lock.json'))).toEqual([])
  })

  it('names a dependency given as a range instead of one exact version', () => {
    const { pkg, lock } = project()
    pkg.dependencies.zod = '^4.6.7'
    lock.packages[''] = { ...lock.packages[''], dependencies: { ...pkg.dependencies } }
    expect(lockfileProblems(pkg, lock)).toEqual(['dependencies.zod is "^4.6.7", not one exact version'])
  })

  it('names every way package.json and the lockfile disagree', () => {
    const { pkg, lock } = project()
    const added = { ...pkg, dependencies: { ...pkg.dependencies, helmet: '8.3.0' } }
    expect(lockfileProblems(added, lock)).toEqual([
      'dependencies.helmet: package.json says "8.3.0", package-lock.json says nothing',
      'helmet: package.json pins helmet@8.3.0, the lockfile installs nothing',
    ])
    const bumped = { ...pkg, devDependencies: { 'y-classic': 'npm:y-websocket@1.5.3' } }
    lock.packages[''] = { ...lock.packages[''], devDependencies: bumped.devDependencies }
    expect(lockfileProblems(bumped, lock)).toEqual([
      'y-classic: package.json pins y-websocket@1.5.3, the lockfile installs y-websocket@1.5.4',
    ])
  })

  it('names a package fetched from anywhere but its own registry tarball', () => {
    for (const resolved of [
      'https://evil.example/zod/-/zod-4.6.7.tgz',
      'git+ssh://git@github.com/colinhacks/zod.git#abc',
      'https://registry.npmjs.org/evil/-/evil-4.6.7.tgz',
      'http://registry.npmjs.org/zod/-/zod-4.6.7.tgz',
    ]) {
      const { pkg, lock } = project()
      lock.packages['node_modules/zod'] = { ...lock.packages['node_modules/zod'], resolved }
      expect(lockfileProblems(pkg, lock)).toEqual([
        `node_modules/zod is resolved from ${resolved}, not https://registry.npmjs.org/zod/-/zod-4.6.7.tgz`,
      ])
    }
  })

  it('names a package without a sha512 hash, and a linked folder', () => {
    const { pkg, lock } = project()
    lock.packages['node_modules/zod'] = { version: '4.6.7' }
    lock.packages['node_modules/@tldraw/tlschema'] = { version: '5.4.2', integrity: 'sha1-abc=' }
    lock.packages['node_modules/local'] = { link: true, resolved: '../local' }
    expect(lockfileProblems(pkg, lock)).toEqual([
      'node_modules/zod has no sha512 integrity hash',
      'node_modules/@tldraw/tlschema has no sha512 integrity hash',
      'node_modules/local is a link to ../local, not a registry package',
    ])
  })

  it('refuses a lockfile from before npm 7', () => {
    expect(lockfileProblems({ name: 'demo' }, { lockfileVersion: 1, dependencies: {} })).toEqual([
      'package-lock.json has no "packages" section (lockfileVersion 2 or 3); run `npm install`',
    ])
  })

  it('exits 1 listing the problems, and 0 for a good project, when run from the command line', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockfile-check-'))
    const run = () => spawnSync(process.execPath, ['scripts/check-lockfile.mjs', dir], { encoding: 'utf8' })
    try {
      const { pkg, lock } = project()
      fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg))
      fs.writeFileSync(path.join(dir, 'package-lock.json'), JSON.stringify(lock))
      const good = run()
      expect(good.status).toBe(0)
      expect(good.stdout).toContain('4 packages, in sync with package.json')

      lock.packages['node_modules/zod'] = { version: '4.6.7', resolved: 'https://evil.example/zod.tgz' }
      fs.writeFileSync(path.join(dir, 'package-lock.json'), JSON.stringify(lock))
      const bad = run()
      expect(bad.status).toBe(1)
      expect(bad.stderr).toContain('node_modules/zod is resolved from https://evil.example/zod.tgz')
      expect(bad.stderr).toContain('node_modules/zod has no sha512 integrity hash')
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
