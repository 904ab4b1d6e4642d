// Shapes of the server's JSON answers (see docs/api/openapi.yaml).

export interface Page<T> {
  items: T[]
  next_cursor: string | null // opaque: send back unchanged as ?cursor= with the same filters
  total?: number
}

export interface Principal {
  id: number
  username: string
  display_name: string
  org_id: number
  roles: string[]
  permissions: string[]
  must_change_password: boolean
  mfa_pending: boolean
  // Only from GET /auth/me: the session's CSRF token.
  csrf_token?: string
}

export interface LoginResult {
  csrf_token: string
  must_change_password: boolean
  mfa_required: boolean
  mfa_enrolled: boolean
  user: Principal
}

export interface TotpEnrolment {
  secret: string
  otpauth_uri: string
  qr_svg: string
}

export interface SessionInfo {
  id: number
  created_at: string
  last_seen_at: string
  ip: string
  user_agent: string
  current: boolean
}

export interface Org {
  id: number
  parent_id: number | null
  name: string
  type: string
  division_code: string | null
  // The union record (GET /api/v1/orgs/{id}).
  credit_code?: string | null
  industry?: string
  address?: string
  lat?: number | null
  lng?: number | null
  chair_name?: string
  founded_on?: string | null
  status?: string
  merged_into?: number | null
}

// One node of GET /api/v1/orgs/tree?format=flat.
export interface TreeNode {
  id: number
  parent_id: number | null
  name: string
  type: string
  status: string
  depth: number
  child_count: number
}

export interface Honour {
  id: number
  org_id: number
  title: string
  year: number
  granted_by: string
  created_at: string
}

export interface JoinApplication {
  id: number
  worker_id: number | null
  org_id: number
  org_name: string
  name: string
  id_number: string
  phone: string | null
  occupation: string
  employer: string
  new_form: boolean
  residence_code: string | null
  workplace_code: string | null
  consent_version: string
  consented_at: string
  source: string
  status: string
  reject_reason: string
  reviewed_by: string | null
  reviewed_at: string | null
  member_id: number | null
  created_at: string
  updated_at: string
}

export interface OrgStats {
  unions: number
  members: number
  gig_members: number
  employers: number
  employers_should_unionize: number
  employers_unionized: number
  employers_unionized_expected: number
  unionization_rate: number | null
  unions_by_type: Record<string, number>
  members_by_occupation: { occupation: string; label: string; members: number }[]
  growth: { month: string; joined: number; departed: number; net: number }[]
  unionized_staff: number
  members_in_unionized_employers: number
  membership_rate: number | null
  formulas: { unionization_rate: string; membership_rate: string }
}

export interface Member {
  id: number
  org_id: number
  name: string
  id_number: string
  phone: string | null
  birth_date: string
  gender: string
  occupation: string
  new_form: boolean
  card_no: string
  joined_on: string
  status: string
  created_at: string
  updated_at: string
  ethnicity: string
  education: string
  political_status: string
  occupation_category: string
  employer_name: string
  employer_id: number | null
  migrant_worker: boolean
  model_worker: boolean
  hardship: boolean
}

export interface MemberHistory {
  id: number
  at: string
  from_status: string | null
  to_status: string
  org_id: number
  actor: string
  reason: string
}

export interface Transfer {
  id: number
  member_id: number
  member_name: string
  card_no: string
  from_org_id: number
  to_org_id: number
  status: string
  requested_by: string
  requested_at: string
  decided_by: string | null
  decided_at: string | null
  reason: string
  // 'from': asked by the giving union; 'to': asked by the receiving union. The other side decides.
  requested_by_side: 'from' | 'to'
  // In lists: both ends by name (the other side may lie outside the caller's scope).
  from_org_name?: string | null
  to_org_name?: string | null
}

export interface Employer {
  id: number
  org_id: number
  name: string
  credit_code: string
  staff_size: number
  industry: string
  address: string
  union_org_id: number | null
  unionized: boolean
  should_unionize: boolean
  created_at: string
  updated_at: string
}

export interface AuditEntry {
  id: number
  at: string
  actor_type: string
  actor_id: number | null
  actor_name: string
  org_id: number | null
  ip: string
  request_id: string
  action: string
  entity: string
  entity_id: string
  detail: unknown
  // 'failed': the row was committed by a request that then failed (detail.error has its code)
  outcome: 'ok' | 'failed'
}

export interface ImportResult {
  imported: number
  duplicates: number
  // The first 1000 refused rows (by row); code when the refusal has one.
  rejected: { row: number; column: string; field: string; reason: string; code?: string }[]
  // How many rows were refused in all (the report lists up to the server's [import] report_rows).
  rejected_count?: number
  // The kept report's token (32 hex digits) for /api/v1/members/import-reports/{token}.
  report_id: string | null
  // The refused rows' cells as typed (template column → text), at most 1000 rows, each cell
  // cut to 200 characters and marked "…[已截断]".
  rejected_rows?: { row: number; cells: Record<string, string> }[]
}

export interface Account {
  id: number
  username: string
  display_name: string
  status: 'active' | 'disabled'
  org_id: number
  roles: string[]
  must_change_password: boolean
  totp_enabled: boolean
  locked_until: string | null
  // Whether a lockout is in force now.
  locked: boolean
  // Only on creation and on a password reset: shown once.
  initial_password?: string
}

export interface AccountFilter {
  q?: string
  org_id?: number | null
  role?: string
  state?: '' | 'active' | 'disabled' | 'locked'
}

export interface RoleInfo {
  name: string
  title: string
  permissions: string[]
  needs_totp: boolean
}

export interface CardCheck {
  valid: boolean
  status: string
  org_name: string | null
}

// A notice in the caller's own inbox (GET /api/v1/notices).
export interface Notice {
  id: number
  kind: string
  title: string
  body: string
  link: string // where it leads in the console ("/accounts"), "" for nowhere
  created_at: string
  read_at: string | null
}

export interface NoticePage extends Page<Notice> {
  unread: number
}

// A worker's request to correct or delete their personal information (PIPL).
export interface WorkerRequest {
  id: number
  kind: 'correct' | 'delete'
  detail: string
  status: 'pending' | 'done' | 'refused'
  reply: string
  created_at: string
  handled_at: string | null
}
