// Browser steps for the dashboard charts and their exports, the import wizard (a roster with bad
// rows, the error report, one refused row corrected in the table and sent again), the pinyin
// search and a keyboard-only member search. Called by browser.test.mjs after a member with
// the ID number `duplicateId` was created in the user's own union.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { strFromU8, unzipSync } from 'fflate'

// The text of every XML part of an .xlsx (a zip), to look for a header or a value.
function xlsxText(path) {
  const parts = unzipSync(new Uint8Array(readFileSync(path)))
  assert.ok(parts['[Content_Types].xml'], `${path} is an .xlsx`)
  return Object.entries(parts).filter(([n]) => n.endsWith('.xml')).map(([, b]) => strFromU8(b)).join('\n')
}

async function download(page, click) {
  const [d] = await Promise.all([page.waitForEvent('download'), click()])
  const path = await d.path()
  return { name: d.suggestedFilename(), path }
}

export async function consoleDataSteps({ world, page, step, shot, go, withCheckDigit, duplicateId }) {
  await step('dashboard: growth, occupation and union-type charts with data; PNG and .xlsx exports', async () => {
    await go('概览', /\/dashboard/)
    const me = await (await page.request.get(`${world.base}/api/v1/auth/me`)).json()
    const stats = await (await page.request.get(`${world.base}/api/v1/orgs/${me.org_id}/stats`)).json()
    assert.ok(stats.members_by_occupation.length > 0, 'the demo data has members by occupation')
    const top = stats.members_by_occupation[0].label
    const chartText = async (name) => {
      const svg = page.locator(`[data-test=chart-${name}] svg`)
      await svg.waitFor()
      return svg.textContent()
    }
    await page.waitForFunction((label) => document.querySelector('[data-test=chart-members-by-occupation] svg')?.textContent.includes(label), top)
    assert.match(await chartText('member-growth'), /净增/)
    const typeLabel = { grassroots_union: '基层工会', township_union: '乡镇（街道）工会', federation: '总工会' }
    const someType = Object.keys(stats.unions_by_type).find((t) => typeLabel[t])
    assert.ok(someType, `unions by type: ${JSON.stringify(stats.unions_by_type)}`)
    assert.ok((await chartText('unions-by-type')).includes(typeLabel[someType]))
    await page.locator('[data-test=membership-formula]').getByText('入会率 = ').waitFor()
    await shot(page, 'dashboard-charts')
    await page.locator('[data-test=chart-unions-by-type]').scrollIntoViewIfNeeded()
    await shot(page, 'dashboard-charts-lower')

    const png = await download(page, () => page.locator('[data-test=members-by-occupation-png]').click())
    assert.equal(png.name, 'members-by-occupation.png')
    const bytes = readFileSync(png.path)
    assert.ok(bytes.length > 1000 && bytes.subarray(1, 4).toString() === 'PNG', 'a PNG image')
    const data = await download(page, () => page.locator('[data-test=members-by-occupation-xlsx]').click())
    assert.equal(data.name, 'members-by-occupation.xlsx')
    const text = xlsxText(data.path)
    assert.ok(text.includes('职业类别') && text.includes(top), 'the occupation table in the workbook')
    const growth = await download(page, () => page.locator('[data-test=member-growth-xlsx]').click())
    assert.ok(xlsxText(growth.path).includes(stats.growth.at(-1).month), 'the growth table has this month')
  })

  const goodId = withCheckDigit('61042419880512003')
  await step('import wizard: template, a roster with bad rows, counts, refused rows, the error report', async () => {
    const memberTotal = async () => (await (await page.request.get(`${world.base}/api/v1/members?limit=1`)).json()).total
    const before = await memberTotal()
    await go('会员导入', /\/members\/import/)
    const template = await download(page, () => page.locator('[data-test=import-template]').click())
    assert.equal(template.name, 'member-import-template.xlsx')
    assert.ok(xlsxText(template.path).includes('身份证号'))
    const badSum = goodId.slice(0, 17) + (goodId[17] === '1' ? '2' : '1')
    const csv = ['姓名,身份证号,手机号,职业', `聂海涛,${goodId},,外卖员`, `错校验,${badSum},,`,
      '科学计数,6.10424E+17,,', `测试会员,${duplicateId},,`].join('\r\n') + '\r\n'
    await page.locator('[data-test=mode-good]').click()
    await page.locator('#import-file').setInputFiles({ name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
    await page.locator('[data-test=import-start]').click()
    await page.locator('[data-test=import-result]').waitFor()
    const figure = async (name) => (await page.locator(`[data-test=import-${name}] .el-statistic__content`).textContent()).trim()
    assert.equal(await figure('imported'), '1')
    assert.equal(await figure('rejected'), '2')
    assert.equal(await figure('duplicates'), '1')
    // The bar ends at 100 % (shown as a tick once done).
    await page.locator('[data-test=import-progress][aria-valuenow="100"], [data-test=import-progress] [aria-valuenow="100"]').first().waitFor()
    const refused = await page.locator('[data-test=import-rejected-table] .el-table__body').textContent()
    assert.match(refused, /校验位/)
    assert.match(refused, /科学计数法/)
    await shot(page, 'member-import')
    const report = await download(page, () => page.locator('[data-test=import-report]').click())
    assert.equal(report.name, 'import-report.xlsx')
    const reportText = xlsxText(report.path)
    assert.ok(reportText.includes('错校验') && reportText.includes('科学计数'), 'the report lists the refused rows')
    assert.ok(!reportText.includes(badSum), 'ID numbers in the report are masked')
    assert.equal(await memberTotal(), before + 1)

    // Fix the refused row 3 in the table: its cells as typed, the reason under the ID number;
    // the client checks the edit with the server's rules, then only that row goes in again.
    const fixTable = page.locator('[data-test=import-fix-table]')
    const idCell = page.locator('input[data-test="fix-3-身份证号"]')
    assert.equal(await idCell.inputValue(), badSum, 'the ID number as typed')
    assert.equal(await page.locator('input[data-test="fix-3-姓名"]').inputValue(), '错校验')
    await fixTable.getByText('身份证号校验位错误').first().waitFor()
    assert.equal(await page.locator('input[data-test="fix-4-身份证号"]').inputValue(), '6.10424E+17')
    assert.ok(await page.locator('[data-test=import-resubmit]').isDisabled(), 'nothing to send before an edit')
    await idCell.fill(badSum.slice(0, 17) + (badSum[17] === '3' ? '4' : '3'))
    await fixTable.getByText('身份证号校验位错误，请核对是否输错').waitFor()
    const fixedId = withCheckDigit('61042419880512004')
    await idCell.fill(fixedId)
    await page.locator('[data-test=import-resubmit]').getByText('重新提交已改正的 1 行').waitFor()
    await shot(page, 'member-import-fix')
    await page.locator('[data-test=import-resubmit]').click()
    await page.locator('[data-test=import-resubmitted]').getByText('重新提交 1 行：导入 1 行').waitFor()
    await page.waitForFunction(() => document.querySelector('[data-test=import-imported] .el-statistic__content')?.textContent.trim() === '2')
    assert.equal(await figure('rejected'), '1')
    await page.locator('input[data-test="fix-3-身份证号"]').waitFor({ state: 'detached' })
    assert.equal(await page.locator('input[data-test="fix-4-身份证号"]').count(), 1, 'the unfixed row stays')
    assert.equal(await memberTotal(), before + 2, 'the corrected row is a member now')
    await shot(page, 'member-import-fixed')
  })

  await step('members: find the imported member by pinyin initials, export the filtered list, see the profile fields', async () => {
    await go('会员', /\/members$/)
    await page.locator('#member-q').fill('nht')
    await page.keyboard.press('Enter')
    const row = page.locator('[data-test=member-table] .el-table__body tr', { hasText: '聂海涛' })
    await row.waitFor()
    await shot(page, 'members-pinyin')
    // The occupation filter with the same query: 农业从业人员 finds nobody, 外卖骑手 finds them.
    await page.locator('[data-test=member-more-filters]').click()
    const occupation = page.locator('.el-select', { has: page.locator('#filter-occupation') }).first()
    await occupation.click()
    await page.getByRole('option', { name: '农业从业人员' }).click()
    await page.locator('[data-test=member-filter-apply]').click()
    await page.getByText('共 0 条').waitFor()
    await occupation.click()
    await page.getByRole('option', { name: '外卖骑手' }).click()
    await page.locator('[data-test=member-filter-apply]').click()
    await row.waitFor()
    await shot(page, 'members-filters')
    const exported = await download(page, async () => {
      await page.locator('[data-test=member-export]').click()
      await page.locator('.el-message-box').getByRole('button', { name: '导出脱敏名册' }).click()
    })
    assert.equal(exported.name, 'members.xlsx')
    const sheet = xlsxText(exported.path)
    assert.ok(sheet.includes('聂海涛') && !sheet.includes(goodId), 'the filtered export, ID numbers masked')
    await row.getByRole('button', { name: /查看/ }).click()
    await page.locator('[data-test=member-detail]').getByText('外卖骑手').waitFor()
    await page.locator('[data-test=member-flags]').getByText('新就业形态').waitFor()
    await shot(page, 'member-detail-profile')
    await page.keyboard.press('Escape')
  })

  await step('keyboard only: Tab to the member search, Enter, Tab to a row\'s 详情, Enter, Esc closes', async () => {
    await page.reload()
    await page.locator('[data-test=member-table] .el-table__body tr').first().waitFor()
    const focused = () => page.evaluate(() => {
      const el = document.activeElement
      return { id: el?.id ?? '', label: el?.getAttribute('aria-label') ?? '', inDrawer: !!el?.closest('.el-drawer') }
    })
    const tabTo = async (want, limit = 60) => {
      for (let i = 0; i < limit; i++) {
        await page.keyboard.press('Tab')
        if (want(await focused())) return
      }
      throw new Error(`not reachable with Tab: ${want}`)
    }
    await page.locator('body').focus()
    await tabTo((f) => f.id === 'member-q')
    await page.keyboard.press('ControlOrMeta+a')
    await page.keyboard.type('nht')
    await page.keyboard.press('Enter')
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('[data-test=member-table] .el-table__body tr')]
      return rows.length > 0 && rows.every((r) => r.textContent.includes('聂海涛'))
    })
    await tabTo((f) => f.label === '查看 聂海涛')
    await page.keyboard.press('Enter')
    await page.locator('[data-test=member-detail]').getByText('聂海涛').first().waitFor()
    await page.waitForFunction(() => !!document.activeElement?.closest('.el-drawer'))
    assert.ok((await focused()).inDrawer, 'focus moves into the drawer')
    await shot(page, 'member-detail-keyboard')
    await page.keyboard.press('Escape')
    await page.locator('[data-test=member-detail]').waitFor({ state: 'hidden' })
    // Focus goes back to the button that opened the drawer, so the keyboard user carries on there.
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === '查看 聂海涛')
  })

  // The forms in dialogs are not on the screenshots above: open each one, screenshot (which runs
  // the accessibility check, see a11y.mjs) and close it with Esc.
  await step('accessibility of the dialogs: new member, status change, transfer, new employer, org edit', async () => {
    await page.locator('[data-test=member-new]').click()
    await page.locator('#member-name').waitFor()
    await shot(page, 'dialog-member-new')
    await page.keyboard.press('Escape')
    await page.locator('#member-name').waitFor({ state: 'detached' })
    await page.locator('[data-test=member-table] .el-table__body tr').first().getByRole('button', { name: /查看/ }).click()
    await page.locator('[data-test=member-detail]').waitFor()
    for (const [button, title, name] of [['member-status', '变更会员状态', 'dialog-member-status'], ['member-transfer', '申请会员关系转接', 'dialog-member-transfer']]) {
      await page.locator(`[data-test=${button}]`).click()
      const d = page.getByRole('dialog', { name: title })
      await d.locator('form').waitFor()
      await shot(page, name)
      await d.getByRole('button', { name: '取消' }).click()
      await d.waitFor({ state: 'hidden' })
    }
    await page.keyboard.press('Escape')
    await page.locator('[data-test=member-detail]').waitFor({ state: 'hidden' })
    await go('用人单位', /\/employers/)
    await page.locator('[data-test=employer-new]').click()
    await page.locator('#employer-name').waitFor()
    await shot(page, 'dialog-employer-new')
    await page.keyboard.press('Escape')
    await page.locator('#employer-name').waitFor({ state: 'hidden' })
    await go('工会组织', /\/orgs/)
    await page.locator('[data-test=org-edit]').click()
    await page.locator('#org-edit-credit').waitFor()
    await shot(page, 'dialog-org-edit')
    await page.keyboard.press('Escape')
    await page.locator('#org-edit-credit').waitFor({ state: 'hidden' })
  })
}
