package workers

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"
	"go.uber.org/zap"
	"go.uber.org/zap/zaptest/observer"
)

func TestClientConfigFromEnv(t *testing.T) {
	for _, k := range []string{EnvAddress, EnvNamespace, EnvTLS, EnvTLSCert, EnvTLSKey, EnvTLSCA, EnvTLSServerName, EnvAPIKey} {
		t.Setenv(k, "")
	}
	c := ClientConfigFromEnv()
	require.Equal(t, DefaultAddress, c.Address)
	require.Equal(t, DefaultNamespace, c.Namespace)
	o, err := c.Options(zap.NewNop())
	require.NoError(t, err)
	require.Nil(t, o.ConnectionOptions.TLS, "plain gRPC to a local dev server")
	require.Nil(t, o.Credentials)

	t.Setenv(EnvAddress, "acme.a1b2c.tmprl.cloud:7233")
	t.Setenv(EnvNamespace, "acme.a1b2c")
	t.Setenv(EnvAPIKey, "secret")
	c = ClientConfigFromEnv()
	o, err = c.Options(zap.NewNop())
	require.NoError(t, err)
	require.Equal(t, "acme.a1b2c.tmprl.cloud:7233", o.HostPort)
	require.Equal(t, "acme.a1b2c", o.Namespace)
	require.NotNil(t, o.ConnectionOptions.TLS, "an API key implies TLS")
	require.NotNil(t, o.Credentials)

	_, err = ClientConfig{Address: "x:1", TLSCertFile: "cert.pem"}.Options(zap.NewNop())
	require.ErrorContains(t, err, EnvTLSKey)
	bad := filepath.Join(t.TempDir(), "ca.pem")
	require.NoError(t, os.WriteFile(bad, []byte("not pem"), 0o600))
	_, err = ClientConfig{Address: "x:1", TLSCAFile: bad}.Options(zap.NewNop())
	require.ErrorContains(t, err, "no PEM certificates")
}

func TestLoggerAdapter(t *testing.T) {
	core, logs := observer.New(zap.DebugLevel)
	l := NewLogger(zap.New(core)).With("workflow", "pool/p1")
	l.Warn("round failed", "round", 2, "error", "rpc down", "dangling")
	require.Equal(t, 1, logs.Len())
	e := logs.All()[0]
	require.Equal(t, "round failed", e.Message)
	m := e.ContextMap()
	require.Equal(t, "pool/p1", m["workflow"])
	require.EqualValues(t, 2, m["round"])
	require.Equal(t, "rpc down", m["error"])
	require.Equal(t, "dangling", m["extra"])
}

func TestSearchAttributes(t *testing.T) {
	sa := SearchAttributes()
	for _, k := range []string{"SettlementState", "SettlementPayer", "PoolId", "PoolModel", "PoolState", "PoolOwner"} {
		require.Contains(t, sa, k)
	}
	require.Equal(t, enumspb.INDEXED_VALUE_TYPE_BOOL, sa["SettlementRetried"])
}
