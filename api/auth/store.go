// Package auth keeps users and API keys. Keys are random secrets shown once
// and stored only as their SHA-256; passwords are stored as PBKDF2-SHA256
// hashes. Pool metadata is kept here too. The store is an embedded pure-Go
// SQLite database by default, or Postgres when opened with a postgres:// DSN
// (same schema and behaviour).
package auth

import (
	"context"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/mail"
	"net/url"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver
)

// Errors a caller maps to responses.
var (
	// ErrUnauthenticated: unknown, revoked or malformed key, or wrong password.
	ErrUnauthenticated = errors.New("invalid credentials")
	ErrUserExists      = errors.New("a user with this email already exists")
	ErrKeyNotFound     = errors.New("no such API key")
	// ErrInvalidInput wraps a malformed email or a too-short password.
	ErrInvalidInput = errors.New("invalid input")
)

// KeyPrefix starts every API key, so a leaked key is recognisable.
const KeyPrefix = "cp_"

// PasswordIterations is the PBKDF2-SHA256 work factor (OWASP 2023).
const PasswordIterations = 600_000

// MinPasswordLength is the shortest password Register accepts.
const MinPasswordLength = 8

// Store holds users and API keys.
type Store struct {
	db *sql.DB
	// postgres: queries are written with ? placeholders and renumbered
	// to $1, $2… for Postgres.
	postgres bool
	now      func() time.Time
	// iterations is PasswordIterations except in tests.
	iterations int
}

// User is who a key belongs to.
type User struct {
	ID    string
	Email string
}

// Key is an API key's record; Secret is set only when it is created.
type Key struct {
	ID        string
	UserID    string
	Name      string
	Secret    string
	CreatedAt time.Time
}

// Options tune a Store.
type Options struct {
	// PasswordIterations is the PBKDF2 work factor for new passwords
	// (default PasswordIterations; tests lower it). Stored hashes keep theirs.
	PasswordIterations int
}

// Open opens (creating the tables if needed) the store: a Postgres database
// for a postgres:// or postgresql:// DSN, else the SQLite file at path
// (":memory:" keeps it in memory).
func Open(ctx context.Context, path string) (*Store, error) { return OpenWith(ctx, path, Options{}) }

// IsPostgresDSN reports whether Open treats dsn as a Postgres database.
func IsPostgresDSN(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// OpenWith is Open with options.
func OpenWith(ctx context.Context, path string, opts Options) (*Store, error) {
	if opts.PasswordIterations <= 0 {
		opts.PasswordIterations = PasswordIterations
	}
	if IsPostgresDSN(path) {
		return openPostgres(ctx, path, opts)
	}
	dsn := "file:" + path + "?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)"
	if path == ":memory:" {
		dsn = "file::memory:?_pragma=foreign_keys(1)"
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("opening auth database %s: %w", path, err)
	}
	if path == ":memory:" {
		db.SetMaxOpenConns(1) // each connection would be a separate database
	}
	s := &Store{db: db, now: time.Now, iterations: opts.PasswordIterations}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("auth database %s: %w", path, err)
	}
	return s, nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// schema is both databases' tables; times are unix seconds (BIGINT is an
// INTEGER to SQLite).
var schema = []string{`
CREATE TABLE IF NOT EXISTS users (
	id TEXT PRIMARY KEY,
	email TEXT NOT NULL UNIQUE,
	password_hash TEXT NOT NULL,
	created_at BIGINT NOT NULL
)`, `
CREATE TABLE IF NOT EXISTS api_keys (
	id TEXT PRIMARY KEY,
	user_id TEXT NOT NULL REFERENCES users(id),
	name TEXT NOT NULL,
	key_hash TEXT NOT NULL UNIQUE,
	created_at BIGINT NOT NULL,
	revoked_at BIGINT
)`, `
CREATE TABLE IF NOT EXISTS pools (
	name TEXT PRIMARY KEY,
	data TEXT NOT NULL,
	updated_at BIGINT NOT NULL
)`}

func (s *Store) migrate(ctx context.Context) error {
	for _, stmt := range schema {
		if _, err := s.db.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("creating tables: %w", err)
		}
	}
	return nil
}

// openPostgres opens the store on a Postgres database (pure-Go pgx driver).
func openPostgres(ctx context.Context, dsn string, opts Options) (*Store, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("opening auth database %s: %w", redactDSN(dsn), err)
	}
	s := &Store{db: db, postgres: true, now: time.Now, iterations: opts.PasswordIterations}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("auth database %s: %w", redactDSN(dsn), err)
	}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("auth database %s: %w", redactDSN(dsn), err)
	}
	return s, nil
}

// redactDSN hides a DSN's password in messages.
func redactDSN(dsn string) string {
	if u, err := url.Parse(dsn); err == nil {
		return u.Redacted()
	}
	return "(postgres DSN)"
}

// q adapts a query written with ? placeholders to the database.
func (s *Store) q(query string) string {
	if !s.postgres {
		return query
	}
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			fmt.Fprintf(&b, "$%d", n)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// isUniqueViolation: SQLite says "UNIQUE constraint failed", Postgres
// "duplicate key value violates unique constraint" (SQLSTATE 23505).
func isUniqueViolation(err error) bool {
	msg := strings.ToLower(err.Error())
	return strings.Contains(msg, "unique constraint") || strings.Contains(msg, "23505")
}

// Register creates a user and a first key named "default".
func (s *Store) Register(ctx context.Context, email, password string) (*Key, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	if _, err := mail.ParseAddress(email); err != nil || strings.ContainsAny(email, "<> ") {
		return nil, fmt.Errorf("%w: email %q is not an address like name@example.com", ErrInvalidInput, email)
	}
	if len(password) < MinPasswordLength {
		return nil, fmt.Errorf("%w: the password must have at least %d characters", ErrInvalidInput, MinPasswordLength)
	}
	id, err := randomID()
	if err != nil {
		return nil, err
	}
	hash, err := s.hashPassword(password)
	if err != nil {
		return nil, err
	}
	_, err = s.db.ExecContext(ctx, s.q(`INSERT INTO users (id, email, password_hash, created_at) VALUES (?, ?, ?, ?)`),
		id, email, hash, s.now().Unix())
	if err != nil {
		if isUniqueViolation(err) {
			return nil, ErrUserExists
		}
		return nil, fmt.Errorf("creating user %s: %w", email, err)
	}
	return s.CreateKey(ctx, id, "default")
}

// Login checks a password and returns a new key named "login".
func (s *Store) Login(ctx context.Context, email, password string) (*Key, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	var id, stored string
	err := s.db.QueryRowContext(ctx, s.q(`SELECT id, password_hash FROM users WHERE email = ?`), email).Scan(&id, &stored)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrUnauthenticated
	}
	if err != nil {
		return nil, fmt.Errorf("looking up user %s: %w", email, err)
	}
	ok, err := checkPassword(stored, password)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, ErrUnauthenticated
	}
	return s.CreateKey(ctx, id, "login")
}

// CreateKey adds a key for a user.
func (s *Store) CreateKey(ctx context.Context, userID, name string) (*Key, error) {
	id, err := randomID()
	if err != nil {
		return nil, err
	}
	secret := make([]byte, 32)
	if _, err := rand.Read(secret); err != nil {
		return nil, fmt.Errorf("drawing an API key: %w", err)
	}
	k := &Key{ID: id, UserID: userID, Name: name, CreatedAt: s.now().UTC().Truncate(time.Second),
		Secret: KeyPrefix + base64.RawURLEncoding.EncodeToString(secret)}
	_, err = s.db.ExecContext(ctx, s.q(`INSERT INTO api_keys (id, user_id, name, key_hash, created_at) VALUES (?, ?, ?, ?, ?)`),
		k.ID, userID, name, hashKey(k.Secret), k.CreatedAt.Unix())
	if err != nil {
		return nil, fmt.Errorf("creating API key for user %s: %w", userID, err)
	}
	return k, nil
}

// Authenticate returns the user a key belongs to, or ErrUnauthenticated.
func (s *Store) Authenticate(ctx context.Context, secret string) (*User, error) {
	if !strings.HasPrefix(secret, KeyPrefix) {
		return nil, ErrUnauthenticated
	}
	var u User
	err := s.db.QueryRowContext(ctx, s.q(`SELECT u.id, u.email FROM api_keys k JOIN users u ON u.id = k.user_id
		WHERE k.key_hash = ? AND k.revoked_at IS NULL`), hashKey(secret)).Scan(&u.ID, &u.Email)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrUnauthenticated
	}
	if err != nil {
		return nil, fmt.Errorf("checking API key: %w", err)
	}
	return &u, nil
}

// Revoke disables one of a user's keys.
func (s *Store) Revoke(ctx context.Context, userID, keyID string) error {
	res, err := s.db.ExecContext(ctx, s.q(`UPDATE api_keys SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL`),
		s.now().Unix(), keyID, userID)
	if err != nil {
		return fmt.Errorf("revoking API key %s: %w", keyID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrKeyNotFound
	}
	return nil
}

// hashKey is the stored form of a key: a key has 256 bits of entropy, so a
// fast hash suffices (and lookups stay one indexed query).
func hashKey(secret string) string {
	h := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(h[:])
}

func randomID() (string, error) {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("drawing an id: %w", err)
	}
	return hex.EncodeToString(b), nil
}

// hashPassword returns "pbkdf2-sha256$iterations$salt$hash" (base64).
func (s *Store) hashPassword(password string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("drawing a salt: %w", err)
	}
	dk, err := pbkdf2.Key(sha256.New, password, salt, s.iterations, 32)
	if err != nil {
		return "", fmt.Errorf("hashing password: %w", err)
	}
	return fmt.Sprintf("pbkdf2-sha256$%d$%s$%s", s.iterations,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(dk)), nil
}

func checkPassword(stored, password string) (bool, error) {
	var iter int
	parts := strings.Split(stored, "$")
	if len(parts) != 4 || parts[0] != "pbkdf2-sha256" {
		return false, errors.New("stored password hash has an unknown format")
	}
	if _, err := fmt.Sscanf(parts[1], "%d", &iter); err != nil || iter <= 0 {
		return false, errors.New("stored password hash has a bad iteration count")
	}
	salt, err1 := base64.RawStdEncoding.DecodeString(parts[2])
	want, err2 := base64.RawStdEncoding.DecodeString(parts[3])
	if err1 != nil || err2 != nil {
		return false, errors.New("stored password hash is not base64")
	}
	got, err := pbkdf2.Key(sha256.New, password, salt, iter, len(want))
	if err != nil {
		return false, fmt.Errorf("hashing password: %w", err)
	}
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// SavePool stores a pool's metadata (the API's JSON of it), replacing what
// was stored under its name.
func (s *Store) SavePool(ctx context.Context, name string, data []byte) error {
	_, err := s.db.ExecContext(ctx, s.q(`INSERT INTO pools (name, data, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`), name, string(data), s.now().Unix())
	if err != nil {
		return fmt.Errorf("saving pool %q: %w", name, err)
	}
	return nil
}

// DeletePool forgets a pool's metadata (nothing stored is not an error).
func (s *Store) DeletePool(ctx context.Context, name string) error {
	if _, err := s.db.ExecContext(ctx, s.q(`DELETE FROM pools WHERE name = ?`), name); err != nil {
		return fmt.Errorf("deleting pool %q: %w", name, err)
	}
	return nil
}

// LoadPools returns every stored pool's metadata, by name.
func (s *Store) LoadPools(ctx context.Context) (map[string][]byte, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT name, data FROM pools`)
	if err != nil {
		return nil, fmt.Errorf("loading pools: %w", err)
	}
	defer rows.Close()
	out := map[string][]byte{}
	for rows.Next() {
		var name, data string
		if err := rows.Scan(&name, &data); err != nil {
			return nil, fmt.Errorf("loading pools: %w", err)
		}
		out[name] = []byte(data)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("loading pools: %w", err)
	}
	return out, nil
}
