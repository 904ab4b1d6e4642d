// The phone page's weight on a slow link (run after `vite build`, by `npm run build`): sums the
// gzip size of what its first screen loads — m/index.html, the entry's JS and every chunk it
// imports statically, and the stylesheets the page links — and fails when that is over the
// budget, when any of the console's chunks can be reached from the phone page at all, or when a
// stylesheet points off-site. Also prints the size of all the phone's pages together.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const BUDGET = 300 * 1024
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist')
const html = join(dist, 'm', 'index.html')
if (!existsSync(html)) {
  console.error('dist/m/index.html is missing: run vite build first')
  process.exit(1)
}
const page = readFileSync(html, 'utf8')
const gz = (buf) => gzipSync(buf, { level: 9 }).length
const kb = (n) => `${(n / 1024).toFixed(1)} kB`

// "/assets/x.js" as the page names it → the file under dist.
const linked = (re) => [...page.matchAll(re)].map((m) => m[1].replace(/^\//, ''))
const entry = linked(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)
const preload = linked(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)
const styles = linked(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)

// A chunk's static imports (`import"./x.js"`, `from"./x.js"`), never `import("./x.js")`.
function staticImports(file) {
  const text = readFileSync(join(dist, file), 'utf8')
  return [...text.matchAll(/(?:\bfrom|\bimport)\s*["']\.\/([^"']+\.js)["']/g)].map((m) => `assets/${m[1]}`)
}
function closure(files, follow) {
  const seen = new Set()
  const todo = [...files]
  while (todo.length) {
    const f = todo.pop()
    if (seen.has(f)) continue
    seen.add(f)
    if (f.endsWith('.js')) todo.push(...follow(f))
  }
  return seen
}

const first = closure([...entry, ...preload, ...styles], staticImports)
// Every page: also what the entry loads later (Vite's preload list names each lazy page's JS and CSS).
const lazy = (file) => {
  const text = readFileSync(join(dist, file), 'utf8')
  return [...staticImports(file), ...[...text.matchAll(/["'](assets\/[^"']+\.(?:js|css))["']/g)].map((m) => m[1])]
}
const all = closure([...first], lazy)

const size = (set) => [...set].reduce((sum, f) => sum + gz(readFileSync(join(dist, f))), gz(Buffer.from(page)))
const firstSize = size(first)
const allSize = size(all)
const rows = [...first].sort().map((f) => `  ${kb(gz(readFileSync(join(dist, f)))).padStart(9)}  ${f}`)
console.log(`phone page (/m/) first screen, gzip -9: ${kb(firstSize)} of ${kb(BUDGET)}\n${rows.join('\n')}`)
console.log(`phone page, every page loaded: ${kb(allSize)} (${all.size} files)`)

let failed = false
if (firstSize > BUDGET) {
  console.error(`the phone page's first screen is ${kb(firstSize)} gzipped, over the budget of ${kb(BUDGET)}`)
  failed = true
}
const foreign = [...all].filter((f) => /\/(element-plus|echarts|xlsx|vendor|console)-/.test(f))
if (foreign.length) {
  console.error(`the phone page reaches the console's chunks: ${foreign.join(', ')}`)
  failed = true
}
for (const f of [...all].filter((x) => x.endsWith('.css'))) {
  if (/url\(\s*["']?(?:https?:)?\/\//.test(readFileSync(join(dist, f), 'utf8'))) {
    console.error(`${f} loads something off-site (url(//…)): the phone page must be self-contained`)
    failed = true
  }
}
process.exit(failed ? 1 : 0)
