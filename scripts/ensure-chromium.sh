#!/usr/bin/env bash
# Runs before `npm test`: the IDE test drives a real Chromium. Nothing can download a browser build
# here, so Debian's package is installed when it is missing and we are allowed to (root with apt).
set -euo pipefail
browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
[[ -x "$browser" ]] && exit 0
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
  echo "安装 Chromium 供 IDE 浏览器测试使用 (installing Debian's chromium for the IDE browser test)…"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
  exit 0
fi
echo "未找到 Chromium (no Chromium at $browser): 请运行 sudo apt-get install chromium，或设置 CHROMIUM_PATH" >&2
exit 1
