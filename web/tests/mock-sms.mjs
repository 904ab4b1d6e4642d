// A stand-in for the SMS provider, for the phone page's test: `gonghui serve --sms-url` posts
// {"phone","template","params":{"code"},"message_id"} signed with X-Gonghui-Signature (hex
// HMAC-SHA256 of the body with GONGHUI_SMS_SECRET). Records every request, refuses a bad
// signature (401), answers 503 to the first request for each phone (so the server's retry is
// what delivers the code) and 200 after; the test reads the codes delivered.
import { createHmac, timingSafeEqual } from 'node:crypto'
import { createServer } from 'node:http'

export class MockSms {
  constructor(secret) {
    this.secret = secret
    this.requests = [] // every request: { phone, status, body }
    this.delivered = [] // the accepted messages, in order
    this.badSignatures = 0
    this.refusedOnce = new Set()
  }

  start() {
    this.server = createServer((req, res) => {
      const chunks = []
      req.on('data', (c) => chunks.push(c))
      req.on('end', () => this.answer(req, Buffer.concat(chunks), res))
    })
    return new Promise((resolve) => {
      this.server.listen(0, '127.0.0.1', () => {
        this.url = `http://127.0.0.1:${this.server.address().port}/sms`
        resolve(this)
      })
    })
  }

  answer(req, body, res) {
    const reply = (status, json) => {
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(json))
    }
    const expected = createHmac('sha256', this.secret).update(body).digest()
    const sent = Buffer.from(String(req.headers['x-gonghui-signature'] ?? ''), 'hex')
    if (req.method !== 'POST' || sent.length !== expected.length || !timingSafeEqual(sent, expected)) {
      this.badSignatures++
      this.requests.push({ phone: null, status: 401, body: body.toString() })
      return reply(401, { error: 'bad signature' })
    }
    let msg
    try {
      msg = JSON.parse(body.toString())
    } catch {
      return reply(400, { error: 'not JSON' })
    }
    if (!this.refusedOnce.has(msg.phone)) {
      this.refusedOnce.add(msg.phone)
      this.requests.push({ phone: msg.phone, status: 503, body: msg })
      return reply(503, { error: 'try again' })
    }
    this.requests.push({ phone: msg.phone, status: 200, body: msg })
    this.delivered.push(msg)
    return reply(200, { ok: true })
  }

  // The code of the `nth` one-time code delivered to the phone (0: the first; status messages
  // such as an approval are not counted), waiting for the server's retries.
  async code(phone, nth = 0, timeoutMs = 60000) {
    const until = Date.now() + timeoutMs
    for (;;) {
      const mine = this.delivered.filter((m) => m.phone === phone && m.params?.code)
      if (mine.length > nth) return mine[nth].params.code
      if (Date.now() > until) throw new Error(`no SMS for ${phone} after ${timeoutMs} ms: ${JSON.stringify(this.requests)}`)
      await new Promise((r) => setTimeout(r, 100))
    }
  }

  close() {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()))
  }
}
