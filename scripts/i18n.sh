#!/usr/bin/env bash
# Rebuild the message catalog of the "eakte" domain and sync the translations.
#
#   scripts/i18n.sh
#
# 1. i18ndude rebuild-pot: collects every message of the domain "eakte" from src/eakte
#    (Python _("msgid", default=...), page templates, ZCML and the GenericSetup XML of the
#    profiles) into src/eakte/locales/eakte.pot, with the German default as "Default:" comment.
# 2. i18ndude sync: adds new msgids to the de and en .po files (with an empty msgstr) and removes
#    the ones no longer used. Then fill in the empty msgstr entries: German in de, English in en
#    (tests/setup/test_i18n.py fails while one is empty or drops a ${placeholder}).
#
# The .mo files are compiled by Zope at start-up (zope_i18n_compile_mo_files=true).
#
# i18ndude is a developer tool, not a dependency of the add-on: install it into a venv of its own
#   python3 -m venv /tmp/i18nvenv && /tmp/i18nvenv/bin/pip install i18ndude
# and run  I18NDUDE=/tmp/i18nvenv/bin/i18ndude scripts/i18n.sh  (or put it on PATH).
set -euo pipefail

cd "$(dirname "$0")/.."

DOMAIN=eakte
LOCALES=src/eakte/locales
POT="$LOCALES/$DOMAIN.pot"
I18NDUDE="${I18NDUDE:-i18ndude}"

if ! command -v "$I18NDUDE" >/dev/null 2>&1; then
  cat >&2 <<EOF
i18ndude not found (looked for "$I18NDUDE"). It is a developer tool; install it into a venv of its own:
  python3 -m venv /tmp/i18nvenv && /tmp/i18nvenv/bin/pip install i18ndude
and run:
  I18NDUDE=/tmp/i18nvenv/bin/i18ndude $0
EOF
  exit 1
fi

echo "Rebuilding $POT ..."
"$I18NDUDE" rebuild-pot --pot "$POT" --create "$DOMAIN" src/eakte

pofiles=()
for lang in de en; do
  po="$LOCALES/$lang/LC_MESSAGES/$DOMAIN.po"
  mkdir -p "$(dirname "$po")"
  if [ ! -f "$po" ]; then
    printf 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language-Code: %s\\n"\n"Domain: %s\\n"\n' \
      "$lang" "$DOMAIN" >"$po"
  fi
  pofiles+=("$po")
done

echo "Syncing ${pofiles[*]} ..."
"$I18NDUDE" sync --pot "$POT" "${pofiles[@]}"

# Report the messages still waiting for a translation.
for po in "${pofiles[@]}"; do
  empty=$(awk '/^msgid /{id=$0} /^msgstr ""$/{nxt = ""; getline nxt; if (id != "msgid \"\"" && nxt !~ /^"/) n++} END{print n+0}' "$po")
  echo "$po: $empty message(s) without translation"
done
