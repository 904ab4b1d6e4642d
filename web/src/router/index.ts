// Routes: every view names the permission it needs (the same strings as the server's routes);
// the menu is built from this list. A lost session goes to the login page and comes back.
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { setSessionLostHandler } from '@/api/http'
import { useAuth } from '@/stores/auth'
import MainLayout from '@/layouts/MainLayout.vue'

declare module 'vue-router' {
  interface RouteMeta {
    title?: string
    permission?: string
    icon?: string
    menu?: boolean
    public?: boolean
    // A page for anyone (no sign-in, no console frame): the router does not ask who is signed in.
    bare?: boolean
    // The menu's group (a sub-menu) the entry is listed under.
    group?: string
  }
}

export const consoleRoutes: RouteRecordRaw[] = [
  { path: 'dashboard', name: 'dashboard', component: () => import('@/views/dashboard/index.vue'),
    meta: { title: '概览', permission: 'org.read', icon: 'DataAnalysis', menu: true } },
  { path: 'members', name: 'members', component: () => import('@/views/members/index.vue'),
    meta: { title: '会员', permission: 'member.read', icon: 'User', menu: true } },
  { path: 'members/import', name: 'member-import', component: () => import('@/views/members/import.vue'),
    meta: { title: '会员导入', permission: 'member.write', icon: 'Upload', menu: true } },
  { path: 'transfers', name: 'transfers', component: () => import('@/views/transfers/index.vue'),
    meta: { title: '会员转接', permission: 'member.read', icon: 'Switch', menu: true } },
  { path: 'orgs', name: 'orgs', component: () => import('@/views/orgs/index.vue'),
    meta: { title: '工会组织', permission: 'org.read', icon: 'OfficeBuilding', menu: true } },
  { path: 'employers', name: 'employers', component: () => import('@/views/employers/index.vue'),
    meta: { title: '用人单位', permission: 'org.read', icon: 'Suitcase', menu: true } },
  // 工会驿站 (issue #14): the stations with their map, one station, verification rounds, the
  // roster, wishes and the points ledger; the menu's 驿站 group.
  { path: 'stations', name: 'stations', component: () => import('@/views/stations/index.vue'),
    meta: { title: '驿站列表', permission: 'station.read', icon: 'MapLocation', menu: true, group: '驿站' } },
  { path: 'stations/:id(\\d+)', name: 'station', component: () => import('@/views/stations/detail.vue'),
    meta: { title: '驿站详情', permission: 'station.read' } },
  { path: 'station-rounds', name: 'station-rounds', component: () => import('@/views/stations/rounds.vue'),
    meta: { title: '信息核验', permission: 'station.read', icon: 'Checked', menu: true, group: '驿站' } },
  { path: 'station-roster', name: 'station-roster', component: () => import('@/views/stations/roster.vue'),
    meta: { title: '值班日历', permission: 'station.read', icon: 'Calendar', menu: true, group: '驿站' } },
  { path: 'station-wishes', name: 'station-wishes', component: () => import('@/views/stations/wishes.vue'),
    meta: { title: '微心愿', permission: 'station.read', icon: 'Present', menu: true, group: '驿站' } },
  { path: 'station-points', name: 'station-points', component: () => import('@/views/stations/points.vue'),
    meta: { title: '积分流水', permission: 'station.read', icon: 'Coin', menu: true, group: '驿站' } },
  { path: 'accounts', name: 'accounts', component: () => import('@/views/accounts/index.vue'),
    meta: { title: '账号管理', permission: 'account.read', icon: 'UserFilled', menu: true } },
  { path: 'roles', name: 'roles', component: () => import('@/views/roles/index.vue'),
    meta: { title: '角色权限', permission: 'account.read', icon: 'Lock', menu: true } },
  { path: 'audit', name: 'audit', component: () => import('@/views/audit/index.vue'),
    meta: { title: '审计日志', permission: 'audit.read', icon: 'Document', menu: true } },
  { path: 'worker-requests', name: 'worker-requests', component: () => import('@/views/worker-requests/index.vue'),
    meta: { title: '职工信息申请', permission: 'worker_request.handle', icon: 'DocumentChecked', menu: true } },
  { path: 'account', name: 'account', component: () => import('@/views/account/index.vue'),
    meta: { title: '账号设置', icon: 'Setting', menu: true } },
  { path: 'join-applications', name: 'join-applications', component: () => import('@/views/joining/index.vue'),
    meta: { title: '入会审核', permission: 'member.review', icon: 'Stamp', menu: true } },
  // Opened from the header's bell, not the menu.
  { path: 'notices', name: 'notices', component: () => import('@/views/notices/index.vue'),
    meta: { title: '通知', permission: 'notice.read' } },
  { path: 'forbidden', name: 'forbidden', component: () => import('@/views/forbidden/index.vue'),
    meta: { title: '无权访问' } },
]

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('@/views/login/index.vue'),
    meta: { title: '登录', public: true } },
  // The member card's QR code opens this page (Config public_url): anyone, on a phone.
  { path: '/verify/card/:cardNo', name: 'verify-card', component: () => import('@/views/verify/card.vue'),
    meta: { title: '会员证查验', public: true, bare: true } },
  { path: '/', component: MainLayout, redirect: { name: 'home' }, children: [
    // Resolved in beforeEach, once the user (and so the first page they may see) is known.
    { path: 'home', name: 'home', component: () => import('@/views/forbidden/index.vue') },
    ...consoleRoutes,
  ] },
  { path: '/:pathMatch(.*)*', redirect: { name: 'home' } },
]

export const router = createRouter({ history: createWebHistory(), routes })

function firstAllowed(): string {
  const auth = useAuth()
  const r = consoleRoutes.find((x) => x.meta?.menu && (!x.meta.permission || auth.can(x.meta.permission)))
  return String(r?.name ?? 'account')
}

router.beforeEach(async (to) => {
  if (to.meta.bare) return true
  const auth = useAuth()
  if (!auth.loaded) await auth.refresh()
  if (to.meta.public) return true
  if (!auth.user || !auth.ready) {
    return { name: 'login', query: to.fullPath !== '/' && to.fullPath !== '/home' ? { redirect: to.fullPath } : {} }
  }
  if (to.name === 'home') return { name: firstAllowed(), replace: true }
  if (to.meta.permission && !auth.can(to.meta.permission)) return { name: 'forbidden' }
  return true
})

router.afterEach((to) => {
  document.title = to.meta.title ? `${to.meta.title} · 工会管理平台` : '工会管理平台'
})

setSessionLostHandler(() => {
  const auth = useAuth()
  const current = router.currentRoute.value
  auth.clear()
  if (current.name !== 'login') {
    void router.push({ name: 'login', query: { redirect: current.fullPath, expired: '1' } })
  }
})
