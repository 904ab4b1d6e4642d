// The Vant components the phone page uses, each imported on its own with its own CSS (never the
// whole library): what is not listed here is not in the bundle. A page that needs another
// component adds it here. No toasts: messages stay on the page (role=status or alert), where a
// screen reader reads them and a slow reader has time to.
import type { App, Plugin } from 'vue'
import { Button } from 'vant/es/button'
import { Cell } from 'vant/es/cell'
import { CellGroup } from 'vant/es/cell-group'
import { Checkbox } from 'vant/es/checkbox'
import { Dialog } from 'vant/es/dialog'
import { Empty } from 'vant/es/empty'
import { Field } from 'vant/es/field'
import { Form } from 'vant/es/form'
import { Icon } from 'vant/es/icon'
import { List } from 'vant/es/list'
import { Loading } from 'vant/es/loading'
import { NavBar } from 'vant/es/nav-bar'
import { Popup } from 'vant/es/popup'
import { Radio } from 'vant/es/radio'
import { RadioGroup } from 'vant/es/radio-group'
import { Search } from 'vant/es/search'
import { Switch } from 'vant/es/switch'
import { Tabbar } from 'vant/es/tabbar'
import { TabbarItem } from 'vant/es/tabbar-item'
import { Tag } from 'vant/es/tag'
import 'vant/es/button/style/index'
import 'vant/es/cell/style/index'
import 'vant/es/cell-group/style/index'
import 'vant/es/checkbox/style/index'
import 'vant/es/empty/style/index'
import 'vant/es/field/style/index'
import 'vant/es/form/style/index'
import 'vant/es/icon/style/index'
import 'vant/es/list/style/index'
import 'vant/es/loading/style/index'
import 'vant/es/nav-bar/style/index'
import 'vant/es/popup/style/index'
import 'vant/es/radio/style/index'
import 'vant/es/radio-group/style/index'
import 'vant/es/search/style/index'
import 'vant/es/switch/style/index'
import 'vant/es/tabbar/style/index'
import 'vant/es/tabbar-item/style/index'
import 'vant/es/tag/style/index'
import 'vant/es/dialog/style/index'

const components: Plugin[] = [Button, Cell, CellGroup, Checkbox, Dialog, Empty, Field, Form, Icon, List, Loading,
  NavBar, Popup, Radio, RadioGroup, Search, Switch, Tabbar, TabbarItem, Tag]

export function useVant(app: App): void {
  for (const c of components) app.use(c)
}
