// The member list's filters (search box + MemberFilterBar) and the query they send to
// GET /members and GET /members/export: blanks are left out, text is trimmed, flags are joined.
import type { MemberFilters } from '@/api/members'

export interface FilterState {
  q: string
  org: number | undefined
  occupation: string
  status: string
  flags: string[]
  joined: [string, string] | null
  employer: string
}

export function filtersToQuery(f: FilterState): MemberFilters {
  return {
    q: f.q.trim() || undefined,
    org: f.org || undefined,
    occupation: f.occupation || undefined,
    status: f.status || undefined,
    flags: f.flags.length ? f.flags.join(',') : undefined,
    joined_from: f.joined?.[0] || undefined,
    joined_to: f.joined?.[1] || undefined,
    employer: f.employer.trim() || undefined,
  }
}

// The "清空" button: the extra filters go, the search box and the org stay.
export function clearedFilters(f: FilterState): FilterState {
  return { ...f, occupation: '', status: '', flags: [], joined: null, employer: '' }
}
