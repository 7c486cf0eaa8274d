package authz

//go:generate cp ../../../schemas/policy.schema.json policy.schema.json

import (
	"bytes"
	"cmp"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.temporal.io/server/common/authorization"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// policySchema is a byte-identical copy of ../schemas/policy.schema.json
// (go generate refreshes it; TestPolicySchemaCopyIsIdentical fails on drift).
//
//go:embed policy.schema.json
var policySchema []byte

const policySchemaURL = "https://temporal-auth.dev/schemas/policy.schema.json"

// Grants is what one group or client gets: Temporal role bits.
type Grants struct {
	System     authorization.Role
	Namespaces []NamespaceRole // never appended to (shared backing array)
	// Name is a worker's name in the spec (clients and serviceAccounts only;
	// "" when the policy names none): the principal of its calls.
	Name string
}

// NamespaceRole is a role in one namespace.
type NamespaceRole struct {
	Namespace string
	Role      authorization.Role
}

// Policy is a validated policy file, ready for map lookups.
type Policy struct {
	GroupsClaim    string
	ClientIDClaims []string
	Groups         map[string]Grants
	Clients        map[string]Grants
	// ServiceAccounts are the grants of the cluster's service-account
	// tokens, keyed by their exact sub (system:serviceaccount:<ns>:<name>);
	// only cluster tokens are looked up here (MapClusterClaims).
	ServiceAccounts map[string]Grants
	// PrincipalClaim is the top-level claim that names the caller (policy
	// `principal.claim`); "" when the policy has none (then `sub`).
	PrincipalClaim string
	// AllowSampleRate is the fraction of allowed calls the audit log writes
	// (policy `audit.allowSampleRate`, default 0).
	AllowSampleRate float64
	// MaxLinesPerSecond bounds the audit log (policy
	// `audit.maxLinesPerSecond`, default 100): rate and burst.
	MaxLinesPerSecond int

	// Shadow mode (policy `enforce`): enforceDefault for a namespace not in
	// enforceNamespaces. Absent: true and none.
	enforceDefault    bool
	enforceNamespaces map[string]bool
}

// Defaults of the policy's `audit` (schemas/policy.schema.json).
const (
	DefaultAllowSampleRate   = 0
	DefaultMaxLinesPerSecond = 100
)

// Enforced reports whether calls naming namespace are enforced: the policy's
// `enforce.namespaces[namespace]` when the name is listed (exactly: no case
// folding, no trimming, no normalization), else `enforce.default`; true when
// the policy has no `enforce` (and for a nil policy). namespace is the
// request's, "" for cluster-scoped calls and streams.
func (p *Policy) Enforced(namespace string) bool {
	if p == nil {
		return true
	}
	if v, ok := p.enforceNamespaces[namespace]; ok {
		return v
	}
	return p.enforceDefault
}

// namespacesEnforced lists, sorted, the namespaces the policy names in
// enforce.namespaces with the value v.
func (p *Policy) namespacesEnforced(v bool) []string {
	var out []string
	for _, ns := range slices.Sorted(maps.Keys(p.enforceNamespaces)) {
		if p.enforceNamespaces[ns] == v {
			out = append(out, ns)
		}
	}
	return out
}

// ShadowMode reports whether the policy lets any denial through (some
// namespace, or the default, not enforced).
func (p *Policy) ShadowMode() bool {
	if p == nil {
		return false
	}
	if !p.enforceDefault {
		return true
	}
	for _, v := range p.enforceNamespaces {
		if !v {
			return true
		}
	}
	return false
}

// PolicyParser validates policy files against the embedded schema.
type PolicyParser struct {
	schema *jsonschema.Schema
}

// NewPolicyParser compiles the policy schema.
func NewPolicyParser() (*PolicyParser, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(policySchema))
	if err != nil {
		return nil, fmt.Errorf("policy schema: %w", err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(policySchemaURL, doc); err != nil {
		return nil, fmt.Errorf("policy schema: %w", err)
	}
	s, err := c.Compile(policySchemaURL)
	if err != nil {
		return nil, fmt.Errorf("policy schema: %w", err)
	}
	return &PolicyParser{schema: s}, nil
}

// roleBits are Temporal's role bits by role name (the schema fixes the
// policy's roleBits to these values).
func roleBit(name string) authorization.Role {
	switch name {
	case "worker":
		return authorization.RoleWorker
	case "read":
		return authorization.RoleReader
	case "write":
		return authorization.RoleWriter
	case "admin":
		return authorization.RoleAdmin
	}
	return authorization.RoleUndefined
}

// Parse validates data as a policy file and compiles it: the schema, then
// what the CLI never writes (checkNames, no key twice in an object).
func (p *PolicyParser) Parse(data []byte) (*Policy, error) {
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("not valid JSON: %w", err)
	}
	// RFC 8259 4: names within an object SHOULD be unique, and parsers keep
	// the last (encoding/json, JSON.parse): a hand-edited file could hide a
	// grant behind an earlier entry a reviewer reads. The CLI writes none.
	if err := noDuplicateKeys(data); err != nil {
		return nil, err
	}
	obj, ok := inst.(map[string]any)
	if !ok {
		return nil, errors.New("not a JSON object")
	}
	if v, ok := obj["version"].(json.Number); !ok || v.String() != "1" {
		return nil, fmt.Errorf("unsupported policy version %v: this image reads version 1 only", obj["version"])
	}
	if err := p.schema.Validate(inst); err != nil {
		var ve *jsonschema.ValidationError
		if errors.As(err, &ve) {
			return nil, fmt.Errorf("does not match policy.schema.json: %s", oneLine(ve))
		}
		return nil, fmt.Errorf("does not match policy.schema.json: %w", err)
	}
	// The schema guarantees every type below.
	serviceAccounts, _ := obj["serviceAccounts"].(map[string]any) // optional
	for _, section := range []string{"groups", "clients", "serviceAccounts"} {
		entries, _ := obj[section].(map[string]any)
		if err := checkNames(section, entries); err != nil {
			return nil, err
		}
	}
	policy := &Policy{
		GroupsClaim:       obj["groupsClaim"].(string),
		Groups:            compileGrants(obj["groups"].(map[string]any)),
		Clients:           compileGrants(obj["clients"].(map[string]any)),
		ServiceAccounts:   compileGrants(serviceAccounts),
		AllowSampleRate:   DefaultAllowSampleRate,
		MaxLinesPerSecond: DefaultMaxLinesPerSecond,
		enforceDefault:    true,
	}
	for _, c := range obj["clientIdClaims"].([]any) {
		policy.ClientIDClaims = append(policy.ClientIDClaims, c.(string))
	}
	if enforce, ok := obj["enforce"].(map[string]any); ok {
		policy.enforceDefault = enforce["default"].(bool)
		if nss, ok := enforce["namespaces"].(map[string]any); ok {
			policy.enforceNamespaces = make(map[string]bool, len(nss))
			for _, ns := range slices.Sorted(maps.Keys(nss)) {
				// "" would pick the setting of every cluster-scoped call
				// (enforce.default's job); the CLI writes spec namespaces only.
				if !isNamespaceName(ns) {
					return nil, fmt.Errorf("/enforce/namespaces: %q is not a namespace name (a letter or digit, then up to 254 letters, digits, '.', '_' or '-')", ns)
				}
				policy.enforceNamespaces[ns] = nss[ns].(bool)
			}
		}
	}
	if audit, ok := obj["audit"].(map[string]any); ok {
		if v, ok := audit["allowSampleRate"].(json.Number); ok {
			policy.AllowSampleRate, _ = v.Float64()
		}
		if v, ok := audit["maxLinesPerSecond"].(json.Number); ok {
			// An integer by the schema, possibly written 1e2 or 100.0.
			n, _ := v.Float64()
			policy.MaxLinesPerSecond = int(n)
		}
	}
	if principal, ok := obj["principal"].(map[string]any); ok {
		policy.PrincipalClaim = principal["claim"].(string)
	}
	return policy, nil
}

// checkNames refuses, in the groups, clients or serviceAccounts of a
// schema-valid policy, what the CLI never writes: an empty group or client
// name (a token's groups claim may well hold ""), and a namespace that is
// not a Temporal namespace name as the spec defines it (schemas/temporal-auth.schema.json
// $defs.namespaceName). A namespace "" would be the role of every call
// without a namespace (Temporal's default authorizer reads
// claims.Namespaces[target.Namespace]); "*" is no wildcard to Temporal.
// The shared policy.schema.json leaves names open, so the check is here.
func checkNames(section string, entries map[string]any) error {
	for _, name := range slices.Sorted(maps.Keys(entries)) {
		if name == "" {
			return fmt.Errorf("/%s: a name is empty; the CLI writes none", section)
		}
		namespaces := entries[name].(map[string]any)["namespaces"].(map[string]any)
		for _, ns := range slices.Sorted(maps.Keys(namespaces)) {
			if !isNamespaceName(ns) {
				return fmt.Errorf("/%s/%s/namespaces: %q is not a namespace name (a letter or digit, then up to 254 letters, digits, '.', '_' or '-')", section, name, ns)
			}
		}
	}
	return nil
}

// isNamespaceName matches ^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$, the spec's
// namespaceName.
func isNamespaceName(s string) bool {
	if len(s) == 0 || len(s) > 255 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		alnum := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
		if !alnum && (i == 0 || c != '.' && c != '_' && c != '-') {
			return false
		}
	}
	return true
}

// noDuplicateKeys reads data (valid JSON) token by token and fails at the
// first object that holds a key twice.
func noDuplicateKeys(data []byte) error {
	type level struct {
		keys map[string]bool // the object's keys so far; nil for an array
		path string          // JSON pointer of the object or array
		last string          // the object's last key
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	var stack []*level
	wantKey := false // the next token is a key of the object on top
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("not valid JSON: %w", err)
		}
		if key, ok := tok.(string); ok && wantKey {
			top := stack[len(stack)-1]
			if top.keys[key] {
				return fmt.Errorf("%s: duplicate key %q", cmp.Or(top.path, "/"), key)
			}
			top.keys[key], top.last, wantKey = true, key, false
			continue
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			path := ""
			if n := len(stack); n > 0 {
				path = stack[n-1].path + "/" + stack[n-1].last
			}
			next := &level{path: path}
			if tok == json.Delim('{') {
				next.keys = map[string]bool{}
			}
			stack = append(stack, next)
			wantKey = next.keys != nil
			continue
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
		}
		// A value ended: in an object, a key comes next.
		wantKey = len(stack) > 0 && stack[len(stack)-1].keys != nil
	}
}

func compileGrants(m map[string]any) map[string]Grants {
	total := 0
	for _, raw := range m {
		total += len(raw.(map[string]any)["namespaces"].(map[string]any))
	}
	// One backing array for every entry keeps a large policy cheap to load.
	backing := make([]NamespaceRole, 0, total)
	out := make(map[string]Grants, len(m))
	for name, raw := range m {
		entry := raw.(map[string]any)
		g := Grants{}
		g.Name, _ = entry["name"].(string)
		if s, ok := entry["system"].(string); ok {
			g.System = roleBit(s)
		}
		start := len(backing)
		for ns, role := range entry["namespaces"].(map[string]any) {
			backing = append(backing, NamespaceRole{Namespace: ns, Role: roleBit(role.(string))})
		}
		if len(backing) > start {
			g.Namespaces = backing[start:len(backing):len(backing)]
		}
		out[name] = g
	}
	return out
}

// oneLine flattens a schema validation error into one log-friendly line.
func oneLine(ve *jsonschema.ValidationError) string {
	printer := message.NewPrinter(language.English)
	var leaves []string
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			loc := "/" + strings.Join(e.InstanceLocation, "/")
			leaves = append(leaves, fmt.Sprintf("at %s: %s", loc, e.ErrorKind.LocalizedString(printer)))
			return
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	if len(leaves) > 5 {
		leaves = append(leaves[:5], fmt.Sprintf("and %d more", len(leaves)-5))
	}
	return strings.Join(leaves, "; ")
}
