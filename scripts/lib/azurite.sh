# Shared by run-local.sh and test.sh: start Azurite from node_modules unless one already listens on 10000–10002.
# Sets AZURITE_PID when this script started it; azurite_stop stops only what it started.

azurite_listening() {
  local port
  for port in 10000 10001 10002; do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || return 1
  done
  return 0
}

azurite_start() {
  local location="$1" log="$2"
  AZURITE_PID=""
  if azurite_listening; then
    echo "azurite: already listening on 10000-10002; using it"
    return 0
  fi
  mkdir -p "$location"
  ./node_modules/.bin/azurite --silent --skipApiVersionCheck --loose \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
    --location "$location" >"$log" 2>&1 &
  AZURITE_PID=$!
  local i
  for i in $(seq 1 100); do
    if azurite_listening; then
      echo "azurite: started (pid $AZURITE_PID, data in $location)"
      return 0
    fi
    if ! kill -0 "$AZURITE_PID" 2>/dev/null; then
      echo "azurite: failed to start; its log:" >&2
      cat "$log" >&2
      return 1
    fi
    sleep 0.2
  done
  echo "azurite: not listening after 20 s" >&2
  return 1
}

azurite_stop() {
  if [ -n "${AZURITE_PID:-}" ] && kill -0 "$AZURITE_PID" 2>/dev/null; then
    kill "$AZURITE_PID" 2>/dev/null || true
    # Azurite's graceful close can wait minutes on idle keep-alive connections; give it 5 s, then end it.
    local i
    for i in $(seq 1 25); do
      kill -0 "$AZURITE_PID" 2>/dev/null || break
      sleep 0.2
    done
    kill -9 "$AZURITE_PID" 2>/dev/null || true
    wait "$AZURITE_PID" 2>/dev/null || true
    echo "azurite: stopped"
  fi
  AZURITE_PID=""
}

# npm ci only when node_modules does not match the lock file.
npm_install_if_needed() {
  if [ ! -x node_modules/.bin/azurite ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error
  fi
}
