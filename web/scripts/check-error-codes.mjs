// Fails when the server can answer an error code that web/src/utils/errors.ts has no friendly
// message for, or when the console or the phone page asks for a permission no domain declares.
// The source of both is the domains' catalogues as the server binary reports them
// (`gonghui catalogue`, GONGHUI_BINARY), so a code is checked where it is declared; the
// architecture test checks that every code a source answers is declared. Run by CTest as
// web_error_codes.
import { execFileSync } from 'node:child_process'
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const repo = join(here, '..', '..')
const binary = process.env.GONGHUI_BINARY || join(repo, 'build', 'gonghui')
const catalogue = JSON.parse(execFileSync(binary, ['catalogue'], { encoding: 'utf8' }))

const codes = catalogue.errors.map((e) => e.code)
const mapText = readFileSync(join(repo, 'web', 'src', 'utils', 'errors.ts'), 'utf8')
const missing = codes.filter((c) => c !== 'internal' && !mapText.includes(`'${c}'`)).sort()
if (codes.length < 100) {
  console.error(`the catalogues list only ${codes.length} error codes: is the binary current?`)
  process.exit(1)
}
if (missing.length) {
  console.error(`web/src/utils/errors.ts lacks a message for ${missing.length} server error code(s):`)
  for (const c of missing) console.error(`  ${c}`)
  process.exit(1)
}
console.log(`all ${codes.length} error codes of the catalogues have a message`)

// Permissions named by the console and the phone page: auth.can('x') and route meta
// `permission: 'x'`.
const declared = new Set(catalogue.permissions.map((p) => p.name))
const used = new Set()
function walkWeb(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) walkWeb(p)
    else if (/\.(ts|vue)$/.test(name)) {
      const text = readFileSync(p, 'utf8')
      for (const m of text.matchAll(/(?:can\(|permission: )'([a-z_]+\.[a-z_.]+)'/g)) used.add(m[1])
    }
  }
}
walkWeb(join(repo, 'web', 'src'))
const unknown = [...used].filter((perm) => !declared.has(perm))
if (used.size < 5 || unknown.length) {
  console.error(`permissions the console uses but no domain's catalogue declares: ${unknown.join(', ') || '(none found: pattern out of date)'}`)
  process.exit(1)
}
console.log(`all ${used.size} permissions the console checks are declared: ${[...used].sort().join(' ')}`)
