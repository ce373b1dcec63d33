package auth

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

func openTest(t *testing.T) *Store {
	t.Helper()
	s, err := OpenWith(context.Background(), filepath.Join(t.TempDir(), "auth.db"), Options{PasswordIterations: 1000})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestKeysLifecycle(t *testing.T) { checkKeysLifecycle(t, openTest(t)) }

// checkKeysLifecycle is the behaviour every database must show.
func checkKeysLifecycle(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	k, err := s.Register(ctx, "Ada@Example.com", "correct horse")
	if err != nil {
		t.Fatal(err)
	}
	u, err := s.Authenticate(ctx, k.Secret)
	if err != nil || u.Email != "ada@example.com" || u.ID != k.UserID {
		t.Fatalf("Authenticate(first key) = %+v, %v", u, err)
	}
	if _, err := s.Register(ctx, "ada@example.com", "another one"); !errors.Is(err, ErrUserExists) {
		t.Fatalf("second Register = %v, want ErrUserExists", err)
	}
	if _, err := s.Login(ctx, "ada@example.com", "wrong password"); !errors.Is(err, ErrUnauthenticated) {
		t.Fatalf("Login(wrong password) = %v", err)
	}
	k2, err := s.Login(ctx, "ada@example.com", "correct horse")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Revoke(ctx, u.ID, k.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Authenticate(ctx, k.Secret); !errors.Is(err, ErrUnauthenticated) {
		t.Fatalf("revoked key authenticated: %v", err)
	}
	if _, err := s.Authenticate(ctx, k2.Secret); err != nil {
		t.Fatalf("other key stopped working: %v", err)
	}
	if err := s.Revoke(ctx, "someone-else", k2.ID); !errors.Is(err, ErrKeyNotFound) {
		t.Fatalf("revoking another user's key = %v, want ErrKeyNotFound", err)
	}
	for _, bad := range []string{"", "cp_", "cp_nope", k.Secret + "x", "Bearer " + k2.Secret} {
		if _, err := s.Authenticate(ctx, bad); !errors.Is(err, ErrUnauthenticated) {
			t.Errorf("Authenticate(%q) = %v, want ErrUnauthenticated", bad, err)
		}
	}
}

func TestSecretsAreNotStored(t *testing.T) { checkSecretsNotStored(t, openTest(t)) }

func checkSecretsNotStored(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	k, err := s.Register(ctx, "bob@example.com", "hunter2hunter2")
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := s.db.QueryRow(s.q(`SELECT count(*) FROM api_keys WHERE key_hash = ? OR name = ?`), k.Secret, k.Secret).Scan(&n); err != nil {
		t.Fatal(err)
	}
	var pw string
	if err := s.db.QueryRow(s.q(`SELECT password_hash FROM users WHERE email = ?`), "bob@example.com").Scan(&pw); err != nil {
		t.Fatal(err)
	}
	if n != 0 || pw == "hunter2hunter2" {
		t.Fatalf("a secret is stored in clear (keys matching: %d, password column %q)", n, pw)
	}
}

func TestRegisterValidates(t *testing.T) { checkRegisterValidates(t, openTest(t)) }

func checkRegisterValidates(t *testing.T, s *Store) {
	t.Helper()
	if _, err := s.Register(context.Background(), "not-an-email", "long enough"); err == nil {
		t.Error("Register accepted a bad email")
	}
	if _, err := s.Register(context.Background(), "c@example.com", "short"); err == nil {
		t.Error("Register accepted a short password")
	}
}

// TestDefaultWorkFactor: a store opened without options hashes passwords
// with the production PBKDF2 count.
func TestDefaultWorkFactor(t *testing.T) {
	s, err := Open(context.Background(), ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Register(context.Background(), "d@example.com", "long enough"); err != nil {
		t.Fatal(err)
	}
	var pw string
	if err := s.db.QueryRow(`SELECT password_hash FROM users`).Scan(&pw); err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("pbkdf2-sha256$%d$", PasswordIterations); !strings.HasPrefix(pw, want) {
		t.Fatalf("stored hash %q, want prefix %q", pw, want)
	}
}

func TestPools(t *testing.T) { checkPools(t, openTest(t)) }

// checkPools: pool metadata is saved, replaced, listed and deleted.
func checkPools(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	for _, step := range []struct{ name, data string }{{"p1", `{"name":"p1"}`}, {"p2", `{"name":"p2"}`}, {"p1", `{"name":"p1","model":"m"}`}} {
		if err := s.SavePool(ctx, step.name, []byte(step.data)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.DeletePool(ctx, "p2"); err != nil {
		t.Fatal(err)
	}
	if err := s.DeletePool(ctx, "never-there"); err != nil {
		t.Fatal(err)
	}
	got, err := s.LoadPools(ctx)
	if err != nil || len(got) != 1 || string(got["p1"]) != `{"name":"p1","model":"m"}` {
		t.Fatalf("LoadPools = %q, %v", got, err)
	}
}
