// One redemption per tap: a tap gets a fresh Idempotency-Key, and a retry of the same tap (the
// answer was lost: no network, a 5xx) sends the same key again, so the server redeems only once.
// A definite answer (success, or a refusal such as too few points) ends the tap.
import { ApiError } from '@/api/http'

export function newKey(): string {
  const c = globalThis.crypto
  if (c && typeof c.randomUUID === 'function') return c.randomUUID()
  const b = new Uint8Array(16)
  c.getRandomValues(b)
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join('')
}

// Whether the request may not have been seen by the server (retry with the same key).
export function retryable(e: unknown): boolean {
  return e instanceof ApiError ? e.status === 0 || e.status >= 500 : true
}

export class TapKeys {
  private keys = new Map<number | string, string>()
  constructor(private readonly make: () => string = newKey) {}
  // The key for this tap on `what`: the pending one when the last tap's answer was lost.
  key(what: number | string): string {
    let k = this.keys.get(what)
    if (!k) this.keys.set(what, (k = this.make()))
    return k
  }
  pending(what: number | string): boolean {
    return this.keys.has(what)
  }
  // The answer came: keep the key only when the server may not have seen the request.
  settle(what: number | string, error?: unknown): void {
    if (error === undefined || !retryable(error)) this.keys.delete(what)
  }
}
