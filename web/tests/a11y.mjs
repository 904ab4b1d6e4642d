// Accessibility checks for the browser test: axe-core (npm) runs on the page after each
// screenshot, and any violation of the rules below fails the test with the rule, the elements
// and a hint. Never turn a rule off here; a third-party node that cannot be fixed from the
// console is excluded from one rule in `exclusions`, with the reason.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

export const RULES = [
  // names of inputs, buttons, links and images
  'label', 'button-name', 'link-name', 'image-alt', 'input-button-name', 'select-name',
  'aria-input-field-name', 'aria-toggle-field-name', 'aria-command-name', 'aria-progressbar-name',
  'aria-dialog-name', 'aria-tooltip-name', 'aria-treeitem-name', 'svg-img-alt', 'role-img-alt',
  // contrast
  'color-contrast',
  // aria-* validity
  'aria-allowed-attr', 'aria-required-attr', 'aria-valid-attr', 'aria-valid-attr-value', 'aria-roles',
  'aria-required-children', 'aria-required-parent', 'aria-prohibited-attr', 'aria-deprecated-role',
  'aria-hidden-body', 'aria-hidden-focus', 'duplicate-id-aria',
  // the document
  'document-title', 'html-has-lang', 'html-lang-valid', 'valid-lang', 'frame-title',
]

// rule → [CSS selector, why]. Matched nodes are left out of that rule only.
const exclusions = {
  // ElTreeSelect (the scope switcher, the org pickers) puts its role=tree inside the select's
  // role=listbox popper, and its tree nodes carry role=option as well: Element Plus's markup,
  // not reachable from the console. The tree itself is keyboard-usable.
  'aria-required-children': ['.el-tree-select__popper', 'ElTreeSelect nests a tree in a listbox'],
  'aria-required-parent': ['.el-tree-select__popper', 'ElTreeSelect tree nodes have role=option'],
}

export function formatViolations(where, violations) {
  const lines = [`accessibility violations on ${where}:`]
  for (const v of violations) {
    lines.push(`  [${v.id}] ${v.help} (${v.helpUrl})`)
    for (const n of v.nodes.slice(0, 8)) {
      lines.push(`    at ${n.target.join(' ')}`)
      const hint = (n.failureSummary ?? '').split('\n').map((s) => s.trim()).filter(Boolean).slice(0, 3).join(' / ')
      if (hint) lines.push(`      ${hint}`)
    }
    if (v.nodes.length > 8) lines.push(`    … and ${v.nodes.length - 8} more`)
  }
  return lines.join('\n')
}

// Runs axe on the page as it is now; throws when a rule is violated.
export async function checkA11y(page, where) {
  // Evaluated through the DevTools protocol, so the console's CSP (script-src 'self') allows it.
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource)
  const violations = await page.evaluate(async ({ rules, exclusions }) => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'rule', values: rules },
      resultTypes: ['violations'],
    })
    return result.violations.map((v) => {
      const skip = exclusions[v.id]
      const nodes = v.nodes.filter((n) => !skip || !n.target.some((t) => document.querySelector(String(t))?.closest(skip[0])))
      return { id: v.id, help: v.help, helpUrl: v.helpUrl, nodes: nodes.map((n) => ({ target: n.target.map(String), failureSummary: n.failureSummary })) }
    }).filter((v) => v.nodes.length > 0)
  }, { rules: RULES, exclusions })
  if (violations.length) throw new Error(formatViolations(where, violations))
}

// Every screenshot the test takes is also an accessibility check of that page (the test's
// `shot` helper goes through page.screenshot). GONGHUI_A11Y=report prints instead of failing,
// to list all violations at once while fixing them.
export function checkOnScreenshot(page) {
  const screenshot = page.screenshot.bind(page)
  page.a11yReport = []
  page.screenshot = async (options = {}) => {
    const shot = await screenshot(options)
    const where = String(options.path ?? page.url()).replace(/^.*\//, '')
    try {
      await checkA11y(page, `${where} (${page.url()})`)
    } catch (e) {
      if (process.env.GONGHUI_A11Y !== 'report') throw e
      page.a11yReport.push(e.message)
      console.log(`\n${e.message}`)
    }
    return shot
  }
}
