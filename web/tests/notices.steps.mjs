// Browser steps for staff notices (the header's bell, the 通知 page) and the security
// administrator's queue of workers' data requests (职工信息申请). Called by browser.test.mjs with
// the demo cadre's one-time password (`gonghui demo --accounts`) and adminSteps' signed-in pages.
import assert from 'node:assert/strict'
import { CHANGED, workerSignIn } from './harness.mjs'

// A toast caught mid-fade fails the contrast check: screenshots wait until it is gone.
async function toastsGone(p) {
  await p.waitForFunction(() => !document.querySelector('.el-message'), null, { timeout: 10000 })
}

export async function noticeSteps({ world, step, shot, demoPassword, sec, clerk }) {
  const bell = (p) => p.locator('[data-test=notice-bell]')
  const badge = (p) => bell(p).locator('.el-badge__content')
  const openInbox = async (p) => {
    await bell(p).getByRole('button').click()
    await p.waitForURL(/\/notices$/)
  }

  const demo = (await world.browser('demo')).page
  await step('notices: a demo cadre sees the bell\'s badge and the welcome notice; opening it reads it', async () => {
    await demo.goto(`${world.base}/login`)
    await demo.locator('#login-username').fill('demo')
    await demo.locator('#login-password').fill(demoPassword)
    await demo.keyboard.press('Enter')
    await demo.locator('#pw-new').fill(CHANGED)
    await demo.locator('#pw-confirm').fill(CHANGED)
    await demo.keyboard.press('Enter')
    await demo.locator('[data-test=scope]').waitFor()
    await badge(demo).getByText('1', { exact: true }).waitFor()
    assert.equal(await bell(demo).getByRole('button', { name: '通知（1 条未读）' }).count(), 1, 'the bell says how many')
    assert.equal(await demo.getByRole('menuitem', { name: '职工信息申请' }).count(), 0, 'no data requests without worker_request.handle')
    await openInbox(demo)
    const item = demo.locator('[data-test=notice-list] li', { hasText: '欢迎使用工会服务平台' })
    await item.getByText('未读').waitFor()
    await demo.locator('[data-test=notices-unread]').getByText('1 条未读').waitFor()
    await toastsGone(demo) // 密码已修改
    await shot(demo, 'notices')
    await item.getByRole('button').click()
    await item.locator('[data-test=notice-body]').getByText(/这是演示账号/).waitFor()
    await badge(demo).waitFor({ state: 'detached' })
    await item.getByText('未读').waitFor({ state: 'detached' })
    await demo.locator('[data-test=notices-unread]').getByText('没有未读通知').waitFor()
    // Read on the server too: after a reload the badge stays away.
    await demo.reload()
    await demo.locator('[data-test=notice-list] li', { hasText: '欢迎使用工会服务平台' }).waitFor()
    assert.equal(await badge(demo).count(), 0, 'no badge after a reload')
    assert.equal(await demo.locator('[data-test=notice-list]').getByText('未读', { exact: true }).count(), 0)
    await shot(demo, 'notice-open')
    if (demo.consoleErrors.length) throw new Error(`browser console errors:\n${demo.consoleErrors.join('\n')}`)
  })

  await step('notices: a password reset is in the account\'s inbox; 全部已读', async () => {
    await clerk.locator('[data-test=scope]').waitFor()
    await badge(clerk).getByText('1', { exact: true }).waitFor()
    await openInbox(clerk)
    await clerk.locator('[data-test=notice-list] li', { hasText: '您的密码已被重置' }).getByText('未读').waitFor()
    await clerk.locator('[data-test=notices-read-all]').click()
    await clerk.getByText('已将 1 条通知标为已读').waitFor()
    await badge(clerk).waitFor({ state: 'detached' })
    assert.ok(await clerk.locator('[data-test=notices-read-all]').isDisabled())
    // The list is refetched after the badge: on a busy machine its 未读 tag goes a moment later.
    const unreadTags = clerk.locator('[data-test=notice-list]').getByText('未读', { exact: true })
    for (let i = 0; i < 50 && (await unreadTags.count()) > 0; i++) await clerk.waitForTimeout(100)
    assert.equal(await unreadTags.count(), 0)
    await toastsGone(clerk)
    await shot(clerk, 'notices-all-read')
  })

  // Two requests filed on the phone page's API by one worker.
  const worker = await workerSignIn(world, '13800000000')
  const file = async (kind, detail) => {
    const r = await worker('POST', '/api/v1/worker/me/requests', { kind, detail })
    assert.equal(r.status, 201, JSON.stringify(r.body))
    return r.body
  }
  const correct = await file('correct', '我的手机号已更换为 139 开头的新号码，请更正会员档案。')
  const remove = await file('delete', '我已退会，请删除我的入会申请记录。')

  await step('职工信息申请: the security administrator answers a correction (checked on the client first)', async () => {
    await toastsGone(sec)
    await sec.getByRole('menuitem', { name: '职工信息申请', exact: true }).click()
    await sec.waitForURL(/\/worker-requests$/)
    await sec.locator('[data-test=worker-requests-pending].is-active').waitFor()
    const row = (text) => sec.locator('[data-test=worker-request-table] .el-table__body tr', { hasText: text })
    await row(correct.detail).getByText('更正', { exact: true }).waitFor()
    await row(remove.detail).getByText('删除', { exact: true }).waitFor()
    await shot(sec, 'worker-requests')
    await row(correct.detail).getByRole('button', { name: '答复' }).click()
    const dialog = sec.getByRole('dialog', { name: '答复职工信息申请' })
    await dialog.locator('[data-test=worker-request-detail]').getByText(correct.detail).waitFor()
    await dialog.locator('[data-test=answer-submit]').click()
    await dialog.getByText('请选择办理或不予办理').waitFor()
    await dialog.getByText('请填写给职工的答复（不超过 1000 字）').waitFor()
    await shot(sec, 'worker-request-answer')
    await dialog.getByText('办理', { exact: true }).click()
    await sec.locator('#worker-request-reply').fill('已按您的申请更正手机号。')
    await dialog.locator('[data-test=answer-submit]').click()
    await sec.getByText('已答复：已办理').waitFor()
    await row(correct.detail).waitFor({ state: 'detached' })
    await sec.locator('[data-test=worker-requests-done]').click()
    await row(correct.detail).getByText('已按您的申请更正手机号。').waitFor()
    await toastsGone(sec)
    await shot(sec, 'worker-requests-done')
    // The answer is in the worker's own inbox.
    const inbox = await worker('GET', '/api/v1/worker/notices')
    assert.ok(inbox.body.items.some((n) => n.body.includes('已按您的申请更正手机号。')), JSON.stringify(inbox.body))
  })

  await step('职工信息申请: a request answered meanwhile elsewhere: the server\'s refusal in the dialog', async () => {
    await sec.locator('[data-test=worker-requests-pending]').click()
    const row = sec.locator('[data-test=worker-request-table] .el-table__body tr', { hasText: remove.detail })
    await row.getByRole('button', { name: '答复' }).click()
    const dialog = sec.getByRole('dialog', { name: '答复职工信息申请' })
    // Another administrator's answer, through the same session (the CSRF token from /auth/me).
    const me = await (await sec.request.get(`${world.base}/api/v1/auth/me`)).json()
    const other = await sec.request.post(`${world.base}/api/v1/worker-requests/${remove.id}/answer`, {
      headers: { 'X-CSRF-Token': me.csrf_token }, data: { status: 'refused', reply: '入会记录须依法保存。' },
    })
    assert.equal(other.status(), 200, await other.text())
    sec.allowHttpErrors = true
    await dialog.getByText('不予办理', { exact: true }).click()
    await sec.locator('#worker-request-reply').fill('按规定保存。')
    await dialog.locator('[data-test=answer-submit]').click()
    await dialog.getByText('该申请已经答复').waitFor()
    sec.allowHttpErrors = false
    await dialog.getByRole('button', { name: '取消' }).click()
    await sec.locator('[data-test=worker-requests-refused]').click()
    await sec.locator('[data-test=worker-request-table] .el-table__body tr', { hasText: remove.detail })
      .getByText('入会记录须依法保存。').waitFor()
  })

  for (const p of [demo, sec, clerk]) {
    if (p.consoleErrors.length) throw new Error(`browser console errors:\n${p.consoleErrors.join('\n')}`)
  }
}
