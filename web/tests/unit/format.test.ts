// Display helpers.
import { describe, expect, it } from 'vitest'
import { formatTime, memberStatus, percent } from '@/utils/format'
import { returnPath } from '@/utils/returnPath'

describe('format', () => {
  it('formatTime shows local time and leaves junk as it is', () => {
    expect(formatTime(new Date(2026, 0, 2, 3, 4, 5).toISOString())).toBe('2026-01-02 03:04:05')
    expect(formatTime('not a time')).toBe('not a time')
    expect(formatTime(null)).toBe('')
    expect(formatTime('')).toBe('')
  })
  it('percent: two decimals, a dash when unknown', () => {
    expect(percent(0.12345)).toBe('12.35%')
    expect(percent(1)).toBe('100.00%')
    expect(percent(null)).toBe('—')
  })
  it('every member status has a Chinese name', () => {
    expect(Object.keys(memberStatus).sort()).toEqual(['active', 'deceased', 'expelled', 'left', 'transferred', 'transferring'])
  })
})

describe('returnPath (login → back)', () => {
  it('returns to a console path with its query', () => {
    expect(returnPath('/members?q=zs')).toBe('/members?q=zs')
  })
  it('never leaves the site or loops to the login page', () => {
    expect(returnPath('//evil.example/x')).toBe('/')
    expect(returnPath('/\\evil.example')).toBe('/')
    expect(returnPath('https://evil.example')).toBe('/')
    expect(returnPath('/login?redirect=/x')).toBe('/')
    expect(returnPath(undefined)).toBe('/')
    expect(returnPath(['/members'])).toBe('/')
  })
})
