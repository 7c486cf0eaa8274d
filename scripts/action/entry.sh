#!/usr/bin/env bash
# The temporal-auth GitHub Action's check (action.yml): validate the spec, then
# (INPUT_CHECK=true) is the committed output folder what render writes? Findings
# and stale files become workflow-command annotations on stdout; the outputs
# valid, stale and stale-count go to $GITHUB_OUTPUT and a summary to
# $GITHUB_STEP_SUMMARY (each only when set, so it also runs outside Actions).
# Every input comes through the environment, never inlined into the script:
#   TEMPORAL_AUTH_BIN  the CLI to run (default: temporal-auth on PATH)
#   INPUT_SPEC         the spec file (default temporal-auth.yaml)
#   INPUT_OUT          the committed output folder (default out)
#   INPUT_STRICT       true: warnings fail too (default false)
#   INPUT_CHECK        true: render --check --no-secrets on INPUT_OUT (default true)
# Exit: 0 valid and up to date, 1 invalid or stale (or render failed), 2 a bad input.
set -euo pipefail

bin="${TEMPORAL_AUTH_BIN:-temporal-auth}"
spec="${INPUT_SPEC:-temporal-auth.yaml}"
out="${INPUT_OUT:-out}"
strict="${INPUT_STRICT:-false}"
check="${INPUT_CHECK:-true}"

# Workflow-command escaping, as the Actions toolkit does it: data escapes %, CR
# and LF; a property also escapes : and ,.
escape_data() {
  local s="${1//%/%25}"
  s="${s//$'\r'/%0D}"
  printf '%s' "${s//$'\n'/%0A}"
}
escape_property() {
  local s
  s="$(escape_data "$1")"
  s="${s//:/%3A}"
  printf '%s' "${s//,/%2C}"
}
# A Markdown table cell: no raw pipe, no line break.
cell() {
  local s="${1//|/\\|}"
  printf '%s' "${s//$'\n'/ }"
}

for name in strict check; do
  value="${!name}"
  if [[ "$value" != true && "$value" != false ]]; then
    echo "::error title=temporal-auth action::input $name must be true or false, not $(escape_data "$value")"
    exit 2
  fi
done

strict_args=()
if [[ "$strict" == true ]]; then strict_args=(--strict); fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# 1. validate: its annotations go straight to the log.
valid=true
if "$bin" validate "$spec" -o github "${strict_args[@]}" >"$work/validate.out"; then :; else valid=false; fi
cat "$work/validate.out"
errors="$(grep -c '^::error ' "$work/validate.out" || true)"
warnings="$(grep -c '^::warning ' "$work/validate.out" || true)"

# 2. render --check, when asked and the spec is valid (an invalid spec renders nothing).
stale=false
checked=false
render_failed=false
stale_files=()
stale_reasons=()
if [[ "$check" == true && "$valid" == true ]]; then
  checked=true
  render_status=0
  "$bin" render "$spec" --out "$out" --check --no-secrets --findings-format github "${strict_args[@]}" \
    >"$work/render.out" 2>"$work/render.err" || render_status=$?
  # render reports the findings validate already printed: print only the new ones.
  grep -Fvx -f "$work/validate.out" "$work/render.out" || true
  cat "$work/render.err" >&2
  while IFS= read -r line; do
    if [[ "$line" =~ ^(.*):\ stale:\ (.*)$ ]]; then
      stale_files+=("${BASH_REMATCH[1]}")
      stale_reasons+=("${BASH_REMATCH[2]}")
    fi
  done <"$work/render.err"
  if ((${#stale_files[@]})); then
    stale=true
    for i in "${!stale_files[@]}"; do
      echo "::error file=$(escape_property "${stale_files[$i]}"),title=temporal-auth stale output::$(escape_data "${stale_files[$i]} is stale (${stale_reasons[$i]}): run temporal-auth render $spec --out $out and commit the result")"
    done
  elif ((render_status != 0)); then
    render_failed=true
    echo "::error title=temporal-auth render --check::$(escape_data "render --check exited $render_status without naming a stale file: see the log")"
  fi
fi

if [[ -n "${GITHUB_OUTPUT:-}" ]]; then
  {
    echo "valid=$valid"
    echo "stale=$stale"
    echo "stale-count=${#stale_files[@]}"
  } >>"$GITHUB_OUTPUT"
fi

if [[ -n "${GITHUB_STEP_SUMMARY:-}" ]]; then
  {
    echo "### temporal-auth"
    echo
    if [[ "$valid" == true ]]; then
      echo "- \`$(cell "$spec")\`: valid ($errors error(s), $warnings warning(s))"
    else
      echo "- \`$(cell "$spec")\`: **invalid** ($errors error(s), $warnings warning(s)); see the annotations"
    fi
    if [[ "$check" != true ]]; then
      echo "- \`$(cell "$out")\`: not checked (check: false)"
    elif [[ "$checked" != true ]]; then
      echo "- \`$(cell "$out")\`: not checked (the spec is invalid)"
    elif [[ "$stale" == true ]]; then
      echo "- \`$(cell "$out")\`: **${#stale_files[@]} stale file(s)**; run \`temporal-auth render $(cell "$spec") --out $(cell "$out")\` and commit the result"
      echo
      echo "| file | why |"
      echo "| --- | --- |"
      for i in "${!stale_files[@]}"; do
        echo "| \`$(cell "${stale_files[$i]}")\` | $(cell "${stale_reasons[$i]}") |"
      done
    elif [[ "$render_failed" == true ]]; then
      echo "- \`$(cell "$out")\`: **render --check failed**; see the log"
    else
      echo "- \`$(cell "$out")\`: up to date"
    fi
  } >>"$GITHUB_STEP_SUMMARY"
fi

if [[ "$valid" != true || "$stale" == true || "$render_failed" == true ]]; then exit 1; fi
exit 0
