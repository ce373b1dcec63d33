package workers

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"os"

	"go.temporal.io/sdk/client"
	"go.uber.org/zap"
)

// Environment variables of the Temporal client (DESIGN.md §9: frontend
// 127.0.0.1:7233, namespace default). An external cluster or Temporal Cloud
// is configuration, not code: address + namespace, plus mTLS files or an API key.
const (
	EnvAddress       = "COMPUTEPOOL_TEMPORAL_ADDRESS"   // host:port, default 127.0.0.1:7233
	EnvNamespace     = "COMPUTEPOOL_TEMPORAL_NAMESPACE" // default "default"
	EnvTLSCert       = "COMPUTEPOOL_TEMPORAL_TLS_CERT"  // client certificate (PEM), with EnvTLSKey: mTLS
	EnvTLSKey        = "COMPUTEPOOL_TEMPORAL_TLS_KEY"
	EnvTLSCA         = "COMPUTEPOOL_TEMPORAL_TLS_CA"          // CA bundle (PEM) for the server, default system roots
	EnvTLSServerName = "COMPUTEPOOL_TEMPORAL_TLS_SERVER_NAME" // SNI override
	EnvTLS           = "COMPUTEPOOL_TEMPORAL_TLS"             // "1": TLS with system roots and no client cert
	EnvAPIKey        = "COMPUTEPOOL_TEMPORAL_API_KEY"         // Temporal Cloud API key (implies TLS)
)

// Defaults (DESIGN.md §9).
const (
	DefaultAddress   = "127.0.0.1:7233"
	DefaultNamespace = "default"
)

// ClientConfig says how to reach Temporal.
type ClientConfig struct {
	Address       string
	Namespace     string
	TLS           bool
	TLSCertFile   string
	TLSKeyFile    string
	TLSCAFile     string
	TLSServerName string
	APIKey        string
}

// ClientConfigFromEnv reads the COMPUTEPOOL_TEMPORAL_* variables over the defaults.
func ClientConfigFromEnv() ClientConfig {
	c := ClientConfig{Address: os.Getenv(EnvAddress), Namespace: os.Getenv(EnvNamespace),
		TLS: os.Getenv(EnvTLS) == "1" || os.Getenv(EnvTLS) == "true", TLSCertFile: os.Getenv(EnvTLSCert),
		TLSKeyFile: os.Getenv(EnvTLSKey), TLSCAFile: os.Getenv(EnvTLSCA), TLSServerName: os.Getenv(EnvTLSServerName),
		APIKey: os.Getenv(EnvAPIKey)}
	if c.Address == "" {
		c.Address = DefaultAddress
	}
	if c.Namespace == "" {
		c.Namespace = DefaultNamespace
	}
	return c
}

// Options builds the SDK client options, logging through log.
func (c ClientConfig) Options(log *zap.Logger) (client.Options, error) {
	o := client.Options{HostPort: c.Address, Namespace: c.Namespace, Logger: NewLogger(log)}
	if (c.TLSCertFile == "") != (c.TLSKeyFile == "") {
		return o, errors.New("temporal mTLS needs both " + EnvTLSCert + " and " + EnvTLSKey)
	}
	if c.TLS || c.TLSCertFile != "" || c.TLSCAFile != "" || c.APIKey != "" {
		t := &tls.Config{ServerName: c.TLSServerName, MinVersion: tls.VersionTLS12}
		if c.TLSCertFile != "" {
			cert, err := tls.LoadX509KeyPair(c.TLSCertFile, c.TLSKeyFile)
			if err != nil {
				return o, fmt.Errorf("temporal client certificate %s: %w", c.TLSCertFile, err)
			}
			t.Certificates = []tls.Certificate{cert}
		}
		if c.TLSCAFile != "" {
			pem, err := os.ReadFile(c.TLSCAFile)
			if err != nil {
				return o, fmt.Errorf("temporal CA %s: %w", c.TLSCAFile, err)
			}
			pool := x509.NewCertPool()
			if !pool.AppendCertsFromPEM(pem) {
				return o, fmt.Errorf("temporal CA %s: no PEM certificates", c.TLSCAFile)
			}
			t.RootCAs = pool
		}
		o.ConnectionOptions.TLS = t
	}
	if c.APIKey != "" {
		o.Credentials = client.NewAPIKeyStaticCredentials(c.APIKey)
	}
	return o, nil
}

// Dial connects to Temporal (checking the server answers).
func Dial(ctx context.Context, c ClientConfig, log *zap.Logger) (client.Client, error) {
	o, err := c.Options(log)
	if err != nil {
		return nil, err
	}
	cl, err := client.DialContext(ctx, o)
	if err != nil {
		return nil, fmt.Errorf("connect to Temporal at %s (namespace %s; start one with `computepool dev` or set %s): %w",
			c.Address, c.Namespace, EnvAddress, err)
	}
	return cl, nil
}
