package helmtest

import (
	"errors"
	"fmt"
	"strings"
)

// The render summary prints command lines for the user to paste into a
// shell. The harness runs each of them, so every form the summary may print
// has to be known here: an unknown command, subcommand, flag or shell
// construct is an error, and the test fails rather than skip a step the user
// would run.

// officialRepoURL is what `helm repo add temporal ...` must point at for
// `temporal/temporal` to mean the official chart (the stand-in, here).
const officialRepoURL = "https://go.temporal.io/helm-charts"

// command is one parsed printed line.
type command interface{ String() string }

// helmRepoAdd: `helm repo add NAME URL`.
type helmRepoAdd struct {
	Line      string
	Name, URL string
}

// helmGetValues: `helm get values RELEASE [-n NS] [-o yaml|json|table] [-a] [> FILE]`.
type helmGetValues struct {
	Line      string
	Release   string
	Namespace string
	Output    string // yaml, json or table (Helm's default)
	All       bool
	Redirect  string // stdout goes to this file when set
}

// helmUpgrade: `helm upgrade [--install] RELEASE CHART --version V [-n NS]
// [--reset-values|--reuse-values|--reset-then-reuse-values] [-f FILE]...`.
type helmUpgrade struct {
	Line                 string
	Release, Chart       string
	Version              string
	Namespace            string
	Install              bool
	ResetValues          bool
	ReuseValues          bool
	ResetThenReuseValues bool
	ValueFiles           []string // as printed, in order
}

// temporalAuth: `temporal-auth render [SPEC] [flags]` (or `npx temporal-auth ...`).
type temporalAuth struct {
	Line         string
	Args         []string // what follows `temporal-auth`, passed to the bin as is
	Spec         string
	Out          string
	Values       string
	ChartVersion string
	NoSecrets    bool
	// Flags are the render flags other than --values, normalised to
	// "--name" / "--name=value", to compare a printed re-render with the
	// user's own invocation.
	Flags []string
}

// kubectlApply: `kubectl apply [-n NS] -f FILE`. There is no cluster: the
// harness checks what kubectl would refuse (a missing or empty file, an
// object in a namespace that does not exist, or one whose namespace
// contradicts -n).
type kubectlApply struct {
	Line      string
	Namespace string
	File      string
}

// kubectlCreateNamespace: `kubectl create namespace NAME`, recorded in the
// session's namespaces.
type kubectlCreateNamespace struct {
	Line string
	Name string
}

func (c helmRepoAdd) String() string   { return c.Line }
func (c helmGetValues) String() string { return c.Line }
func (c helmUpgrade) String() string   { return c.Line }
func (c temporalAuth) String() string  { return c.Line }
func (c kubectlApply) String() string  { return c.Line }

func (c kubectlCreateNamespace) String() string { return c.Line }

// commandWords are the first words that make a summary line a command.
var commandWords = map[string]bool{"helm": true, "kubectl": true, "temporal-auth": true, "npx": true}

// printedCommands returns the summary's command lines, in order: every line
// whose first word is one of commandWords (the summary indents them by two
// spaces; prose lines start otherwise).
func printedCommands(summary string) []string {
	var lines []string
	for _, line := range strings.Split(summary, "\n") {
		trimmed := strings.TrimSpace(line)
		first, _, _ := strings.Cut(trimmed, " ")
		if commandWords[first] {
			lines = append(lines, trimmed)
		}
	}
	return lines
}

// shellWords splits a line as a POSIX shell would, for the forms a summary
// may print: plain words, '...' and "..." quoting, a trailing `# comment`,
// and one `> FILE` redirection of stdout at the end. Anything else a shell
// treats specially (pipes, lists, expansions, globs, other redirections) is
// an error: the harness could not claim to run what the shell would.
func shellWords(line string) (words []string, redirect string, err error) {
	var (
		cur       strings.Builder
		inWord    bool
		redirNext bool
	)
	flush := func() {
		if !inWord {
			return
		}
		if redirNext {
			redirect = cur.String()
			redirNext = false
		} else {
			if redirect != "" {
				err = fmt.Errorf("words after the redirection in %q", line)
			}
			words = append(words, cur.String())
		}
		cur.Reset()
		inWord = false
	}
	rs := []rune(line)
	for i := 0; i < len(rs) && err == nil; i++ {
		r := rs[i]
		switch {
		case r == ' ' || r == '\t':
			flush()
		case r == '#' && !inWord:
			i = len(rs) // a comment runs to the end of the line
		case r == '\'':
			j := i + 1
			for j < len(rs) && rs[j] != '\'' {
				j++
			}
			if j == len(rs) {
				return nil, "", fmt.Errorf("unterminated quote in %q", line)
			}
			cur.WriteString(string(rs[i+1 : j]))
			inWord = true
			i = j
		case r == '"':
			j := i + 1
			for j < len(rs) && rs[j] != '"' {
				if strings.ContainsRune("$`\\", rs[j]) {
					return nil, "", fmt.Errorf("expansion inside double quotes in %q", line)
				}
				j++
			}
			if j == len(rs) {
				return nil, "", fmt.Errorf("unterminated quote in %q", line)
			}
			cur.WriteString(string(rs[i+1 : j]))
			inWord = true
			i = j
		case r == '>':
			if inWord || redirNext || redirect != "" {
				return nil, "", fmt.Errorf("unsupported redirection in %q", line)
			}
			if i+1 < len(rs) && (rs[i+1] == '>' || rs[i+1] == '&' || rs[i+1] == '|') {
				return nil, "", fmt.Errorf("unsupported redirection in %q", line)
			}
			redirNext = true
		case strings.ContainsRune("|;&<$`\\*?[]{}()!~", r):
			return nil, "", fmt.Errorf("shell syntax %q the harness does not run, in %q", r, line)
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if err != nil {
		return nil, "", err
	}
	flush()
	if err != nil {
		return nil, "", err
	}
	if redirNext {
		return nil, "", fmt.Errorf("redirection without a file in %q", line)
	}
	return words, redirect, nil
}

// flagSpec is one known flag: its names and whether it takes a value.
type flagSpec struct {
	names    []string
	hasValue bool
}

// parseFlags splits args into positionals and known flags (value flags as
// `--name value`, `--name=value` for long names, `-x value` for short ones;
// pflag's other spellings are not printed, so they are rejected). The
// result maps each spec's first name to its values in order.
func parseFlags(args []string, specs []flagSpec) (pos []string, flags map[string][]string, err error) {
	byName := map[string]flagSpec{}
	for _, s := range specs {
		for _, n := range s.names {
			byName[n] = s
		}
	}
	flags = map[string][]string{}
	for i := 0; i < len(args); i++ {
		a := args[i]
		if !strings.HasPrefix(a, "-") || a == "-" {
			pos = append(pos, a)
			continue
		}
		name, value, hasEq := strings.Cut(a, "=")
		if hasEq && !strings.HasPrefix(name, "--") {
			return nil, nil, fmt.Errorf("flag spelling %q not known to the harness", a)
		}
		s, ok := byName[name]
		if !ok {
			return nil, nil, fmt.Errorf("unknown flag %q", name)
		}
		switch {
		case !s.hasValue && hasEq:
			return nil, nil, fmt.Errorf("flag %q takes no value", name)
		case s.hasValue && !hasEq:
			if i+1 >= len(args) {
				return nil, nil, fmt.Errorf("flag %q needs a value", name)
			}
			i++
			value = args[i]
		}
		flags[s.names[0]] = append(flags[s.names[0]], value)
	}
	return pos, flags, nil
}

func last(vs []string) string {
	if len(vs) == 0 {
		return ""
	}
	return vs[len(vs)-1]
}

// parseCommand parses one printed line into the command the harness runs.
func parseCommand(line string) (command, error) {
	words, redirect, err := shellWords(line)
	if err != nil {
		return nil, err
	}
	if len(words) == 0 {
		return nil, errors.New("empty command")
	}
	switch words[0] {
	case "helm":
		return parseHelm(line, words[1:], redirect)
	case "temporal-auth":
		return parseTemporalAuth(line, words[1:], redirect)
	case "npx":
		if len(words) > 1 && words[1] == "temporal-auth" {
			return parseTemporalAuth(line, words[2:], redirect)
		}
	case "kubectl":
		return parseKubectl(line, words[1:], redirect)
	}
	return nil, fmt.Errorf("command %q not known to the harness", line)
}

func parseHelm(line string, args []string, redirect string) (command, error) {
	switch {
	case len(args) >= 2 && args[0] == "repo" && args[1] == "add":
		pos, _, err := parseFlags(args[2:], nil)
		if err != nil {
			return nil, err
		}
		if len(pos) != 2 || redirect != "" {
			return nil, fmt.Errorf("helm repo add: want NAME URL: %q", line)
		}
		return helmRepoAdd{Line: line, Name: pos[0], URL: pos[1]}, nil

	case len(args) >= 2 && args[0] == "get" && args[1] == "values":
		pos, flags, err := parseFlags(args[2:], []flagSpec{
			{names: []string{"--namespace", "-n"}, hasValue: true},
			{names: []string{"--output", "-o"}, hasValue: true},
			{names: []string{"--all", "-a"}},
		})
		if err != nil {
			return nil, fmt.Errorf("helm get values: %w", err)
		}
		if len(pos) != 1 {
			return nil, fmt.Errorf("helm get values: want one RELEASE: %q", line)
		}
		out := last(flags["--output"])
		switch out {
		case "":
			out = "table"
		case "yaml", "json", "table":
		default:
			return nil, fmt.Errorf("helm get values: output %q not mapped", out)
		}
		return helmGetValues{Line: line, Release: pos[0], Namespace: last(flags["--namespace"]),
			Output: out, All: len(flags["--all"]) > 0, Redirect: redirect}, nil

	case len(args) >= 1 && args[0] == "upgrade":
		pos, flags, err := parseFlags(args[1:], []flagSpec{
			{names: []string{"--install", "-i"}},
			{names: []string{"--version"}, hasValue: true},
			{names: []string{"--namespace", "-n"}, hasValue: true},
			{names: []string{"--reset-values"}},
			{names: []string{"--reuse-values"}},
			{names: []string{"--reset-then-reuse-values"}},
			{names: []string{"--values", "-f"}, hasValue: true},
		})
		if err != nil {
			return nil, fmt.Errorf("helm upgrade: %w", err)
		}
		if len(pos) != 2 || redirect != "" {
			return nil, fmt.Errorf("helm upgrade: want RELEASE CHART: %q", line)
		}
		up := helmUpgrade{Line: line, Release: pos[0], Chart: pos[1],
			Version: last(flags["--version"]), Namespace: last(flags["--namespace"]),
			Install: len(flags["--install"]) > 0, ResetValues: len(flags["--reset-values"]) > 0,
			ReuseValues: len(flags["--reuse-values"]) > 0, ResetThenReuseValues: len(flags["--reset-then-reuse-values"]) > 0}
		// -f is a pflag StringSlice: one value may list several files, comma-separated.
		for _, v := range flags["--values"] {
			up.ValueFiles = append(up.ValueFiles, strings.Split(v, ",")...)
		}
		if up.Version == "" {
			return nil, fmt.Errorf("helm upgrade without --version (the chart version is not pinned): %q", line)
		}
		return up, nil
	}
	return nil, fmt.Errorf("helm command not known to the harness: %q", line)
}

func parseTemporalAuth(line string, args []string, redirect string) (command, error) {
	if len(args) == 0 || args[0] != "render" {
		return nil, fmt.Errorf("temporal-auth command not known to the harness: %q", line)
	}
	if redirect != "" {
		return nil, fmt.Errorf("temporal-auth render with a redirection: %q", line)
	}
	specs := []flagSpec{
		{names: []string{"--out", "-o"}, hasValue: true},
		{names: []string{"--values"}, hasValue: true},
		{names: []string{"--chart-version"}, hasValue: true},
		{names: []string{"--no-secrets"}},
		{names: []string{"--secrets-format"}, hasValue: true},
		{names: []string{"--seal-cert"}, hasValue: true},
	}
	pos, flags, err := parseFlags(args[1:], specs)
	if err != nil {
		return nil, fmt.Errorf("temporal-auth render: %w", err)
	}
	if len(pos) > 1 {
		return nil, fmt.Errorf("temporal-auth render: more than one SPEC: %q", line)
	}
	ta := temporalAuth{Line: line, Args: args, Out: last(flags["--out"]), Values: last(flags["--values"]),
		ChartVersion: last(flags["--chart-version"]), NoSecrets: len(flags["--no-secrets"]) > 0}
	if len(pos) == 1 {
		ta.Spec = pos[0]
	}
	for _, s := range specs {
		name := s.names[0]
		if name == "--values" {
			continue
		}
		for _, v := range flags[name] {
			if s.hasValue {
				ta.Flags = append(ta.Flags, name+"="+v)
			} else {
				ta.Flags = append(ta.Flags, name)
			}
		}
	}
	return ta, nil
}

func parseKubectl(line string, args []string, redirect string) (command, error) {
	if len(args) >= 2 && args[0] == "create" && args[1] == "namespace" && redirect == "" {
		pos, _, err := parseFlags(args[2:], nil)
		if err != nil {
			return nil, fmt.Errorf("kubectl create namespace: %w", err)
		}
		if len(pos) != 1 {
			return nil, fmt.Errorf("kubectl create namespace: want one NAME: %q", line)
		}
		return kubectlCreateNamespace{Line: line, Name: pos[0]}, nil
	}
	if len(args) == 0 || args[0] != "apply" || redirect != "" {
		return nil, fmt.Errorf("kubectl command not known to the harness: %q", line)
	}
	pos, flags, err := parseFlags(args[1:], []flagSpec{
		{names: []string{"--namespace", "-n"}, hasValue: true},
		{names: []string{"--filename", "-f"}, hasValue: true},
	})
	if err != nil {
		return nil, fmt.Errorf("kubectl apply: %w", err)
	}
	if len(pos) != 0 || len(flags["--filename"]) != 1 {
		return nil, fmt.Errorf("kubectl apply: want exactly one -f FILE: %q", line)
	}
	return kubectlApply{Line: line, Namespace: last(flags["--namespace"]), File: flags["--filename"][0]}, nil
}

// quoteArgs renders args as a shell line (for messages and for the lines the
// tests type themselves), single-quoting what a shell would split or expand.
func quoteArgs(args ...string) string {
	out := make([]string, len(args))
	for i, a := range args {
		if a == "" || strings.ContainsAny(a, " \t'\"#|;&<>$`\\*?[]{}()!~") {
			out[i] = "'" + strings.ReplaceAll(a, "'", `'"'"'`) + "'"
		} else {
			out[i] = a
		}
	}
	return strings.Join(out, " ")
}
