#!/usr/bin/env bash
# Makes sure LibreOffice Writer, the Liberation fonts and poppler-utils are present.
# Installs them with apt-get when we are root on Debian/Ubuntu; otherwise prints the command.
set -euo pipefail
pkgs=(libreoffice-writer-nogui fonts-liberation poppler-utils)
missing=()
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
fc-list 2>/dev/null | grep -qi "Liberation Serif" || missing+=(fonts-liberation)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
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
