#!/bin/bash
# Self-test of the Jingle test peer without the gateway: two instances call
# each other through a private Prosody on free loopback ports, exchange
# tones and check what the other side heard.
# usage: tests/peers/selftest.sh   (KEEP=1 keeps the temp dir with all logs;
#        CASES="jmi direct" runs only those cases)
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
PY=/usr/bin/python3
PEER="$HERE/jingle_peer.py"
CHECK="$HERE/check_result.py"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/jgw-peer-selftest.XXXXXX")
PIDS=()

cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$p" 2>/dev/null
  done
  if [ "${KEEP:-0}" = 1 ]; then echo "logs kept in $TMP"; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Two distinct free ports, chosen by the kernel.
read -r C2S COMP < <($PY -c '
import socket
s = [socket.socket() for _ in range(2)]
for x in s: x.bind(("127.0.0.1", 0))
print(*[x.getsockname()[1] for x in s])')

wait_tcp() {  # port, seconds
  local i
  for i in $(seq $(($2 * 10))); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

wait_log() {  # file, pattern, seconds
  local i
  for i in $(seq $(($3 * 10))); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

start_prosody() {
  mkdir -p "$TMP/prosody/data" "$TMP/prosody/certs"
  cat > "$TMP/prosody/prosody.cfg.lua" <<EOF
-- private Prosody for the peer self-test: foreground, loopback, no TLS
run_as_root = true
pidfile = "$TMP/prosody/prosody.pid"
data_path = "$TMP/prosody/data"
log = { debug = "$TMP/prosody/debug.log"; info = "*console" }
interfaces = { "127.0.0.1" }
c2s_ports = { $C2S }
component_ports = { $COMP }
component_interfaces = { "127.0.0.1" }
s2s_ports = { }
http_ports = { }
https_ports = { }
modules_enabled = { "roster"; "saslauth"; "disco"; "ping"; "presence"; "message"; "iq" }
modules_disabled = { "s2s" }
authentication = "internal_plain"
storage = "internal"
c2s_require_encryption = false
allow_unencrypted_plain_auth = true
VirtualHost "localhost"
EOF
  local u
  for u in alice bob; do
    timeout 20 prosodyctl --config "$TMP/prosody/prosody.cfg.lua" register "$u" localhost "${u}pw" \
      >> "$TMP/prosody/prosodyctl.log" 2>&1 || { echo "prosodyctl register $u failed"; return 1; }
  done
  timeout 600 prosody -F --config "$TMP/prosody/prosody.cfg.lua" > "$TMP/prosody/prosody.out" 2>&1 &
  PIDS+=($!)
  wait_tcp "$C2S" 20 || { echo "Prosody did not start"; cat "$TMP/prosody/prosody.out"; return 1; }
}

peer() {  # name, json-out, args...
  local name=$1 out=$2
  shift 2
  timeout 60 "$PY" "$PEER" --port "$C2S" "$@" > "$out" 2> "$TMP/$name.log" &
  PIDS+=($!)
}

FAILED=0
# case: callee-args | caller-args | callee-check-args | caller-check-args
run_case() {
  local name=$1 callee_args=$2 caller_args=$3 callee_check=$4 caller_check=$5
  local t0=$SECONDS
  case " ${CASES:-$name} " in *" $name "*) ;; *) return ;; esac
  peer "$name.bob" "$TMP/$name.bob.json" --jid bob@localhost/phone --password bobpw --timeout 40 ${PEER_ARGS:-} $callee_args
  local bob=${PIDS[-1]}
  if ! wait_log "$TMP/$name.bob.log" "logged in as" 20; then
    echo "FAIL $name: callee did not log in"; FAILED=1; return
  fi
  peer "$name.alice" "$TMP/$name.alice.json" --jid alice@localhost/desk --password alicepw --timeout 40 ${PEER_ARGS:-} $caller_args
  local alice=${PIDS[-1]}
  wait "$alice"; local rc_a=$?
  wait "$bob"; local rc_b=$?
  local ok=1
  "$PY" "$CHECK" "$TMP/$name.alice.json" $caller_check || ok=0
  "$PY" "$CHECK" "$TMP/$name.bob.json" $callee_check || ok=0
  [ "$rc_a" = 0 ] && [ "$rc_b" = 0 ] || { echo "$name: exit codes caller $rc_a callee $rc_b"; ok=0; }
  if [ $ok = 1 ]; then
    echo "PASS $name ($((SECONDS - t0)) s)"
  else
    echo "FAIL $name (logs: $TMP/$name.*.log)"; FAILED=1
    echo "  caller: $(cat "$TMP/$name.alice.json")"
    echo "  callee: $(cat "$TMP/$name.bob.json")"
    KEEP=1
  fi
  echo "  caller: $(cat "$TMP/$name.alice.json")" >> "$TMP/results.txt"
}

T0=$SECONDS
"$PY" "$HERE/test_jingle_sdp.py" 2> "$TMP/unit.log" && echo "PASS unit (Jingle <-> SDP)" \
  || { echo "FAIL unit"; cat "$TMP/unit.log"; FAILED=1; }
start_prosody || exit 1

run_case direct \
  "--answer --tone 1000" \
  "--call bob@localhost/phone --tone 440 --hangup-after 4 --dtmf 19*# --dtmf-mode both" \
  "--freq 440 --reason success --rx-dtmf 19*# --events session-initiate,session-info-sent:ringing,session-accept-sent,media-connected,chat:19*#,session-terminate:success" \
  "--freq 1000 --codec opus/48000 --reason success --events session-initiate-sent,session-info:ringing,session-accept,media-connected,dtmf-sent:19*#,dtmf-rfc4733-sent:19*#,session-terminate-sent:success"

run_case jmi \
  "--answer --tone 1000" \
  "--call bob@localhost --jmi --tone 440 --hangup-after 4" \
  "--freq 440 --reason success --events propose,ringing-sent,proceed-sent,session-initiate,session-accept-sent,media-connected,session-terminate:success" \
  "--freq 1000 --reason success --events propose-sent,ringing,proceed,session-initiate-sent,session-accept,media-connected,session-terminate-sent:success,finish-sent:success"

run_case trickle-passive-callee-hangup \
  "--answer --tone 1000 --dtls-setup passive --hangup-after 4" \
  "--call bob@localhost/phone --trickle --tone 440 --hold-after 1 --hold-duration 1" \
  "--freq 440 --reason success --events session-initiate,transport-info,session-accept-sent,media-connected,session-info:hold,session-info:unhold,session-terminate-sent:success" \
  "--freq 1000 --reason success --events session-initiate-sent,transport-info-sent,session-accept,media-connected,session-info-sent:hold,session-info-sent:unhold,session-terminate:success"

run_case pcmu-only-callee \
  "--answer --tone 1000 --codecs PCMU" \
  "--call bob@localhost/phone --tone 440 --hangup-after 3" \
  "--freq 440 --codec PCMU/8000 --reason success --events session-accept-sent,media-connected,session-terminate:success" \
  "--freq 1000 --codec PCMU/8000 --reason success --events session-accept,media-connected,session-terminate-sent:success"

run_case direct-busy \
  "--busy" \
  "--call bob@localhost/phone" \
  "--reason busy --events session-initiate,session-terminate-sent:busy" \
  "--reason busy --events session-initiate-sent,session-terminate:busy"

run_case jmi-reject \
  "--reject" \
  "--call bob@localhost --jmi" \
  "--reason decline --events propose,reject-sent:decline" \
  "--reason decline --events propose-sent,reject:decline"

run_case jmi-no-answer-cancel \
  "--no-answer" \
  "--call bob@localhost --jmi --cancel-after 2" \
  "--reason cancel --events propose,ringing-sent,retract:cancel" \
  "--reason cancel --events propose-sent,ringing,retract-sent:cancel"

run_case jmi-retract-before-answer \
  "--answer --answer-delay 6" \
  "--call bob@localhost --jmi --cancel-after 1" \
  "--reason cancel --events propose,ringing-sent,retract:cancel" \
  "--reason cancel --events propose-sent,ringing,retract-sent:cancel"

run_case direct-no-answer-cancel \
  "--no-answer" \
  "--call bob@localhost/phone --cancel-after 2" \
  "--reason cancel --events session-initiate,session-info-sent:ringing,session-terminate:cancel" \
  "--reason cancel --events session-initiate-sent,session-info:ringing,session-terminate-sent:cancel"

# bob stays online; alice subscribes (bob approves), sees bob's caps, queries disco#info.
F=urn:xmpp:jingle:1,urn:xmpp:jingle:apps:rtp:1,urn:xmpp:jingle:apps:rtp:audio,urn:xmpp:jingle:transports:ice-udp:1
F=$F,urn:xmpp:jingle:apps:dtls:0,urn:xmpp:jingle-message:0,http://jabber.org/protocol/caps
run_case disco-caps-subscribe \
  "--idle 5" \
  "--subscribe bob@localhost --disco bob@localhost/phone" \
  "" \
  "--caps --features $F --events subscribe-sent,subscribed,disco-info"

if [ -z "${CASES:-}" ] || [[ " $CASES " == *" bad-password "* ]]; then
  timeout 30 "$PY" "$PEER" --port "$C2S" --jid alice@localhost/x --password wrong --answer --timeout 15 \
    > "$TMP/badpw.json" 2> "$TMP/badpw.log"
  rc=$?
  if [ $rc = 1 ] && grep -q '"result": "error".*authentication failed' "$TMP/badpw.json"; then
    echo "PASS bad-password"
  else
    echo "FAIL bad-password (rc $rc): $(cat "$TMP/badpw.json")"; FAILED=1
  fi
fi

echo "selftest: $([ $FAILED = 0 ] && echo PASS || echo FAIL) in $((SECONDS - T0)) s"
exit $FAILED
