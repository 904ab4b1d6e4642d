// The console in a real browser against a real server (CTest: web_browser_sqlite). Fails on any
// browser console error; leaves a screenshot of every page in GONGHUI_WEB_TEST_OUTPUT.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { CHANGED, INITIAL, World, outDir, totp } from './harness.mjs'

const world = new World()
let failed = false

async function shot(page, name) {
  await page.screenshot({ path: join(outDir, `${name}.png`), fullPage: true })
}

async function step(name, fn) {
  process.stdout.write(`- ${name} … `)
  await fn()
  console.log('ok')
}

// Sign-in as a user on their first day: the initial password, the forced change (after the
// client has refused a weak one), and TOTP enrolment when the role needs it.
async function firstLogin(page, username, { needsTotp = false } = {}) {
  await page.goto(`${world.base}/`)
  await page.waitForURL(/\/login/)
  await page.locator('#login-username').fill(username)
  await page.locator('#login-password').fill(INITIAL)
  await page.keyboard.press('Enter')
  await page.locator('#pw-new').waitFor()
  await page.locator('#pw-new').fill('short1A')
  await page.locator('#pw-confirm').fill('short1A')
  await page.keyboard.press('Enter')
  await page.getByText('密码至少需要 12 个字符').waitFor()
  await page.locator('#pw-new').fill(CHANGED)
  await page.locator('#pw-confirm').fill(CHANGED)
  await page.keyboard.press('Enter')
  if (needsTotp) {
    await page.locator('[data-test=totp-qr]').waitFor()
    await shot(page, `totp-enrol-${username}`)
    const secret = (await page.locator('[data-test=totp-secret]').textContent()).trim()
    await page.locator('#totp-code').fill(totp(secret))
    await page.keyboard.press('Enter')
  }
  await page.locator('[data-test=scope]').waitFor()
}

try {
  world.cli(['migrate'])
  world.addUser('qianxian', '610424', ['federation_cadre'], '乾县干部')
  world.addUser('shaanxi', '610000', ['federation_cadre'], '省总干部')
  world.addUser('auditadm', '610000', ['audit_admin'], '审计管理员')
  world.cli(['demo', '--scale', '0.05'])
  await world.start()

  const { page } = await world.browser('qianxian')

  await step('login page, keyboard only, forced password change', async () => {
    await page.goto(`${world.base}/`)
    await page.waitForURL(/\/login/)
    await shot(page, 'login')
    await firstLogin(page, 'qianxian')
  })

  await step('dashboard of 乾县 with data and the 建会率 formula', async () => {
    await page.waitForURL(/\/dashboard/)
    await page.locator('[data-test=stat-members]').waitFor()
    await page.getByText('建会率 =').waitFor()
    const members = await page.locator('[data-test=stat-members] .el-statistic__content').textContent()
    assert.ok(Number(members.replace(/[^\d]/g, '')) > 0, `members on the dashboard: ${members}`)
    assert.match(await page.locator('[data-test=scope]').textContent(), /乾县/)
    await page.locator('.chart svg').first().waitFor()
    await shot(page, 'dashboard')
  })

  if (page.consoleErrors.length) throw new Error(`browser console errors:\n${page.consoleErrors.join('\n')}`)
  console.log(`screenshots in ${outDir}`)
} catch (e) {
  failed = true
  console.error(e)
  if (world.serverLog) console.error(`server log:\n${world.serverLog.slice(-4000)}`)
} finally {
  await world.close()
}
process.exit(failed ? 1 : 0)
