// Browser steps for account administration (a county's system administrator and security
// administrator, 三员分立), the roles matrix, a receiving-side transfer request accepted by the
// giving side, and the public member-card check page. Called by browser.test.mjs with the 乾县
// cadre's page signed in; answers the security administrator's and the clerk's pages.
import assert from 'node:assert/strict'

const NEWER = 'N3wer-Passw0rd!x'

export async function adminSteps({ world, page, step, shot, firstLogin, withCheckDigit, province, binzhouMember }) {
  world.addUser('qx_sysadm', '610424', ['admin'], '乾县系统管理员')
  world.addUser('qx_secadm', '610424', ['security_admin'], '乾县安全管理员')
  world.addUser('bz_cadre', '610482', ['federation_cadre'], '彬州市干部')
  const sys = (await world.browser('qx_sysadm')).page
  const sec = (await world.browser('qx_secadm')).page
  const clerk = (await world.browser('qx_clerk')).page
  const row = (p, username) => p.locator('[data-test=account-table] .el-table__body tr', { hasText: username })
  const confirm = (p) => p.locator('.el-message-box').getByRole('button', { name: '确定' }).click()
  const menu = async (p, title, url) => {
    await p.getByRole('menuitem', { name: title, exact: true }).click()
    await p.waitForURL(url)
  }
  // The password shown once in the dialog, then the dialog closed.
  const oneTimePassword = async (p) => {
    const value = p.locator('[data-test=one-time-password-value]')
    await value.waitFor()
    const pw = (await value.textContent()).trim()
    assert.equal(pw.length, 16, 'a 16-character one-time password')
    return pw
  }
  const signIn = async (p, username, password) => {
    await p.goto(`${world.base}/login`)
    await p.locator('#login-username').fill(username)
    await p.locator('#login-password').fill(password)
    await p.keyboard.press('Enter')
  }

  let initial = ''
  await step('账号管理: the county system administrator creates an account (org picker, password shown once)', async () => {
    await firstLogin(sys, 'qx_sysadm', { needsTotp: true })
    assert.equal(await sys.getByRole('menuitem', { name: '审计日志' }).count(), 0, '三员分立: no audit menu for the system administrator')
    await menu(sys, '账号管理', /\/accounts/)
    await row(sys, 'qianxian').waitFor()
    await sys.locator('[data-test=account-new]').click()
    const dialog = sys.getByRole('dialog', { name: '新建账号' })
    await dialog.locator('.el-select', { has: sys.locator('#account-new-org') }).getByText('乾县总工会').waitFor()
    await sys.locator('#account-username').fill('bad name')
    await sys.locator('#account-display-name').fill('乾县新干事')
    await dialog.locator('[data-test=account-create-submit]').click()
    await dialog.getByText('用户名为 3–64 位字母、数字或 _ . -').waitFor()
    await sys.locator('#account-username').fill('qx_clerk')
    await dialog.locator('[data-test=account-create-submit]').click()
    initial = await oneTimePassword(sys)
    await shot(sys, 'account-created-password')
    await sys.locator('[data-test=copy-password]').click()
    await sys.locator('[data-test=one-time-password-done]').click()
    await row(sys, 'qx_clerk').getByText('待改密').waitFor()
    assert.equal(await row(sys, 'qx_clerk').getByRole('button', { name: '角色' }).count(), 0, 'roles are not the system administrator\'s')
    // The filters: text, role, state.
    await sys.locator('#account-q').fill('QX_')
    await sys.locator('[data-test=account-search]').click()
    await row(sys, 'qianxian').waitFor({ state: 'detached' })
    await row(sys, 'qx_clerk').waitFor()
    await shot(sys, 'accounts')
  })

  await step('角色权限: the read-only matrix of roles × permissions', async () => {
    await menu(sys, '角色权限', /\/roles/)
    const matrix = sys.locator('[data-test=roles-matrix]')
    await matrix.locator('[data-test=role-security_admin]').getByText('安全管理员').waitFor()
    const grantRow = matrix.locator('.el-table__body tr', { hasText: 'role.grant' })
    await grantRow.waitFor()
    // Exactly one role may grant roles: the security administrator.
    assert.equal(await grantRow.getByText('✓').count(), 1)
    await shot(sys, 'roles-matrix')
  })

  await step('the security administrator grants a role (三员分立: the only one who may)', async () => {
    await firstLogin(sec, 'qx_secadm', { needsTotp: true })
    await menu(sec, '账号管理', /\/accounts/)
    assert.equal(await sec.locator('[data-test=account-new]').count(), 0, 'no account creation for the security administrator')
    await row(sec, 'qx_clerk').getByRole('button', { name: '角色' }).click()
    const dialog = sec.getByRole('dialog', { name: '授予角色' })
    const box = (title) => dialog.locator('.el-checkbox', { hasText: title })
    await box('系统管理员').click()
    // The other two administrator roles are not offered once one is ticked.
    assert.ok(await box('审计管理员').locator('input').isDisabled())
    await box('系统管理员').click()
    await box('基层工会干部').click()
    await shot(sec, 'account-roles')
    await dialog.locator('[data-test=roles-submit]').click()
    await sec.getByText('已更新 qx_clerk 的角色').waitFor()
    await row(sec, 'qx_clerk').getByText('基层工会干部').waitFor()
  })

  await step('a password reset: the new one-time password signs in and must be changed', async () => {
    await menu(sys, '账号管理', /\/accounts/)
    await row(sys, 'qx_clerk').getByText('基层工会干部').waitFor()
    await row(sys, 'qx_clerk').getByRole('button', { name: '重置密码' }).click()
    await confirm(sys)
    const fresh = await oneTimePassword(sys)
    assert.notEqual(fresh, initial)
    await sys.locator('[data-test=one-time-password-done]').click()
    clerk.allowHttpErrors = true
    await signIn(clerk, 'qx_clerk', initial)
    await clerk.locator('[data-test=login-error]').getByText('用户名或密码错误').waitFor()
    clerk.allowHttpErrors = false
    await signIn(clerk, 'qx_clerk', fresh)
    await clerk.locator('#pw-new').waitFor()
    await clerk.locator('#pw-new').fill(NEWER)
    await clerk.locator('#pw-confirm').fill(NEWER)
    await clerk.keyboard.press('Enter')
    await clerk.locator('[data-test=scope]').waitFor()
    await row(sys, 'qx_clerk').getByRole('button', { name: '会话' }).click()
    await sys.locator('[data-test=account-session-table] .el-table__body tr').first().waitFor()
    await shot(sys, 'account-sessions')
    await sys.keyboard.press('Escape')
  })

  await step('disable: the session ends and sign-in is refused; enable again', async () => {
    await row(sys, 'qx_clerk').getByRole('button', { name: '停用' }).click()
    await confirm(sys)
    await row(sys, 'qx_clerk').getByText('已停用').waitFor()
    clerk.allowHttpErrors = true
    await clerk.reload()
    await clerk.waitForURL(/\/login/)
    await signIn(clerk, 'qx_clerk', NEWER)
    await clerk.locator('[data-test=login-error]').getByText('账号已停用，请联系管理员').waitFor()
    await shot(clerk, 'login-disabled')
    await row(sys, 'qx_clerk').getByRole('button', { name: '启用' }).click()
    await confirm(sys)
    await row(sys, 'qx_clerk').getByRole('button', { name: '停用' }).waitFor()
  })

  await step('unlock: five wrong passwords lock the account; the administrator unlocks it', async () => {
    for (let i = 1; i <= 5; i++) {
      const r = await fetch(`${world.base}/api/v1/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'qx_clerk', password: `Wrong-Passw0rd-${i}` }),
      })
      assert.equal(r.status, i < 5 ? 401 : 423)
    }
    await signIn(clerk, 'qx_clerk', NEWER)
    await clerk.locator('[data-test=login-error]').getByText(/账号已锁定/).waitFor()
    const state = sys.locator('.el-select', { has: sys.locator('#account-state') })
    await state.click()
    await sys.getByRole('option', { name: '已锁定' }).click()
    await sys.locator('[data-test=account-search]').click()
    await row(sys, 'qx_clerk').getByText('已锁定').waitFor()
    await shot(sys, 'accounts-locked')
    await row(sys, 'qx_clerk').getByRole('button', { name: '解锁' }).click()
    await confirm(sys)
    await sys.getByText('已解锁 qx_clerk').waitFor()
    await signIn(clerk, 'qx_clerk', NEWER)
    await clerk.locator('[data-test=scope]').waitFor()
    clerk.allowHttpErrors = false
  })

  // A person in 彬州市 the 乾县 cadre asks for by ID number; 彬州市 accepts.
  const idNumber = withCheckDigit('61048219900315004')
  const created = await province('POST', '/api/v1/members', { name: '调入测试', id_number: idNumber, org_id: binzhouMember.org_id })
  assert.equal(created.status, 201, JSON.stringify(created.body))
  const person = created.body
  let target = ''
  await step('transfers: the receiving side asks for a member by ID number (checked on the client)', async () => {
    await page.getByRole('menuitem', { name: '会员转接', exact: true }).click()
    await page.waitForURL(/\/transfers/)
    await page.locator('[data-test=transfer-request-new]').click()
    const dialog = page.getByRole('dialog', { name: '按身份证号申请调入会员' })
    await page.locator('#transfer-id-number').fill(idNumber.slice(0, 17) + (idNumber[17] === '1' ? '2' : '1'))
    await page.locator('#transfer-request-org').click()
    await page.locator('#transfer-request-org').fill('快递业')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    target = (await page.locator('#transfer-request-org').evaluate((el) => el.closest('.el-select').textContent)).trim()
    assert.ok(target.includes('快递业'), `target union: ${target}`)
    await page.locator('#transfer-request-reason').fill('本人已调入乾县工作')
    await dialog.locator('[data-test=transfer-request-submit]').click()
    await dialog.getByText('身份证号校验位错误，请核对是否输错').waitFor()
    await page.locator('#transfer-id-number').fill(idNumber)
    await dialog.locator('[data-test=transfer-request-submit]').click()
    // The same answer whoever holds the number: nothing about the person or the giving union.
    const answer = page.locator('[data-test=transfer-request-answer]')
    await answer.getByText('已发出，由转出方确认').waitFor()
    const said = await answer.textContent()
    assert.ok(!said.includes('调入测试') && !said.includes(person.card_no) && !said.includes('彬州'), 'the answer tells nothing')
    await page.locator('[data-test=transfer-table]').waitFor()
    assert.equal(await page.locator('[data-test=transfer-table] .el-table__body tr', { hasText: person.card_no }).count(), 0,
      'a pending request by ID number is not in the requester\'s list')
    // Nothing is marked until the giving side sees it.
    assert.equal((await province('GET', `/api/v1/members/${person.id}`)).body.status, 'active')
    await shot(page, 'transfer-request')
  })

  await step('transfers: the giving side (彬州市) accepts; the member is now in the receiving union', async () => {
    const bz = (await world.browser('bz_cadre')).page
    await firstLogin(bz, 'bz_cadre')
    await bz.getByRole('menuitem', { name: '会员转接', exact: true }).click()
    await bz.waitForURL(/\/transfers/)
    await bz.locator('[data-test=transfers-outgoing]').click()
    const r = bz.locator('[data-test=transfer-table] .el-table__body tr', { hasText: person.card_no })
    await r.getByText('待处理').waitFor()
    await shot(bz, 'transfer-giving-side')
    await r.getByRole('button', { name: '接收' }).click()
    await confirm(bz)
    await r.getByText('已接收').waitFor()
    const moved = await (await page.request.get(`${world.base}/api/v1/members/${person.id}`)).json()
    const orgs = await (await page.request.get(`${world.base}/api/v1/orgs?q=${encodeURIComponent(target)}`)).json()
    assert.equal(moved.org_id, orgs.items.find((o) => o.name === target)?.id, 'the member is in the receiving union')
    assert.equal(moved.status, 'active')
    assert.equal((await bz.request.get(`${world.base}/api/v1/members/${person.id}`)).status(), 404, '彬州市 no longer sees them')
    if (bz.consoleErrors.length) throw new Error(`browser console errors:\n${bz.consoleErrors.join('\n')}`)
  })

  await step('the public card check page, without signing in, on a phone: valid and made-up cards', async () => {
    const pub = (await world.browser('public')).page
    await pub.setViewportSize({ width: 390, height: 844 })
    await pub.goto(`${world.base}/verify/card/${person.card_no}`)
    await pub.locator('[data-test=card-check-result]').getByText('有效会员证').waitFor()
    assert.equal((await pub.locator('[data-test=card-check-org]').textContent()).trim(), target)
    const text = await pub.locator('[data-test=card-check]').textContent()
    assert.ok(!text.includes('调入测试') && !text.includes(idNumber), 'nothing personal on the page')
    await shot(pub, 'card-check-valid')
    await pub.goto(`${world.base}/verify/card/GH-0000-NOSUCH`)
    await pub.locator('[data-test=card-check-result]').getByText('查无此证').waitFor()
    await shot(pub, 'card-check-invalid')
    assert.ok(!pub.url().includes('/login'), 'no sign-in asked')
    if (pub.consoleErrors.length) throw new Error(`browser console errors:\n${pub.consoleErrors.join('\n')}`)
  })

  for (const p of [sys, sec, clerk]) {
    if (p.consoleErrors.length) throw new Error(`browser console errors:\n${p.consoleErrors.join('\n')}`)
  }
  // Signed in, for the notices' steps: the security administrator and the reset clerk.
  return { sec, clerk }
}
