package poolctl_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/computepool/computepool/workflows/pool"
	"github.com/computepool/computepool/workflows/poolctl"
)

func TestTemplateFromEnv(t *testing.T) {
	for _, k := range []string{poolctl.EnvHealthInterval, poolctl.EnvHealthTimeout, poolctl.EnvHealthMaxMissed, poolctl.EnvHealthGrace,
		poolctl.EnvSlashAmount, poolctl.EnvSlashHarmed} {
		t.Setenv(k, "")
	}
	got, err := poolctl.TemplateFromEnv(pool.Config{NumLayers: 16})
	require.NoError(t, err)
	require.Equal(t, pool.Config{NumLayers: 16}, got, "nothing set: no probes, no slashing")

	t.Setenv(poolctl.EnvHealthInterval, "10s")
	t.Setenv(poolctl.EnvHealthMaxMissed, "5")
	t.Setenv(poolctl.EnvHealthGrace, "2m")
	t.Setenv(poolctl.EnvSlashAmount, "1000000")
	t.Setenv(poolctl.EnvSlashHarmed, "0x00000000000000000000000000000000000000a1")
	got, err = poolctl.TemplateFromEnv(pool.Config{SlashAmount: "7"})
	require.NoError(t, err)
	require.Equal(t, pool.HealthPolicy{Interval: 10 * time.Second, MaxMissed: 5, Grace: 2 * time.Minute}, got.Health)
	require.Equal(t, "7", got.SlashAmount, "the template's own value wins")
	require.Equal(t, "0x00000000000000000000000000000000000000a1", got.SlashHarmed)

	t.Setenv(poolctl.EnvHealthTimeout, "soon")
	_, err = poolctl.TemplateFromEnv(pool.Config{})
	require.ErrorContains(t, err, poolctl.EnvHealthTimeout)
	t.Setenv(poolctl.EnvHealthTimeout, "")
	t.Setenv(poolctl.EnvSlashAmount, "-1")
	_, err = poolctl.TemplateFromEnv(pool.Config{})
	require.ErrorContains(t, err, poolctl.EnvSlashAmount)
}
