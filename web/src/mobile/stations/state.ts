// What the stations' pages share during a visit: the filters (the list and the map show the same
// stations) and the rows last seen, so a station's page opens at once from the list.
import { reactive } from 'vue'
import type { NearbyStation } from '../api/stations'

export const filters = reactive({ amenities: [] as string[], open: false })

const seen = new Map<string, NearbyStation>()
export function rememberStation(s: NearbyStation): void {
  seen.set(s.code, s)
}
export function seenStation(code: string): NearbyStation | undefined {
  return seen.get(code)
}
