#!/usr/bin/env bash
# Wire tests against an independent judge: for each SPEC, generate its client
# with tests/wire.rs (oas-gen generate --wire-tests), start Stoplight Prism
# (`prism mock --errors`, which validates every request against the spec), run
# the wire tests against it (static answers: the spec's examples), then ROUNDS
# more with `-d` (random schema-valid answers, seeded so that a run repeats),
# and stop Prism by its PID.
#
#   scripts/wire.sh SPEC...                 # any OpenAPI 3.0 or 3.1 document
#   ROUNDS=3 REFS_ROOT=dir scripts/wire.sh dir/x.yaml   # refs root for specs below dir
#
# Prism is installed once, pinned, with npm into target/tools (node and npm
# must be on the machine). A request Prism rejects fails its test with
# Prism's violation text (REJECTED); an answer that does not decode fails
# with the pointer (NOT DECODED). Prints per spec: operations, calls,
# rejected, not decoded; exits non-zero when any call failed.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
PRISM_VERSION=5.14.2
ROUNDS=${ROUNDS:-2}
tools=$root/target/tools
prism=$tools/node_modules/.bin/prism
work=$root/target/oas-gen-wire
export CARGO_TARGET_DIR=$root/target

if [ $# -eq 0 ]; then
  echo "usage: scripts/wire.sh SPEC..." >&2
  exit 2
fi
if [ ! -x "$prism" ]; then
  echo "installing @stoplight/prism-cli@$PRISM_VERSION into $tools"
  npm install --silent --no-audit --no-fund --prefix "$tools" "@stoplight/prism-cli@$PRISM_VERSION" >&2 \
    || { echo "cannot install Prism (npm)"; exit 1; }
fi
# Prism 5.14.2 is wrong on three kinds of valid request. It crashes (a
# TypeError kills the whole mock) on one without an optional array or object
# header (it splits the absent value) and on one whose path parameter holds
# a comma (an array or object in the simple, label or matrix style: its
# URI-template matcher has already split the text into an array); and it
# rejects one without an optional deepObject query parameter (it builds an
# empty object and checks its required properties; so does the form style's
# exploded object), and on a deepObject
# parameter whose keys have capitals (it lowercases query names, then looks
# up `filter[R]` among them). The installed copy is mended to take absent
# parameters as absent, to give the path styles the text they parse and to
# look deepObject keys up as it stored them. Its multipart reader keeps only
# the last part of a name, so a list sent as repeated parts (RFC 7578, and
# OpenAPI's arrays of files) reads as one value; it is mended to keep them
# all (and to decode each), as its query reader does. What it validates is
# unchanged.
validator=$tools/node_modules/@stoplight/prism-http/dist/validator
if [ -f "$validator/validators/path.js" ] && ! grep -q 'oas-gen:' "$validator/validators/path.js"; then
  sed -i 's|(0, params_1.validateParams)(target,|(0, params_1.validateParams)(/* oas-gen: mended */ Object.fromEntries(Object.entries(target \|\| {}).map(([k, v]) => [k, Array.isArray(v) ? v.join(",") : v])),|' \
    "$validator/validators/path.js"
  sed -i 's|    const value = parameters\[name\];|    const value = parameters[name]; // oas-gen: mended\n    if (value === undefined) return value;|' \
    "$validator/deserializers/style/simple.js"
  sed -i "s|        result\[pair\['name'\]\] = pair\['data'\].toString();|        /* oas-gen: mended */ result[pair['name']] = pair['name'] in result ? [].concat(result[pair['name']], pair['data'].toString()) : pair['data'].toString();|" \
    "$validator/validators/body.js"
  sed -i 's|            result\[decodeURIComponent(k)\] = decodeURIComponent(v);|            result[decodeURIComponent(k)] = Array.isArray(v) ? v.map(decodeURIComponent) : decodeURIComponent(v); // oas-gen: mended|' \
    "$validator/validators/body.js"
  sed -i 's|    const properties = schema.properties \|\| {};|    const properties = schema.properties \|\| {};\n    if (!Object.keys(parameters).some(k => Object.prototype.hasOwnProperty.call(properties, k))) return undefined; // oas-gen: mended|' \
    "$validator/deserializers/style/form.js"
  sed -i 's|        return parameters\[resolve(currentPath)\];|        return parameters[resolve(currentPath).toLowerCase()];|' \
    "$validator/deserializers/style/deepObject.js"
  sed -i 's|    return construct(\[\], schema);|    // oas-gen: mended (absent stays absent)\n    if (!Object.keys(parameters).some(k => k.startsWith(name + "["))) return undefined;\n    return construct([], schema);|' \
    "$validator/deserializers/style/deepObject.js"
fi
cargo build -q -p oas-gen || exit 1
oas_gen=$root/target/debug/oas-gen

# One workspace for all the crates, so they share the dependencies' builds.
rm -rf "$work"
mkdir -p "$work"
crates=()
specs=("$@")
for spec in "${specs[@]}"; do
  name=$(basename "$spec"); name=${name%.*}
  crate=wire-$(echo "$name" | tr 'A-Z._ ' 'a-z---')
  refs=()
  # REFS_ROOT applies to the specs below it (multi-file ones reach above
  # their own folder); the others keep their own folder.
  if [ -n "${REFS_ROOT:-}" ] && [ -d "$REFS_ROOT" ]; then
    case "$(realpath "$spec")" in "$(realpath "$REFS_ROOT")"/*) refs=(--refs-root "$REFS_ROOT") ;; esac
  fi
  "$oas_gen" generate "$spec" --out "$work/$crate" --crate-name "$crate" --wire-tests "${refs[@]}" \
    >"$work/$crate.generate.log" 2>&1 || { echo "$spec: not generated"; cat "$work/$crate.generate.log"; exit 1; }
  crates+=("$crate")
done
{
  echo '[workspace]'
  echo 'resolver = "2"'
  printf 'members = [%s]\n' "$(printf '"%s",' "${crates[@]}")"
} >"$work/Cargo.toml"
cargo test -q --manifest-path "$work/Cargo.toml" --workspace --test wire --no-run 2>&1 | grep -v '^$' >&2

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Runs the wire tests of crate $1 against Prism started with the options
# after it; prints "calls rejected not-decoded".
round() {
  local crate=$1 spec=$2; shift 2
  local port log pid
  port=$(free_port)
  log="$work/$crate.prism.log"
  "$prism" mock --errors -h 127.0.0.1 -p "$port" "$@" "$spec" >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 300); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  local out
  out=$(OAS_GEN_MOCK_URL="http://127.0.0.1:$port" cargo test -q --manifest-path "$work/Cargo.toml" \
    -p "$crate" --test wire -- --ignored --test-threads=2 2>&1)
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  echo "$out" >>"$work/$crate.tests.log"
  local calls rejected undecoded
  # The ignored tests are the calls: passed and failed, from cargo's summary.
  calls=$(sed -nE 's/^test result: [a-zA-Z]+\. ([0-9]+) passed; ([0-9]+) failed.*/\1 \2/p' <<<"$out" \
    | awk '{ n += $1 + $2 } END { print n + 0 }')
  # Answers Prism makes for its own reasons, after the request passed
  # validation, are counted apart and listed, not as rejections:
  # - #UNKNOWN: Prism's crash while making a random answer (json-schema-faker
  #   fails on some valid schemas: "Cannot read properties of undefined
  #   (reading 'items')"); the static round checks the same request;
  # - #NO_RESPONSE_RESPONSE_DEFINED: the spec documents no response at all;
  # - #NO_COMPLEX_OBJECT_TEXT: Prism cannot write an object schema as text
  #   (an event stream's events);
  # - a violation located in the response: the spec's own example (static
  #   round) contradicts its schema, and Prism answers 500 for it.
  local failures faults
  failures=$(grep -A1 ': REJECTED: ' <<<"$out" | paste -sd' ' | sed 's/ -- /\n/g')
  faults=$(grep -cE 'stoplight.io/prism/errors#(UNKNOWN|NO_RESPONSE_RESPONSE_DEFINED|NO_COMPLEX_OBJECT_TEXT)|sl-violations": "\[\{\\"location\\":\[\\"response\\"' <<<"$failures")
  rejected=$(( $(grep -c ': REJECTED: ' <<<"$out") - faults ))
  undecoded=$(grep -c ': NOT DECODED: ' <<<"$out")
  echo "$calls $rejected $undecoded $faults"
}

status=0
printf '%-40s %10s %6s %9s %12s %13s\n' spec operations calls rejected "not decoded" "prism/spec"
for i in "${!crates[@]}"; do
  crate=${crates[$i]}; spec=${specs[$i]}
  operations=$(grep -c '_with_required()' "$work/$crate/tests/wire.rs")
  read -r calls rejected undecoded faults < <(round "$crate" "$spec")
  # Seeded, so a run is repeatable: a failure shows again with the same data.
  for r in $(seq 1 "$ROUNDS"); do
    read -r c r u f < <(round "$crate" "$spec" -d --seed "oas-gen-$r")
    calls=$((calls + c)); rejected=$((rejected + r)); undecoded=$((undecoded + u)); faults=$((faults + f))
  done
  printf '%-40s %10s %6s %9s %12s %13s\n' "$(basename "$spec")" "$operations" "$calls" "$rejected" "$undecoded" "$faults"
  if [ "$rejected" -gt 0 ] || [ "$undecoded" -gt 0 ] || [ "$calls" -eq 0 ]; then
    status=1
  fi
  if [ "$rejected" -gt 0 ] || [ "$undecoded" -gt 0 ] || [ "$faults" -gt 0 ]; then
    grep -E -A1 ': (REJECTED|NOT DECODED): ' "$work/$crate.tests.log" | cut -c1-400 | head -40
  fi
done
exit $status
