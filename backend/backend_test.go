package backend

import (
	"strings"
	"testing"
)

func TestResolve(t *testing.T) {
	for _, c := range []struct{ spec, env, want string }{
		{"", "", Default},
		{"", "cpu:threads=1", "cpu:threads=1"},
		{"go", "", GoBackend},
		{"", "go", GoBackend},
		{"go:", "", "go:"},
		{"xla:cuda", "cpu", "xla:cuda"},
	} {
		t.Setenv(EnvVar, c.env)
		if got := Resolve(c.spec); got != c.want {
			t.Errorf("Resolve(%q) with %s=%q = %q, want %q", c.spec, EnvVar, c.env, got, c.want)
		}
	}
}

func TestNewUnknown(t *testing.T) {
	if _, err := New("nope"); err == nil {
		t.Fatal("New(\"nope\") opened a backend")
	}
}

// "go:" is GoMLX's pure-Go backend with its own defaults, as documented.
func TestNewGoDefaults(t *testing.T) {
	b, err := New("go:")
	if err != nil {
		t.Fatal(err)
	}
	b.Finalize()
}

// GoMLX's backends are named by the spec they were opened with: their
// options change how they sum.
func TestArithmeticOfGoMLXBackends(t *testing.T) {
	name := func(spec string) string {
		t.Helper()
		b, err := New(spec)
		if err != nil {
			t.Fatal(err)
		}
		defer b.Finalize()
		return Arithmetic(b)
	}
	tuned, own := name("go"), name("go:")
	if tuned == own {
		t.Errorf("GoMLX's defaults and %s have one arithmetic: %q", GoBackend, tuned)
	}
	if !strings.HasPrefix(tuned, GoBackend+"/") {
		t.Errorf("Arithmetic of %s = %q", GoBackend, tuned)
	}
	if got := name(""); got == tuned || !strings.HasPrefix(got, "cpu/") {
		t.Errorf("Arithmetic of the default backend = %q", got)
	}
}
