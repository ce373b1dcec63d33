// Package deploy holds no Go code: its tests check that the compose file and
// the Helm chart start the binary with commands and flags it has, and run
// `docker compose config` and `helm lint` / `helm template` where those
// tools are installed (`make deploy-check` installs them).
package deploy

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

var binary string // computepool, built once for the flag checks

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "deploy-test")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "computepool")
	build := exec.Command("go", "build", "-o", binary, "../cmd/computepool")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "build computepool:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// TestComposeCommands: every service's command names a real subcommand and
// only flags it defines.
func TestComposeCommands(t *testing.T) {
	var doc struct {
		Services map[string]struct {
			Command []string `yaml:"command"`
		} `yaml:"services"`
	}
	data, err := os.ReadFile("compose.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("compose.yaml: %v", err)
	}
	if len(doc.Services) < 5 {
		t.Fatalf("compose.yaml has %d services, want api, worker, facilitator, shard, shard-nvidia", len(doc.Services))
	}
	for name, svc := range doc.Services {
		if len(svc.Command) == 0 {
			t.Errorf("service %s has no command", name)
			continue
		}
		checkCommand(t, "compose service "+name, svc.Command)
	}
}

// TestComposeConfig: docker compose accepts the file with the example env.
func TestComposeConfig(t *testing.T) {
	compose := composeCommand()
	if compose == nil {
		t.Skip("neither `docker compose` nor docker-compose is installed (make deploy-check installs it)")
	}
	dir := t.TempDir()
	for _, f := range []string{"compose.yaml", ".env"} {
		src := f
		if f == ".env" {
			src = "computepool.env.example"
		}
		data, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	args := append(compose[1:], "--profile", "control", "--profile", "shard", "--profile", "shard-nvidia", "--profile", "facilitator", "config", "-q")
	cmd := exec.Command(compose[0], args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s config: %v\n%s", strings.Join(compose, " "), err, out)
	}
}

func composeCommand() []string {
	if exec.Command("docker", "compose", "version").Run() == nil {
		return []string{"docker", "compose"}
	}
	if p, err := exec.LookPath("docker-compose"); err == nil {
		return []string{p}
	}
	return nil
}

// helmValues give the chart what it requires: the stages' peer ids.
var helmValues = []string{"--values", "testdata/values.yaml"}

// TestHelmChart: helm lints and renders the chart, and every container the
// chart starts runs a real subcommand with real flags.
func TestHelmChart(t *testing.T) {
	helm, err := exec.LookPath("helm")
	if err != nil {
		t.Skip("helm is not installed (make deploy-check installs it)")
	}
	if out, err := exec.Command(helm, append([]string{"lint", "--strict", "helm/computepool"}, helmValues...)...).CombinedOutput(); err != nil {
		t.Fatalf("helm lint: %v\n%s", err, out)
	}
	out, err := exec.Command(helm, append([]string{"template", "pool", "helm/computepool"}, helmValues...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("helm template: %v\n%s", err, out)
	}
	kinds := map[string]int{}
	dec := yaml.NewDecoder(bytes.NewReader(out))
	for {
		var obj struct {
			Kind string `yaml:"kind"`
			Spec struct {
				Template struct {
					Spec struct {
						Containers []struct {
							Name string   `yaml:"name"`
							Args []string `yaml:"args"`
						} `yaml:"containers"`
					} `yaml:"spec"`
				} `yaml:"template"`
			} `yaml:"spec"`
		}
		if err := dec.Decode(&obj); err != nil {
			if err.Error() == "EOF" {
				break
			}
			t.Fatalf("rendered chart: %v", err)
		}
		kinds[obj.Kind]++
		for _, c := range obj.Spec.Template.Spec.Containers {
			checkCommand(t, "chart container "+c.Name, c.Args)
		}
	}
	// api, worker, facilitator and two stages; api, facilitator and two stage services.
	if kinds["Deployment"] != 5 || kinds["Service"] != 4 {
		t.Errorf("rendered kinds %v, want 5 Deployments and 4 Services", kinds)
	}
	if !bytes.Contains(out, []byte("nvidia.com/gpu: 1")) || !bytes.Contains(out, []byte("--next=aa11")) {
		t.Errorf("stage 1 should request a GPU and send to stage 0 (aa11):\n%s", out)
	}
}

// TestComposeAPISettlesThroughTemporal: the api (--temporal) is not pointed
// at the facilitator nor waits for it (the control worker settles), and can
// be priced per token (the escrow is passed).
func TestComposeAPISettlesThroughTemporal(t *testing.T) {
	var doc struct {
		Services map[string]struct {
			Command     []string          `yaml:"command"`
			Environment map[string]string `yaml:"environment"`
			DependsOn   []string          `yaml:"depends_on"`
			Profiles    []string          `yaml:"profiles"`
		} `yaml:"services"`
	}
	data, err := os.ReadFile("compose.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("compose.yaml: %v", err)
	}
	api := doc.Services["api"]
	if !slices.Contains(api.Command, "--temporal") {
		t.Fatalf("api command %q lacks --temporal", api.Command)
	}
	if _, ok := api.Environment["COMPUTEPOOL_FACILITATOR_URL"]; ok || slices.Contains(api.DependsOn, "facilitator") {
		t.Errorf("api --temporal does not use the facilitator: env %v, depends_on %v", api.Environment, api.DependsOn)
	}
	for _, k := range []string{"COMPUTEPOOL_X402_PRICE", "COMPUTEPOOL_X402_PRICE_PER_TOKEN", "COMPUTEPOOL_X402_ESCROW"} {
		if _, ok := api.Environment[k]; !ok {
			t.Errorf("api environment lacks %s", k)
		}
	}
	if _, ok := doc.Services["worker"].Environment["COMPUTEPOOL_ESCROW_KEY"]; !ok {
		t.Error("worker environment lacks the optional COMPUTEPOOL_ESCROW_KEY")
	}
	if p := doc.Services["facilitator"].Profiles; slices.Contains(p, "control") {
		t.Errorf("the facilitator is optional, not in the control profile: %v", p)
	}
}

// TestHelmPricing: a per-request and a per-token price exclude each other,
// a per-token price needs the escrow and passes it to the api, and the api
// is not pointed at the facilitator.
func TestHelmPricing(t *testing.T) {
	helm, err := exec.LookPath("helm")
	if err != nil {
		t.Skip("helm is not installed (make deploy-check installs it)")
	}
	render := func(set ...string) (string, error) {
		args := append([]string{"template", "pool", "helm/computepool"}, helmValues...)
		for _, s := range set {
			args = append(args, "--set", s)
		}
		out, err := exec.Command(helm, args...).CombinedOutput()
		return string(out), err
	}
	if out, err := render("api.pricePerToken=5"); err == nil || !strings.Contains(out, "exclude each other") {
		t.Errorf("price and pricePerToken both set: err %v\n%s", err, out)
	}
	if out, err := render("api.pricePerToken=5", "api.price="); err == nil || !strings.Contains(out, "needs api.escrow") {
		t.Errorf("pricePerToken without escrow: err %v\n%s", err, out)
	}
	out, err := render("api.pricePerToken=5", "api.price=", "api.escrow=0x00000000000000000000000000000000000000aa", "chain.escrowKeySecret=escrow-key")
	if err != nil {
		t.Fatalf("per-token chart: %v\n%s", err, out)
	}
	for _, want := range []string{"name: COMPUTEPOOL_X402_ESCROW\n              value: \"0x00000000000000000000000000000000000000aa\"",
		"name: COMPUTEPOOL_X402_PRICE\n              value: \"\"", "name: COMPUTEPOOL_ESCROW_KEY", "name: escrow-key"} {
		if !strings.Contains(out, want) {
			t.Errorf("per-token chart lacks %q", want)
		}
	}
	if strings.Contains(out, "COMPUTEPOOL_FACILITATOR_URL") {
		t.Error("the api (--temporal) is pointed at the facilitator")
	}
	out, err = render("facilitator.enabled=false")
	if err != nil || strings.Contains(out, "-facilitator") {
		t.Errorf("facilitator.enabled=false still renders it (err %v)", err)
	}
}

var flagName = regexp.MustCompile(`^--?([a-z][a-z0-9-]*)`)

// checkCommand runs `computepool <subcommand> -h` and checks each flag in
// args against the flags it lists.
func checkCommand(t *testing.T, where string, args []string) {
	t.Helper()
	sub := []string{}
	for _, a := range args {
		if strings.HasPrefix(a, "-") {
			break
		}
		sub = append(sub, a)
	}
	if len(sub) == 0 {
		t.Errorf("%s: no subcommand in %q", where, args)
		return
	}
	help, _ := exec.Command(binary, append(sub, "-h")...).CombinedOutput()
	known := map[string]bool{}
	for _, line := range strings.Split(string(help), "\n") {
		if m := flagName.FindStringSubmatch(strings.TrimSpace(line)); m != nil && strings.HasPrefix(strings.TrimSpace(line), "-") {
			known[m[1]] = true
		}
	}
	if len(known) == 0 {
		t.Errorf("%s: `computepool %s -h` lists no flags: is %q a command?\n%s", where, strings.Join(sub, " "), sub, help)
		return
	}
	for _, a := range args[len(sub):] {
		m := flagName.FindStringSubmatch(a)
		if m == nil {
			t.Errorf("%s: argument %q is not a flag", where, a)
			continue
		}
		if !known[m[1]] {
			t.Errorf("%s: computepool %s has no flag --%s", where, strings.Join(sub, " "), m[1])
		}
	}
}
