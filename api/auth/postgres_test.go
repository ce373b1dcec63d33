package auth

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/computepool/computepool/internal/freeport"
)

// TestPostgres runs the store's behaviour against a real Postgres: a
// throwaway cluster (initdb + postgres in a temp dir, on a free port) when
// the binaries are installed (Debian: apt-get install postgresql), else the
// test skips and says so. COMPUTEPOOL_TEST_POSTGRES_DSN points it at an
// existing database instead.
func TestPostgres(t *testing.T) {
	dsn := os.Getenv("COMPUTEPOOL_TEST_POSTGRES_DSN")
	if dsn == "" {
		dsn = startPostgres(t)
	}
	ctx := context.Background()
	open := func() *Store {
		s, err := OpenWith(ctx, dsn, Options{PasswordIterations: 1000})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	s := open()
	for _, table := range []string{"api_keys", "users", "pools"} { // a clean slate on a reused database
		if _, err := s.db.ExecContext(ctx, "DELETE FROM "+table); err != nil {
			t.Fatal(err)
		}
	}
	checkKeysLifecycle(t, s)
	checkSecretsNotStored(t, s)
	checkRegisterValidates(t, s)
	checkPools(t, s)
	// Opening again finds the tables and the data (the schema is created once).
	again := open()
	if _, err := again.Login(ctx, "ada@example.com", "correct horse"); err != nil {
		t.Fatalf("login on a reopened store: %v", err)
	}
	if _, err := OpenWith(ctx, "postgres://nobody@127.0.0.1:1/none?sslmode=disable&connect_timeout=2", Options{}); err == nil {
		t.Fatal("opening an unreachable Postgres succeeded")
	}
}

// startPostgres starts a throwaway cluster and returns its DSN. Postgres
// refuses to run as root, so under root it runs as the postgres (else
// nobody) user.
func startPostgres(t *testing.T) string {
	t.Helper()
	bin := postgresBinDir()
	if bin == "" {
		t.Skip("Postgres binaries (initdb, postgres) not found: install them (Debian: apt-get install postgresql) or set COMPUTEPOOL_TEST_POSTGRES_DSN")
	}
	dir, err := os.MkdirTemp("", "computepool-pg-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	cred := dropRoot(t, dir)
	data := filepath.Join(dir, "data")
	run := func(name string, args ...string) *exec.Cmd {
		cmd := exec.Command(filepath.Join(bin, name), args...)
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
		cmd.Dir = dir
		return cmd
	}
	if out, err := run("initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync").CombinedOutput(); err != nil {
		t.Fatalf("initdb: %v\n%s", err, out)
	}
	port := freeTCPPort(t)
	srv := run("postgres", "-D", data, "-p", strconv.Itoa(port), "-k", dir, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off")
	logf, err := os.Create(filepath.Join(dir, "postgres.log"))
	if err != nil {
		t.Fatal(err)
	}
	srv.Stdout, srv.Stderr = logf, logf
	if err := srv.Start(); err != nil {
		t.Fatalf("postgres: %v", err)
	}
	t.Cleanup(func() {
		srv.Process.Signal(syscall.SIGINT) //nolint:errcheck // fast shutdown
		srv.Wait()                         //nolint:errcheck // it was asked to stop
	})
	dsn := fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", port)
	waitPostgres(t, dsn, filepath.Join(dir, "postgres.log"))
	return dsn
}

// postgresBinDir finds initdb and postgres on PATH or in Debian's place.
func postgresBinDir() string {
	if p, err := exec.LookPath("initdb"); err == nil {
		if _, err := exec.LookPath("postgres"); err == nil {
			return filepath.Dir(p)
		}
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	for i := len(dirs) - 1; i >= 0; i-- {
		if _, err := os.Stat(filepath.Join(dirs[i], "initdb")); err == nil {
			return dirs[i]
		}
	}
	return ""
}

// dropRoot returns the credential the cluster runs under (nil: this user)
// and hands it dir.
func dropRoot(t *testing.T, dir string) *syscall.Credential {
	t.Helper()
	if os.Geteuid() != 0 {
		return nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		if u, err = user.Lookup("nobody"); err != nil {
			t.Skip("running as root with neither a postgres nor a nobody user to run Postgres as")
		}
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	if err := os.Chown(dir, uid, gid); err != nil {
		t.Fatal(err)
	}
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
}

func freeTCPPort(t *testing.T) int {
	t.Helper()
	port, err := freeport.TCP("127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	return port
}

// waitPostgres waits until the server answers (start-up takes ~1 s).
func waitPostgres(t *testing.T, dsn, logPath string) {
	t.Helper()
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	deadline := time.Now().Add(30 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		err := db.PingContext(ctx)
		cancel()
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			log, _ := os.ReadFile(logPath)
			t.Fatalf("postgres did not answer: %v\n%s", err, log)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
