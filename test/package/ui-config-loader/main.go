// Command ui-config-loader loads Web UI config directories with the UI server's own loader
// (github.com/temporalio/ui-server/v2, plugins/fs_config_provider), as the image does with
// `--env docker`, under the environment each case gives, and prints the results as JSON.
// test/package/web-ui-docker-config.test.ts builds it against each UI version the charts ship.
//
// stdin: [{"dir": "...", "env": {"NAME": "value"}}, ...]
// stdout: [{"config": {...}} | {"error": "..."}, ...]
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/temporalio/ui-server/v2/plugins/fs_config_provider"
)

type loadCase struct {
	Dir string            `json:"dir"`
	Env map[string]string `json:"env"`
}

type result struct {
	Config any    `json:"config,omitempty"`
	Error  string `json:"error,omitempty"`
}

func main() {
	var cases []loadCase
	if err := json.NewDecoder(os.Stdin).Decode(&cases); err != nil {
		fmt.Fprintln(os.Stderr, "ui-config-loader: reading cases:", err)
		os.Exit(2)
	}
	results := make([]result, 0, len(cases))
	for _, c := range cases {
		os.Clearenv()
		for k, v := range c.Env {
			if err := os.Setenv(k, v); err != nil {
				fmt.Fprintln(os.Stderr, "ui-config-loader: setenv:", err)
				os.Exit(2)
			}
		}
		cfg, err := fs_config_provider.LoadConfig(c.Dir, "docker")
		if err != nil {
			results = append(results, result{Error: err.Error()})
			continue
		}
		results = append(results, result{Config: cfg})
	}
	if err := json.NewEncoder(os.Stdout).Encode(results); err != nil {
		fmt.Fprintln(os.Stderr, "ui-config-loader: writing results:", err)
		os.Exit(2)
	}
}
