#!/usr/bin/env bash
# Makes sure LibreOffice Writer, poppler-utils and the fonts are present: Liberation (Times New
# Roman metrics), DejaVu (Hebrew, Arabic), Noto CJK and Symbola (emoji), so any name a client has
# prints in the PDF instead of as empty boxes. fontconfig's fc-match/fc-list find those fonts for the
# form attachment pages. tmux runs the interview's real-terminal tests. python3-uno (LibreOffice's
# Python bridge, for the system python3) lets the tests start a real unoserver (from PyPI, a test
# extra) as a conversion service.
# Installs them with apt-get when we are root on Debian/Ubuntu; otherwise prints the command.
set -euo pipefail
pkgs=(libreoffice-writer-nogui fontconfig fonts-liberation fonts-dejavu-core fonts-noto-cjk fonts-symbola poppler-utils tmux
      python3-uno)
missing=()
# Read the font list once: `fc-list | grep -q` under pipefail fails when grep exits early.
fonts=$(fc-list : family 2>/dev/null || true)
has_font() { grep -qi "$1" <<<"$fonts"; }
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
command -v fc-match >/dev/null 2>&1 || missing+=(fontconfig)
has_font "Liberation Serif" || missing+=(fonts-liberation)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
has_font "DejaVu Sans" || missing+=(fonts-dejavu-core)
has_font "Noto Sans CJK" || missing+=(fonts-noto-cjk)
has_font "Symbola" || missing+=(fonts-symbola)
command -v tmux >/dev/null 2>&1 || missing+=(tmux)
[ -x /usr/bin/python3 ] && /usr/bin/python3 -c "import uno" >/dev/null 2>&1 || missing+=(python3-uno)
[ ${#missing[@]} -eq 0 ] && exit 0
cmd="apt-get update && apt-get install -y --no-install-recommends ${pkgs[*]}"
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
    exit 0
fi
echo "legal-docs needs: ${missing[*]}" >&2
echo "Install them as root with:" >&2
echo "    sudo sh -c '$cmd'" >&2
exit 1
