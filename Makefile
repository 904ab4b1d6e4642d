# Gonghui — the two commands: `make run` and `make test`. Both install what is missing first.
BUILD  ?= build
DB     ?= sqlite://var/gonghui.db
LISTEN ?= 127.0.0.1:8080
TYPE   ?= RelWithDebInfo
# Warnings are errors in every build the Makefile makes, so CI and developers share one ccache.
CMAKE_FLAGS ?= -DGONGHUI_WERROR=ON
# ccache: hit across clones in other directories (CI builds a fresh clone).
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := 1

.PHONY: all deps build run test bench format clean

all: build

deps:
	@bash scripts/install-deps.sh

build: deps
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=$(TYPE) $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD)

run: build
	@mkdir -p var
	@first=0; [ -f var/gonghui.db ] || first=1; \
	$(BUILD)/gonghui migrate --db $(DB) && \
	if [ $$first = 1 ]; then umask 077; \
	  echo "首次启动：载入演示数据并创建演示账号 / first start: loading the demo data and accounts …"; \
	  $(BUILD)/gonghui demo --db $(DB) --accounts >var/demo-account.txt; st=$$?; \
	  cat var/demo-account.txt; [ $$st = 0 ] || { rm -f var/gonghui.db; exit $$st; }; \
	fi
	@echo "Gonghui: http://$(LISTEN)  (Ctrl-C 停止 / to stop)"
	@echo "控制台 / console: http://$(LISTEN)  用户名 demo（乾县）、xianyang-demo（咸阳市）、admin-demo，初始密码见上方或 var/demo-account.txt"
	@echo "职工手机页面 / workers' phone page: http://$(LISTEN)/m/  （手机号 + 验证码登录；开发模式 --dev：验证码见服务器日志 / development mode: the code is in the server log）"
	@$(BUILD)/gonghui serve --db $(DB) --listen $(LISTEN) --dev

test: build
	@bash scripts/run-tests.sh $(BUILD)

bench: build
	@bash scripts/install-deps.sh --bench
	@bash bench/run.sh $(BUILD)

format:
	@git ls-files '*.cpp' '*.h' | xargs clang-format -i

clean:
	rm -rf $(BUILD)
