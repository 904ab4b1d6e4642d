// The console in a real browser against a real server (CTest: web_browser_sqlite). Fails on any
// browser console error; leaves a screenshot of every page in GONGHUI_WEB_TEST_OUTPUT.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { CHANGED, INITIAL, World, apiSession, outDir, totp, workerApplies } from './harness.mjs'
import { consoleDataSteps } from './console-data.steps.mjs'
import { adminSteps } from './admin.steps.mjs'
import { noticeSteps } from './notices.steps.mjs'
import { stationSteps } from './stations.steps.mjs'

const world = new World()
let failed = false

function withCheckDigit(first17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...first17].reduce((a, c, i) => a + Number(c) * w[i], 0)
  return first17 + '10X98765432'[sum % 11]
}

function creditCode(first17) {
  const a = '0123456789ABCDEFGHJKLMNPQRTUWXY'
  let sum = 0, w = 1
  for (const c of first17) { sum += a.indexOf(c) * w; w = (w * 3) % 31 }
  return first17 + a[(31 - (sum % 31)) % 31]
}

async function shot(page, name) {
  await page.screenshot({ path: join(outDir, `${name}.png`), fullPage: true, animations: 'disabled' })
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
  // Keyboard only: type, Tab to the password, Enter to sign in.
  await page.locator('#login-username').focus()
  await page.keyboard.type(username)
  await page.keyboard.press('Tab')
  await page.keyboard.type(INITIAL)
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
    // A reload half-way comes back to the same step (a fresh secret is issued).
    await page.reload()
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
  world.addUser('lockme', '610424', ['union_cadre'], '将被锁定')
  // --accounts: the demo accounts too, each with a welcome notice; demo's one-time password.
  const demoOut = world.cli(['demo', '--scale', '0.05', '--accounts'])
  const demoPassword = demoOut.match(/^\s*demo\s+密码 \/ password (\S+)/m)?.[1]
  assert.ok(demoPassword, `the demo account's password in:\n${demoOut}`)
  // Development mode: the one-time codes of workerApplies go to the server log.
  await world.start(['--dev'])

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

  // A member of 彬州市, seen through the province cadre's eyes (over the API).
  const province = await apiSession(world.base, 'shaanxi')
  let binzhou = null
  for (let cursor = ''; !binzhou;) {
    const r = await province('GET', `/api/v1/orgs?limit=500${cursor ? `&cursor=${cursor}` : ''}`)
    binzhou = r.body.items.find((o) => o.division_code === '610482')
    if (!r.body.next_cursor) break
    cursor = r.body.next_cursor
  }
  assert.ok(binzhou, '彬州市总工会 exists')
  const binzhouMember = (await province('GET', `/api/v1/members?org=${binzhou.id}&limit=1`)).body.items[0]
  assert.ok(binzhouMember, 'a member in 彬州市')
  assert.equal((await province('GET', '/api/v1/orgs/610482/stats')).status, 200)

  const go = async (title, url) => {
    await page.getByRole('menuitem', { name: title, exact: true }).click()
    await page.waitForURL(url)
  }
  const tableIds = async (sel) =>
    page.locator(`${sel} .el-table__body tr td:nth-child(2) .cell`).allTextContents()

  await step('members: search, keyset pages without duplicates, detail, reveal', async () => {
    await go('会员', /\/members/)
    await page.locator('[data-test=member-table] .el-table__body tr').first().waitFor()
    const firstName = (await page.locator('[data-test=member-table] .el-table__body tr td:first-child .cell').first().textContent()).trim()
    await page.locator('#member-q').fill(firstName.slice(0, 1))
    await page.keyboard.press('Enter')
    await page.waitForFunction((n) => {
      const cells = [...document.querySelectorAll('[data-test=member-table] .el-table__body tr td:first-child .cell')]
      return cells.length > 0 && cells.every((c) => c.textContent.trim().startsWith(n))
    }, firstName.slice(0, 1))
    const page1 = await tableIds('[data-test=member-table]')
    if (await page.locator('[data-test=next-page]').isEnabled()) {
      await page.locator('[data-test=next-page]').click()
      await page.getByText('第 2 页').waitFor()
      await page.waitForFunction((first) => {
        const c = document.querySelector('[data-test=member-table] .el-table__body tr td:nth-child(2) .cell')
        return c && c.textContent !== first
      }, page1[0])
      const page2 = await tableIds('[data-test=member-table]')
      assert.ok(page2.length > 0)
      assert.equal(page2.filter((card) => page1.includes(card)).length, 0, 'page 2 repeats a row of page 1')
      await page.locator('[data-test=prev-page]').click()
      await page.getByText('第 1 页').waitFor()
    }
    await shot(page, 'members')
    await page.locator('[data-test=member-table] .el-table__body tr').first().getByRole('button', { name: /查看/ }).click()
    await page.locator('[data-test=member-detail]').waitFor()
    const masked = await page.locator('[data-test=member-id-number]').textContent()
    assert.match(masked, /\*/, 'the ID number is masked at first')
    await page.locator('[data-test=reveal-id]').click()
    await page.waitForFunction(() => !document.querySelector('[data-test=member-id-number]').textContent.includes('*'))
    assert.match(await page.locator('[data-test=member-id-number]').textContent(), /^\d{17}[\dX]$/)
    if (await page.locator('[data-test=reveal-phone]').count()) {
      await page.locator('[data-test=reveal-phone]').click()
      await page.waitForFunction(() => /^1\d{10}$/.test(document.querySelector('[data-test=member-phone]').textContent))
    }
    await shot(page, 'member-detail')
  })

  await step('a transfer request from the drawer, listed as outgoing, then withdrawn', async () => {
    const name = (await page.locator('.el-drawer__title, .el-drawer header span').first().textContent()).replace('会员：', '').trim()
    await page.locator('[data-test=member-transfer]').click()
    await page.locator('#transfer-org').click()
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    await page.locator('#transfer-reason').fill('工作调动')
    await page.getByRole('button', { name: '提交申请' }).click()
    await page.getByText('已提交转接申请').waitFor()
    await page.keyboard.press('Escape')
    await go('会员转接', /\/transfers/)
    await page.locator('[data-test=transfers-outgoing]').click()
    await page.locator('[data-test=transfers-outgoing].is-active').waitFor()
    const row = page.locator('[data-test=transfer-table] .el-table__body tr', { hasText: name })
    await row.getByText('待处理').waitFor()
    await shot(page, 'transfers-outgoing')
    await row.getByRole('button', { name: '撤回' }).click()
    await page.locator('.el-message-box').getByRole('button', { name: '确定' }).click()
    await row.getByText('已撤回').waitFor()
    await go('会员', /\/members/)
  })

  await step('members of one union: every row belongs to it', async () => {
    await page.locator('#member-q').fill('')
    await page.locator('#member-org').click()
    await page.locator('#member-org').fill('快递业')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    const chosen = (await page.locator('#member-org').evaluate((el) => el.closest('.el-select').textContent)).trim()
    await page.locator('[data-test=member-search]').click()
    await page.waitForFunction((org) => {
      const cells = [...document.querySelectorAll('[data-test=member-table] .el-table__body tr td:nth-child(5) .cell')]
      return cells.length > 0 && cells.every((c) => c.textContent.trim() === org)
    }, chosen)
  })

  await step('new member: the client refuses a bad ID number with the server\'s words, then saves', async () => {
    // After a reload the CSRF token comes from /auth/me (it is kept in memory only).
    await page.reload()
    await page.locator('[data-test=member-table] .el-table__body tr').first().waitFor()
    await page.locator('[data-test=member-new]').click()
    await page.locator('#member-name').fill('测试会员')
    await page.locator('#member-id-number').fill('610424199001011230')
    await page.locator('#member-phone').fill('13800138000')
    await page.getByRole('button', { name: '保存' }).click()
    await page.getByText('身份证号校验位错误，请核对是否输错').waitFor()
    await page.locator('#member-id-number').fill(withCheckDigit('61042419900101123'))
    await page.getByRole('button', { name: '保存' }).click()
    await page.getByText('已新增会员 测试会员').waitFor()
  })

  await step('employers: the client checks the credit code; register, link a union; the 建会率 follows', async () => {
    // The demo data has employers: read the county's 建会率 fraction first, then expect both of
    // its terms to grow by one once the new employer has a union.
    await go('概览', /\/dashboard/)
    const formula = page.locator('[data-test=rate-formula]')
    await formula.getByText('%').waitFor()
    const before = (await formula.textContent()).match(/= (\d+) ÷ (\d+)/)
    if (!before) throw new Error('no 建会率 fraction on the dashboard')
    const [num, den] = [Number(before[1]), Number(before[2])]
    await go('用人单位', /\/employers/)
    await page.locator('[data-test=employer-new]').click()
    const good = creditCode('91610424MA6T00001')
    const bad = good.slice(0, 17) + (good[17] === '1' ? '2' : '1')
    await page.locator('#employer-name').fill('乾县测试食品有限公司')
    await page.locator('#employer-credit').fill(bad)
    await page.locator('#employer-staff').fill('120')
    await page.getByRole('button', { name: '保存' }).click()
    await page.getByText('统一社会信用代码校验位错误，请核对是否输错').waitFor()
    await page.locator('#employer-credit').fill(good)
    await page.getByRole('button', { name: '保存' }).click()
    await page.getByText('已保存 乾县测试食品有限公司').waitFor()
    await page.locator('#employer-q').fill('乾县测试食品')
    await page.locator('#employer-q').press('Enter')
    const row = page.locator('[data-test=employer-table] .el-table__body tr', { hasText: '乾县测试食品有限公司' })
    await row.getByText('应建未建').waitFor()
    await row.getByRole('button', { name: '关联工会' }).click()
    await page.locator('#employer-union').click()
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    await page.getByRole('dialog', { name: '关联单位工会' }).getByRole('button', { name: '保存' }).click()
    await page.waitForFunction(() => {
      const r = [...document.querySelectorAll('[data-test=employer-table] .el-table__body tr')].find((x) => x.textContent.includes('乾县测试食品有限公司'))
      return r && !r.textContent.includes('应建未建')
    })
    await shot(page, 'employers')
    await go('概览', /\/dashboard/)
    await formula.getByText(`= ${num + 1} ÷ ${den + 1}`).waitFor()
    await shot(page, 'dashboard-rate')
  })

  const newUnion = '乾县测试快递业工会'
  await step('org tree: create a child union, edit it with the server\'s rules, an honour, move it', async () => {
    await go('工会组织', /\/orgs/)
    await page.locator('[data-test=org-title]').getByText('乾县').waitFor()
    await page.locator('[data-test=org-new]').click()
    await page.locator('#org-name').fill(newUnion)
    await page.getByRole('dialog', { name: '新建下级组织' }).getByRole('button', { name: '保存' }).click()
    await page.getByText(`已新建 ${newUnion}`).waitFor()
    await page.locator('[data-test=org-tree]').getByText(newUnion).waitFor()
    await page.locator('[data-test=org-title]').getByText(newUnion).waitFor()
    await page.locator('[data-test=org-edit]').click()
    const edit = page.getByRole('dialog', { name: '编辑组织信息' })
    await page.locator('#org-edit-credit').fill(creditCode('91610424MA6T00002'))
    await page.locator('#org-edit-lat').fill('34.5271')
    await page.locator('#org-edit-founded').fill('2999-01-01')
    await edit.getByRole('button', { name: '保存' }).click()
    await edit.getByText('工会的统一社会信用代码应以 81 开头（登记管理部门 8 工会，机构类别 1）').waitFor()
    await edit.getByText('经纬度须同时填写或同时清空').waitFor()
    await edit.getByText('成立日期不能晚于今天').waitFor()
    const good = creditCode('81610424MC0000012')
    await page.locator('#org-edit-credit').fill(good)
    await page.locator('#org-edit-lng').fill('108.2391')
    await page.locator('#org-edit-founded').fill('2020-05-01')
    await page.locator('#org-edit-chair').fill('张主席')
    await edit.getByRole('button', { name: '保存' }).click()
    await page.getByText(`已保存 ${newUnion}`).waitFor()
    await page.locator('[data-test=org-detail]').getByText(good).waitFor()
    await page.locator('[data-test=org-detail]').getByText('2020-05-01').waitFor()
    await page.locator('#honour-title').fill('模范职工之家')
    await page.locator('#honour-year').fill('2024')
    await page.locator('[data-test=honour-add]').click()
    await page.locator('[data-test=honour-table]').getByText('模范职工之家').waitFor()
    await shot(page, 'org-tree')
    // Move it under a township: the new parent is picked in the tree (keyboard: Enter opens it).
    await page.locator('[data-test=org-move]').click()
    await page.locator('#org-move-target').focus()
    await page.keyboard.press('Enter')
    const popper = page.locator('.el-popper.el-tree-select__popper:visible')
    await popper.locator('.el-tree-node__expand-icon').first().click()
    await popper.getByText('乾县马连镇总工会', { exact: true }).click()
    await page.locator('[data-test=structure-submit]').click()
    await page.getByText(`已调整 ${newUnion}`).waitFor()
    await page.locator('[data-test=org-detail]').getByText('乾县马连镇总工会').waitFor()
  })

  await step('join applications: a worker applies from a phone; approved here; the member card', async () => {
    const union = (await province('GET', `/api/v1/orgs?q=${encodeURIComponent(newUnion)}`)).body.items[0]
    assert.ok(union, 'the new union is listed')
    await workerApplies(world, {
      name: '王快递', id_number: withCheckDigit('61042419950305002'), phone: '13700000123',
      occupation: '快递员', new_form: true, org_id: union.id,
    })
    await go('入会审核', /\/join-applications/)
    const row = page.locator('[data-test=join-table] .el-table__body tr', { hasText: '王快递' })
    await row.waitFor()
    await shot(page, 'join-applications')
    await row.getByRole('button', { name: /查看/ }).click()
    await page.locator('[data-test=join-detail]').getByText('pi-consent').waitFor()
    assert.match(await page.locator('[data-test=join-detail]').textContent(), /\*{4}/, 'PII is masked')
    await page.locator('[data-test=join-reject]').click()
    await page.locator('[data-test=join-reject-submit]').click()
    await page.getByText('请填写不予通过的原因（不超过 500 字）').waitFor()
    await page.locator('[data-test=join-approve]').click()
    await page.locator('[data-test=join-status]').getByText('审核通过').waitFor()
    await page.locator('[data-test=join-card]').click()
    await page.locator('img[data-test=member-card]').waitFor()
    await page.waitForFunction(() => document.querySelector('img[data-test=member-card]').naturalWidth > 0)
    await shot(page, 'member-card')
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=member-card-download]').click()])
    assert.match(download.suggestedFilename(), /^会员证-\d+\.svg$/)
    await page.getByRole('dialog', { name: '会员证' }).getByRole('button', { name: '关闭', exact: true }).click()
    await page.keyboard.press('Escape')
    await page.getByRole('tab', { name: '审核通过' }).click()
    await page.locator('[data-test=join-table] .el-table__body tr', { hasText: '王快递' }).waitFor()
  })

  await step('join applications: 集中入会 approves a selected batch; a rejection needs and keeps its reason', async () => {
    const union = (await province('GET', `/api/v1/orgs?q=${encodeURIComponent(newUnion)}`)).body.items[0]
    const people = [['赵骑手', '003', '13700000124'], ['钱骑手', '004', '13700000125'], ['孙骑手', '005', '13700000126']]
    for (const [name, tail, phone] of people) {
      await workerApplies(world, {
        name, id_number: withCheckDigit(`61042419950305${tail}`), phone, occupation: '外卖骑手', new_form: true, org_id: union.id,
      })
    }
    await page.getByRole('tab', { name: '待审核' }).click()
    const row = (name) => page.locator('[data-test=join-table] .el-table__body tr', { hasText: name })
    await row('孙骑手').waitFor()
    await row('赵骑手').locator('.el-checkbox').click()
    await row('钱骑手').locator('.el-checkbox').click()
    await page.locator('[data-test=join-batch]').getByText('批量通过 2 份').waitFor()
    await page.locator('[data-test=join-batch]').click()
    await page.locator('.el-message-box').getByRole('button', { name: '确定' }).click()
    await page.getByText('已通过 2 份入会申请').waitFor()
    await row('赵骑手').waitFor({ state: 'detached' })
    await row('孙骑手').getByRole('button', { name: /查看/ }).click()
    await page.locator('[data-test=join-reject]').click()
    await page.locator('#join-reason').fill('工作单位信息无法核实')
    await page.locator('[data-test=join-reject-submit]').click()
    await page.locator('[data-test=join-status]').getByText('审核未通过').waitFor()
    await page.locator('[data-test=join-detail]').getByText('工作单位信息无法核实').waitFor()
    await page.keyboard.press('Escape')
    await page.getByRole('tab', { name: '审核未通过' }).click()
    await row('孙骑手').waitFor()
    await page.getByRole('tab', { name: '审核通过' }).click()
    await row('钱骑手').waitFor()
    await shot(page, 'join-approved')
  })

  await step('乾县 does not see 彬州市', async () => {
    await go('会员', /\/members/)
    await page.locator('#member-q').fill(binzhouMember.card_no)
    await page.keyboard.press('Enter')
    await page.getByText('共 0 条').waitFor()
    assert.equal((await page.request.get(`${world.base}/api/v1/orgs/610482/stats`)).status(), 404)
    assert.equal((await page.request.get(`${world.base}/api/v1/members/${binzhouMember.id}`)).status(), 404)
    await go('工会组织', /\/orgs/)
    await page.locator('[data-test=org-tree] .el-tree-node').nth(1).waitFor()
    assert.ok(!(await page.locator('[data-test=org-tree]').textContent()).includes('彬州'))
    await page.locator('#org-search').fill('彬州')
    await page.keyboard.press('Enter')
    await page.locator('[data-test=org-results]').getByText('无匹配的组织').waitFor()
    await page.locator('#org-search').fill('')
    await shot(page, 'orgs')
  })

  await step('scope switcher: a township becomes the working scope, kept after a reload; dissolve an org', async () => {
    await page.locator('#scope-org').click()
    const popper = page.locator('.el-popper.el-tree-select__popper:visible')
    await popper.locator('.el-tree-node__expand-icon').first().click()
    await popper.locator('.el-tree-node').nth(1).waitFor()
    assert.ok(!(await popper.textContent()).includes('彬州'), 'no 彬州市 in 乾县\'s scope selector')
    await shot(page, 'scope-switcher')
    await popper.getByText('乾县马连镇总工会', { exact: true }).click()
    await page.locator('[data-test=org-title]').getByText('乾县马连镇总工会').waitFor()
    await page.reload()
    await page.locator('[data-test=org-title]').getByText('乾县马连镇总工会').waitFor()
    assert.match(await page.locator('[data-test=scope]').textContent(), /马连镇/)
    await page.locator('[data-test=org-new]').click()
    await page.locator('#org-name').fill('乾县测试待撤销工会')
    await page.getByRole('dialog', { name: '新建下级组织' }).getByRole('button', { name: '保存' }).click()
    await page.locator('[data-test=org-title]').getByText('乾县测试待撤销工会').waitFor()
    await page.locator('[data-test=org-dissolve]').click()
    await page.locator('[data-test=structure-submit]').click()
    await page.locator('.el-message-box').getByRole('button', { name: '确定' }).click()
    await page.getByText('已撤销 乾县测试待撤销工会').waitFor()
    await page.locator('[data-test=org-detail]').waitFor()
    await page.getByText('已撤销', { exact: true }).waitFor()
    await page.locator('#scope-org').click()
    await page.locator('.el-popper.el-tree-select__popper:visible').getByText('乾县总工会', { exact: true }).click()
    await page.locator('[data-test=org-title]').getByText('乾县总工会', { exact: true }).waitFor()
  })

  await step('transfers, employers, account pages', async () => {
    // The previous step's toast (已撤销 …) fades out over the next page; caught mid-fade, its
    // text fails the contrast check. Wait until it is gone.
    await page.locator('.el-message').first().waitFor({ state: 'detached', timeout: 10000 }).catch(() => {})
    await page.waitForFunction(() => !document.querySelector('.el-message'), null, { timeout: 10000 })
    await go('会员转接', /\/transfers/)
    await page.locator('[data-test=transfer-table]').waitFor()
    await shot(page, 'transfers')
    await go('用人单位', /\/employers/)
    await page.locator('[data-test=employer-table]').waitFor()
    await go('账号设置', /\/account/)
    await page.locator('[data-test=session-table] .el-table__body tr').first().waitFor()
    await page.getByText('本机').waitFor()
    await shot(page, 'account')
    assert.equal(await page.getByRole('menuitem', { name: '审计日志' }).count(), 0, 'no audit menu without audit.read')
  })

  await step('an expired session goes to the login page and comes back', async () => {
    await go('会员', /\/members/)
    // The page's own loads finish first: only the search below meets the lost session.
    await page.locator('[data-test=member-table] .el-table__body tr').first().waitFor()
    await page.waitForLoadState('networkidle')
    page.allowHttpErrors = true
    await page.context().clearCookies()
    await page.locator('[data-test=member-search]').click()
    await page.waitForURL(/\/login\?redirect=/)
    await page.getByText('登录已失效，请重新登录').waitFor()
    await page.locator('#login-username').fill('qianxian')
    await page.locator('#login-password').fill(CHANGED)
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/members$/)
    page.allowHttpErrors = false
    await page.locator('[data-test=member-table] .el-table__body tr').first().waitFor()
  })

  await consoleDataSteps({ world, page, step, shot, go, withCheckDigit, duplicateId: withCheckDigit('61042419900101123') })

  await stationSteps({ world, page, step, shot })

  const admins = await adminSteps({ world, page, step, shot, firstLogin, withCheckDigit, province, binzhouMember })

  await noticeSteps({ world, step, shot, demoPassword, ...admins })

  await step('log out', async () => {
    await page.locator('[data-test=user-menu]').click()
    await page.locator('[data-test=logout]').click()
    await page.waitForURL(/\/login/)
  })

  await step('wrong passwords: the message, then the lockout with its unlock time', async () => {
    page.allowHttpErrors = true
    for (let i = 1; i <= 5; i++) {
      await page.locator('#login-username').fill('lockme')
      await page.locator('#login-password').fill(`Wrong-Passw0rd-${i}`)
      await page.keyboard.press('Enter')
      const expected = i < 5 ? '用户名或密码错误' : /账号已锁定（密码错误次数过多），将于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} 自动解锁/
      await page.locator('[data-test=login-error]').getByText(expected).waitFor()
    }
    page.allowHttpErrors = false
    await shot(page, 'login-locked')
  })

  const auditor = await world.browser('auditadm')
  await step('audit administrator: TOTP enrolment, sees the reveal in the audit log, exports', async () => {
    const p = auditor.page
    await firstLogin(p, 'auditadm', { needsTotp: true })
    await p.getByRole('menuitem', { name: '审计日志', exact: true }).click()
    await p.waitForURL(/\/audit/)
    await p.locator('#audit-action').fill('pii.reveal')
    await p.locator('[data-test=audit-search]').click()
    await p.waitForFunction(() => {
      const t = document.querySelector('[data-test=audit-table] .el-table__body')
      return t && t.textContent.includes('pii.reveal') && t.textContent.includes('qianxian')
    })
    await shot(p, 'audit')
    const [download] = await Promise.all([p.waitForEvent('download'), p.locator('[data-test=audit-export]').click()])
    assert.equal(download.suggestedFilename(), 'audit-log.xlsx')
    await p.locator('[data-test=audit-verify]').click()
    await p.locator('[data-test=audit-verification]').getByText(/哈希链完整：已校验 \d+ 条记录/).waitFor()
    if (p.consoleErrors.length) throw new Error(`browser console errors:\n${p.consoleErrors.join('\n')}`)
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
