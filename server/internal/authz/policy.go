package authz

//go:generate cp ../../../schemas/policy.schema.json policy.schema.json

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
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

// Parse validates data as a policy file and compiles it.
func (p *PolicyParser) Parse(data []byte) (*Policy, error) {
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("not valid JSON: %w", err)
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
	policy := &Policy{
		GroupsClaim: obj["groupsClaim"].(string),
		Groups:      compileGrants(obj["groups"].(map[string]any)),
		Clients:     compileGrants(obj["clients"].(map[string]any)),
	}
	for _, c := range obj["clientIdClaims"].([]any) {
		policy.ClientIDClaims = append(policy.ClientIDClaims, c.(string))
	}
	return policy, nil
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
