// The workers' phone page (/m/) in a real browser at a phone's size against a real server
// (CTest: web_mobile_sqlite): sign-in by one-time code (delivered through the mock SMS provider
// when the binary has --sms-url, else read from the development sender's log line), applying to
// join, a cadre's rejection and approval over the API, the resubmission, the member card, the
// notices and the badge, my data and its requests, the 驿站 story (the nearest open station with
// a microwave, checking in at its door, an event's points, redeeming a breakfast, the inbox),
// signing out. Every screenshot is also an axe
// check; any browser console error fails. Screenshots in GONGHUI_WEB_TEST_OUTPUT (m-*.png).
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { PHONE, World, apiSession, outDir } from './harness.mjs'
import { MockSms } from './mock-sms.mjs'

const world = new World()
let phonePage = null
const sms = new MockSms('mobile-test-secret')
let failed = false
const PHONE_NO = '13700000777'
const masked = `${PHONE_NO.slice(0, 3)}****${PHONE_NO.slice(7)}`

function withCheckDigit(first17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...first17].reduce((a, c, i) => a + Number(c) * w[i], 0)
  return first17 + '10X98765432'[sum % 11]
}

async function step(name, fn) {
  process.stdout.write(`- ${name} … `)
  await fn()
  console.log('ok')
}

async function shot(page, name) {
  await page.screenshot({ path: join(outDir, `m-${name}.png`), fullPage: true, animations: 'disabled' })
}

// The nth code sent to a phone, as the mock provider received it.
const codeFor = (phone, nth) => sms.code(phone, nth)

try {
  world.cli(['migrate'])
  world.addUser('qianxian', '610424', ['federation_cadre'], '乾县干部')
  world.cli(['demo', '--scale', '0.05'])
  await sms.start()
  // Production mode with the HTTP sender: every code goes through the mock provider.
  await world.start(['--sms-url', sms.url], { GONGHUI_SMS_SECRET: sms.secret })
  const base = `${world.base}/m`

  const cadre = await apiSession(world.base, 'qianxian')
  // A grassroots union of 乾县 the worker will find by name.
  const orgs = (await cadre('GET', `/api/v1/orgs?q=${encodeURIComponent('工会')}&limit=200`)).body.items
  const union = orgs.find((o) => o.type === 'grassroots_union' && (o.status ?? 'active') === 'active')
  assert.ok(union, 'a grassroots union in 乾县')

  await step('the server: /m redirects, /m/<page> is the phone page, assets are immutable, the CSP holds', async () => {
    const bare = await fetch(`${world.base}/m?from=sms`, { redirect: 'manual' })
    assert.equal(bare.status, 301)
    assert.equal(bare.headers.get('location'), '/m/?from=sms')
    const deep = await fetch(`${base}/joining/card`)
    assert.equal(deep.status, 200)
    const html = await deep.text()
    assert.match(html, /<title>职工之家<\/title>/)
    assert.equal(deep.headers.get('cache-control'), 'no-cache')
    assert.match(deep.headers.get('content-security-policy'), /script-src 'self'/)
    const consoleHtml = await (await fetch(`${world.base}/members`)).text()
    assert.doesNotMatch(consoleHtml, /职工之家/, 'the console keeps its own fallback')
    const asset = html.match(/src="(\/assets\/[^"]+\.js)"/)[1]
    const js = await fetch(world.base + asset)
    assert.match(js.headers.get('cache-control'), /immutable/)
    assert.equal(js.headers.get('content-encoding'), 'gzip', 'text assets go gzipped (fetch asks for it)')
    assert.doesNotMatch(html, /element-plus|echarts/, 'no console chunk on the phone page')
  })

  const { page } = await world.browser('worker', PHONE)
  phonePage = page

  await step('a slow 3G link: the sign-in is usable within 10 s (first visit, nothing cached)', async () => {
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('Network.enable')
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
    // DevTools' "Slow 3G": 400 ms latency, 400 kbit/s down, 400 kbit/s up.
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false, latency: 400, downloadThroughput: (400 * 1024) / 8, uploadThroughput: (400 * 1024) / 8,
    })
    const t0 = Date.now()
    await page.goto(`${base}/`)
    await page.locator('#m-phone').waitFor({ timeout: 30000 })
    const ms = Date.now() - t0
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 })
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: false })
    await cdp.detach()
    process.stdout.write(`(${(ms / 1000).toFixed(1)} s) `)
    assert.ok(ms < 10000, `the sign-in took ${ms} ms on slow 3G`)
  })

  await step('sign-in: a bad number is refused here, the code is sent, the countdown, 429 after a reload', async () => {
    await page.waitForURL(/\/m\/login$/)
    await shot(page, 'login')
    await page.locator('#m-phone').fill('1370000')
    await page.locator('[data-test=send-code]').click()
    await page.getByText('手机号应为 11 位中国大陆手机号，以 13-19 开头').waitFor()
    await page.locator('#m-phone').fill(PHONE_NO)
    await page.locator('[data-test=send-code]').click()
    await page.locator('[data-test=otp-sent]').getByText(`验证码已发送至 ${masked}`).waitFor()
    await page.locator('[data-test=send-code]').getByText(/\d+ 秒后重新发送/).waitFor()
    assert.ok(await page.locator('[data-test=send-code]').isDisabled(), 'no resend during the countdown')
    await shot(page, 'login-code-sent')
    // The countdown lives in the page; after a reload the server's limit answers (429, Retry-After).
    await page.reload()
    await page.locator('#m-phone').fill(PHONE_NO)
    page.allowHttpErrors = true
    await page.locator('[data-test=send-code]').click()
    await page.locator('[data-test=login-error]').getByText(/^验证码发送过于频繁，请一分钟后再试（还需等待 \d+ 秒）$/).waitFor()
    await page.locator('[data-test=send-code]').getByText(/\d+ 秒后重新发送/).waitFor()
    // A wrong code: the console's words for auth.otp_invalid.
    const code = await codeFor(PHONE_NO, 0)
    await page.locator('#m-code').fill(code === '000000' ? '111111' : '000000')
    await page.locator('[data-test=login]').click()
    await page.getByText('验证码不正确或已失效').waitFor()
    page.allowHttpErrors = false
    await shot(page, 'login-refused')
    await page.locator('#m-code').fill(code)
    await page.locator('[data-test=login]').click()
    await page.waitForURL(/\/m\/$/)
    await page.locator('[data-test=home-apply]').waitFor()
    await shot(page, 'home')
    assert.equal(sms.badSignatures, 0, 'every SMS request was signed')
    const mine = sms.requests.filter((r) => r.phone === PHONE_NO)
    assert.equal(mine[0].status, 503, 'the provider refused the first request')
    assert.equal(mine[1]?.status, 200, 'the server retried and the code arrived')
    assert.equal(mine[1].body.template, 'otp')
  })

  const idNumber = withCheckDigit('61042419920817003')
  await step('applying: the union picker, the consent must be ticked, the application is pending', async () => {
    await page.locator('[data-test=home-apply]').click()
    await page.waitForURL(/\/m\/joining\/apply$/)
    await page.locator('[data-test=consent-text]').getByText(/./).first().waitFor()
    assert.ok((await page.locator('[data-test=consent-text]').textContent()).length > 50, 'the consent text is shown')
    await shot(page, 'apply')
    await page.locator('[data-test=union-field]').click()
    await page.locator('#m-union-q').fill(union.name)
    await page.locator(`[data-test=union-${union.id}]`).waitFor()
    await shot(page, 'union-picker')
    await page.locator(`[data-test=union-${union.id}]`).click()
    await page.locator('#m-union').evaluate((el, name) => el.value === name || Promise.reject(new Error(el.value)), union.name)
    await page.locator('#m-name').fill('李骑手')
    await page.locator('#m-id-number').fill(idNumber.slice(0, 17) + (idNumber[17] === '0' ? '1' : '0'))
    await page.locator('#m-apply-phone').fill(PHONE_NO)
    await page.locator('#m-occupation').fill('外卖骑手')
    await page.locator('[data-test=apply-submit]').click()
    await page.getByText('入会须单独同意工会处理您的身份证号（敏感个人信息）').waitFor()
    await page.locator('[data-test=consent-check]').click()
    // A wrong check digit: the server's message, under the field.
    page.allowHttpErrors = true
    await page.locator('[data-test=apply-submit]').click()
    await page.locator('.van-field__error-message').getByText(/校验/).waitFor()
    page.allowHttpErrors = false
    await shot(page, 'apply-refused')
    await page.locator('#m-id-number').fill(idNumber)
    await page.locator('[data-test=apply-submit]').click()
    await page.waitForURL(/\/m\/joining\/applications$/)
    await page.locator('[data-test=application-status]').getByText('待审核').waitFor()
    await page.locator('[data-test=applied]').getByText('申请已提交，我们会核实并通知您').waitFor()
    await shot(page, 'applications-pending')
  })

  const pending = async () => {
    const r = await cadre('GET', `/api/v1/join-applications?status=pending&org=${union.id}&limit=100`)
    const a = r.body.items.find((x) => x.name === '李骑手')
    assert.ok(a, `the cadre sees the application: ${JSON.stringify(r.body).slice(0, 300)}`)
    return a
  }

  await step('a cadre rejects it (API); the worker reads why, corrects and resubmits (PUT)', async () => {
    const a = await pending()
    const r = await cadre('POST', `/api/v1/join-applications/${a.id}/reject`, { reason: '工作单位请填写所在站点全称' })
    assert.equal(r.status, 200, JSON.stringify(r.body))
    await page.reload()
    await page.locator('[data-test=application-status]').getByText('未通过').waitFor()
    await page.getByText('工作单位请填写所在站点全称').waitFor()
    await shot(page, 'applications-rejected')
    await page.locator('[data-test=resubmit]').click()
    await page.waitForURL(/\/m\/joining\/apply\?edit=\d+$/)
    await page.locator('#m-name').evaluate((el) => el.value === '李骑手' || Promise.reject(new Error(el.value)))
    await page.locator('#m-id-number').fill(idNumber)
    await page.locator('#m-apply-phone').fill(PHONE_NO)
    await page.locator('#m-employer').fill('美团乾县城关站')
    await page.locator('[data-test=consent-check]').click()
    await page.locator('[data-test=apply-submit]').click()
    await page.waitForURL(/\/m\/joining\/applications$/)
    await page.locator('[data-test=application-status]').getByText('待审核').waitFor()
  })

  await step('a cadre approves it (API); the worker sees the membership and the card (blob: image)', async () => {
    const a = await pending()
    assert.equal(a.employer, '美团乾县城关站')
    const r = await cadre('POST', `/api/v1/join-applications/${a.id}/approve`)
    assert.equal(r.status, 200, JSON.stringify(r.body))
    await page.goto(`${base}/`)
    await page.locator('[data-test=home-status]').getByText(union.name).waitFor()
    await shot(page, 'home-member')
    await page.locator('[data-test=home-status] .van-cell').click()
    await page.waitForURL(/\/m\/joining\/card$/)
    await page.locator('img[data-test=member-card]').waitFor()
    await page.waitForFunction(() => {
      const img = document.querySelector('img[data-test=member-card]')
      return img && img.src.startsWith('blob:') && img.naturalWidth > 0
    })
    assert.match(await page.locator('[data-test=card-no]').textContent(), /\d/)
    await shot(page, 'card')
  })

  await step('my data: a reload on a deep page keeps the session; the PIPL copy downloads', async () => {
    await page.goto(`${base}/me/data`)
    await page.locator('[data-test=download-data]').waitFor()
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=download-data]').click()])
    assert.equal(download.suggestedFilename(), 'my-data.json')
    const data = JSON.parse(readFileSync(await download.path(), 'utf8'))
    assert.ok(JSON.stringify(data).includes(PHONE_NO), 'my copy has my phone number in full')
    await shot(page, 'my-data')
  })

  await step('notices: the badge counts the rejection and the approval; open = read; its link; read all', async () => {
    await page.goto(`${base}/`)
    await page.locator('[data-test=tab-notices] .van-badge').getByText('2', { exact: true }).waitFor()
    await page.locator('[data-test=tab-notices]').click()
    await page.waitForURL(/\/m\/notices$/)
    const items = page.locator('.m-notice')
    await items.first().getByText('入会申请已通过').waitFor()
    await items.nth(1).getByText('入会申请未通过').waitFor()
    await page.locator('[data-test=notices-unread]').getByText('2 条未读').waitFor()
    await shot(page, 'notices')
    await items.first().locator('.van-cell').first().click()
    await items.first().locator('[data-test=notice-body]').getByText(/会员证号/).waitFor()
    await page.locator('[data-test=notices-unread]').getByText('1 条未读').waitFor()
    await page.locator('[data-test=tab-notices] .van-badge').getByText('1', { exact: true }).waitFor()
    await shot(page, 'notice-open')
    await items.first().locator('[data-test=notice-link]').click()
    await page.waitForURL(/\/m\/joining\/card$/)
    await page.locator('img[data-test=member-card]').waitFor()
    await page.goto(`${base}/notices`)
    await page.locator('[data-test=read-all]').click()
    await page.locator('[data-test=notices-unread]').getByText('没有未读通知').waitFor()
    await page.waitForFunction(() => !document.querySelector('[data-test=tab-notices] .van-badge'))
    await shot(page, 'notices-read')
    // The approval also went out as a status SMS (template "status"), through the same provider.
    for (let i = 0; i < 300 && !sms.delivered.some((m) => m.phone === PHONE_NO && m.template === 'status'); i++) {
      await new Promise((r) => setTimeout(r, 100))
    }
    assert.ok(sms.delivered.some((m) => m.phone === PHONE_NO && m.template === 'status'), 'the approval\'s SMS')
  })

  await step('my data: a request to correct, listed as pending (a state change after the reload)', async () => {
    await page.goto(`${base}/me/data`)
    await page.locator('[data-test=kind-correct]').click()
    await page.locator('#m-detail').fill('职业应为快递员，不是外卖骑手')
    await page.locator('[data-test=request-submit]').click()
    await page.locator('[data-test=my-requests]').getByText('处理中').waitFor()
    await page.locator('[data-test=request-sent]').waitFor()
    await shot(page, 'my-data-request')
  })


  // 工会驿站: two stations of 乾县 (one with a microwave), seen by a visitor without an account
  // (the pages are public; no position allowed: the default point of 乾县 with a note).
  const made = []
  for (const s of [
    { name: '乾县城关测试驿站', address: '乾县城关镇测试路 1 号', lat: 34.5311, lng: 108.2460, amenities: ['微波炉', '充电', '热水'] },
    { name: '乾县东街测试驿站', address: '乾县东街 8 号', lat: 34.5330, lng: 108.2520, amenities: ['热水'] },
  ]) {
    const r = await cadre('POST', '/api/v1/stations', { ...s, crs: 'GCJ-02', hours: '24小时', status: 'open' })
    assert.equal(r.status, 201, JSON.stringify(r.body))
    made.push(r.body)
  }
  const visitor = (await world.browser('visitor', PHONE)).page
  const offSite = []
  visitor.on('request', (req) => {
    if (!req.url().startsWith(world.base) && !/^(blob|data):/.test(req.url())) offSite.push(req.url())
  })

  await step('stations (public): nearby list with distances from the default point, filter by 微波炉', async () => {
    await visitor.goto(`${base}/stations`)
    await visitor.locator('[data-test=location-note]').getByText(/按乾县县城计算距离/).waitFor()
    const list = visitor.locator('[data-test=nearby-list]')
    const first = list.locator(`[data-test="station-${made[0].code}"]`)
    await first.waitFor()
    await list.locator(`[data-test="station-${made[1].code}"]`).waitFor()
    assert.match(await first.locator('[data-test=distance]').textContent(), /^\d+ 米$|^\d+\.\d 公里$/)
    assert.match(await first.textContent(), /微波炉/)
    await shot(visitor, 'stations-nearby')
    await visitor.locator('[data-test=amenity-microwave]').click()
    await list.locator(`[data-test="station-${made[1].code}"]`).waitFor({ state: 'detached' })
    await first.waitFor()
    assert.equal(await visitor.locator('[data-test=amenity-microwave]').getAttribute('aria-pressed'), 'true')
    await shot(visitor, 'stations-filtered')
  })

  await step('stations (public): the station page with its 导航 links; the map without tiles', async () => {
    await visitor.locator(`[data-test="station-${made[0].code}"]`).click()
    await visitor.waitForURL(new RegExp(`/m/stations/s/${made[0].code}$`))
    await visitor.locator('[data-test=station-name]').getByText('乾县城关测试驿站').waitFor()
    const nav = visitor.locator('[data-test=nav-links]')
    assert.match(await nav.locator('[data-test=nav-geo]').getAttribute('href'), /^geo:34\.\d+,108\.\d+\?q=/)
    assert.match(await nav.locator('[data-test=nav-amap]').getAttribute('href'), /^https:\/\/uri\.amap\.com\/marker\?position=108\.246,34\.5311&name=/)
    assert.match(await nav.locator('[data-test=nav-baidu]').getAttribute('href'),
      /^baidumap:\/\/map\/marker\?location=34\.5311,108\.246&title=.+&coord_type=gcj02&src=gonghui$/)
    await visitor.getByRole('button', { name: '返回' }).waitFor()
    await shot(visitor, 'station')
    // A reload: the page finds the station in the public feed by its code.
    await visitor.reload()
    await visitor.locator('[data-test=station-name]').getByText('乾县城关测试驿站').waitFor()
    await visitor.goto(`${base}/stations/map`)
    await visitor.locator('[data-test=station-map].leaflet-container path.leaflet-interactive').first().waitFor()
    await visitor.locator('[data-test=map-no-tiles]').waitFor()
    await shot(visitor, 'stations-map')
    assert.deepEqual(offSite, [], 'no request left the server')
    if (visitor.consoleErrors.length) throw new Error(`browser console errors:\n${visitor.consoleErrors.join('\n')}`)
  })

  // The story, signed in: the courier finds the nearest open station with a microwave,
  // scans its door (the door screen's token, fetched by a keeper over the API), sees the visit;
  // the keeper's event (API) and its QR earn points; a 5元早餐 (API) is redeemed for a pickup
  // code; the inbox has all three.
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' })
  const here = (url) => { const u = new URL(url, world.base); return `${world.base}${u.pathname}${u.search}` }
  let nearest = null
  await step('stations (signed in): 首页 has 驿站; the nearest open station with a 微波炉', async () => {
    await page.goto(`${base}/`)
    await page.getByRole('link', { name: '驿站' }).or(page.locator('.van-cell', { hasText: /^驿站$/ })).first().click()
    await page.waitForURL(/\/m\/stations$/)
    const list = page.locator('[data-test=nearby-list]')
    await list.waitFor()
    await page.locator('[data-test=amenity-microwave]').click()
    await page.locator('[data-test=open-now]').click()
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('[data-test=nearby-list] [data-test^="station-"]')]
      return rows.length > 0 && rows.every((r) => r.textContent.includes('微波炉') && r.textContent.includes('开放中'))
    })
    const first = list.locator('[data-test^="station-"]').first()
    const code = (await first.getAttribute('data-test')).slice('station-'.length)
    const found = await cadre('GET', `/api/v1/stations?q=${encodeURIComponent(code)}`)
    nearest = found.body.items.find((x) => x.code === code)
    assert.ok(nearest, `the cadre manages ${code}`)
    assert.ok(nearest.amenities.some((a) => a.name === '微波炉'), 'it has a microwave')
    await shot(page, 'stations-nearest')
  })

  await step('check-in: the door\'s QR (/m/stations/checkin?t=…) checks the courier in; 我的到访 lists it', async () => {
    const door = await cadre('GET', `/api/v1/stations/${nearest.id}/door-token`)
    assert.equal(door.status, 200, JSON.stringify(door.body))
    assert.match(door.body.url, /\/m\/stations\/checkin\?t=/)
    assert.ok(door.body.expires_at)
    await page.goto(here(door.body.url))
    const result = page.locator('[data-test=checkin-result]')
    await result.getByText(nearest.name).waitFor()
    await result.getByText('签到成功').waitFor()
    await shot(page, 'station-checkin')
    await page.goto(`${base}/stations/visits`)
    await page.locator('[data-test=my-visits]').getByText(nearest.name).waitFor()
    await page.locator('[data-test=my-visits]').getByText(/扫码签到/).first().waitFor()
    await shot(page, 'station-visits')
  })

  await step('an event: the keeper publishes it (API); its QR (/m/stations/points?attend=…) earns the points', async () => {
    const ev = await cadre('POST', `/api/v1/stations/${nearest.id}/events`, { title: '驿站义诊志愿服务', day: today, points: 60 })
    assert.equal(ev.status, 201, JSON.stringify(ev.body))
    const qr = await cadre('GET', `/api/v1/station-events/${ev.body.id}/code`)
    assert.equal(qr.status, 200, JSON.stringify(qr.body))
    assert.match(qr.body.url, /^\/m\/stations\/points\?attend=/)
    await page.goto(here(qr.body.url))
    await page.locator('[data-test=attend-result]').getByText(/获得 60 积分，余额 60/).waitFor()
    await page.locator('[data-test=points-balance]').getByText('60', { exact: true }).waitFor()
    await page.waitForURL(/\/m\/stations\/points$/)
    await page.locator('[data-test=points-entries]').getByText('60').first().waitFor()
    await shot(page, 'station-attend')
  })

  await step('redeeming: a 5元早餐 for 50 points (API item); the pickup code, on the points page too', async () => {
    const item = await cadre('POST', `/api/v1/stations/${nearest.id}/items`, { name: '5元早餐', points: 50, stock: 3 })
    assert.equal(item.status, 201, JSON.stringify(item.body))
    await page.goto(`${base}/stations/s/${encodeURIComponent(nearest.code)}`)
    // The demo offers a 5元早餐 here too: the button of the item just made, by its id.
    await page.locator(`[data-test=redeem-${item.body.id}]`).click()
    const done = page.locator('[data-test=redeemed]')
    await done.getByText(/已兑换 5元早餐，取货码 \d{8}，余额 10 积分/).waitFor()
    const code = (await done.locator('.m-code').textContent()).trim()
    await shot(page, 'station-redeemed')
    await page.goto(`${base}/stations/points`)
    await page.locator('[data-test=points-balance]').getByText('10', { exact: true }).waitFor()
    await page.locator('.m-pickup-code').getByText(code).waitFor()
    await shot(page, 'station-points')
  })

  await step('the inbox: the check-in, the points and the redemption', async () => {
    await page.goto(`${base}/notices`)
    const items = page.locator('.m-notice')
    await items.getByText(`已在${nearest.name}签到`).waitFor()
    await items.getByText('获得志愿积分 60').waitFor()
    await items.getByText('积分兑换成功：5元早餐').waitFor()
    await page.locator('[data-test=notices-unread]').getByText('3 条未读').waitFor()
    await shot(page, 'notices-stations')
  })

  await step('我的 and signing out after a reload (the CSRF token from GET /worker/me): the session ends', async () => {
    await page.goto(`${base}/`)
    await page.locator('[data-test=tab-me]').click()
    await page.waitForURL(/\/m\/me$/)
    await page.reload()
    await page.getByText(masked).waitFor()
    await shot(page, 'me')
    await page.locator('[data-test=logout]').click()
    await page.getByRole('dialog', { name: '退出登录' }).getByRole('button', { name: '退出', exact: true }).waitFor()
    await shot(page, 'logout-confirm')
    await page.getByRole('dialog', { name: '退出登录' }).getByRole('button', { name: '退出', exact: true }).click()
    await page.waitForURL(/\/m\/login$/)
    assert.equal(await page.locator('[role=alert]').count(), 0, 'the logout was accepted (no 403 auth.csrf)')
    await page.goto(`${base}/joining/card`)
    await page.waitForURL(/\/m\/login\?redirect=/)
    page.allowHttpErrors = true
    const me = await page.evaluate(async () => (await fetch('/api/v1/worker/me')).status)
    page.allowHttpErrors = false
    assert.equal(me, 401)
  })

  if (page.consoleErrors.length) throw new Error(`browser console errors:\n${page.consoleErrors.join('\n')}`)
  console.log(`screenshots in ${outDir}`)
} catch (e) {
  failed = true
  console.error(e)
  if (phonePage) {
    // What the phone showed when it failed (the accessibility check of this one is not the point).
    await phonePage.screenshot({ path: join(outDir, 'm-failure.png'), fullPage: true }).catch(() => {})
    console.error(`the page said: ${(await phonePage.locator('body').innerText().catch(() => '')).slice(0, 1500)}`)
  }
  if (world.serverLog) console.error(`server log:\n${world.serverLog.slice(-4000)}`)
} finally {
  await world.close()
  await sms.close()
}
process.exit(failed ? 1 : 0)
