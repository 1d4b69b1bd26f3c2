#!/usr/bin/env bash
# Creates streams s1..sN, each with a primary key, through Inlet's admin REST API, and writes one
# "<stream> <key>" line per stream to FILE (what LoadTool --streams-file reads).
#
#   bench/create-streams.sh BASE_URL USER PASSWORD N FILE      e.g. http://127.0.0.1:18080/api/v1 admin pw 50 f.txt
#
# Waits (at most 120 s) until the API answers; fails on any other answer than 201.
set -euo pipefail
[ $# -eq 5 ] || { sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
base="$1" user="$2" password="$3" count="$4" file="$5"

deadline=$(( SECONDS + 120 ))
until [ "$(curl -s -o /dev/null -w '%{http_code}' -u "$user:$password" "$base/streams")" = 200 ]; do
  [ "$SECONDS" -lt "$deadline" ] || { echo "the admin API at $base did not answer 200 within 120 s" >&2; exit 1; }
  sleep 0.5
done

post() { # path json -> body on stdout; anything but 201 is an error
  local answer code
  answer="$(curl -s -w '\n%{http_code}' -u "$user:$password" -H 'Content-Type: application/json' -d "$2" "$base/$1")"
  code="${answer##*$'\n'}"
  [ "$code" = 201 ] || { echo "POST $base/$1 $2: HTTP $code: ${answer%$'\n'*}" >&2; return 1; }
  printf '%s' "${answer%$'\n'*}"
}

: > "$file.tmp"
for i in $(seq 1 "$count"); do
  post streams "{\"code\":\"s$i\",\"name\":\"bench stream $i\"}" > /dev/null
  key="$(post "streams/s$i/keys" '{"priority":1}' | jq -r .key)"
  [ -n "$key" ] && [ "$key" != null ] || { echo "no key in the answer for s$i" >&2; exit 1; }
  echo "s$i $key" >> "$file.tmp"
done
mv "$file.tmp" "$file"
