// The console's entry: Element Plus in Chinese, pinia, the router.
import { createApp } from 'vue'
import { createPinia } from 'pinia'
import ElementPlus from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import 'element-plus/dist/index.css'
import { ArrowDown, DataAnalysis, Document, Menu, OfficeBuilding, Setting, Suitcase, Switch, User } from '@element-plus/icons-vue'
import { Upload } from '@element-plus/icons-vue'
import { Lock, Stamp, UserFilled } from '@element-plus/icons-vue'
import { Bell, DocumentChecked } from '@element-plus/icons-vue'
import { Calendar, Checked, Coin, MapLocation, Present } from '@element-plus/icons-vue'
import App from './App.vue'
import { router } from './router'
import './styles.css'

const app = createApp(App)
// Only the icons the console uses (the menu names them by string).
const icons = { ArrowDown, DataAnalysis, Document, Menu, OfficeBuilding, Setting, Suitcase, Switch, User }
for (const [name, component] of Object.entries(icons)) app.component(name, component)
app.component('Upload', Upload) // the import wizard's menu entry
app.component('Stamp', Stamp)
app.component('UserFilled', UserFilled) // 账号管理
app.component('Lock', Lock) // 角色权限
app.component('Bell', Bell) // the header's notices
app.component('DocumentChecked', DocumentChecked) // 职工信息申请
// 驿站
for (const [name, component] of Object.entries({ Calendar, Checked, Coin, MapLocation, Present })) app.component(name, component)
app.use(createPinia())
app.use(router)
app.use(ElementPlus, { locale: zhCn })
app.mount('#app')
