#!/usr/bin/env bash
# Runs before `npm test`: the IDE tests drive a real Chromium and photograph the IDE, whose
# controls are Chinese, so they need a browser and a CJK font. Nothing can download a browser
# build here, so Debian's packages are installed when missing and we are allowed to (root with
# apt): chromium, fontconfig (fc-list) and fonts-wqy-microhei (a small CJK font, 5 MB).
set -euo pipefail
browser="${CHROMIUM_PATH:-/usr/bin/chromium}"

has_cjk_font() {
  command -v fc-list >/dev/null && [[ -n "$(fc-list :lang=zh family 2>/dev/null)" ]]
}

missing=()
[[ -x "$browser" ]] || missing+=(chromium)
has_cjk_font || missing+=(fontconfig fonts-wqy-microhei)
[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
  echo "安装 IDE 浏览器测试所需的软件包 (installing for the IDE browser tests): ${missing[*]}…"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  has_cjk_font || { echo "安装后仍找不到中文字体 (still no CJK font after installing ${missing[*]})" >&2; exit 1; }
  exit 0
fi
[[ -x "$browser" ]] || echo "未找到 Chromium (no Chromium at $browser): 请运行 sudo apt-get install chromium，或设置 CHROMIUM_PATH" >&2
has_cjk_font || echo "未找到中文字体 (no CJK font for fontconfig): 请运行 sudo apt-get install fontconfig fonts-wqy-microhei" >&2
exit 1
