// Browser steps for the 驿站 pages of the console: the 驿站 menu group, a new station through the
// form (amenities and checklist from /stations/amenities, the server's refusal of bad hours shown
// under the field), the search, the list's map (no tiles: nothing fetched off-site), the detail,
// the export, the door (its screen's check-in address, the poster as SVG, a keeper's check-in by
// member card), the visit totals and charts after that check-in, and a verification round.
// Called by browser.test.mjs with the 乾县 cadre's page.
import assert from 'node:assert/strict'

async function toastsGone(p) {
  await p.waitForFunction(() => !document.querySelector('.el-message'), null, { timeout: 10000 })
}

export async function stationSteps({ world, page, step, shot }) {
  const name = '乾县城关测试驿站'
  const offSite = []
  const watch = (req) => {
    if (!req.url().startsWith(world.base) && !req.url().startsWith('blob:') && !req.url().startsWith('data:')) offSite.push(req.url())
  }
  page.on('request', watch)
  const openMenu = async (title, url) => {
    const item = page.getByRole('menuitem', { name: title, exact: true })
    if (!(await item.isVisible())) await page.locator('[data-test="menu-group-驿站"]').click()
    await item.click()
    await page.waitForURL(url)
  }

  let stationId = null
  await step('stations: the 驿站 menu group, a new station (bad hours refused under the field), search', async () => {
    await toastsGone(page)
    await openMenu('驿站列表', /\/stations$/)
    await page.locator('[data-test=station-table]').waitFor()
    await page.locator('[data-test=station-new]').click()
    const dialog = page.getByRole('dialog', { name: '新建驿站' })
    await dialog.locator('[data-test=station-amenities]').getByText('微波炉').waitFor()
    await page.locator('#station-name').fill(name)
    await page.locator('#station-address').fill('乾县城关镇测试路 1 号')
    await page.locator('#station-lat').fill('34.5301')
    await page.locator('#station-lng').fill('108.2452')
    await page.locator('#station-hours').fill('每天早上八点')
    await dialog.locator('[data-test=station-amenities]').getByText('微波炉').click()
    await dialog.locator('[data-test=station-amenities]').getByText('充电', { exact: true }).click()
    await dialog.locator('[data-test=station-checklist]').getByText('统一标识').click()
    // The server's refusal (422) is the point here, not a console error.
    page.allowHttpErrors = true
    await dialog.locator('[data-test=station-save]').click()
    await dialog.locator('.el-form-item__error').getByText(/开放时间无法识别/).waitFor()
    page.allowHttpErrors = false
    await page.locator('#station-hours').fill('08:00-20:00')
    await dialog.locator('[data-test=station-save]').click()
    await page.getByText(`已保存 ${name}`).waitFor()
    await page.locator('#station-q').fill('乾县城关测试')
    await page.locator('#station-q').press('Enter')
    const row = page.locator('[data-test=station-table] .el-table__body tr', { hasText: name })
    await row.waitFor()
    await page.waitForFunction(() => document.querySelectorAll('[data-test=station-table] .el-table__body tr').length === 1)
    // The map beside the list: Leaflet loaded with the page, the station as a dot, no tiles.
    await page.locator('[data-test=station-map].leaflet-container path.leaflet-interactive').first().waitFor()
    await page.locator('[data-test=map-no-tiles]').waitFor()
    assert.equal(await page.locator('.leaflet-tile').count(), 0, 'no tiles without a tile URL')
    await toastsGone(page)
    await shot(page, 'stations')
    const href = await row.locator('a').getAttribute('href')
    stationId = Number(href.match(/\/stations\/(\d+)/)[1])
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=station-export]').click()])
    assert.equal(download.suggestedFilename(), 'stations.xlsx')
  })

  await step('stations: the detail (data, map), verification', async () => {
    await page.locator('[data-test=station-table]').getByRole('link', { name }).click()
    await page.waitForURL(new RegExp(`/stations/${stationId}$`))
    await page.locator('[data-test=station-title]').getByText(name).waitFor()
    const info = page.locator('[data-test=station-info]')
    await info.getByText('08:00-20:00').waitFor()
    await info.getByText('微波炉').waitFor()
    await info.getByText('统一标识').waitFor()
    await info.getByText('尚未核验').waitFor()
    await page.locator('[data-test=station-detail] path.leaflet-interactive').first().waitFor()
    await shot(page, 'station-detail')
    // The keeper's confirmation, with a correction.
    await page.locator('[data-test=station-verify]').click()
    const dialog = page.getByRole('dialog', { name: '确认驿站信息' })
    await page.locator('#station-address').fill('乾县城关镇测试路 2 号')
    await dialog.locator('[data-test=station-save]').click()
    await page.getByText(`已确认 ${name} 的信息`).waitFor()
    await info.getByText('乾县城关镇测试路 2 号').waitFor()
    assert.ok(!(await info.textContent()).includes('尚未核验'), 'verified_at is shown')
  })

  await step('stations: the door (check-in address, SVG poster), a check-in by member card, the visits tab', async () => {
    await page.getByRole('tab', { name: '门牌与签到' }).click()
    const door = page.locator('[data-test=door-panel]')
    await door.locator('[data-test=door-url]').getByText(/\/m\/stations\/checkin\?t=/).waitFor()
    const poster = await door.locator('[data-test=door-poster]').getAttribute('href')
    const svg = await page.request.get(new URL(poster, world.base).href)
    assert.equal(svg.status(), 200)
    assert.match(svg.headers()['content-type'], /^image\/svg\+xml/)
    assert.match(await svg.text(), /<svg[\s>]/)
    // A member of 乾县 with a card, as the keeper would read it off the card.
    const card = await page.evaluate(async () => {
      const r = await fetch('/api/v1/members?limit=50', { headers: { accept: 'application/json' } })
      const items = (await r.json()).items ?? []
      return items.find((m) => m.card_no && m.status === 'active')?.card_no ?? null
    })
    assert.ok(card, 'an active member with a card number')
    await page.locator('#checkin-card').fill(card)
    await door.locator('[data-test=checkin-submit]').click()
    await door.locator('[data-test=checkin-result]').getByText(/^已登记到访/).waitFor()
    await toastsGone(page)
    await shot(page, 'station-door')
    await page.getByRole('tab', { name: '到访统计' }).click()
    const charts = page.locator('[data-test=visit-charts]')
    await charts.locator('[data-test=visits-total]').getByText('1', { exact: true }).waitFor()
    await charts.getByText(/^服务人次 = /).waitFor()
    await page.locator('[data-test=chart-station-visits-by-day] svg').waitFor()
    await page.locator('[data-test=chart-station-visits-by-hour] svg').waitFor()
    await page.locator('[data-test=chart-station-visits-by-occupation] svg').waitFor()
    await toastsGone(page)
    await shot(page, 'station-visits')
  })

  await step('stations: a verification round; the station is due again', async () => {
    page.allowHttpErrors = false
    await openMenu('信息核验', /\/station-rounds$/)
    await page.locator('[data-test=round-table]').waitFor()
    const due = new Date(Date.now() + 30 * 86400000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' })
    await page.locator('#round-title').fill('测试季度驿站信息核验')
    await page.locator('#round-due').fill(due)
    await page.locator('#round-due').press('Enter')
    await page.locator('[data-test=round-start]').click()
    await page.getByText(/已发起核验：测试季度驿站信息核验（\d+ 个驿站）/).waitFor()
    const row = page.locator('[data-test=round-table] .el-table__body tr', { hasText: '测试季度驿站信息核验' })
    await row.getByText(due).waitFor()
    await toastsGone(page)
    await shot(page, 'station-rounds')
    // Confirmed before this round started: due again in the list.
    await openMenu('驿站列表', /\/stations$/)
    await page.locator('#station-q').fill('乾县城关测试')
    await page.locator('#station-q').press('Enter')
    await page.locator('[data-test=station-table] .el-table__body tr', { hasText: name }).getByText('待核验').waitFor()
  })

  page.off('request', watch)
  assert.deepEqual(offSite, [], 'no request left the server')
  if (page.consoleErrors.length) throw new Error(`browser console errors:\n${page.consoleErrors.join('\n')}`)
  return { stationId }
}
