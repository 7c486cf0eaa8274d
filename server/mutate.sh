#!/usr/bin/env bash
# Mutation round for the Go server: plants each mutant below, one at a time
# (one literal replacement in one file), runs the tests of the package it
# names, restores the file, and reports which mutants the tests caught
# (killed) and which they did not (survived), with the kill rate.
#
#   ./mutate.sh            every mutant
#   ./mutate.sh ID...      these mutants
#   ./mutate.sh -list      list them
#
# It refuses to start when a file it mutates has uncommitted changes (git),
# so restoring a file can never lose work, and restores every file it
# touched when it exits, however it exits. MUTATE_TIMEOUT bounds each test
# run (default 300s); a run that hangs past it counts as killed.
set -euo pipefail
shopt -u patsub_replacement 2>/dev/null || true # "&" in a replacement is literal
cd "$(dirname "$0")"

TIMEOUT="${MUTATE_TIMEOUT:-300s}"
AUTHZ=./internal/authz
CMD=./cmd/temporal-server

ids=() files=() froms=() tos=() whats=() pkgs=()
# mutant ID FILE FROM TO WHAT [PACKAGE]: FROM must occur exactly once in FILE.
mutant() {
  ids+=("$1") files+=("$2") froms+=("$3") tos+=("$4") whats+=("$5") pkgs+=("${6:-$AUTHZ}")
}

D=internal/authz/discovery.go
K=internal/authz/key_set.go
W=internal/authz/jwk.go
V=internal/authz/verify.go
M=internal/authz/claim_mapper.go
T=internal/authz/token_rules.go
R=internal/authz/token-rules.json
S=internal/authz/store.go
O=internal/authz/open_unix.go
P=internal/authz/policy.go
G=internal/authz/mapping.go
A=internal/authz/authorizer.go
L=internal/authz/audit_log.go
F=internal/authz/namespace_filter.go
C=internal/authz/cluster_keys.go
E=internal/authz/env.go

# 1. Redirects.
mutant redirect-follow "$D" 'out.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }' 'out.CheckRedirect = nil' \
  'redirects followed, to http or any host (http.DefaultClient)'
mutant redirect-client-unwrapped "$D" 'return httpsGetter{client: withoutRedirects(c), timeout: timeout}' 'return httpsGetter{client: c, timeout: timeout}' \
  'the configured client used as is, following redirects (both issuers)'
mutant jwks-uri-http "$D" 'u.Scheme != "https" || u.Host == ""' 'u.Host == ""' \
  'discovery or jwks_uri over http accepted'
# 2. Token size.
mutant token-cap-removed "$V" 'if len(token) > MaxTokenBytes {' 'if false {' \
  'no token size limit (15 MB tokens decoded)'
mutant token-cap-at "$V" 'if len(token) > MaxTokenBytes {' 'if len(token) >= MaxTokenBytes {' \
  'token size limit off by one: a token of exactly 64 KiB refused'
mutant token-cap-over "$V" 'if len(token) > MaxTokenBytes {' 'if len(token) > MaxTokenBytes+1 {' \
  'token size limit off by one: 64 KiB + 1 accepted'
# 3. Policy file.
mutant policy-blocking-open "$O" 'os.O_RDONLY|syscall.O_NONBLOCK|syscall.O_NOCTTY' 'os.O_RDONLY|syscall.O_NOCTTY' \
  'policy opened blocking: a named pipe holds start-up and the watcher'
mutant policy-not-regular "$S" 'if !fi.Mode().IsRegular() {' 'if fi.IsDir() {' \
  'pipes and devices (/dev/zero) read as the policy'
mutant policy-size-at "$S" 'if fi.Size() > MaxPolicyBytes {' 'if fi.Size() >= MaxPolicyBytes {' \
  'policy size limit off by one: a 1 MiB file refused'
mutant policy-size-unchecked "$S" 'if fi.Size() > MaxPolicyBytes {' 'if false {' \
  'no policy size check before reading (64 MiB read and parsed)'
mutant policy-read-cap "$S" 'io.ReadAll(io.LimitReader(f, MaxPolicyBytes+1))' 'io.ReadAll(io.LimitReader(f, MaxPolicyBytes))' \
  'bounded read one byte short: a file growing past the limit is cut and parsed'
mutant policy-read-check "$S" 'if len(data) > MaxPolicyBytes {' 'if false {' \
  'no check of the bytes read (a file larger than its stat size)'
mutant policy-read-unbounded "$S" 'io.ReadAll(io.LimitReader(f, MaxPolicyBytes+1))' 'io.ReadAll(f)' \
  'unbounded read of a file larger than its stat size'
mutant policy-bad-swapped "$S" '		s.badStamp = stamp
		return false, s.fail(hash,' '		s.current.Store(&Policy{})
		s.badStamp = stamp
		return false, s.fail(hash,' \
  'an invalid policy replaces the last good one (with no grants)'
# 4. JWKS answers.
mutant jwks-no-keys-empty "$W" 'if err := json.Unmarshal(set["keys"], &keys); err != nil || keys == nil {' 'if err := json.Unmarshal(set["keys"], &keys); set["keys"] != nil && err != nil {' \
  'a JWKS without "keys" ({}, null) replaces the keys with none'
mutant jwks-keys-null "$W" 'err != nil || keys == nil {' 'err != nil {' \
  '"keys": null replaces the keys with none'
mutant jwks-empty-kept "$K" '	k.keys.Store(&m)
	if len(m) == 0 {' '	if len(m) > 0 {
		k.keys.Store(&m)
	}
	if len(m) == 0 {' \
  'an explicit empty key list ignored: withdrawn keys stay trusted'
# 5. Unknown-kid refresh.
mutant kid-wait-unbounded "$K" '_ = wait(ctx, call) // a failed fetch' '<-call.done // a failed fetch' \
  'unknown-kid requests wait for the whole refresh, past their deadline'
mutant kid-fetch-cancelled "$K" 'fetchCtx := context.WithoutCancel(ctx)' 'fetchCtx := ctx' \
  'a refresh dies with the request that started it'
mutant kid-no-join "$K" 'if k.inflight != nil {' 'if false {' \
  'each unknown-kid request starts its own fetch instead of joining'
mutant kid-rate-limit-off "$K" 'now.Sub(k.lastAttempt) < k.o.minRefresh' 'now.Sub(k.lastAttempt) < 0' \
  'unknown kids re-fetch the JWKS without rate limit'
# 6. Header and claim strictness, policy names.
mutant crit-ignored "$V" 'if _, ok := header["crit"]; ok {' 'if _, ok := header["crit"]; ok && false {' \
  'crit header ignored (RFC 7515 4.1.11)'
mutant crit-empty-ok "$V" 'if _, ok := header["crit"]; ok {' 'if c, ok := header["crit"].([]any); ok && len(c) > 0 {' \
  'an empty crit list accepted'
mutant url-claim-dotted "$G" 'if !ok && !strings.Contains(path, "://") {' 'if !ok {' \
  'a URL claim name split at its dots when the claim is absent'
mutant ns-empty "$P" 'if len(s) == 0 || len(s) > 255 {' 'if len(s) > 255 {' \
  'namespace "" accepted (role of every namespace-less call)'
mutant ns-too-long "$P" 'if len(s) == 0 || len(s) > 255 {' 'if len(s) == 0 || len(s) > 256 {' \
  'namespace of 256 characters accepted'
mutant ns-star "$P" "if !alnum && (i == 0 || c != '.' && c != '_' && c != '-') {" "if !alnum && c != '*' && (i == 0 || c != '.' && c != '_' && c != '-') {" \
  'namespace "*" accepted'
mutant ns-leading-dot "$P" "if !alnum && (i == 0 || c != '.' && c != '_' && c != '-') {" "if !alnum && c != '.' && c != '_' && c != '-' {" \
  'namespace starting with ".", "_" or "-" accepted'
mutant policy-empty-name "$P" 'if name == "" {' 'if false {' \
  'group or client "" accepted'
mutant policy-duplicates "$P" 'if top.keys[key] {' 'if false {' \
  'duplicate JSON keys accepted (the last wins)'
# 7. Reasons.
mutant no-exp-expired "$V" 'return ErrNoExpiry' 'return ErrExpired' \
  'a token without exp logged as expired'
mutant reason-unlisted "$V" 'ErrTooLarge, ErrCritical, ErrNoKid,' 'ErrCritical, ErrNoKid,' \
  'an error missing from the reason table (logged as another)'
mutant reason-fallback "$V" 'return "unclassified verification error"' 'return ErrMalformed.Error()' \
  'an unlisted error logged as "malformed token"'
mutant keyfunc-error-wrapped "$V" 'case tokenError(err) != nil:' 'case false:' \
  "the key function's reasons (unknown kid, key mismatch) logged as malformed"
mutant unknown-alg-malformed "$V" 'if !rules.accepts(alg) {' 'if !rules.accepts(alg) && false {' \
  'an unknown algorithm logged as malformed (left to the JWT library)'
# 8. Keys, scheme, audience, caps, algorithms.
mutant rsa-1024 "$W" 'mod.BitLen() < rules.MinRSABits' 'mod.BitLen() < 1024' \
  '1024-bit RSA keys accepted'
mutant rsa-2047 "$W" 'mod.BitLen() < rules.MinRSABits' 'mod.BitLen() < rules.MinRSABits-1' \
  'RSA keys one bit short of 2048 accepted'
mutant rsa-exponent "$W" 'exp < rules.MinRSAExponent' 'exp < 1' \
  'RSA keys with a public exponent of 1 or 2 accepted'
mutant scheme-any "$M" 'if !ok || !strings.EqualFold(scheme, "bearer") {' 'if !ok || scheme == "" {' \
  'any authorization scheme (Basic x) read as a bearer token'
mutant scheme-case "$M" 'if !ok || !strings.EqualFold(scheme, "bearer") {' 'if !ok || scheme != "Bearer" {' \
  'the Bearer scheme matched case-sensitively (RFC 9110 11.1)'
mutant aud-list-substring "$V" 'if s, ok := v.(string); ok && s == want {' 'if s, ok := v.(string); ok && strings.Contains(s, want) {' \
  'an aud list entry matched by substring'
mutant aud-string-substring "$V" '		return a == want' '		return strings.Contains(a, want)' \
  'an aud string matched by substring'
mutant body-cap-length "$D" 'resp.ContentLength > int64(MaxBodyBytes)' 'resp.ContentLength >= int64(MaxBodyBytes)' \
  'issuer response limit off by one (Content-Length of exactly 1 MiB refused)'
mutant body-cap-read "$D" 'if len(body) > MaxBodyBytes {' 'if len(body) >= MaxBodyBytes {' \
  'issuer response limit off by one (1 MiB chunked body refused)'
mutant body-cap-limit "$D" 'io.LimitReader(resp.Body, int64(MaxBodyBytes)+1)' 'io.LimitReader(resp.Body, int64(MaxBodyBytes))' \
  'issuer response cut at the limit and parsed instead of refused'
mutant ec-curve-ignored "$W" 'p.kty == want.kty && p.crv == want.crv' 'p.kty == want.kty' \
  'an ES256 token verified with a P-384 key, an ES384 token with a P-256 key'
mutant ec-curve-any "$T" 'r.curves[crv] = curve' 'r.curves[crv] = curve
			r.curves["P-521"] = elliptic.P521()' \
  'EC keys loaded on a curve no accepted algorithm uses (P-521)'
mutant jwk-alg-ignored "$W" 'if p.alg != "" && p.alg != alg {' 'if false {' \
  "a JWK's alg ignored (an RS256 key takes PS256 tokens)"
mutant hs256-accepted "$R" '"ES384"]' '"ES384", "HS256"]' \
  'HS256 among the accepted algorithms (in the embedded contract)'
mutant contract-copy-drift "$R" '"PS256",' '"PS256", "PS384",' \
  'the embedded contract accepts PS384, the shared schemas/token-rules.json does not'
mutant kid-optional "$V" '	if kid == "" {
		return "", "", ErrNoKid' '	if false {
		return "", "", ErrNoKid' \
  'a token without kid tried against the keys'
mutant iss-prefix "$V" 'iss != v.issuer {' '!strings.HasPrefix(iss, v.issuer) {' \
  'iss matched by prefix (a trailing slash or path accepted)'
mutant exp-leeway-edge "$V" 'if t <= now-leeway {' 'if t < now-leeway {' \
  'a token expiring exactly at the leeway accepted'
mutant noop-authorizer "$A" 'inner: authorization.NewDefaultAuthorizer()' 'inner: authorization.NewNoopAuthorizer()' \
  "Temporal's no-op authorizer wrapped instead of the default one" "$CMD"
# 9. Shadow mode, the Web UI's calls, the principal, the audit log.
mutant shadow-ignored "$A" 'case !v.Enforced:' 'case false:' \
  'shadow mode denies like enforcing mode'
mutant enforce-absent-shadow "$P" 'enforceDefault:    true,' 'enforceDefault:    false,' \
  'a policy without enforce is in shadow mode'
mutant enforce-folded "$P" 'if v, ok := p.enforceNamespaces[namespace]; ok {' 'if v, ok := p.enforceNamespaces[strings.ToLower(strings.TrimSpace(namespace))]; ok {' \
  'a lookalike namespace (PAYROLL, " payroll") picks up payroll'"'"'s enforce'
mutant ui-worker-role "$A" 'return bestNamespaceRole(claims) >= authorization.RoleReader' 'return bestNamespaceRole(claims) >= authorization.RoleWorker' \
  'a worker-only role opens the Web UI'"'"'s cluster calls'
mutant ui-any-method "$A" '|| !IsUICall(method) {' '|| false {' \
  'a namespace role opens every cluster-scoped method'
mutant filter-off "$F" 'if len(kept) == len(list.GetNamespaces()) {' 'if true {' \
  'ListNamespaces not filtered for namespace users'
mutant filter-worker "$F" 'claims.Namespaces[name] >= authorization.RoleReader' 'claims.Namespaces[name] > 0' \
  'ListNamespaces lists namespaces where the caller is only a worker'
mutant filter-shadow-hidden "$F" 'if !policy.Enforced(name) {' 'if false {' \
  'ListNamespaces hides the namespaces in shadow mode from callers without a role there'
mutant principal-empty-claim "$G" 'if s, ok := claims[policy.PrincipalClaim].(string); ok && s != "" {' 'if s, ok := claims[policy.PrincipalClaim].(string); ok {' \
  'an empty principal claim names the caller ""'
mutant principal-worker-ignored "$G" 'ok && g.Name != "" {' 'ok && false {' \
  'a worker client named by its claim instead of its name'
mutant audit-no-escape "$L" 'escapeInvisible(&l.buf, data)' 'l.buf.Write(data)' \
  'C1 controls and invisible characters written raw'
mutant audit-no-clip "$L" 'if len(prefix) <= AuditMaxText {' 'if true {' \
  'audit text not cut to 256 bytes'
mutant audit-groups-uncapped "$L" 'if len(list) > AuditMaxGroups {' 'if false {' \
  'every group of the token written'
mutant audit-no-limit "$L" 'if !l.limiter.AllowN(now, 1) {' 'if false {' \
  'no rate limit on audit lines'
mutant audit-allows-unsampled "$L" 'if v.Decision == DecisionAllow && (' 'if false && (' \
  'every allow written, whatever the sample rate'
mutant audit-dropped-early "$L" 'now.Sub(l.since) < AuditDroppedEvery' 'now.Sub(l.since) < 0' \
  'a dropped line for every drop check, not every 10 s'

# 10. Two issuers: routing by iss, the cluster's audience, serviceAccounts-only mapping, its keys.
mutant route-any-issuer "$V" 'if v != nil && v.issuer == iss {' 'if v != nil {' \
  'every token checked against the first verifier (the identity provider'"'"'s), whatever its iss'
mutant route-unknown-to-idp "$V" 'return nil, fmt.Errorf("%w: %q", ErrIssuer, iss)' 'return first, nil' \
  'a token of an unknown issuer checked against the identity provider (its unknown kid fetches the JWKS)'
mutant route-no-cap "$V" 'if err := checkSize(token); err != nil {
		return nil, err
	}
	var first *Verifier' 'var first *Verifier' \
  'the iss peeked, and the token verified, without the size cap'
mutant route-skipped "$M" 'v, err := route(token, m.verifier, m.cluster)' 'v, err := m.verifier, checkSize(token)' \
  'the ClaimMapper verifies every token against the identity provider (no second issuer)'
mutant cluster-issuer-is-idp "$E" 'if cluster.Issuer != "" && cluster.Issuer == c.Issuer {' 'if false {' \
  'the cluster issuer may be the identity provider'"'"'s (ambiguous routing)'
mutant cluster-audience-optional "$E" 'case "":' 'case "-":' \
  'a cluster issuer without TEMPORAL_AUTH_CLUSTER_AUDIENCE starts'
mutant cluster-audience-issuer "$E" 'case c.Issuer:' 'case "-":' \
  'the cluster audience may be the issuer (the API server'"'"'s own tokens accepted)'
mutant cluster-audience-api "$E" 'if c.Audience == api {' 'if c.Audience == api && false {' \
  'the cluster audience may be https://kubernetes.default.svc or kubernetes'
mutant cluster-verifier-no-audience "$V" '	if audience == "" {
' '	if false {
' \
  'NewClusterVerifier accepts no audience (every audience accepted)'
mutant cluster-verifier-aud-issuer "$V" '	if audience == issuer {
' '	if false {
' \
  'NewClusterVerifier accepts the issuer as audience'
mutant cluster-maps-groups "$G" '	if kind == IssuerCluster {' '	if false {' \
  'a cluster token mapped as the identity provider'"'"'s (its groups and client-ID claims grant)'
mutant idp-maps-service-accounts "$G" '	return MapClaims(policy, claims)
}' '	if sub, _ := claims["sub"].(string); policy != nil && policy.ServiceAccounts[sub].Namespaces != nil {
		return MapClusterClaims(policy, claims)
	}
	return MapClaims(policy, claims)
}' \
  'an identity-provider token whose sub names a service account mapped through serviceAccounts'
mutant cluster-also-groups "$G" '			grant(out, g)
			if g.Name' '			grant(out, g)
			for _, group := range GroupsAt(claims, policy.GroupsClaim) {
				grant(out, policy.Groups[group])
			}
			if g.Name' \
  'a listed service account'"'"'s token also gets the groups its groups claim names'
mutant cluster-sub-folded "$G" 'policy.ServiceAccounts[caller.Subject]' 'policy.ServiceAccounts[strings.ToLower(strings.TrimSpace(caller.Subject))]' \
  'a cluster token'"'"'s sub matched after case folding and trimming'
mutant cluster-unnamed-principal "$G" '			if g.Name != "" {
				caller.Worker' '			if true {
				caller.Worker' \
  'an unnamed serviceAccounts entry names the caller "" instead of its sub'
mutant cluster-issuer-unchecked "$C" '} else if iss != s.issuer {' '} else if false {' \
  'the API server'"'"'s discovery issuer not compared (another cluster'"'"'s keys loaded)'
mutant cluster-jwks-no-bearer "$C" 'if err := s.get.getJSON(ctx, jwksURL, token, &raw); err != nil {' 'if err := s.get.getJSON(ctx, jwksURL, "", &raw); err != nil {' \
  'the API server'"'"'s JWKS fetched without the pod'"'"'s token'
mutant cluster-tls-unverified "$C" 'transport.TLSClientConfig = &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}' 'transport.TLSClientConfig = &tls.Config{InsecureSkipVerify: true} //nolint:gosec // mutant' \
  'the API server'"'"'s certificate not checked against the CA file'
mutant cluster-file-not-regular "$C" 'if !fi.Mode().IsRegular() {' 'if fi.IsDir() {' \
  'pipes and devices read as the cluster'"'"'s JWKS or the pod'"'"'s token'

# 11. The token cache: a hit decides as a fresh verification would.
TC=internal/authz/token_cache.go
mutant cache-no-time-check "$M" 'if err := e.verifier.checkClaims(e.verified.claims); err != nil {' 'if err := error(nil); err != nil {' \
  'a cached token served after exp (or before nbf/iat) without the claims check'
mutant cache-no-key-check "$M" 'if !e.verifier.stillSigned(&e.verified, e.verifier.keys.current()) {' 'if false {' \
  'a cached token served after its signing key left the issuer'"'"'s JWKS'
mutant cache-key-by-kid "$V" 'if k.fits(r.alg) && sameKey(k.key, want) {' 'if k.fits(r.alg) && want != nil {' \
  'a cached token served while its kid names another key'
mutant cache-stale-mapping "$M" 'if mapped == nil || mapped.policy != policy {' 'if mapped == nil {' \
  'a cached token mapped under the policy before a reload'
mutant cache-issuer-unkeyed "$TC" 'return cacheKey{issuer: kind, sum: sum}' 'return cacheKey{sum: sum}' \
  'a token cached under one issuer found under the other'
mutant cache-bytes-unbounded "$TC" 'len(s.entries) > s.maxEntries || s.bytes > s.maxBytes' 'len(s.entries) > s.maxEntries' \
  'the cache bounded in entries only (large tokens grow it past its bytes)'
mutant cache-env-ignored "$E" '			c.TokenCacheEntries = n' '			_ = n' \
  'TEMPORAL_AUTH_TOKEN_CACHE_ENTRIES read but not applied (0 does not turn the cache off)'

if [[ "${1:-}" == -list ]]; then
  for i in "${!ids[@]}"; do printf '%-24s %-34s %s\n' "${ids[$i]}" "${files[$i]}" "${whats[$i]}"; done
  exit 0
fi

selected=()
if (($# == 0)); then
  selected=("${!ids[@]}")
else
  for want in "$@"; do
    found=
    for i in "${!ids[@]}"; do [[ "${ids[$i]}" == "$want" ]] && selected+=("$i") && found=1; done
    [[ -n "$found" ]] || { echo "mutate.sh: no mutant $want (./mutate.sh -list)" >&2; exit 2; }
  done
fi

# The files to mutate, once each.
targets=()
for i in "${selected[@]}"; do
  [[ " ${targets[*]-} " == *" ${files[$i]} "* ]] || targets+=("${files[$i]}")
done

# Refuse to run over uncommitted work: restoring a file must lose nothing.
for f in "${targets[@]}"; do
  if ! git ls-files --error-unmatch -- "$f" >/dev/null 2>&1 || ! git diff --quiet HEAD -- "$f"; then
    echo "mutate.sh: $f has uncommitted changes (or is not tracked): commit or stash them first" >&2
    exit 2
  fi
done

backup="$(mktemp -d)"
restore() {
  for f in "${targets[@]}"; do
    [[ -f "$backup/$f" ]] && cp -p "$backup/$f" "$f"
  done
  rm -rf "$backup"
}
child=
trap restore EXIT
# Bash runs a trap only once the foreground command ends: the tests run in
# the background, so an interrupt stops them and restores the files at once.
trap '[[ -z "$child" ]] || kill -TERM "$child" 2>/dev/null; exit 130' INT TERM
for f in "${targets[@]}"; do
  mkdir -p "$backup/$(dirname "$f")"
  cp -p "$f" "$backup/$f"
done

read_file() { # the file's exact bytes (command substitution drops trailing newlines)
  local s
  s="$(cat "$1"; printf x)"
  printf '%s' "${s%x}"
}

# Every mutant must apply exactly once before anything runs: a stale list is
# an error, not a survivor.
for i in "${selected[@]}"; do
  content="$(read_file "${files[$i]}")"
  rest="${content#*"${froms[$i]}"}"
  if [[ "$rest" == "$content" || "$rest" == *"${froms[$i]}"* ]]; then
    echo "mutate.sh: ${ids[$i]}: the text to replace is not in ${files[$i]} exactly once" >&2
    exit 2
  fi
done

killed=0 survived=0 invalid=0
survivors=()
log="$backup/test.log"
for i in "${selected[@]}"; do
  f="${files[$i]}"
  content="$(read_file "$f")"
  printf '%s' "${content/"${froms[$i]}"/"${tos[$i]}"}" >"$f"
  status=0
  timeout --kill-after=30s "$TIMEOUT" go test -count=1 -timeout "$TIMEOUT" "${pkgs[$i]}" >"$log" 2>&1 &
  child=$!
  wait "$child" || status=$?
  child=
  cp -p "$backup/$f" "$f"
  if grep -q -e '\[build failed\]' -e '\[setup failed\]' "$log"; then
    invalid=$((invalid + 1))
    printf 'INVALID   %-24s does not compile: %s\n' "${ids[$i]}" "$(grep -m1 -E '\.go:[0-9]+' "$log" || true)"
  elif ((status != 0)); then
    killed=$((killed + 1))
    by="$(grep -m1 -E '^\s*--- FAIL' "$log" | sed -E 's/^\s*--- FAIL: ([^ ]+).*/\1/' || true)"
    [[ -n "$by" ]] || by="$(grep -m1 -E 'panic:|timed out' "$log" || echo "exit $status")"
    printf 'killed    %-24s by %s\n' "${ids[$i]}" "$by"
  else
    survived=$((survived + 1))
    survivors+=("${ids[$i]}: ${whats[$i]}")
    printf 'SURVIVED  %-24s %s\n' "${ids[$i]}" "${whats[$i]}"
  fi
done

total=$((killed + survived))
echo
echo "killed $killed of $total mutants ($((total ? killed * 100 / total : 0))%), $invalid invalid"
for s in "${survivors[@]+"${survivors[@]}"}"; do echo "  survived: $s"; done
((survived == 0 && invalid == 0))
