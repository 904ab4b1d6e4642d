// The client-side validators: the same verdicts as the server's (src/core/cn/*.cpp) on the
// inputs cadres actually type or paste from Excel.
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  coordinatesProblem, creditCodeProblem, foldAscii, idNumberProblem, passwordProblem, phoneProblem,
  unionCreditCode, isoDate, notFutureDate, nonEmptyMax,
} from '@/utils/rules'

describe('idNumberProblem (GB 11643)', () => {
  it('accepts valid numbers, with a digit or an X check character', () => {
    expect(idNumberProblem('440304199001010011')).toBeNull()
    expect(idNumberProblem('11010519491231002X')).toBeNull()
    expect(idNumberProblem('11010519491231002x')).toBeNull() // lower-case x as typed
    expect(idNumberProblem(' 610424199001011017 ')).toBeNull()
  })
  it('accepts full-width digits and a full-width Ｘ (IME input)', () => {
    expect(idNumberProblem('４４０３０４１９９００１０１００１１')).toBeNull()
    expect(idNumberProblem('１１０１０５１９４９１２３１００２Ｘ')).toBeNull()
  })
  it('refuses a wrong check character', () => {
    expect(idNumberProblem('440304199001010012')).toMatch(/校验位/)
    expect(idNumberProblem('110105194912310020')).toMatch(/校验位/)
  })
  it('names the Excel scientific-notation mangling', () => {
    expect(idNumberProblem('6.10424E+17')).toMatch(/科学计数法/)
    expect(idNumberProblem('6.10424199001011E+17')).toMatch(/科学计数法/)
    expect(idNumberProblem('6.10424e17')).toMatch(/科学计数法/)
  })
  it('refuses wrong lengths and letters other than a final X', () => {
    expect(idNumberProblem('')).toMatch(/不能为空/)
    expect(idNumberProblem('44030419900101001')).toMatch(/18 位/)
    expect(idNumberProblem('4403041990010100111')).toMatch(/18 位/)
    expect(idNumberProblem('44030419900101A011')).toMatch(/18 位/)
  })
  it('refuses impossible, too old and future birth dates even with a right check digit', () => {
    // 1990-02-30 with its own valid check digit.
    expect(idNumberProblem(withCheck('44030419900230001'))).toMatch(/19900230 不是一个真实的日期/)
    expect(idNumberProblem(withCheck('44030418991231001'))).toMatch(/早于 1900/)
    expect(idNumberProblem(withCheck('44030420991231001'))).toMatch(/晚于今天/)
    // 29 February only in leap years.
    expect(idNumberProblem('32010219800229003X')).toBeNull()
    expect(idNumberProblem(withCheck('32010219810229003'))).toMatch(/不是一个真实的日期/)
  })
})

function withCheck(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * w[i]
  return first17 + '10X98765432'[sum % 11]
}

describe('phoneProblem', () => {
  it('accepts mainland mobiles with the usual decorations', () => {
    for (const p of ['13800138000', '+86 138-0013-8000', '008613800138000', '8613800138000', '１３８００１３８０００', '(138) 0013 8000']) {
      expect(phoneProblem(p), p).toBeNull()
    }
  })
  it('refuses landlines, short numbers and the 12 prefix', () => {
    expect(phoneProblem('')).toMatch(/不能为空/)
    expect(phoneProblem('12800138000')).toMatch(/13-19/)
    expect(phoneProblem('1380013800')).toMatch(/11 位/)
    expect(phoneProblem('010-12345678')).toMatch(/11 位/)
  })
})

describe('creditCodeProblem (GB 32100)', () => {
  it('accepts a valid code, lower case and full width too', () => {
    expect(creditCodeProblem('91350100M000100Y43')).toBeNull()
    expect(creditCodeProblem('91350100m000100y43')).toBeNull()
  })
  it('refuses a wrong check character, forbidden letters and wrong lengths', () => {
    expect(creditCodeProblem('91350100M000100Y44')).toMatch(/校验位/)
    expect(creditCodeProblem('91350100M000100O43')).toMatch(/I、O、Z、S、V/)
    expect(creditCodeProblem('91350100M000100Y4')).toMatch(/18 位/)
    expect(creditCodeProblem('')).toMatch(/不能为空/)
  })
  it('a union code must start with 81', () => {
    expect(unionCreditCode('81110000MC0000001R')).toBeNull()
    expect(unionCreditCode('91350100M000100Y43')).toMatch(/81 开头/)
    expect(unionCreditCode('')).toBeNull()
  })
})

describe('passwordProblem', () => {
  it('follows the server policy', () => {
    expect(passwordProblem('Short1!', 'alice')).toMatch(/12 个字符/)
    expect(passwordProblem('alllowercaseletters', 'alice')).toMatch(/三类/)
    expect(passwordProblem('Xalice-Password9', 'alice')).toMatch(/用户名/)
    expect(passwordProblem('Correct-Horse-9', 'alice')).toBeNull()
    expect(passwordProblem('工会'.repeat(22) + 'Aa1', 'alice')).toMatch(/128 个字节/)
  })
})

describe('small checks', () => {
  it('foldAscii turns full-width forms and the ideographic space into ASCII', () => {
    expect(foldAscii('　ＡＢＣ１２３　')).toBe('ABC123')
  })
  it('coordinates go in pairs and in range', () => {
    expect(coordinatesProblem('', '')).toBeNull()
    expect(coordinatesProblem('30', '')).toEqual({ field: 'lng', message: '经纬度须同时填写或同时清空' })
    expect(coordinatesProblem('91', '120')?.field).toBe('lat')
    expect(coordinatesProblem('30', 'abc')?.field).toBe('lng')
    expect(coordinatesProblem('30.5', '120.1')).toBeNull()
  })
  it('dates: the ISO form, not in the future', () => {
    expect(isoDate('2026/11/01')).toMatch(/2026-11-01/)
    expect(isoDate('2020-01-01')).toBeNull()
    expect(notFutureDate('太晚')('2999-01-01')).toBe('太晚')
    expect(notFutureDate('太晚')('2000-01-01')).toBeNull()
  })
  it('nonEmptyMax counts characters, not bytes', () => {
    expect(nonEmptyMax(3, 'x')('工会会')).toBeNull()
    expect(nonEmptyMax(3, 'x')('工会会员')).toBe('x')
    expect(nonEmptyMax(3, 'x')('  ')).toBe('x')
  })
})

afterEach(() => vi.useRealTimers())
