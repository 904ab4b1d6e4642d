// Fails when the server (src/) can answer an error code that web/src/utils/errors.ts has no
// friendly message for, or when the console asks for a permission no domain's catalogue
// (src/domains/<domain>/domain.cpp) declares. Run by CTest as web_error_codes.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const repo = join(here, '..', '..')

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) walk(p, out)
    else if (/\.(cpp|h)$/.test(name)) out.push(p)
  }
  return out
}

const codes = new Set()
const pattern = /(?:ApiError\s*\(\s*[^,()]+,|Problem\s*\{|problem\s*\()\s*"([a-z_]+\.[a-z_.]+)"/g
for (const file of walk(join(repo, 'src'))) {
  const text = readFileSync(file, 'utf8')
  for (const m of text.matchAll(pattern)) codes.add(m[1])
}
const mapText = readFileSync(join(repo, 'web', 'src', 'utils', 'errors.ts'), 'utf8')
const missing = [...codes].filter((c) => !mapText.includes(`'${c}'`)).sort()
if (codes.size < 20) {
  console.error(`found only ${codes.size} error codes in src/: the pattern is out of date`)
  process.exit(1)
}
if (missing.length) {
  console.error(`web/src/utils/errors.ts lacks a message for ${missing.length} server error code(s):`)
  for (const c of missing) console.error(`  ${c}`)
  process.exit(1)
}
console.log(`all ${codes.size} server error codes have a message`)

// Permissions named by the console: auth.can('x') and route meta `permission: 'x'`. The server
// declares them in each domain's catalogue (src/domains/<d>/domain.cpp).
const domains = join(repo, 'src', 'domains')
const roles = readdirSync(domains)
  .map((d) => join(domains, d, 'domain.cpp'))
  .filter((p) => existsSync(p))
  .map((p) => readFileSync(p, 'utf8'))
  .join('\n')
const used = new Set()
function walkWeb(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) walkWeb(p)
    else if (/\.(ts|vue)$/.test(name)) {
      const text = readFileSync(p, 'utf8')
      for (const m of text.matchAll(/(?:can\(|permission: )'([a-z_]+\.[a-z_]+)'/g)) used.add(m[1])
    }
  }
}
walkWeb(join(repo, 'web', 'src'))
const unknown = [...used].filter((perm) => !roles.includes(`"${perm}"`))
if (used.size < 5 || unknown.length) {
  console.error(`permissions the console uses but no domain catalogue (src/domains/*/domain.cpp) declares: ${unknown.join(', ') || '(none found: pattern out of date)'}`)
  process.exit(1)
}
console.log(`all ${used.size} permissions the console checks exist on the server: ${[...used].sort().join(' ')}`)
