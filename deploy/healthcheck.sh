#!/usr/bin/env bash
# deploy/healthcheck.sh: the image's HEALTHCHECK. Healthy when /readyz answers 200. While the app has no
# /readyz (a 404), the login page answering 200 counts instead.
port=${WR_HEALTH_PORT:-8080}
code=$(curl -s -o /dev/null -m 4 -w '%{http_code}' "http://127.0.0.1:$port/readyz") || exit 1
if [[ $code == 404 ]]; then
  code=$(curl -s -o /dev/null -m 4 -w '%{http_code}' "http://127.0.0.1:$port/login") || exit 1
fi
[[ $code == 200 ]]
