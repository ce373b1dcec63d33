package axl

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// Defaults of the stock AXL node (gensyn-ai/axl cmd/node/config.go).
const (
	DefaultTCPPort        = 7000
	DefaultAPIPort        = 9002
	DefaultBridgeAddr     = "127.0.0.1"
	DefaultMaxMessageSize = 16 << 20
	DefaultMaxConns       = 128
	DefaultReadTimeout    = 60 * time.Second
	DefaultIdleTimeout    = 300 * time.Second
	// DefaultMTU is the overlay MTU of our nodes. The stock node keeps 1280;
	// TCP's MSS negotiation makes mixed networks work either way.
	DefaultMTU = 65535
)

// Config is the stock node-config.json: Yggdrasil's fields (PrivateKey or
// PrivateKeyPath, Peers, Listen) and AXL's, plus two of ours: mtu and
// allowed_peers (the stock node reads AllowedPublicKeys but ignores it for
// traffic; we drop messages from peers outside this list).
type Config struct {
	PrivateKey     string   `json:"PrivateKey,omitempty"` // hex of the 64-byte ed25519 private key
	PrivateKeyPath string   `json:"PrivateKeyPath,omitempty"`
	Peers          []string `json:"Peers"`
	Listen         []string `json:"Listen"`

	TCPPort             int    `json:"tcp_port,omitempty"`
	APIPort             int    `json:"api_port,omitempty"`
	BridgeAddr          string `json:"bridge_addr,omitempty"`
	MaxMessageSize      int    `json:"max_message_size,omitempty"`
	MaxConcurrentConns  int    `json:"max_concurrent_conns,omitempty"`
	ConnReadTimeoutSecs int    `json:"conn_read_timeout_secs,omitempty"`
	ConnIdleTimeoutSecs int    `json:"conn_idle_timeout_secs,omitempty"`

	MTU          int      `json:"mtu,omitempty"`
	AllowedPeers []string `json:"allowed_peers,omitempty"`

	// key is the loaded private key (from PrivateKey, PrivateKeyPath or set
	// by SetKey); not serialized.
	key ed25519.PrivateKey
}

// LoadConfig reads a node-config.json. A relative PrivateKeyPath is taken
// relative to the config file's directory.
func LoadConfig(path string) (Config, error) {
	var c Config
	b, err := os.ReadFile(path)
	if err != nil {
		return c, fmt.Errorf("reading AXL config: %w", err)
	}
	if err := json.Unmarshal(b, &c); err != nil {
		return c, fmt.Errorf("parsing AXL config %s: %w", path, err)
	}
	if c.PrivateKeyPath != "" && !filepath.IsAbs(c.PrivateKeyPath) {
		c.PrivateKeyPath = filepath.Join(filepath.Dir(path), c.PrivateKeyPath)
	}
	if err := c.loadKey(); err != nil {
		return c, fmt.Errorf("%s: %w", path, err)
	}
	return c, nil
}

// LoadOrInitDir loads dir/node-config.json, first creating it with a new
// identity in dir/private.pem (PKCS#8 PEM, as the stock node expects) when
// the directory holds none.
func LoadOrInitDir(dir string) (Config, error) {
	path := filepath.Join(dir, "node-config.json")
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		if err := initDir(dir); err != nil {
			return Config{}, err
		}
	}
	return LoadConfig(path)
}

func initDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("creating AXL directory: %w", err)
	}
	_, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return fmt.Errorf("generating AXL identity: %w", err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return fmt.Errorf("encoding AXL identity: %w", err)
	}
	pemBytes := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
	if err := os.WriteFile(filepath.Join(dir, "private.pem"), pemBytes, 0o600); err != nil {
		return fmt.Errorf("writing AXL identity: %w", err)
	}
	cfg, _ := json.MarshalIndent(Config{PrivateKeyPath: "private.pem", Peers: []string{}, Listen: []string{}}, "", "  ")
	if err := os.WriteFile(filepath.Join(dir, "node-config.json"), append(cfg, '\n'), 0o600); err != nil {
		return fmt.Errorf("writing AXL config: %w", err)
	}
	return nil
}

// SetKey gives the config an identity directly (tests, tools).
func (c *Config) SetKey(key ed25519.PrivateKey) { c.key = key }

// ID is the peer id of the configured identity ("" before one is loaded).
func (c *Config) ID() PeerID {
	if c.key == nil {
		return ""
	}
	return PeerIDOf(c.key.Public().(ed25519.PublicKey))
}

func (c *Config) loadKey() error {
	switch {
	case c.key != nil:
		return nil
	case c.PrivateKeyPath != "":
		b, err := os.ReadFile(c.PrivateKeyPath)
		if err != nil {
			return fmt.Errorf("reading private key: %w", err)
		}
		c.key, err = parsePEMKey(b)
		return err
	case c.PrivateKey != "":
		b, err := hex.DecodeString(c.PrivateKey)
		if err != nil || len(b) != ed25519.PrivateKeySize {
			return fmt.Errorf("PrivateKey: want %d hex-encoded bytes of an ed25519 private key", ed25519.PrivateKeySize)
		}
		c.key = ed25519.PrivateKey(b)
		return nil
	default:
		_, key, err := ed25519.GenerateKey(rand.Reader)
		if err != nil {
			return fmt.Errorf("generating identity: %w", err)
		}
		c.key = key
		return nil
	}
}

func parsePEMKey(b []byte) (ed25519.PrivateKey, error) {
	block, _ := pem.Decode(b)
	if block == nil {
		return nil, errors.New("private key: no PEM block")
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("private key: %w", err)
	}
	key, ok := k.(ed25519.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("private key: %T is not ed25519", k)
	}
	return key, nil
}

func (c *Config) setDefaults() {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&c.TCPPort, DefaultTCPPort)
	def(&c.APIPort, DefaultAPIPort)
	def(&c.MaxMessageSize, DefaultMaxMessageSize)
	def(&c.MaxConcurrentConns, DefaultMaxConns)
	def(&c.ConnReadTimeoutSecs, int(DefaultReadTimeout/time.Second))
	def(&c.ConnIdleTimeoutSecs, int(DefaultIdleTimeout/time.Second))
	def(&c.MTU, DefaultMTU)
	if c.BridgeAddr == "" {
		c.BridgeAddr = DefaultBridgeAddr
	}
}
